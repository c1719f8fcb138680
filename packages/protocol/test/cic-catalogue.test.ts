// The CIC catalogue, the directive builders and the input leniencies.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CIC_CATALOGUE,
  CIC_INTERFACES,
  type CicMessageInfo,
  createCicDirective,
  createSystemException,
  findCicCodec,
  normalizeCicEvent,
  ProtocolValidationError,
  validateCicDirective,
  validateCicEvent,
} from "../src/index.js";

// cic.md §9 index: events and directives per namespace.
const COUNTS: Record<string, [events: number, directives: number]> = {
  Alerts: [9, 4],
  AudioPlayer: [12, 5],
  Clova: [1, 10],
  DeviceControl: [7, 19],
  Notifier: [0, 3],
  PlaybackController: [8, 19],
  Settings: [2, 3],
  SpeechRecognizer: [1, 4],
  SpeechSynthesizer: [4, 1],
  System: [1, 2],
  TemplateRuntime: [7, 5],
  TextRecognizer: [1, 0],
};

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const event = (namespace: string, name: string, payload: unknown, context: unknown[] = []) => ({
  context,
  event: { header: { namespace, name, messageId: "m-1" }, payload },
});

describe("CIC catalogue", () => {
  it("lists the 53 events and 75 directives of §9, per namespace", () => {
    const counts = Object.fromEntries(
      Object.entries(CIC_CATALOGUE).map(([ns, e]) => [ns, [e.events.length, e.directives.length]]),
    );
    assert.deepEqual(counts, COUNTS);
    const total = Object.values(CIC_CATALOGUE).reduce(
      (sum, e) => [sum[0]! + e.events.length, sum[1]! + e.directives.length],
      [0, 0],
    );
    assert.deepEqual(total, [53, 75]);
  });

  it("gives every message a codec named cic.<namespace>.<name> with matching info", () => {
    for (const [namespace, entry] of Object.entries(CIC_CATALOGUE)) {
      for (const kind of ["event", "directive"] as const) {
        for (const name of kind === "event" ? entry.events : entry.directives) {
          const codec = findCicCodec(kind, namespace, name);
          assert.ok(codec, `${namespace}.${name}`);
          assert.equal(codec.name, `cic.${namespace}.${name}`);
          const info: CicMessageInfo = codec.info;
          assert.deepEqual([info.kind, info.namespace, info.name], [kind, namespace, name]);
          if (kind === "directive") assert.ok(info.channel, `${namespace}.${name} channel`);
        }
      }
    }
    assert.equal(Object.keys(CIC_INTERFACES).length, 12);
  });

  it("marks who must, may or must not carry a dialogRequestId", () => {
    assert.equal(
      findCicCodec("event", "SpeechRecognizer", "Recognize")?.info.dialogRequestId,
      "required",
    );
    assert.equal(
      findCicCodec("event", "TextRecognizer", "Recognize")?.info.dialogRequestId,
      "required",
    );
    assert.equal(findCicCodec("directive", "Clova", "Hello")?.info.dialogRequestId, "never");
    assert.equal(findCicCodec("directive", "System", "Exception")?.info.dialogRequestId, "never");
    assert.equal(
      findCicCodec("directive", "SpeechRecognizer", "StopCapture")?.info.channel,
      "down",
    );
  });

  it("answers unknown namespaces for each direction precisely", () => {
    const notifierEvent = validateCicEvent(event("Notifier", "Notify", {}));
    assert.equal(notifierEvent.ok, false);
    if (!notifierEvent.ok) assert.equal(notifierEvent.issues[0]?.path, "event.header.namespace");
    const textDirective = validateCicDirective({
      directive: {
        header: { namespace: "TextRecognizer", name: "Recognize", messageId: "m" },
        payload: {},
      },
    });
    assert.equal(textDirective.ok, false);
    if (!textDirective.ok)
      assert.match(
        textDirective.issues[0]!.message,
        /^directive\.header\.namespace: expected a namespace with directives/,
      );
  });
});

