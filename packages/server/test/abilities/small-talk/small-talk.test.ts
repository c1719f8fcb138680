// Small talk: greetings, thanks, "how are you", "who are you" in en/ja/ko get a short answer
// (a greeting by the part of the day on the device's clock), not the fallback; through real CIC
// they leave every other ability's questions and the fallback as they were.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { AbilityRouter } from "../../../src/abilities/router.js";
import { smallTalkAbility } from "../../../src/abilities/small-talk/index.js";
import { PHRASES } from "../../../src/abilities/small-talk/models.js";
import type { Language } from "../../../src/assistant/turn.js";
import { type DeviceSideWorld, startWorld } from "../../device-side/clover.js";
import { device as testDevice } from "../../helpers/platform.js";

// Saturday 5 December 2026, 07:30 UTC: morning in London, afternoon in Tokyo, evening in Honolulu.
const NOW = Date.parse("2026-12-05T07:30:00Z");
const clock = { now: () => NOW };
const ability = smallTalkAbility(clock);
const router = new AbilityRouter([ability], clock);
const device = (language: Language, timeZone = "Asia/Tokyo") =>
  testDevice({ language, locale: language, timeZone });

async function answer(text: string, language: Language, timeZone?: string) {
  const d = device(language, timeZone);
  const recognition = await router.recognize(ability, text, d);
  const answered = await ability.handle({ text, device: d, recognition });
  return { intent: recognition.intent, said: answered?.speech[0]?.value };
}

describe("small talk", () => {
  for (const language of ["en", "ja", "ko"] as const) {
    it(`every written ${language} phrasing is recognized as its intent`, async () => {
      const wrong: string[] = [];
      for (const [intent, utterances] of Object.entries(PHRASES[language]))
        for (const text of utterances) {
          const found = await router.recognize(ability, text, device(language));
          if (found.intent !== intent) wrong.push(`${text} → ${found.intent}`);
        }
      assert.deepEqual(wrong, []);
    });
  }

  it("greets back by the part of the day where the device is", async () => {
    assert.equal((await answer("hello", "en", "Europe/London")).said, "Good morning!");
    assert.equal((await answer("good morning", "en", "Asia/Tokyo")).said, "Good afternoon!");
    assert.equal((await answer("hi there", "en", "Pacific/Honolulu")).said, "Good evening!");
    assert.equal((await answer("こんばんは", "ja", "Europe/London")).said, "おはようございます。");
    assert.equal((await answer("안녕하세요", "ko", "Europe/London")).said, "좋은 아침이에요.");
  });

  it("answers thanks, good night, how are you and who are you in each language", async () => {
    assert.equal((await answer("thank you so much", "en")).said, "You're welcome.");
    assert.equal((await answer("ありがとうございます", "ja")).said, "どういたしまして。");
    assert.equal((await answer("감사합니다", "ko")).said, "천만에요.");
    assert.equal((await answer("good night", "en")).said, "Good night. Sleep well.");
    assert.match((await answer("how are you doing", "en")).said ?? "", /doing well/);
    assert.match((await answer("who are you", "en")).said ?? "", /Clover/);
    assert.match((await answer("名前を教えて", "ja")).said ?? "", /Clover/);
  });

  it("understands phrasings it was not written with, and answers nothing else", async () => {
    for (const [text, intent] of [
      ["thanks so much", "ThanksIntent"],
      ["good morning clover", "HelloIntent"],
      ["how are you doing today", "HowAreYouIntent"],
    ] as const)
      assert.equal((await answer(text, "en")).intent, intent, text);
    for (const text of ["what's the weather", "tell me a joke", "thank you for the music playlist"])
      assert.equal((await answer(text, "en")).said, undefined, text);
  });
});

describe("small talk through CIC", () => {
  let world: DeviceSideWorld;
  before(async () => {
    world = await startWorld({ examples: "off" }, { clock });
  });
  after(() => world.close());

  it("answers thanks and a greeting; the clock and the fallback keep theirs", async () => {
    const speaker = await world.device("small-talk-speaker", { account: "small-talk-user" });
    await speaker.send({
      namespace: "Settings",
      name: "Report",
      payload: { configuration: { TimeZone: "Europe/London" } },
    });
    await speaker.say("thank you");
    assert.equal(speaker.screen.text.at(-1), "You're welcome.");
    await speaker.say("good morning");
    assert.equal(speaker.screen.text.at(-1), "Good morning!");
    await speaker.say("what time is it");
    assert.equal(speaker.screen.text.at(-1), "It's 7:30 AM.");
    await speaker.say("what's the news");
    assert.match(speaker.screen.text.at(-1) ?? "", /didn't catch that/);
  });
});
