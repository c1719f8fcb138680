// The clock ability: every written phrasing (en/ja/ko) is recognized as its intent, answers
// are the time and date in the device's zone (another city's, with its day when it differs),
// and through real CIC the clock answers the time while the schedule and alarms keep theirs.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { clockAbility } from "../../../src/abilities/clock/index.js";
import { phrasesOf } from "../../../src/abilities/clock/models.js";
import { AbilityRouter } from "../../../src/abilities/router.js";
import type { Language } from "../../../src/assistant/turn.js";
import { type DeviceSideWorld, names, startWorld } from "../../device-side/clover.js";
import { device as testDevice } from "../../helpers/platform.js";

// Saturday 5 December 2026, 07:30 UTC: 16:30 in Tokyo, 23:30 on Friday in Los Angeles.
const NOW = Date.parse("2026-12-05T07:30:00Z");
const clock = { now: () => NOW };
const ability = clockAbility(clock);
const router = new AbilityRouter([ability], clock);
const device = (language: Language, timeZone = "Asia/Tokyo") =>
  testDevice({ language, locale: language, timeZone });

async function answer(text: string, language: Language, timeZone?: string) {
  const d = device(language, timeZone);
  const recognition = await router.recognize(ability, text, d);
  const answered = await ability.handle({ text, device: d, recognition });
  return { intent: recognition.intent, said: answered?.speech[0]?.value };
}

describe("clock ability", () => {
  for (const language of ["en", "ja", "ko"] as const) {
    it(`every written ${language} phrasing is recognized as its intent`, async () => {
      const wrong: string[] = [];
      for (const [intent, utterances] of Object.entries(phrasesOf(language)))
        for (const utterance of utterances) {
          const text = utterance.replace(/<\/?\w+>/g, "");
          const found = await router.recognize(ability, text, device(language));
          if (found.intent !== intent) wrong.push(`${text} → ${found.intent}`);
          if (utterance.includes("<city>") && !found.slots["city"]) wrong.push(`${text}: no city`);
        }
      assert.deepEqual(wrong, []);
    });
  }

  it("says the time in the device's zone, and another city's with its day", async () => {
    assert.deepEqual(await answer("what time is it", "en"), {
      intent: "TimeIntent",
      said: "It's 4:30 PM.",
    });
    assert.equal((await answer("what time is it", "en", "Europe/London")).said, "It's 7:30 AM.");
    assert.equal(
      (await answer("what time is it in Los Angeles", "en")).said,
      "In Los Angeles it's 11:30 PM yesterday.",
    );
    assert.equal(
      (await answer("what time is it in Tokyo", "en", "America/Los_Angeles")).said,
      "In Tokyo it's 4:30 PM tomorrow.",
    );
    assert.equal((await answer("今何時", "ja")).said, "今は午後4時30分です。");
    assert.equal((await answer("ロンドンの時間は", "ja")).said, "ロンドンは午前7時30分です。");
    assert.equal((await answer("지금 몇 시야", "ko")).said, "지금은 오후 4시 30분이에요.");
    assert.equal((await answer("파리 지금 몇 시야", "ko")).said, "파리는 오전 8시 30분이에요.");
  });

  it("says the date and weekday, relative days by name, another year with its year", async () => {
    assert.equal(
      (await answer("what's the date today", "en")).said,
      "Today is Saturday, December 5.",
    );
    assert.equal(
      (await answer("what day is it tomorrow", "en")).said,
      "Tomorrow is Sunday, December 6.",
    );
    assert.equal(
      (await answer("what day of the week is December 25", "en")).said,
      "That is Friday, December 25.",
    );
    assert.equal(
      (await answer("what's the date today", "en", "America/Los_Angeles")).said,
      "Today is Friday, December 4.",
    );
    assert.match(
      (await answer("what day is January 1 2027", "en")).said ?? "",
      /Friday, January 1, 2027/,
    );
    assert.equal((await answer("今日は何曜日", "ja")).said, "今日は12月5日土曜日です。");
    assert.equal((await answer("내일 무슨 요일이야", "ko")).said, "내일은 12월 6일 일요일이에요.");
  });

  it("counts the days until a date, and says the date", async () => {
    assert.deepEqual(await answer("how many days until christmas", "en"), {
      intent: "DaysUntilIntent",
      said: "That's in 20 days, on Friday, December 25.",
    });
    assert.equal(
      (await answer("how many days until tomorrow", "en")).said,
      "That's tomorrow, Sunday, December 6.",
    );
    assert.equal(
      (await answer("how many days until new year's day", "en")).said,
      "That's in 27 days, on Friday, January 1, 2027.",
    );
    assert.equal(
      (await answer("クリスマスまであと何日", "ja")).said,
      "12月25日金曜日まであと20日です。",
    );
    assert.equal(
      (await answer("크리스마스까지 며칠 남았어", "ko")).said,
      "12월 25일 금요일까지 20일 남았어요.",
    );
  });

  it("understands phrasings it was not written with", async () => {
    for (const [text, intent] of [
      ["could you tell me what time it is", "TimeIntent"],
      ["what time is it right now", "TimeIntent"],
      ["what's today's date", "DateIntent"],
      ["which day is it today", "DateIntent"],
    ] as const)
      assert.equal((await answer(text, "en")).intent, intent, text);
  });
});

describe("clock ability through CIC", () => {
  let world: DeviceSideWorld;
  before(async () => {
    world = await startWorld({ examples: "off" }, { clock });
  });
  after(() => world.close());

  it("answers the time in the zone of the device's settings; schedule and alarms keep theirs", async () => {
    const speaker = await world.device("clock-speaker", { account: "clock-user" });
    await speaker.send({
      namespace: "Settings",
      name: "Report",
      payload: { configuration: { TimeZone: "Asia/Tokyo" } },
    });
    await speaker.say("what time is it");
    assert.equal(speaker.screen.text.at(-1), "It's 4:30 PM.");
    await speaker.say("what's the date today");
    assert.equal(speaker.screen.text.at(-1), "Today is Saturday, December 5.");
    await speaker.say("what's on my schedule today");
    assert.match(speaker.screen.text.at(-1) ?? "", /schedule/);
    // A count of days is the clock's, not a timer's time left.
    await speaker.say("how many days until christmas");
    assert.equal(speaker.screen.text.at(-1), "That's in 20 days, on Friday, December 25.");
    const alarm = await speaker.say("set an alarm for 7 am tomorrow");
    assert.ok(names(alarm.directives).includes("Alerts.SetAlert"), names(alarm.directives).join());
  });
});