describe("createCicDirective", () => {
  it("fills a fresh UUID messageId and the dialogRequestId when answering an event", () => {
    const a = createCicDirective("Clova", "RenderText", { text: "hi" }, { dialogRequestId: "d-7" });
    const b = createCicDirective("Clova", "RenderText", { text: "hi" });
    assert.match(a.directive.header.messageId, UUID_V4);
    assert.notEqual(a.directive.header.messageId, b.directive.header.messageId);
    assert.equal(a.directive.header.dialogRequestId, "d-7");
    assert.equal("dialogRequestId" in b.directive.header, false);
    assert.deepEqual(validateCicDirective(a), { ok: true, value: a });
  });

  it("rejects an invalid payload with the path of the problem", () => {
    assert.throws(
      () =>
        createCicDirective("SpeechRecognizer", "ExpectSpeech", {
          timeoutInMilliseconds: -1,
          explicit: true,
          expectSpeechId: "e",
        }),
      (error: unknown) =>
        error instanceof ProtocolValidationError &&
        error.issues[0]?.path === "directive.payload.timeoutInMilliseconds",
    );
  });

  it("refuses a dialogRequestId on Hello and unknown names", () => {
    assert.throws(
      () => createCicDirective("Clova", "Hello", {}, { dialogRequestId: "d" }),
      /never carries/,
    );
    assert.throws(
      // @ts-expect-error not a catalogued directive
      () => createCicDirective("Clova", "Goodbye", {}),
      /unknown CIC directive Clova\.Goodbye/,
    );
  });

  it("builds System.Exception with the HTTP status as code and no dialogRequestId", () => {
    const e = createSystemException(412, "no downchannel on this connection");
    assert.deepEqual(e.directive.payload, {
      code: 412,
      description: "no downchannel on this connection",
    });
    assert.deepEqual(Object.keys(e.directive.header), ["namespace", "name", "messageId"]);
    assert.equal(
      createSystemException(401).directive.payload.description,
      "authentication failed; refresh the token",
    );
    assert.equal(validateCicDirective(e).ok, true);
  });
});

describe("CIC input leniencies", () => {
  it("accepts the PAUSE spelling and normalizes it to PAUSED", () => {
    const context = [
      {
        header: { namespace: "AudioPlayer", name: "PlaybackState" },
        payload: { playerActivity: "PAUSE", repeatMode: "NONE" },
      },
    ];
    const message = event(
      "AudioPlayer",
      "ReportPlaybackState",
      {
        playerActivity: "PAUSE",
        repeatMode: "NONE",
        token: "t",
        stream: {
          beginAtInMilliseconds: 0,
          token: "t",
          url: "https://a.example/x.mp3",
          urlPlayable: true,
        },
      },
      context,
    );
    const result = validateCicEvent(message);
    assert.ok(result.ok);
    const normal = normalizeCicEvent(result.value);
    const activity = (payload: object | undefined) =>
      (payload as Record<string, unknown> | undefined)?.["playerActivity"];
    assert.equal(activity(normal.context[0]?.payload), "PAUSED");
    assert.equal(activity(normal.event.payload), "PAUSED");
    assert.equal(activity(message.event.payload as object), "PAUSE");
  });

  it("accepts the older BtRequestToCancelPinCodeInput spelling", () => {
    const result = validateCicEvent(event("DeviceControl", "BtRequestToCancelPinCodeInput", {}));
    assert.ok(result.ok);
    assert.equal(
      normalizeCicEvent(result.value).event.header.name,
      "BtRequestToCancelPINCodeInput",
    );
  });

  it("keeps unknown context objects and unknown fields", () => {
    const message = event("System", "RequestSynchronizeState", { extra: 1 }, [
      { header: { namespace: "Vendor", name: "Thing" }, payload: { anything: [1] } },
    ]);
    assert.deepEqual(validateCicEvent(message), { ok: true, value: message });
  });

  it("explains top-level header/payload without the event wrapper", () => {
    const result = validateCicEvent({
      header: {
        namespace: "TextRecognizer",
        name: "Recognize",
        messageId: "m",
        dialogRequestId: "d",
      },
      payload: { text: "hi" },
    });
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.equal(
        result.issues[0]?.message,
        "event: expected object wrapping header and payload, got header/payload at the top",
      );
  });

  it("checks Device.Display by size class", () => {
    const display = (payload: unknown) =>
      validateCicEvent(
        event("System", "RequestSynchronizeState", {}, [
          { header: { namespace: "Device", name: "Display" }, payload },
        ]),
      );
    assert.equal(display({ size: "none" }).ok, true);
    assert.equal(display({ size: "l100", orientation: "landscape", dpi: 160 }).ok, true);
    const custom = display({ size: "custom", orientation: "portrait", dpi: 320 });
    assert.equal(custom.ok, false);
    if (!custom.ok) assert.equal(custom.issues[0]?.path, "context[0].payload.contentLayer");
    const bad = display({ size: "huge" });
    if (!bad.ok)
      assert.match(
        bad.issues[0]!.message,
        /^context\[0\]\.payload\.size: expected one of "none", "s100"/,
      );
    assert.equal(bad.ok, false);
  });

  it("accepts ExpectLogin.guideInfo.useDefault as boolean or string, message required when false", () => {
    const login = (guideInfo: unknown) =>
      validateCicDirective({
        directive: {
          header: { namespace: "Clova", name: "ExpectLogin", messageId: "m" },
          payload: { guideInfo },
        },
      });
    assert.equal(login({ useDefault: true }).ok, true);
    assert.equal(login({ useDefault: "false", message: "Please log in." }).ok, true);
    const missing = login({ useDefault: false });
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.equal(missing.issues[0]?.path, "directive.payload.guideInfo.message");
  });
});
