// Contract: the same extension written with LINE's @line/clova-cek-sdk-nodejs (unmodified)
// and with ours answers the same dialog with equivalent JSON, both over real HTTP.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { Client, type Context, SpeechBuilder } from "@line/clova-cek-sdk-nodejs";
import express from "express";
import { createExtension, createServer, requests, speech } from "../src/index.js";
import { close, listen, post } from "./helpers/server.js";

// Deterministic dice so both implementations say the same thing.
const rolls = (count: number) => Array.from({ length: count }, (_, i) => ((i * 7 + 3) % 6) + 1);
const result = (count: number) => {
  const values = rolls(count);
  return `${count}個のサイコロを振りました。合計は${values.reduce((a, b) => a + b, 0)}です。`;
};
const GUIDE = "サイコロをいくつ振るか言ってください。";
const SOUND = "https://example.org/dice.mp3";

function lineExtension() {
  return Client.configureSkill()
    .onLaunchRequest((ctx: Context) => {
      ctx.setSimpleSpeech(SpeechBuilder.createSpeechText("いくつ振りますか？"));
      ctx.setSimpleSpeech(SpeechBuilder.createSpeechText(GUIDE), true);
      ctx.setSessionAttributes({ turns: 0 });
    })
    .onIntentRequest((ctx: Context) => {
      const attributes = ctx.getSessionAttributes() as { turns?: number };
      switch (ctx.getIntentName()) {
        case "ThrowDiceIntent": {
          const count = Number(ctx.getSlot("diceCount") ?? 1);
          ctx.setSpeechList([
            SpeechBuilder.createSpeechUrl(SOUND),
            SpeechBuilder.createSpeechText(result(count)),
          ]);
          ctx.setSessionAttributes({ turns: (attributes.turns ?? 0) + 1, last: count });
          break;
        }
        case "Clova.CancelIntent":
          ctx.setSimpleSpeech(SpeechBuilder.createSpeechText("終了します。"));
          ctx.endSession();
          break;
        case "SummaryIntent":
          ctx.setSpeechSet(SpeechBuilder.createSpeechText("短く"), {
            type: "SpeechList",
            values: [
              SpeechBuilder.createSpeechText("詳しく一"),
              SpeechBuilder.createSpeechText("詳しく二"),
            ],
          });
          break;
        default:
          ctx.setSimpleSpeech(SpeechBuilder.createSpeechText(GUIDE));
      }
    })
    .onSessionEndedRequest((ctx: Context) => {
      ctx.endSession();
    })
    .onEventRequest(() => {});
}

function ourExtension() {
  return createExtension({ defaultLanguage: "ja" })
    .onLaunch((ctx) => {
      ctx.say("いくつ振りますか？").response.reprompt(GUIDE);
      ctx.sessionAttributes = { turns: 0 };
    })
    .onIntent("ThrowDiceIntent", (ctx) => {
      const count = Number(ctx.slotValue("diceCount") ?? 1);
      ctx.response.speakUrl(SOUND).speak(result(count));
      ctx.sessionAttributes = { turns: Number(ctx.sessionAttributes.turns ?? 0) + 1, last: count };
    })
    .onIntent("Clova.CancelIntent", (ctx) => {
      ctx.say("終了します。").endSession();
    })
    .onIntent("SummaryIntent", (ctx) => {
      ctx.response.speechSet("短く", [speech.text("詳しく一", "ja"), "詳しく二"]);
    })
    .onFallbackIntent((ctx) => {
      ctx.say(GUIDE);
    })
    .onSessionEnded((ctx) => {
      ctx.endSession();
    })
    .onEvent(() => {});
}

describe("contract with LINE's SDK", () => {
  let lineServer: Server;
  let ourServer: Server;
  let lineUrl: string;
  let ourUrl: string;
  before(async () => {
    const app = express();
    app.use(express.json());
    app.post("/clova", lineExtension().handle() as express.RequestHandler);
    lineServer = app.listen(0, "127.0.0.1");
    await new Promise((r) => lineServer.once("listening", r));
    lineUrl = `http://127.0.0.1:${(lineServer.address() as { port: number }).port}/clova`;
    ourServer = createServer(ourExtension());
    ourUrl = await listen(ourServer);
  });
  after(async () => {
    await close(lineServer);
    await close(ourServer);
  });

  const session = { sessionId: "7a1f2c3e-0000-4000-8000-000000000001" };
  const dialog = [
    ["launch", requests.launch(session)],
    [
      "roll three",
      requests.intent(
        "ThrowDiceIntent",
        { diceCount: "3" },
        { ...session, sessionAttributes: { turns: 0 } },
      ),
    ],
    [
      "roll (no count)",
      requests.intent(
        "ThrowDiceIntent",
        {},
        { ...session, sessionAttributes: { turns: 1, last: 3 } },
      ),
    ],
    ["speech set", requests.intent("SummaryIntent", {}, session)],
    [
      "guide",
      requests.intent("Clova.GuideIntent", {}, { ...session, sessionAttributes: { turns: 2 } }),
    ],
    ["unknown intent", requests.intent("Clova.FallbackIntent", {}, session)],
    [
      "cancel",
      requests.intent("Clova.CancelIntent", {}, { ...session, sessionAttributes: { turns: 2 } }),
    ],
    ["session ended", requests.sessionEnded({ ...session, sessionAttributes: { turns: 2 } })],
    ["skill enabled", requests.event("ClovaSkill", "SkillEnabled", null)],
    [
      "playback event",
      requests.event("AudioPlayer", "PlayStarted", { token: "t", offsetInMilliseconds: 0 }),
    ],
  ] as const;

  for (const [name, request] of dialog) {
    it(`answers "${name}" the same`, async () => {
      const body = JSON.stringify(request);
      const [line, ours] = await Promise.all([post(lineUrl, body), post(ourUrl, body)]);
      assert.equal(line.status, 200, line.text);
      assert.equal(ours.status, 200, ours.text);
      assert.deepEqual(ours.json, line.json);
    });
  }
});
