import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createConversation } from "@clover/sdk";
import { createDiceExtension, DICE_EXTENSION_ID } from "../src/index.js";

// 0.0 → 1, 0.5 → 4, 0.99 → 6
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};
const chatIn = (locale?: string, random = sequence(0.5)) =>
  createConversation(createDiceExtension({ random, onLog: () => {} }), {
    applicationId: DICE_EXTENSION_ID,
    ...(locale ? { locale } : {}),
  });

describe("dice dialogs", () => {
  it("launches, rolls three dice, rolls again with Yes, and ends with No", async () => {
    const chat = chatIn("en-US", sequence(0, 0.5, 0.99));
    const launch = await chat.launch();
    assert.equal(launch.speech, "Welcome to dice. How many dice should I roll?");
    assert.equal(launch.shouldEndSession, false);
    const roll = await chat.intent("ThrowDiceIntent", { diceCount: "3" });
    assert.equal(roll.speech, "I rolled 3 dice: 1, 4, 6. The total is 11. Roll again?");
    assert.equal(roll.shouldEndSession, false);
    assert.deepEqual(chat.sessionAttributes, { lastCount: 3 });
    const again = await chat.intent("Clova.YesIntent");
    assert.match(again.speech, /^I rolled 3 dice: /);
    const no = await chat.intent("Clova.NoIntent");
    assert.equal(no.speech, "Okay. See you next time.");
    assert.equal(no.shouldEndSession, true);
  });

  it("rolls one die when no count is given", async () => {
    const turn = await chatIn("en-US").intent("ThrowDiceIntent");
    assert.equal(turn.speech, "I rolled one die. It shows 4. Roll again?");
  });

  it("refuses counts outside 1–10 and keeps listening", async () => {
    const chat = chatIn("en-US");
    await chat.launch();
    const eleven = await chat.intent("ThrowDiceIntent", { diceCount: "11" });
    assert.equal(eleven.speech, "I can't roll 11 dice. I can roll one to ten.");
    assert.equal(eleven.shouldEndSession, false);
    assert.ok(eleven.response.response.reprompt);
    const zero = await chat.intent("ThrowDiceIntent", { diceCount: "0" });
    assert.match(zero.speech, /can't roll 0 dice/);
    const ten = await chat.intent("ThrowDiceIntent", { diceCount: "10" });
    assert.match(ten.speech, /^I rolled 10 dice/);
  });

  it("guides, and cancels", async () => {
    const chat = chatIn("en-US");
    await chat.launch();
    assert.match((await chat.intent("Clova.GuideIntent")).speech, /roll three dice/);
    assert.match((await chat.intent("Clova.FallbackIntent")).speech, /roll three dice/);
    const cancel = await chat.intent("Clova.CancelIntent");
    assert.equal(cancel.shouldEndSession, true);
    assert.equal(chat.isSessionOpen, false);
  });

  it("answers in Japanese and Korean, defaulting to English", async () => {
    const ja = await chatIn("ja-JP").intent("ThrowDiceIntent", { diceCount: "2" });
    assert.equal(ja.speech, "サイコロを2個振りました。4、4で、合計は8です。 もう一度振りますか？");
    assert.equal(ja.response.response.outputSpeech.type, "SpeechList");
    const ko = await chatIn("ko-KR").launch();
    assert.equal(ko.speech, "주사위에 오신 것을 환영합니다. 주사위를 몇 개 던질까요?");
    const speech = ko.response.response.outputSpeech;
    assert.equal(speech.type === "SimpleSpeech" && speech.values.lang, "ko");
    assert.match((await chatIn().launch()).speech, /^Welcome to dice/);
  });

  it("plays a sound before the result when configured", async () => {
    const ext = createDiceExtension({
      random: sequence(0),
      soundUrl: "https://example.org/dice.mp3",
    });
    const turn = await createConversation(ext, { applicationId: DICE_EXTENSION_ID }).intent(
      "ThrowDiceIntent",
    );
    const speech = turn.response.response.outputSpeech;
    assert.ok("values" in speech && Array.isArray(speech.values));
    assert.deepEqual(speech.values[0], {
      type: "URL",
      lang: "",
      value: "https://example.org/dice.mp3",
    });
  });

  it("refuses requests for another extension", async () => {
    const chat = createConversation(createDiceExtension(), { applicationId: "com.example.other" });
    await assert.rejects(chat.launch(), /HTTP 403/);
  });
});
