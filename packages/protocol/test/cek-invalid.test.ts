// Invalid CEK messages are rejected with the exact JSON path of the problem.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  CekRequestMessage,
  CekResponseMessage,
  normalizeCekRequest,
  normalizeCekResponse,
  type ValidationResult,
} from "../src/index.js";

const load = (path: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/cek/${path}`, import.meta.url), "utf8"));
const request = load("request/spec-3.1-launch-request.json");
const intentRequest = load("request/spec-3.9-one-shot-intent-request.json");
const eventRequest = load("request/spec-3.9-skill-enabled-event-request.json");
const response = load("response/spec-4.8-reprompt.json");
const plain = { type: "PlainText", lang: "en", value: "Hello." };

type Json = Record<string, unknown>;
/** A copy of `base` with `path` (dotted, array indexes as numbers) set, or deleted. */
function change(base: Json, path: string, value: unknown, remove = false): Json {
  const copy = structuredClone(base);
  const keys = path.split(".");
  let at = copy as Json;
  for (const key of keys.slice(0, -1)) at = at[key] as Json;
  const last = keys.at(-1)!;
  if (remove) delete at[last];
  else at[last] = value;
  return copy;
}
const drop = (base: Json, path: string) => change(base, path, undefined, true);

interface Case {
  name: string;
  check: (raw: unknown) => ValidationResult<unknown>;
  message: Json;
  /** Expected first issue: `path: expected X, got Y`. */
  issue: string;
}

const received = normalizeCekRequest;
const sent = (raw: unknown) => CekRequestMessage.validate(raw);
const fromExtension = (raw: unknown) => normalizeCekResponse(raw);
const speech = (outputSpeech: unknown) => change(response, "response.outputSpeech", outputSpeech);

const cases: Case[] = [
  {
    name: "missing session",
    check: received,
    message: drop(request, "session"),
    issue: "session: expected object (required), got nothing",
  },
  {
    name: "missing session.sessionId",
    check: received,
    message: drop(request, "session.sessionId"),
    issue: "session.sessionId: expected string (required), got nothing",
  },
  {
    name: "session.new as a string",
    check: received,
    message: change(request, "session.new", "true"),
    issue: "session.new: expected boolean, got string",
  },
  {
    name: "missing context.System.device.deviceId",
    check: received,
    message: drop(request, "context.System.device.deviceId"),
    issue: "context.System.device.deviceId: expected string (required), got nothing",
  },
  {
    name: "unknown request type",
    check: received,
    message: change(request, "request", { type: "PlayRequest" }),
    issue:
      'request.type: expected one of "LaunchRequest", "IntentRequest", "SessionEndedRequest", "EndRequest", "EventRequest", got "PlayRequest"',
  },
  {
    name: "EndRequest is not what the platform sends",
    check: sent,
    message: change(request, "request", { type: "EndRequest" }),
    issue:
      'request.type: expected one of "LaunchRequest", "IntentRequest", "SessionEndedRequest", "EventRequest", got "EndRequest"',
  },
  {
    name: "numeric slot value in a request the platform sends",
    check: sent,
    message: change(intentRequest, "request.intent.slots.pickupDate.value", 19),
    issue: "request.intent.slots.pickupDate.value: expected string, got number",
  },
  {
    name: "slot value as an object",
    check: received,
    message: change(intentRequest, "request.intent.slots.breadKind.value", { v: 1 }),
    issue: "request.intent.slots.breadKind.value: expected string or number or null, got object",
  },
  {
    name: "unknown valueType in a request the platform sends",
    check: sent,
    message: change(intentRequest, "request.intent.slots.pickupDate.valueType", "WEEK"),
    issue:
      'request.intent.slots.pickupDate.valueType: expected one of "TIME", "DATE", "DATETIME", "TIME.INTERVAL", "DATE.INTERVAL", "DATETIME.INTERVAL", got "WEEK"',
  },
  {
    name: "missing intent.name",
    check: received,
    message: drop(intentRequest, "request.intent.name"),
    issue: "request.intent.name: expected non-empty string (required), got nothing",
  },
  {
    name: "unknown display size",
    check: received,
    message: change(request, "context.System.device.display.size", "huge"),
    issue:
      'context.System.device.display.size: expected one of "none", "s100", "m100", "l100", "xl100", "custom", got "huge"',
  },
  {
    name: "missing application in a request the platform sends",
    check: sent,
    message: drop(request, "context.System.application"),
    issue: "context.System.application: expected object (required), got nothing",
  },
  {
    name: "unknown playerActivity",
    check: received,
    message: change(request, "context.AudioPlayer", { playerActivity: "BUFFERING" }),
    issue:
      'context.AudioPlayer.playerActivity: expected one of "IDLE", "PLAYING", "PAUSED", "STOPPED", got "BUFFERING"',
  },
  {
    name: "unknown event namespace",
    check: received,
    message: change(eventRequest, "request.event.namespace", "Alerts"),
    issue: 'request.event.namespace: expected one of "ClovaSkill", "AudioPlayer", got "Alerts"',
  },
  {
    name: "unknown ClovaSkill event name",
    check: received,
    message: change(eventRequest, "request.event.name", "SkillInstalled"),
    issue:
      'request.event.name: expected one of "SkillEnabled", "SkillDisabled", got "SkillInstalled"',
  },
  {
    name: "EventRequest without timestamp",
    check: received,
    message: drop(eventRequest, "request.timestamp"),
    issue: "request.timestamp: expected string (required), got nothing",
  },
  {
    name: "playback event with a string offset",
    check: received,
    message: change(eventRequest, "request.event", {
      namespace: "AudioPlayer",
      name: "PlayStarted",
      payload: { token: "t", offsetInMilliseconds: "100" },
    }),
    issue: "request.event.payload.offsetInMilliseconds: expected number >= 0, got string",
  },
  {
    name: "missing response",
    check: fromExtension,
    message: drop(response, "response"),
    issue: "response: expected object (required), got nothing",
  },
  {
    name: "shouldEndSession as a string",
    check: fromExtension,
    message: change(response, "response.shouldEndSession", "no"),
    issue: "response.shouldEndSession: expected boolean or null, got string",
  },
  {
    name: "SpeechSet without brief",
    check: fromExtension,
    message: speech({ type: "SpeechSet", verbose: { type: "SimpleSpeech", values: plain } }),
    issue: "response.outputSpeech.brief: expected object (required), got nothing",
  },
  {
    name: "SpeechSet without verbose",
    check: fromExtension,
    message: speech({ type: "SpeechSet", brief: plain }),
    issue: "response.outputSpeech.verbose: expected object (required), got nothing",
  },
  {
    name: "verbose of type SpeechSet",
    check: fromExtension,
    message: speech({ type: "SpeechSet", brief: plain, verbose: { type: "SpeechSet" } }),
    issue:
      'response.outputSpeech.verbose.type: expected one of "SimpleSpeech", "SpeechList", got "SpeechSet"',
  },
  {
    name: "SimpleSpeech with two values",
    check: fromExtension,
    message: speech({ type: "SimpleSpeech", values: [plain, plain] }),
    issue:
      "response.outputSpeech.values: expected object or array with exactly 1 item(s), got array of 2 items",
  },
  {
    name: "speech item of an unknown type",
    check: fromExtension,
    message: speech({ type: "SpeechList", values: [plain, { ...plain, type: "SSML" }] }),
    issue: 'response.outputSpeech.values[1].type: expected one of "PlainText", "URL", got "SSML"',
  },
  {
    name: "speech item with an empty value",
    check: fromExtension,
    message: speech({ type: "SimpleSpeech", values: { ...plain, value: "" } }),
    issue: 'response.outputSpeech.values.value: expected non-empty string, got ""',
  },
  {
    name: "speech fields without a type",
    check: fromExtension,
    message: speech({ values: plain }),
    issue:
      'response.outputSpeech.type: expected one of "SimpleSpeech", "SpeechList", "SpeechSet", got nothing',
  },
  {
    name: "unknown outputSpeech type",
    check: fromExtension,
    message: speech({ type: "SpeechMap", values: plain }),
    issue:
      'response.outputSpeech.type: expected one of "SimpleSpeech", "SpeechList", "SpeechSet", got "SpeechMap"',
  },
  {
    name: "reprompt with a bad speech item",
    check: fromExtension,
    message: change(response, "response.reprompt.outputSpeech.values.type", "Text"),
    issue:
      'response.reprompt.outputSpeech.values.type: expected one of "PlainText", "URL", got "Text"',
  },
  {
    name: "directive without a name",
    check: fromExtension,
    message: change(response, "response.directives", [
      { header: { namespace: "AudioPlayer" }, payload: {} },
    ]),
    issue: "response.directives[0].header.name: expected non-empty string (required), got nothing",
  },
  {
    name: "Play directive without playBehavior",
    check: fromExtension,
    message: change(response, "response.directives", [
      {
        header: { namespace: "AudioPlayer", name: "Play" },
        payload: { audioItem: { audioItemId: "a", stream: { url: "u", urlPlayable: true } } },
      },
    ]),
    issue:
      'response.directives[0].payload.playBehavior: expected one of "REPLACE_ALL", "ENQUEUE" (required), got nothing',
  },
  {
    name: "wrapped StreamDeliver without a url",
    check: fromExtension,
    message: change(response, "response.directives", [
      {
        directive: {
          header: { namespace: "AudioPlayer", name: "StreamDeliver" },
          payload: { audioItemId: "a", audioStream: { token: "t" } },
        },
      },
    ]),
    issue:
      "response.directives[0].directive.payload.audioStream.url: expected non-empty string (required), got nothing",
  },
  {
    name: "canonical response without card",
    check: (raw) => CekResponseMessage.validate(raw),
    message: drop(response, "response.card"),
    issue: "response.card: expected object (required), got nothing",
  },
  {
    name: "an unknown lang in a response our SDK sends",
    check: (raw) => CekResponseMessage.validate(raw),
    message: change(response, "response.outputSpeech.values.lang", "fr"),
    issue: 'response.outputSpeech.values.lang: expected one of "ja", "ko", "en", "", got "fr"',
  },
  {
    name: "a directive without messageId in a response the dispatcher hands on",
    check: (raw) => CekResponseMessage.validate(raw),
    message: change(response, "response.directives", [
      { header: { namespace: "PlaybackController", name: "Stop" }, payload: {} },
    ]),
    issue:
      "response.directives[0].header.messageId: expected non-empty string (required), got nothing",
  },
  {
    name: "a request that is a string",
    check: received,
    message: "{}" as unknown as Json,
    issue: "(root): expected object, got string",
  },
  {
    name: "not an object at all",
    check: fromExtension,
    message: [] as unknown as Json,
    issue: "(root): expected object, got array of 0 items",
  },
];

describe("invalid CEK messages", () => {
  for (const c of cases) {
    it(`rejects ${c.name}`, () => {
      const result = c.check(c.message);
      assert.equal(result.ok, false, "should be rejected");
      if (!result.ok) assert.equal(result.issues[0]?.message, c.issue);
    });
  }
});
