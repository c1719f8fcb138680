// CEK custom extension conformance (cek-custom-extension.md), black box: a raw node:http
// extension written from the spec, driven by a raw HTTP/2 device through a real Clover.
import assert from "node:assert/strict";
import { createPublicKey, randomUUID, verify } from "node:crypto";
import { after, before, beforeEach, describe, it } from "node:test";
import { SPEAKER_CONTEXT } from "../helpers/devices.js";
import type { Json } from "../helpers/extension-server.js";
import {
  ADMIN,
  admin,
  type Directive,
  directiveNames,
  type ExtensionRig,
  extensionRig,
  heard,
  httpsCall,
  type RawDevice,
  type RawExtension,
  type Running,
  rawExtension,
  speech,
  speechSetAnswer,
  textRecognize,
  until,
  withoutSession,
} from "./raw.js";

const ID = "org.example.cookiejar";
const WINDOW_MS = 600;

const model = {
  language: "en",
  invocation: { main: "cookie jar" },
  builtinIntents: ["Clova.GuideIntent", "Clova.CancelIntent", "Clova.YesIntent", "Clova.NoIntent"],
  builtinSlotTypes: ["CLOVA.NUMBER"],
  customSlotTypes: [
    { name: "FLAVOR", values: [{ value: "chocolate", synonyms: ["choc"] }, { value: "oat" }] },
  ],
  intents: [
    {
      name: "OrderCookies",
      slots: [
        { name: "count", type: "CLOVA.NUMBER" },
        { name: "flavor", type: "FLAVOR" },
      ],
      utterances: [
        "order <count>two</count> cookies",
        "order <count>two</count> <flavor>chocolate</flavor> cookies",
        "i want <count>3</count> cookies",
      ],
    },
  ],
};

