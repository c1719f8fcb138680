// The lenient receiving rules: what is accepted on the wire and what comes out
// (cek-custom-extension.md §3.3, §4.2, §4.3, §12.2).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  CekResponseMessage,
  NormalizedCekRequestMessage,
  normalizeCekRequest,
  normalizeCekResponse,
  normalizeOutputSpeech,
} from "../src/index.js";

const load = (path: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/cek/${path}`, import.meta.url), "utf8"));
const seedIntent = load("request/seed-0.1.0-intent-request.json");
const latest = load("request/spec-3.1-launch-request.json");

function request(raw: unknown) {
  const result = normalizeCekRequest(raw);
  if (!result.ok) assert.fail(result.issues.map((i) => i.message).join("; "));
  assert.ok(NormalizedCekRequestMessage.is(result.value), "normalized shape");
  return result.value;
}
function response(raw: unknown, options?: Parameters<typeof normalizeCekResponse>[1]) {
  const result = normalizeCekResponse(raw, options);
  if (!result.ok) assert.fail(result.issues.map((i) => i.message).join("; "));
  assert.ok(CekResponseMessage.is(result.value), "canonical shape");
  return result.value;
}
const plain = (value: string, lang: string | null = "en") => ({
  type: "PlainText" as const,
  lang,
  value,
});

describe("normalizeCekRequest", () => {
  it("turns numeric slot values into strings and leaves out unfilled slots", () => {
    const raw = structuredClone(seedIntent);
    raw.request.intent.slots = {
      count: { name: "count", value: 3, unit: null },
      half: { name: "half", value: 2.5, valueType: "" },
      empty: { name: "empty", value: null },
      unnamed: { value: "x" },
    };
    const out = request(raw);
    assert.deepEqual(out.request.type === "IntentRequest" && out.request.intent.slots, {
      count: { name: "count", value: "3" },
      half: { name: "half", value: "2.5" },
      unnamed: { name: "unnamed", value: "x" },
    });
  });

  it("gives {} for null or missing slots (EventRequest-style empty intents)", () => {
    const raw = structuredClone(seedIntent);
    raw.request.intent.slots = null;
    const out = request(raw);
    assert.deepEqual(out.request.type === "IntentRequest" && out.request.intent.slots, {});
  });

  it("treats absent, null and empty access tokens alike", () => {
    const raw = structuredClone(latest);
    raw.context.System.user.accessToken = null;
    raw.session.user.accessToken = "";
    const out = request(raw);
    assert.equal("accessToken" in out.context.System.user, false);
    assert.equal(out.session.user && "accessToken" in out.session.user, false);
  });

  it("tolerates missing or null application and display, and a session without user", () => {
    const raw = structuredClone(latest);
    raw.context.System.application = null;
    delete raw.context.System.device.display;
    delete raw.session.user;
    raw.session.sessionAttributes = null;
    const out = request(raw);
    assert.equal(out.context.System.application, undefined);
    assert.equal(out.context.System.device.display, undefined);
    assert.equal(out.session.user, undefined);
    assert.deepEqual(out.session.sessionAttributes, {});
  });

  it("keeps unknown fields and undocumented ones (§3.3)", () => {
    const raw = structuredClone(latest);
    raw.context.AudioPlayer = {
      playerActivity: "IDLE",
      repeatMode: "NONE",
      totalInmillisecodns: 5,
      offsetInMilliseconds: null,
    };
    raw.context.System.futureField = "x";
    raw.request = {
      type: "EventRequest",
      requestId: "r",
      timestamp: "2024-03-18T06:42:10Z",
      intent: { name: "", slots: null },
      event: { namespace: "AudioPlayer", name: "PlayStopped", payload: {} },
    };
    const out = request(raw);
    assert.deepEqual(out.context.AudioPlayer, {
      playerActivity: "IDLE",
      repeatMode: "NONE",
      totalInmillisecodns: 5,
    });
    assert.equal((out.context.System as Record<string, unknown>).futureField, "x");
    assert.deepEqual((out.request as Record<string, unknown>).intent, { name: "", slots: null });
  });

  it("gives ClovaSkill events a null payload when it is missing", () => {
    const raw = load("request/spec-3.9-skill-enabled-event-request.json");
    delete raw.request.event.payload;
    const out = request(raw);
    assert.equal(out.request.type === "EventRequest" && out.request.event.payload, null);
  });
});

describe("normalizeCekResponse", () => {
  it("fills every default of a bare response", () => {
    const out = response({ response: {} }, { version: "0.1.0" });
    assert.deepEqual(out, {
      version: "0.1.0",
      sessionAttributes: {},
      response: { outputSpeech: {}, card: {}, directives: [], shouldEndSession: true },
    });
    assert.equal(response({ response: { shouldEndSession: null } }).version, "1.0");
  });

  it("accepts the 0.1.0 misspelling sessionAttibutes; the correct spelling wins", () => {
    const misspelt = response({ sessionAttibutes: { a: 1 }, response: {} });
    assert.deepEqual(misspelt.sessionAttributes, { a: 1 });
    assert.equal("sessionAttibutes" in misspelt, false);
    const both = response({
      sessionAttibutes: { a: 1 },
      sessionAttributes: { b: 2 },
      response: {},
    });
    assert.deepEqual(both.sessionAttributes, { b: 2 });
    assert.equal("sessionAttibutes" in both, false);
  });

  it("fixes speech containers and languages", () => {
    assert.deepEqual(normalizeOutputSpeech({ type: "SimpleSpeech", values: [plain("Hi.")] }), {
      type: "SimpleSpeech",
      values: plain("Hi."),
    });
    assert.deepEqual(normalizeOutputSpeech({ type: "SpeechList", values: plain("Hi.") }), {
      type: "SpeechList",
      values: [plain("Hi.")],
    });
    const url = { type: "URL", value: "https://example.org/a.mp3" };
    const urlJa = { ...url, lang: "ja" };
    const set = response(
      {
        response: {
          outputSpeech: {
            type: "SpeechSet",
            brief: plain("Short.", ""),
            verbose: { type: "SpeechList", values: [url, urlJa, plain("Long.", "fr")] },
          },
          reprompt: { outputSpeech: { type: "SimpleSpeech", values: [plain("Again?", null)] } },
        },
      },
      { language: "ja" },
    );
    assert.deepEqual(set.response.outputSpeech, {
      type: "SpeechSet",
      brief: plain("Short.", "ja"),
      verbose: { type: "SpeechList", values: [{ ...url, lang: "" }, urlJa, plain("Long.", "ja")] },
    });
    assert.deepEqual(set.response.reprompt, {
      outputSpeech: { type: "SimpleSpeech", values: plain("Again?", "ja") },
    });
    assert.deepEqual(response({ response: { outputSpeech: null } }).response.outputSpeech, {});
  });

  it("fills an empty PlainText lang of a canonical response with the registered language", () => {
    const canonical = (outputSpeech: unknown, reprompt?: unknown) => ({
      version: "1.0",
      sessionAttributes: {},
      response: {
        outputSpeech,
        ...(reprompt ? { reprompt: { outputSpeech: reprompt } } : {}),
        card: {},
        directives: [],
        shouldEndSession: false,
      },
    });
    const simple = { type: "SimpleSpeech", values: plain("Hi.") };
    const complete = canonical(simple, simple);
    assert.equal(response(complete, { language: "ja" }), complete, "nothing to change");
    const set = {
      type: "SpeechSet",
      brief: plain("Hi.", ""),
      verbose: { type: "SpeechList", values: [plain("Hello.")] },
    };
    const filled = response(canonical(simple, set), { language: "ja" });
    assert.deepEqual(filled.response.reprompt?.outputSpeech, { ...set, brief: plain("Hi.", "ja") });
    assert.deepEqual(response(canonical(set)).response.outputSpeech, set, "no language given");
  });

  it("unwraps directives, keeps unknown ones and gives every directive a messageId", () => {
    let n = 0;
    const out = response(
      {
        response: {
          directives: [
            { directive: { header: { namespace: "PlaybackController", name: "Pause" } } },
            {
              header: { namespace: "Vendor", name: "Custom", messageId: "m-1" },
              payload: { x: 1 },
            },
          ],
        },
      },
      { newMessageId: () => `gen-${++n}` },
    );
    assert.deepEqual(out.response.directives, [
      {
        header: { namespace: "PlaybackController", name: "Pause", messageId: "gen-1" },
        payload: {},
      },
      { header: { namespace: "Vendor", name: "Custom", messageId: "m-1" }, payload: { x: 1 } },
    ]);
    const uuid = response({
      response: { directives: [{ header: { namespace: "PlaybackController", name: "Stop" } }] },
    }).response.directives[0]?.header.messageId;
    assert.match(
      uuid ?? "",
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("keeps unknown fields and a non-empty card", () => {
    const card = { type: "ImageText", mainText: { type: "string", value: "x" } };
    const out = response({ extra: 1, response: { card, extra: 2 } });
    assert.deepEqual(out.response.card, card);
    assert.equal((out as Record<string, unknown>).extra, 1);
    assert.equal((out.response as Record<string, unknown>).extra, 2);
  });

  it("reports every broken directive, each with its own path", () => {
    const result = normalizeCekResponse({
      response: {
        directives: [
          { header: { namespace: "AudioPlayer", name: "Play" }, payload: {} },
          {
            header: { namespace: "AudioPlayer", name: "StreamDeliver" },
            payload: { audioItemId: "a" },
          },
        ],
      },
    });
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.deepEqual(
        result.issues.map((i) => i.path),
        [
          "response.directives[0].payload.audioItem",
          "response.directives[0].payload.playBehavior",
          "response.directives[1].payload.audioStream",
        ],
      );
  });
});
