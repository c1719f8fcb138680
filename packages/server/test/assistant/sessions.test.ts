// The listening window (§4.5, §7.1, §7.3): reprompt once, then SessionEndedRequest; never when
// the extension already ended the session; device-reported timeouts follow the same rule.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { TurnResult } from "../../src/assistant/turn.js";
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { device, register, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

const TIMEOUT_MS = 300;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("session timeouts", () => {
  let platform: TestPlatform;
  let ext: TestExtension;
  const proactive: { deviceId: string; result: TurnResult }[] = [];

  before(async () => {
    platform = await startPlatform(
      { session: { timeoutMs: TIMEOUT_MS, graceMs: 0 } },
      { onProactive: (target, result) => proactive.push({ deviceId: target.deviceId, result }) },
    );
    ext = await startExtension(() => ({ body: answer("") }));
    await register(platform, {
      id: "com.example.timer",
      displayName: "Timer",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en") },
    });
  });
  after(async () => {
    await platform.close();
    await ext.close();
  });
  beforeEach(async () => {
    await platform.assistant.settled();
    ext.received.length = 0;
    proactive.length = 0;
  });

  const types = () => ext.received.map((r) => r.body.request.type as string);

  it("ends a silent session with SessionEndedRequest when the window closes", async () => {
    // Empty speech: no speaking allowance, so the window is exactly the configured timeout.
    ext.respond = (req: Json) => ({
      body: {
        version: "1.0",
        sessionAttributes: { a: 1 },
        response: {
          outputSpeech: {},
          card: {},
          directives: [],
          shouldEndSession: req.request.type === "SessionEndedRequest",
        },
      },
    });
    const me = device({ deviceId: "silent" });
    const launch = await platform.assistant.handleTurn(say("open bakery bot", me));
    assert.equal(launch.expectSpeech, true);
    await ext.waitFor(2, 2000);
    assert.deepEqual(types(), ["LaunchRequest", "SessionEndedRequest"]);
    const ended = ext.received[1]!.body;
    assert.equal(ended.session.sessionId, ext.received[0]!.body.session.sessionId);
    assert.deepEqual(ended.session.sessionAttributes, { a: 1 });
    assert.equal(proactive.length, 0);
    const next = await platform.assistant.handleTurn(say("yes", me));
    assert.equal(next.extensionId, undefined, "the session is gone");
  });

  it("speaks the reprompt once, then ends", async () => {
    ext.respond = () => ({
      body: {
        version: "1.0",
        sessionAttributes: {},
        response: {
          outputSpeech: {},
          reprompt: {
            outputSpeech: {
              type: "SimpleSpeech",
              values: { type: "PlainText", lang: "en", value: "Still there?" },
            },
          },
          card: {},
          directives: [],
          shouldEndSession: false,
        },
      },
    });
    const me = device({ deviceId: "reprompt" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    await ext.waitFor(2, 3000);
    assert.equal(proactive.length, 1);
    assert.equal(proactive[0]!.deviceId, "reprompt");
    assert.deepEqual(
      proactive[0]!.result.speech.map((s) => s.value),
      ["Still there?"],
    );
    assert.equal(proactive[0]!.result.expectSpeech, true);
    assert.deepEqual(types(), ["LaunchRequest", "SessionEndedRequest"]);
  });

  it("sends nothing when the extension ended the session itself", async () => {
    ext.respond = () => ({ body: answer("bye", { end: true }) });
    await platform.assistant.handleTurn(say("open bakery bot", device({ deviceId: "self-ended" })));
    await wait(TIMEOUT_MS * 4);
    assert.deepEqual(types(), ["LaunchRequest"]);
  });

  it("an answer in time keeps the session open", async () => {
    ext.respond = (req: Json) => ({
      body: {
        version: "1.0",
        sessionAttributes: {},
        response: {
          outputSpeech: {},
          card: {},
          directives: [],
          shouldEndSession: req.request.type === "SessionEndedRequest",
        },
      },
    });
    const me = device({ deviceId: "chatty" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    await wait(TIMEOUT_MS / 6);
    await platform.assistant.handleTurn(say("when are you open", me));
    await wait(TIMEOUT_MS / 6);
    await platform.assistant.handleTurn(say("when are you open", me));
    assert.deepEqual(types(), ["LaunchRequest", "IntentRequest", "IntentRequest"]);
    const ids = new Set(ext.received.map((r) => r.body.session.sessionId));
    assert.equal(ids.size, 1);
    await ext.waitFor(4, 2000);
    assert.equal(types()[3], "SessionEndedRequest");
  });
});
