// CEK custom extension conformance, field by field (cek-custom-extension.md §3, §4, §7, §12.2):
// speech languages per item, the outputSpeech shapes to accept and to refuse, SpeechSet on a
// screen, defaults for absent members, the wrapped directive form, reprompt only with an open
// session, built-in intents inside a session, date slots, display
// fields, redirects and skill events — a raw node:http extension, a raw HTTP/2 device.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, beforeEach, describe, it } from "node:test";
import { SPEAKER_CONTEXT } from "../helpers/devices.js";
import type { Json } from "../helpers/extension-server.js";
import {
  admin,
  directiveNames,
  type ExtensionRig,
  extensionRig,
  heard,
  type RawDevice,
  type RawExtension,
  type Running,
  speech,
  spoken,
  textRecognize,
  until,
  withoutSession,
} from "./raw.js";

const ID = "org.example.weatherbird";
const model = {
  language: "en",
  invocation: { main: "weather bird" },
  builtinIntents: ["Clova.GuideIntent", "Clova.CancelIntent"],
  builtinSlotTypes: ["CLOVA.DATETIME"],
  intents: [
    {
      name: "Forecast",
      slots: [{ name: "when", type: "CLOVA.DATETIME" }],
      utterances: ["forecast for <when>tomorrow</when>", "forecast please"],
    },
  ],
};
/** A device with a small screen that plays MP3 (the speaker's audio, cic.md §8). */
const SCREEN = [
  {
    header: { namespace: "Device", name: "Display" },
    payload: {
      size: "m100",
      orientation: "landscape",
      dpi: 160,
      contentLayer: { width: 427, height: 240 },
    },
  },
  ...SPEAKER_CONTEXT.filter((c) => c.header.name === "Audio"),
];
const SPEAKER = SPEAKER_CONTEXT;
const plain = (lang: string, value: unknown) => ({ type: "PlainText", lang, value });

/** A valid, closing answer whose `response` members are replaced by `response`. */
function answer(response: Json, top: Json = {}) {
  const base = speech("The bird sings.", true);
  return { ...base, response: { ...base.response, ...response }, ...top };
}