describe("CEK custom extension conformance (raw extension, raw device)", () => {
  let rig: ExtensionRig;
  let running: Running;
  let ext: RawExtension;
  let device: RawDevice;
  let pushed: () => Directive[];

  before(async () => {
    rig = await extensionRig({
      env: {
        CLOVER_SESSION_TIMEOUT_MS: String(WINDOW_MS),
        CLOVER_SESSION_GRACE_MS: "0",
        CLOVER_CEK_TIMEOUT_MS: "1500",
        // Several tests fail the extension on purpose; its circuit must stay closed.
        CLOVER_CEK_BREAKER_FAILURES: "1000",
      },
      registration: {
        id: ID,
        displayName: "Cookie Jar",
        usesAudioPlayer: true,
        models: { en: model },
      },
      deviceId: "cek-device-1",
    });
    ({ running, ext, device } = rig);
    pushed = () => rig.channel.directives().slice(1);
    // The first turn compiles the models; on a busy machine that takes seconds. It also says
    // what the device is: a speaker without a screen that plays MP3 (cic.md §8.5, §8.7; a
    // device without Device.Audio gets no audio content, without Device.Display is taken to
    // have a Full-HD screen: context-defaults.test.ts).
    await device.event({
      ...textRecognize("ask cookie jar to order two cookies"),
      context: SPEAKER_CONTEXT,
    });
  });
  after(() => rig?.close());
  beforeEach(() => withoutSession(rig));

  it("sends signed, exact requests (§2.1, §2.5, §3) and a LaunchRequest with only its type", async () => {
    ext.answer = () => ({ body: speech("Welcome to the jar.", true) });
    const answer = await device.event(textRecognize("open cookie jar"));
    assert.equal(answer.status, 200);
    assert.deepEqual(heard(answer), ["Welcome to the jar."]);
    const [call] = ext.requests;
    assert.ok(call, "the extension was called");
    assert.match(String(call.headers["content-type"]), /^application\/json;\s*charset=UTF-8$/i);
    assert.match(String(call.headers["accept"]), /application\/json/);
    assert.equal(call.headers["accept-charset"], "utf-8");
    // The names as §2.1 writes them, for extensions that read raw header lines.
    for (const name of ["Content-Type", "Accept", "Accept-Charset", "SignatureCEK"])
      assert.ok(call.headerNames.includes(name), `${name} in ${call.headerNames}`);
    assert.equal(Number(call.headers["content-length"]), call.raw.length);
    const pem = await httpsCall(`${running.url}/.well-known/signature-public-key.pem`);
    assert.equal(pem.status, 200);
    const key = createPublicKey(pem.body.toString("utf8"));
    const signature = Buffer.from(String(call.headers["signaturecek"]), "base64");
    assert.ok(
      verify("sha256", call.raw, key, signature),
      "SignatureCEK verifies over the raw body",
    );
    const body = call.body;
    assert.equal(body["version"], "1.0");
    assert.equal(body["session"].new, true);
    assert.deepEqual(body["session"].sessionAttributes, {});
    assert.equal(typeof body["session"].sessionId, "string");
    assert.equal(body["context"].System.application.applicationId, ID);
    assert.equal(typeof body["context"].System.device.deviceId, "string");
    assert.equal(body["context"].System.device.display.size, "none");
    assert.equal(body["session"].user.userId, body["context"].System.user.userId);
    // Nothing but the type (§3.5), and the locale Clover adds (docs/server.md, a documented choice).
    const { locale, ...launch } = body["request"];
    assert.deepEqual(launch, { type: "LaunchRequest" });
    assert.equal(locale, "en-US");
  });

  it("keeps a session: same sessionId, new:false, attributes replaced; stop sends SessionEndedRequest whose answer is ignored", async () => {
    ext.answer = (req) =>
      req["request"].type === "LaunchRequest"
        ? { body: speech("How many?", false, { sessionAttributes: { step: 1, ключ: "値" } }) }
        : req["request"].type === "SessionEndedRequest"
          ? { body: speech("Goodbye from the jar.", true) }
          : { body: speech("More?", false, { sessionAttributes: { step: 2 } }) };
    const dialog = "11111111-2222-4333-8444-555555555555";
    const launched = await device.event(textRecognize("open cookie jar", dialog));
    assert.deepEqual(
      directiveNames(launched.directives).filter((n) => n !== "Clova.RenderText"),
      ["SpeechSynthesizer.Speak", "SpeechRecognizer.ExpectSpeech"],
    );
    for (const d of launched.directives) assert.equal(d.header.dialogRequestId, dialog);
    const expect = launched.directives.find((d) => d.header.name === "ExpectSpeech")!;
    assert.ok(Number.isInteger(expect.payload["timeoutInMilliseconds"]));
    assert.equal(typeof expect.payload["explicit"], "boolean");
    assert.equal(typeof expect.payload["expectSpeechId"], "string");
    const ordered = await device.event({
      ...textRecognize("order two chocolate cookies", dialog),
      event: {
        ...textRecognize("order two chocolate cookies", dialog).event,
        payload: {
          text: "order two chocolate cookies",
          speechId: expect.payload["expectSpeechId"],
          explicit: true,
        },
      },
    });
    assert.equal(ordered.status, 200);
    const [launch, intent] = ext.requests.map((r) => r.body);
    assert.equal(intent["session"].new, false);
    assert.equal(intent["session"].sessionId, launch["session"].sessionId);
    assert.deepEqual(intent["session"].sessionAttributes, { step: 1, ключ: "値" });
    assert.equal(intent["request"].type, "IntentRequest");
    assert.equal(intent["request"].intent.name, "OrderCookies");
    assert.deepEqual(intent["request"].intent.slots, {
      count: { name: "count", value: "2" },
      flavor: { name: "flavor", value: "chocolate" },
    });
    const stopped = await device.event(textRecognize("stop"));
    await until(() => ext.requests.length >= 3, 5000, "SessionEndedRequest");
    const ended = ext.requests[2]!.body;
    assert.equal(ended["request"].type, "SessionEndedRequest");
    assert.equal(ended["session"].sessionId, launch["session"].sessionId);
    assert.deepEqual(ended["session"].sessionAttributes, { step: 2 });
    assert.ok(
      !heard(stopped).includes("Goodbye from the jar."),
      "the answer to SessionEndedRequest is ignored",
    );
  });

  it("sends no SessionEndedRequest after shouldEndSession true, and starts one-shots with new:true", async () => {
    ext.answer = () => ({ body: speech("Two cookies coming.", true) });
    const answer = await device.event(textRecognize("ask cookie jar to order two cookies"));
    assert.deepEqual(heard(answer), ["Two cookies coming."]);
    assert.ok(!directiveNames(answer.directives).includes("SpeechRecognizer.ExpectSpeech"));
    const [one] = ext.requests.map((r) => r.body);
    assert.equal(one["session"].new, true);
    assert.equal(one["request"].intent.name, "OrderCookies");
    await new Promise((r) => setTimeout(r, WINDOW_MS + 300));
    assert.equal(ext.requests.length, 1, "no SessionEndedRequest follows");
    await device.event(textRecognize("ask cookie jar to order two cookies"));
    const again = ext.requests[1]!.body;
    assert.equal(again["session"].new, true);
    assert.notEqual(
      again["session"].sessionId,
      one["session"].sessionId,
      "a fresh sessionId (§7.1)",
    );
  });

  it("ends the session when shouldEndSession is missing, and reads sessionAttibutes (§4.2, §12.2)", async () => {
    ext.answer = () => {
      const body = speech("Hi.", false) as Json;
      delete body["response"].shouldEndSession;
      return { body };
    };
    const missing = await device.event(textRecognize("open cookie jar"));
    assert.ok(!directiveNames(missing.directives).includes("SpeechRecognizer.ExpectSpeech"));
    ext.requests.length = 0;
    ext.answer = (req) =>
      req["request"].type === "LaunchRequest"
        ? {
            body: {
              version: "1.0",
              sessionAttibutes: { typo: true },
              response: speech("Hi.", false).response,
            },
          }
        : { body: speech("ok", true) };
    await device.event(textRecognize("open cookie jar"));
    await device.event(textRecognize("order two cookies"));
    assert.deepEqual(ext.requests[1]?.body["session"].sessionAttributes, { typo: true });
  });

  it("speaks the reprompt once on silence, then sends SessionEndedRequest (§4.5, §7.2)", async () => {
    ext.answer = (req) =>
      req["request"].type === "LaunchRequest"
        ? {
            body: speech("How many?", false, {
              response: {
                ...speech("How many?", false).response,
                reprompt: {
                  outputSpeech: {
                    type: "SimpleSpeech",
                    values: { type: "PlainText", lang: "en", value: "Say a number." },
                  },
                },
              },
            }),
          }
        : { body: speech("bye", true) };
    const before = pushed().length;
    await device.event(textRecognize("open cookie jar"));
    await until(
      () => ext.requests.some((r) => r.body["request"].type === "SessionEndedRequest"),
      15_000,
      "SessionEndedRequest",
    );
    const after = pushed().slice(before);
    assert.deepEqual(
      directiveNames(after).filter((n) => n !== "Clova.RenderText"),
      ["SpeechSynthesizer.Speak", "SpeechRecognizer.ExpectSpeech"],
    );
    for (const d of after) assert.equal(d.header.dialogRequestId, undefined, "cloud-initiated");
    assert.equal(
      ext.requests.filter((r) => r.body["request"].type === "SessionEndedRequest").length,
      1,
    );
  });

  it("apologizes and sends a best-effort SessionEndedRequest when the extension fails mid-session (§2.4)", async () => {
    let failing = false;
    ext.answer = (req) =>
      req["request"].type === "SessionEndedRequest"
        ? { body: speech("x", true) }
        : failing
          ? { status: 500, body: "boom" }
          : { body: speech("How many?", false) };
    await device.event(textRecognize("open cookie jar"));
    failing = true;
    const answer = await device.event(textRecognize("order two cookies"));
    assert.equal(answer.status, 200);
    const said = heard(answer);
    assert.equal(said.length, 1, "a spoken apology");
    assert.ok(!directiveNames(answer.directives).includes("SpeechRecognizer.ExpectSpeech"));
    await until(
      () => ext.requests.some((r) => r.body["request"].type === "SessionEndedRequest"),
      5000,
      "SessionEndedRequest",
    );
  });

  for (const [what, body] of [
    ["not JSON", "<html>"],
    [
      "a SimpleSpeech with two values",
      {
        version: "1.0",
        sessionAttributes: {},
        response: {
          outputSpeech: {
            type: "SimpleSpeech",
            values: [
              { type: "PlainText", lang: "en", value: "a" },
              { type: "PlainText", lang: "en", value: "b" },
            ],
          },
          card: {},
          directives: [],
          shouldEndSession: true,
        },
      },
    ],
    [
      "a SpeechSet without verbose",
      {
        version: "1.0",
        sessionAttributes: {},
        response: {
          outputSpeech: { type: "SpeechSet", brief: { type: "PlainText", lang: "en", value: "a" } },
          card: {},
          directives: [],
          shouldEndSession: true,
        },
      },
    ],
    [
      "an empty speech value",
      {
        version: "1.0",
        sessionAttributes: {},
        response: {
          outputSpeech: {
            type: "SimpleSpeech",
            values: { type: "PlainText", lang: "en", value: "" },
          },
          card: {},
          directives: [],
          shouldEndSession: true,
        },
      },
    ],
    [
      "sessionAttributes over 64 KiB",
      speech("big", false, { sessionAttributes: { blob: "x".repeat(70_000) } }),
    ],
  ] as const)
    it(`treats ${what} as an extension error: the user hears an apology`, async () => {
      ext.answer = () => ({ body });
      const answer = await device.event(textRecognize("ask cookie jar to order two cookies"));
      assert.equal(answer.status, 200);
      const said = heard(answer);
      assert.equal(said.length, 1, `one apology, got ${JSON.stringify(said)}`);
      assert.ok(!said[0]!.includes("big") && said[0] !== "a", said[0]);
      assert.ok(!directiveNames(answer.directives).includes("SpeechRecognizer.ExpectSpeech"));
    });

  it("accepts the documented variants: one-element SimpleSpeech array, URL items with any lang, SpeechSet verbose on a screenless device", async () => {
    ext.answer = () => ({
      body: {
        version: "0.1.0",
        response: {
          outputSpeech: {
            type: "SimpleSpeech",
            values: [{ type: "PlainText", lang: "en", value: "Single." }],
          },
          shouldEndSession: true,
        },
      },
    });
    assert.deepEqual(
      heard(await device.event(textRecognize("ask cookie jar to order two cookies"))),
      ["Single."],
    );
    ext.answer = () => ({
      body: speech("", true, {
        response: {
          outputSpeech: {
            type: "SpeechList",
            values: [
              { type: "URL", lang: "ja", value: "https://cdn.example.org/bell.mp3" },
              { type: "PlainText", lang: "", value: "Fresh batch." },
            ],
          },
          card: {},
          directives: [],
          shouldEndSession: true,
        },
      }),
    });
    const list = heard(await device.event(textRecognize("ask cookie jar to order two cookies")));
    assert.deepEqual(list, ["https://cdn.example.org/bell.mp3", "Fresh batch."]);
    ext.answer = () => ({
      body: speechSetAnswer("Short.", "The long version."),
    });
    assert.deepEqual(
      heard(await device.event(textRecognize("ask cookie jar to order two cookies"))),
      ["The long version."],
    );
  });

  it("passes the device's Device.Display to the extension as context.System.device.display (§3.2)", async () => {
    ext.answer = () => ({ body: speech("ok", true) });
    const display = {
      header: { namespace: "Device", name: "Display" },
      payload: {
        size: "custom",
        orientation: "portrait",
        dpi: 240,
        contentLayer: { width: 600, height: 1024 },
      },
    };
    await device.event({
      ...textRecognize("ask cookie jar to order two cookies"),
      context: [display],
    });
    assert.deepEqual(ext.requests.at(-1)?.body["context"].System.device.display, display.payload);
    await device.event({
      ...textRecognize("ask cookie jar to order two cookies"),
      context: [{ ...display, payload: { size: "none" } }],
    });
    assert.deepEqual(ext.requests.at(-1)?.body["context"].System.device.display, { size: "none" });
  });

  it("keeps listening after an empty answer with shouldEndSession false (§7.6)", async () => {
    ext.answer = () => ({
      body: {
        version: "1.0",
        sessionAttributes: {},
        response: { outputSpeech: {}, card: {}, directives: [], shouldEndSession: false },
      },
    });
    const answer = await device.event(textRecognize("open cookie jar"));
    assert.equal(answer.status, 200);
    assert.ok(
      directiveNames(answer.directives).includes("SpeechRecognizer.ExpectSpeech"),
      directiveNames(answer.directives).join(),
    );
  });

  it("forwards audio directives with generated ids and playback events as EventRequests (§4.7, §5, §3.8)", async () => {
    const play = {
      directive: {
        header: { namespace: "AudioPlayer", name: "Play" },
        payload: {
          audioItem: {
            audioItemId: "jar-song-1",
            titleText: "Crumbs",
            titleSubText1: "The Jars",
            stream: {
              beginAtInMilliseconds: 0,
              token: "jar-tok-1",
              url: "https://cdn.example.org/crumbs.mp3",
              urlPlayable: true,
            },
          },
          playBehavior: "REPLACE_ALL",
          source: { name: "Jar Radio" },
        },
      },
    };
    const alert = {
      header: { namespace: "Alerts", name: "SetAlert" },
      payload: { token: "x", type: "ALARM", scheduledTime: "2030-01-01T00:00:00Z" },
    };
    ext.answer = (req) =>
      req["request"].type === "EventRequest"
        ? {
            body: {
              version: "1.0",
              sessionAttributes: {},
              response: { outputSpeech: {}, card: {}, directives: [], shouldEndSession: true },
            },
          }
        : {
            body: {
              version: "1.0",
              sessionAttributes: {},
              response: {
                outputSpeech: {},
                card: {},
                directives: [play, alert],
                shouldEndSession: true,
              },
            },
          };
    const dialog = "22222222-2222-4333-8444-555555555555";
    const answer = await device.event(textRecognize("ask cookie jar to order two cookies", dialog));
    // (A device with a screen also gets the platform's TemplateRuntime player screen.)
    const forwarded = answer.directives.filter(
      (d) => d.header.namespace !== "Clova" && d.header.namespace !== "TemplateRuntime",
    );
    assert.deepEqual(
      directiveNames(forwarded),
      ["AudioPlayer.Play"],
      "Play forwarded, SetAlert dropped (§4.7)",
    );
    assert.equal(typeof forwarded[0]!.header.messageId, "string");
    assert.equal(forwarded[0]!.header.dialogRequestId, dialog);
    assert.equal((forwarded[0]!.payload["audioItem"] as Json).audioItemId, "jar-song-1");
    ext.requests.length = 0;
    const playing = {
      header: { namespace: "AudioPlayer", name: "PlaybackState" },
      payload: {
        playerActivity: "PLAYING",
        repeatMode: "NONE",
        offsetInMilliseconds: 1200,
        totalInMilliseconds: 60000,
        stream: (play.directive.payload.audioItem as Json).stream,
      },
    };
    const started = await device.event({
      context: [playing],
      event: {
        header: { namespace: "AudioPlayer", name: "PlayStarted", messageId: "m-1" },
        payload: { token: "jar-tok-1", offsetInMilliseconds: 0 },
      },
    });
    assert.ok([200, 204].includes(started.status));
    await until(() => ext.requests.length > 0, 5000, "the EventRequest");
    const event = ext.requests[0]!.body;
    assert.equal(event["request"].type, "EventRequest");
    assert.equal(typeof event["request"].requestId, "string");
    assert.match(event["request"].timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.deepEqual(event["request"].event, {
      namespace: "AudioPlayer",
      name: "PlayStarted",
      payload: { token: "jar-tok-1", offsetInMilliseconds: 0 },
    });
    assert.equal(event["context"].AudioPlayer.playerActivity, "PLAYING");
    assert.equal(event["context"].AudioPlayer.stream.token, "jar-tok-1");
    assert.equal(event["context"].System.application.applicationId, ID);
  });

  it("sends SkillEnabled and SkillDisabled as EventRequests (§6)", async () => {
    ext.answer = () => ({ body: speech("", true) });
    const user = "U0123456789abcdef0123456789abcdef";
    const admin = { authorization: `Bearer ${ADMIN}` };
    const enabled = await httpsCall(`${running.url}/api/v1/extensions/${ID}/users/${user}`, {
      method: "PUT",
      headers: admin,
    });
    assert.ok(enabled.status < 300, `enable: ${enabled.status}`);
    await until(
      () => ext.requests.some((r) => r.body["request"].event?.name === "SkillEnabled"),
      5000,
      "SkillEnabled",
    );
    const disabled = await httpsCall(`${running.url}/api/v1/extensions/${ID}/users/${user}`, {
      method: "DELETE",
      headers: admin,
    });
    assert.ok(disabled.status < 300, `disable: ${disabled.status}`);
    await until(
      () => ext.requests.some((r) => r.body["request"].event?.name === "SkillDisabled"),
      5000,
      "SkillDisabled",
    );
    for (const r of ext.requests.filter((x) => x.body["request"].type === "EventRequest")) {
      const request = r.body["request"];
      assert.equal(request.event.namespace, "ClovaSkill");
      assert.ok(request.event.payload === null || Object.keys(request.event.payload).length === 0);
      assert.equal(typeof request.requestId, "string");
      assert.equal(request.extensionId, ID);
      assert.equal(typeof request.locale, "string");
      assert.equal(r.body["context"].System.application.applicationId, ID);
    }
  });

  it("ends an open session with SessionEndedRequest when the user turns to another extension (§7.2)", async () => {
    const other = await rawExtension(() => ({ body: speech("Milk poured.", true) }));
    try {
      const registered = await admin(running.url, "POST", "/api/v1/extensions", {
        id: "org.example.milkjug",
        displayName: "Milk Jug",
        endpointUrl: other.url,
        models: {
          en: {
            ...model,
            invocation: { main: "milk jug" },
            intents: [{ name: "Pour", slots: [], utterances: ["pour some milk"] }],
            customSlotTypes: [],
            builtinSlotTypes: [],
          },
        },
      });
      assert.equal(registered.status, 201, registered.body.toString());
      ext.answer = (req) => ({
        body: speech("How many?", req["request"].type === "SessionEndedRequest"),
      });
      await device.event(textRecognize("open cookie jar"));
      const poured = await device.event(textRecognize("ask milk jug to pour some milk"));
      assert.deepEqual(heard(poured), ["Milk poured."]);
      assert.equal(other.requests[0]?.body["request"].intent?.name, "Pour");
      await until(
        () => ext.requests.some((r) => r.body["request"].type === "SessionEndedRequest"),
        5000,
        "SessionEndedRequest to the extension whose session was open",
      );
    } finally {
      await other.close();
    }
  });

  it("drops an answer later than the deadline: apology, no session, no ExpectSpeech (§2.3, §7.1.8)", async () => {
    ext.answer = (req) =>
      req["request"].type === "SessionEndedRequest"
        ? { body: speech("", true) }
        : { body: speech("Too late to ask.", false), delayMs: 3000 };
    const started = Date.now();
    const answer = await device.event(textRecognize("open cookie jar"));
    const took = Date.now() - started;
    assert.equal(answer.status, 200);
    const said = heard(answer);
    assert.equal(said.length, 1, "one apology");
    assert.notEqual(said[0], "Too late to ask.");
    assert.ok(!directiveNames(answer.directives).includes("SpeechRecognizer.ExpectSpeech"));
    // The late answer asked to keep the session open; it must not have been executed.
    await new Promise((r) => setTimeout(r, Math.max(0, 3200 - took)));
    ext.requests.length = 0;
    ext.answer = () => ({ body: speech("fresh", true) });
    await device.event(textRecognize("ask cookie jar to order two cookies"));
    const next = ext.requests.find((r) => r.body["request"].type === "IntentRequest");
    assert.ok(next, "the next request reaches the extension");
    assert.equal(next.body["session"].new, true, "a new session: the late one never opened");
  });

  it("sends SessionEndedRequest with nothing but its type, and no accessToken without linking (§3.2, §3.7)", async () => {
    ext.answer = (req) => ({ body: speech("Hi.", req["request"].type === "SessionEndedRequest") });
    await device.event(textRecognize("open cookie jar"));
    await device.event(textRecognize("stop"));
    await until(
      () => ext.requests.some((r) => r.body["request"].type === "SessionEndedRequest"),
      5000,
      "SessionEndedRequest",
    );
    const ended = ext.requests.find((r) => r.body["request"].type === "SessionEndedRequest");
    assert.ok(ended, "SessionEndedRequest");
    const { locale: _locale, ...rest } = ended.body["request"];
    assert.deepEqual(rest, { type: "SessionEndedRequest" }, "no reason field by default");
    for (const r of ext.requests) {
      const users = [r.body["context"].System.user, r.body["session"].user];
      for (const u of users) {
        assert.equal(typeof u.userId, "string");
        assert.ok(!("accessToken" in u), "omitted when no account is linked (§13 #5)");
      }
    }
  });

  it("refuses a response body above 1 MiB and a Play without audioItemId as extension errors (§10, §5.2)", async () => {
    for (const body of [
      speech("x".repeat(1_100_000), true),
      speech("", true, {
        response: {
          outputSpeech: {},
          card: {},
          directives: [
            {
              header: { namespace: "AudioPlayer", name: "Play" },
              payload: {
                audioItem: {
                  stream: {
                    token: "t",
                    url: "https://cdn.example.org/a.mp3",
                    urlPlayable: true,
                    beginAtInMilliseconds: 0,
                  },
                },
                playBehavior: "REPLACE_ALL",
              },
            },
          ],
          shouldEndSession: true,
        },
      }),
    ]) {
      ext.answer = () => ({ body });
      const answer = await device.event(textRecognize("ask cookie jar to order two cookies"));
      assert.equal(answer.status, 200);
      assert.equal(heard(answer).length, 1, "an apology");
      assert.ok(!directiveNames(answer.directives).includes("AudioPlayer.Play"));
    }
  });

  it("drops directives outside the supported set but keeps the others (§4.7)", async () => {
    ext.answer = () => ({
      body: speech("Paused.", true, {
        response: {
          outputSpeech: {
            type: "SimpleSpeech",
            values: { type: "PlainText", lang: "en", value: "Paused." },
          },
          card: {},
          directives: [
            { header: { namespace: "Foo", name: "Bar" }, payload: {} },
            { header: { namespace: "PlaybackController", name: "Pause" }, payload: {} },
          ],
          shouldEndSession: true,
        },
      }),
    });
    const dialog = randomUUID();
    const answer = await device.event(textRecognize("ask cookie jar to order two cookies", dialog));
    assert.deepEqual(heard(answer), ["Paused."]);
    assert.ok(!directiveNames(answer.directives).includes("Foo.Bar"));
    const pause = answer.directives.find((d) => d.header.name === "Pause");
    assert.ok(pause, "PlaybackController.Pause forwarded");
    assert.equal(pause.header.namespace, "PlaybackController");
    assert.equal(pause.header.dialogRequestId, dialog);
    assert.equal(typeof pause.header.messageId, "string");
  });

  it("answers StreamRequested and PlayFinished with the extension's directives, without dialogRequestId (§5.8, §5.9)", async () => {
    const stream = {
      token: "jar-tok-9",
      url: "clova:jar-tok-9",
      urlPlayable: false,
      beginAtInMilliseconds: 0,
    };
    const next = {
      header: { namespace: "AudioPlayer", name: "Play" },
      payload: {
        audioItem: {
          audioItemId: "jar-song-10",
          titleText: "Second",
          titleSubText1: "The Jars",
          stream: {
            token: "jar-tok-10",
            url: "https://cdn.example.org/10.mp3",
            urlPlayable: true,
            beginAtInMilliseconds: 0,
          },
        },
        playBehavior: "REPLACE_ALL",
        source: { name: "Jar Radio" },
      },
    };
    ext.answer = (req) => {
      const event = req["request"].event;
      const directives =
        event?.name === "StreamRequested"
          ? [
              {
                header: { namespace: "AudioPlayer", name: "StreamDeliver" },
                payload: {
                  audioItemId: event.payload.audioItemId,
                  audioStream: { token: "jar-tok-9", url: "https://cdn.example.org/9.mp3?sig=1" },
                },
              },
            ]
          : event?.name === "PlayFinished"
            ? [next]
            : [];
      return {
        body: {
          version: "1.0",
          sessionAttributes: {},
          response: { outputSpeech: {}, card: {}, directives, shouldEndSession: true },
        },
      };
    };
    const playing = {
      header: { namespace: "AudioPlayer", name: "PlaybackState" },
      payload: { playerActivity: "PLAYING", repeatMode: "NONE", offsetInMilliseconds: 0, stream },
    };
    // Playback belongs to the extension once its Play reached the device.
    ext.answer = ((inner) => (req: Json) => {
      if (req["request"].type === "IntentRequest")
        return {
          body: {
            version: "1.0",
            sessionAttributes: {},
            response: {
              outputSpeech: {},
              card: {},
              directives: [
                {
                  header: { namespace: "AudioPlayer", name: "Play" },
                  payload: {
                    audioItem: {
                      audioItemId: "jar-song-9",
                      titleText: "First",
                      titleSubText1: "The Jars",
                      stream,
                    },
                    playBehavior: "REPLACE_ALL",
                    source: { name: "Jar Radio" },
                  },
                },
              ],
              shouldEndSession: true,
            },
          },
        };
      return inner(req);
    })(ext.answer);
    const played = await device.event(textRecognize("ask cookie jar to order two cookies"));
    assert.ok(directiveNames(played.directives).includes("AudioPlayer.Play"));
    const requested = await device.event({
      context: [playing],
      event: {
        header: { namespace: "AudioPlayer", name: "StreamRequested", messageId: randomUUID() },
        payload: { audioItemId: "jar-song-9", audioStream: stream },
      },
    });
    assert.equal(requested.status, 200, requested.body.toString());
    const deliver = requested.directives.find((d) => d.header.name === "StreamDeliver");
    assert.ok(deliver, directiveNames(requested.directives).join());
    assert.equal(deliver.header.dialogRequestId, undefined);
    assert.equal(deliver.payload["audioItemId"], "jar-song-9");
    assert.equal(
      (deliver.payload["audioStream"] as Json).url,
      "https://cdn.example.org/9.mp3?sig=1",
    );
    const eventRequest = ext.requests.find(
      (r) => r.body["request"].event?.name === "StreamRequested",
    );
    assert.deepEqual(eventRequest?.body["request"].event.payload, {
      audioItemId: "jar-song-9",
      audioStream: stream,
    });
    const finished = await device.event({
      context: [playing],
      event: {
        header: { namespace: "AudioPlayer", name: "PlayFinished", messageId: randomUUID() },
        payload: { token: "jar-tok-9", offsetInMilliseconds: 90_000 },
      },
    });
    assert.equal(finished.status, 200, finished.body.toString());
    const play = finished.directives.find((d) => d.header.name === "Play");
    assert.ok(play, directiveNames(finished.directives).join());
    assert.equal(play.header.dialogRequestId, undefined);
    assert.equal((play.payload["audioItem"] as Json).audioItemId, "jar-song-10");
  });

  it("asks for more with ExpectSpeech (§9.8 fields) and takes the follow-up by speechId under the same dialogRequestId (cic.md §7.2)", async () => {
    ext.answer = (req) => ({
      body: speech(
        req["request"].type === "LaunchRequest" ? "How many cookies?" : "Two it is.",
        req["request"].type !== "LaunchRequest",
      ),
    });
    const dialog = randomUUID();
    const opened = await device.event(textRecognize("open cookie jar", dialog));
    const expect = opened.directives.find((d) => d.header.name === "ExpectSpeech");
    assert.ok(expect, directiveNames(opened.directives).join());
    assert.equal(expect.header.namespace, "SpeechRecognizer");
    assert.equal(expect.header.dialogRequestId, dialog);
    const { timeoutInMilliseconds, explicit, expectSpeechId } = expect.payload as Json;
    assert.ok(Number.isInteger(timeoutInMilliseconds) && timeoutInMilliseconds > 0);
    assert.equal(typeof explicit, "boolean");
    assert.equal(typeof expectSpeechId, "string");
    const speakIndex = opened.directives.findIndex((d) => d.header.name === "Speak");
    assert.ok(
      speakIndex >= 0 && speakIndex < opened.directives.indexOf(expect),
      "ExpectSpeech after the Speak it follows (§7.4: execution order)",
    );
    const followUp = await device.event({
      context: [],
      event: {
        header: {
          namespace: "TextRecognizer",
          name: "Recognize",
          messageId: randomUUID(),
          dialogRequestId: dialog,
        },
        payload: { text: "order two cookies", speechId: expectSpeechId, explicit },
      },
    });
    assert.deepEqual(heard(followUp), ["Two it is."]);
    for (const d of followUp.directives) assert.equal(d.header.dialogRequestId, dialog);
    const intent = ext.requests.find((r) => r.body["request"].type === "IntentRequest");
    assert.equal(intent?.body["session"].new, false, "the follow-up continues the session");
  });
});
