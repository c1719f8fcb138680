// Invocation conformance (interaction-model.md §3.4, §9.1, §9.3): every launch, one-shot and
// exit pattern of the table in Japanese, Korean and English, main and sub names, spoken by a
// raw HTTP/2 device to a real Clover and seen by a raw extension registered in all three.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { SPEAKER_CONTEXT } from "../helpers/devices.js";
import type { Json } from "../helpers/extension-server.js";
import {
  type ExtensionRig,
  extensionRig,
  type RawDevice,
  type RawExtension,
  speech,
  textRecognize,
  until,
} from "./raw.js";

const ID = "org.example.bakerybot";
const reserve = (language: string, utterances: string[]) => ({
  language,
  builtinIntents: ["Clova.GuideIntent", "Clova.CancelIntent"],
  intents: [{ name: "ReserveBread", slots: [], utterances }],
});
const models = {
  en: {
    ...reserve("en", ["reserve two baguettes", "reserve bread"]),
    invocation: { main: "bakery bot", sub: ["baker bot"] },
  },
  ja: {
    ...reserve("ja", ["バゲットを二本予約して", "パンを予約して"]),
    invocation: { main: "ベーカリーボット", sub: ["ベイカリーボット"] },
  },
  ko: {
    ...reserve("ko", ["바게트 두 개 예약해줘", "빵 예약해줘"]),
    invocation: { main: "베이커리봇", sub: ["베이커리 봇"] },
  },
};

describe("invocation patterns (interaction-model.md §9.3)", () => {
  let rig: ExtensionRig;
  let ext: RawExtension;
  let device: RawDevice;

  const say = (text: string) => device.event({ ...textRecognize(text), context: SPEAKER_CONTEXT });
  const types = () =>
    ext.requests.map((r: { body: Json }) =>
      [r.body.request.type, r.body.request.intent?.name, r.body.session?.new]
        .filter((x) => x !== undefined)
        .join(" "),
    );

  before(async () => {
    rig = await extensionRig({
      registration: { id: ID, displayName: "Bakery Bot", models },
      deviceId: "bakery-1",
    });
    ({ ext, device } = rig);
    // The first turns compile the models of each language; on a busy machine that takes seconds.
    for (const text of ["open bakery bot", "ベーカリーボットを起動して", "베이커리봇 시작해줘"])
      await say(text);
  });
  after(() => rig?.close());
  beforeEach(async () => {
    ext.answer = () => ({ body: speech("ok", true) });
    ext.requests.length = 0;
  });

  const launches = [
    "ベーカリーボットを起動して",
    "ねぇCLOVA、ベーカリーボットを開いて",
    "ベーカリーボットにつないで",
    "ベーカリーボット",
    "ベイカリーボットを起動して",
    "베이커리봇 시작해줘",
    "클로바, 베이커리봇 열어줘",
    "베이커리봇 동작해줘",
    "베이커리 봇 시작해줘",
    "open bakery bot",
    "start bakery bot",
    "launch bakery bot",
    "talk to bakery bot",
    "open baker bot",
  ];
  for (const text of launches)
    it(`"${text}" → LaunchRequest in a new session`, async () => {
      await say(text);
      assert.deepEqual(types(), ["LaunchRequest true"]);
    });

  const oneShots = [
    "ベーカリーボットを使ってバゲットを二本予約して",
    "베이커리봇에서 바게트 두 개 예약해줘",
    "베이커리봇에게 바게트 두 개 예약해줘",
    "베이커리봇한테 바게트 두 개 예약해줘",
    "베이커리봇으로 바게트 두 개 예약해줘",
    "ask bakery bot to reserve two baguettes",
    "tell bakery bot to reserve two baguettes",
  ];
  for (const text of oneShots)
    it(`"${text}" → one-shot IntentRequest, session.new true`, async () => {
      await say(text);
      assert.deepEqual(types(), ["IntentRequest ReserveBread true"]);
    });

  const exits: [string, string][] = [
    ["ベーカリーボットを起動して", "終了して"],
    ["ベーカリーボットを起動して", "終了"],
    ["ベーカリーボットを起動して", "やめて"],
    ["베이커리봇 시작해줘", "종료해줘"],
    ["베이커리봇 시작해줘", "종료"],
    ["베이커리봇 시작해줘", "그만"],
    ["open bakery bot", "stop"],
    ["open bakery bot", "exit"],
    ["open bakery bot", "quit"],
  ];
  for (const [launch, exit] of exits)
    it(`"${exit}" inside a session → SessionEndedRequest, the commands before it → new:false`, async () => {
      ext.answer = () => ({ body: speech("ok", false) });
      await say(launch);
      const command =
        exit === "stop" || exit === "exit" || exit === "quit"
          ? "reserve bread"
          : launch.startsWith("ベ")
            ? "パンを予約して"
            : "빵 예약해줘";
      await say(command);
      await say(exit);
      await until(() => ext.requests.length >= 3, 5000, "SessionEndedRequest");
      assert.deepEqual(types(), [
        "LaunchRequest true",
        "IntentRequest ReserveBread false",
        "SessionEndedRequest false",
      ]);
    });

  it('"cancel" inside a session is Clova.CancelIntent, not an exit (§3.4, §9.3)', async () => {
    ext.answer = () => ({ body: speech("ok", false) });
    await say("open bakery bot");
    await say("cancel");
    assert.deepEqual(types(), ["LaunchRequest true", "IntentRequest Clova.CancelIntent false"]);
    await say("stop");
    await until(() => ext.requests.length >= 3, 5000, "SessionEndedRequest");
  });
});