describe("CEK custom extension conformance: fields (§3, §4, §7, §12.2)", () => {
  let rig: ExtensionRig;
  let running: Running;
  let ext: RawExtension;
  let device: RawDevice;
  let apology = "";

  /** The IntentRequests the extension got (not the SessionEndedRequest of an earlier test). */
  const intentCalls = () => ext.requests.filter((r) => r.body.request?.type === "IntentRequest");
  const ask = (text = "ask weather bird forecast please", context = SPEAKER) =>
    device.event({ ...textRecognize(text), context });

  before(async () => {
    rig = await extensionRig({
      env: { CLOVER_CEK_BREAKER_FAILURES: "1000" },
      registration: {
        id: ID,
        displayName: "Weather Bird",
        usesAudioPlayer: true,
        models: { en: model },
      },
      deviceId: "bird-1",
    });
    ({ running, ext, device } = rig);
    // The first turn compiles the model; an HTTP 500 gives the apology to compare with.
    ext.answer = () => ({ status: 500, body: "boom" });
    apology = spoken(await ask())[0]?.text ?? "";
    assert.ok(apology.length > 0);
  });
  after(() => rig?.close());
  beforeEach(() => withoutSession(rig));

  it("speaks each PlainText item in its own lang; an empty or unknown lang is the extension's (§4.4, §12.2)", async () => {
    ext.answer = () => ({
      body: answer({
        outputSpeech: {
          type: "SpeechList",
          values: [
            plain("ja", "晴れです。"),
            plain("", "Sunny."),
            plain("fr", "Il fait beau."),
            plain("ko", "맑아요."),
          ],
        },
      }),
    });
    assert.deepEqual(spoken(await ask()), [
      { language: "ja", text: "晴れです。" },
      { language: "en", text: "Sunny." },
      { language: "en", text: "Il fait beau." },
      { language: "ko", text: "맑아요." },
    ]);
  });

  it("accepts a SpeechList given one object, and a body with only response.outputSpeech and shouldEndSession (§4.2, §4.3, §12.2)", async () => {
    ext.answer = () => ({
      body: {
        response: {
          outputSpeech: { type: "SpeechList", values: plain("en", "One item.") },
          shouldEndSession: true,
        },
      },
    });
    assert.deepEqual(heard(await ask()), ["One item."]);
    ext.answer = () => ({ body: { version: "2.5", response: { shouldEndSession: true } } });
    const silent = await ask();
    assert.ok([200, 204].includes(silent.status), String(silent.status));
    assert.ok(!spoken(silent).some((s) => s.text === apology), "no outputSpeech is saying nothing");
  });

  const refused: [string, Json][] = [
    [
      "a SpeechSet without brief",
      { type: "SpeechSet", verbose: { type: "SimpleSpeech", values: plain("en", "v") } },
    ],
    // Two-value SimpleSpeech, SpeechSet without verbose, empty text: cek-custom.test.ts.
    ["an empty URL value", { type: "SimpleSpeech", values: { type: "URL", lang: "", value: "" } }],
    // A URL item becomes a Speak url: http(s), at most 2,048 bytes (cic.md §9.9).
    [
      "a URL item that is not a URL",
      {
        type: "SpeechList",
        values: [plain("en", "a"), { type: "URL", lang: "", value: "bell.mp3" }],
      },
    ],
    [
      "an ftp URL item",
      {
        type: "SimpleSpeech",
        values: { type: "URL", lang: "", value: "ftp://cdn.example.org/bell.mp3" },
      },
    ],
    [
      "a URL item above 2,048 bytes",
      {
        type: "SimpleSpeech",
        values: { type: "URL", lang: "", value: `https://cdn.example.org/${"b".repeat(2048)}.mp3` },
      },
    ],
    [
      "a bad URL in a reprompt's SpeechSet",
      { type: "SimpleSpeech", values: plain("en", "x"), reprompt: true },
    ],
  ];
  for (const [what, outputSpeech] of refused)
    it(`refuses ${what} as an extension error (§4.3)`, async () => {
      const bad = {
        type: "SpeechSet",
        brief: { type: "URL", lang: "", value: "cid:x" },
        verbose: { type: "SimpleSpeech", values: plain("en", "v") },
      };
      const { reprompt, ...speech } = outputSpeech;
      ext.answer = () => ({
        body: answer(
          reprompt
            ? { outputSpeech: speech, shouldEndSession: false, reprompt: { outputSpeech: bad } }
            : { outputSpeech },
        ),
      });
      const got = await ask();
      assert.deepEqual(heard(got), [apology]);
      assert.ok(!directiveNames(got.directives).includes("SpeechRecognizer.ExpectSpeech"));
    });

  it("plays a SpeechSet's brief on a device with a screen, verbose without one (§4.3, §13 #9)", async () => {
    ext.answer = () => ({
      body: answer({
        outputSpeech: {
          type: "SpeechSet",
          brief: plain("en", "Rain."),
          verbose: {
            type: "SpeechList",
            values: [plain("en", "Rain in the morning."), plain("en", "Dry later.")],
          },
        },
      }),
    });
    assert.deepEqual(heard(await ask(undefined, SCREEN)), ["Rain."]);
    assert.deepEqual(heard(await ask(undefined, SPEAKER)), ["Rain in the morning.", "Dry later."]);
  });

  it("sends display size none without orientation, dpi or contentLayer (§3.2)", async () => {
    await ask();
    assert.deepEqual(intentCalls()[0]?.body.context.System.device.display, { size: "none" });
  });

  it("unwraps the {directive: {…}} form and gives a directive without messageId one (§4.2, §12.2)", async () => {
    const play = {
      header: { namespace: "AudioPlayer", name: "Play" },
      payload: {
        audioItem: {
          audioItemId: "song-1",
          titleText: "Birdsong",
          titleSubText1: "The Birds",
          stream: {
            token: "t-1",
            url: "https://media.example.net/bird.mp3",
            urlPlayable: true,
            beginAtInMilliseconds: 0,
          },
        },
        playBehavior: "REPLACE_ALL",
        source: { name: "Bird FM" },
      },
    };
    ext.answer = () => ({ body: answer({ outputSpeech: {}, directives: [{ directive: play }] }) });
    const got = await ask();
    const played = got.directives.find((d) => d.header.name === "Play");
    assert.ok(played, directiveNames(got.directives).join());
    assert.equal(typeof played.header.messageId, "string");
    assert.ok(String(played.header.messageId).length > 0);
    assert.equal((played.payload["audioItem"] as Json).audioItemId, "song-1");
  });

  it("ignores a reprompt when shouldEndSession is true: no reprompt, no listening, no session (§4.5)", async () => {
    ext.answer = () => ({
      body: answer({
        reprompt: { outputSpeech: { type: "SimpleSpeech", values: plain("en", "Still there?") } },
      }),
    });
    const got = await ask("open weather bird");
    assert.deepEqual(heard(got), ["The bird sings."]);
    assert.ok(!directiveNames(got.directives).includes("SpeechRecognizer.ExpectSpeech"));
  });

  it("sends built-in intents in a session with slots {}; CancelIntent does not end the session (§7.5)", async () => {
    ext.answer = (req) => ({
      body: answer({ shouldEndSession: false }, { sessionAttributes: { turn: req.request.type } }),
    });
    await ask("open weather bird");
    await device.event({ ...textRecognize("help"), context: SPEAKER });
    await device.event({ ...textRecognize("cancel"), context: SPEAKER });
    await device.event({ ...textRecognize("forecast please"), context: SPEAKER });
    const bodies = ext.requests.map((r) => r.body);
    const intents = bodies
      .slice(1)
      .map((b) => `${b.request.type} ${b.request.intent?.name ?? ""}`.trim());
    assert.deepEqual(intents, [
      "IntentRequest Clova.GuideIntent",
      "IntentRequest Clova.CancelIntent",
      "IntentRequest Forecast",
    ]);
    for (const b of bodies.slice(1, 3)) assert.deepEqual(b.request.intent.slots, {});
    for (const b of bodies.slice(1)) {
      assert.equal(b.session.new, false);
      assert.equal(b.session.sessionId, bodies[0].session.sessionId);
    }
    await device.event(textRecognize("stop"));
    await until(
      () => ext.requests.some((r) => r.body.request?.type === "SessionEndedRequest"),
      5000,
      "SessionEndedRequest after stop",
    );
  });

  it("sends a date slot as an ISO date with valueType DATE (§3.6)", async () => {
    await ask("ask weather bird forecast for tomorrow");
    const slot = intentCalls()[0]?.body.request.intent.slots.when;
    assert.equal(slot?.valueType, "DATE", JSON.stringify(slot));
    assert.match(String(slot.value), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(slot.name, "when");
  });

  it("does not follow a redirect: the body signed for the registered URL goes nowhere else (§2.1, §2.7)", async () => {
    let elsewhere = 0;
    const other = http.createServer((_req, res) => {
      elsewhere += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(speech("Redirected.", true)));
    });
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    const target = `http://127.0.0.1:${(other.address() as { port: number }).port}/cek`;
    try {
      // An extension that answers with a redirect to another server.
      const redirecting = http.createServer((_req, res) => {
        res.writeHead(307, { location: target });
        res.end();
      });
      await new Promise<void>((resolve) => redirecting.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(redirecting.address() as { port: number }).port}/cek`;
      const moved = await admin(running.url, "PATCH", `/api/v1/extensions/${ID}`, {
        endpointUrl: url,
      });
      assert.ok(moved.status < 300, moved.body.toString());
      try {
        const got = await ask();
        assert.deepEqual(heard(got), [apology]);
        assert.equal(elsewhere, 0);
      } finally {
        await admin(running.url, "PATCH", `/api/v1/extensions/${ID}`, { endpointUrl: ext.url });
        redirecting.closeAllConnections();
        await new Promise<void>((resolve) => redirecting.close(() => resolve()));
      }
    } finally {
      other.closeAllConnections();
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it("sends skill events with a UUID requestId, an ISO timestamp and a fresh session (§3.8, §7.7)", async () => {
    const user = "U00112233445566778899aabbccddeeff";
    const enabled = await admin(running.url, "PUT", `/api/v1/extensions/${ID}/users/${user}`);
    assert.ok(enabled.status < 300, enabled.body.toString());
    await until(
      () => ext.requests.some((r) => r.body.request?.event?.name === "SkillEnabled"),
      5000,
      "SkillEnabled",
    );
    const event = ext.requests.find((r) => r.body.request?.event?.name === "SkillEnabled")!.body;
    assert.match(
      event.request.requestId,
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    );
    assert.match(event.request.timestamp, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    assert.ok(Math.abs(Date.parse(event.request.timestamp) - Date.now()) < 60_000);
    assert.equal(event.session.new, true);
    assert.deepEqual(event.session.sessionAttributes, {});
    assert.equal(event.context.System.user.userId, user);
  });
});
