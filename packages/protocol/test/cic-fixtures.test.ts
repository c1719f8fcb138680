// Every JSON example of cic.md, stored under fixtures/cic/, parsed by its codec and
// round-tripped unchanged.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { TSchema } from "@sinclair/typebox";
import {
  CIC_CONTEXT_OBJECTS,
  CicAlertsSetAlert,
  CicAlertsSetAlertSucceeded,
  CicAlertsState,
  CicAudioPlayerPlay,
  CicAudioPlayerPlayStarted,
  CicAuthorizeResultMessage,
  CicClovaHello,
  CicClovaRenderText,
  type CicContextObjectName,
  CicDeviceAudio,
  CicDirectiveMessage,
  CicEventMessage,
  CicNotifierSetIndicator,
  CicSpeechRecognizerExpectSpeech,
  CicSpeechRecognizerRecognize,
  CicSpeechSynthesizerSpeak,
  CicSystemException,
  CicTextRecognizerRecognize,
  CicTokenResultMessage,
  createCicDirective,
  type MessageCodec,
  validateCicDirective,
  validateCicEvent,
} from "../src/index.js";

const dir = new URL("./fixtures/cic/", import.meta.url);
const load = (file: string): unknown => JSON.parse(readFileSync(new URL(file, dir), "utf8"));

/** Fixture → the codec that must accept it, and the dispatcher that must agree. */
const table: [file: string, codec: MessageCodec<TSchema>, kind?: "event" | "directive"][] = [
  ["02.5-clova-hello.json", CicClovaHello, "directive"],
  ["03.3-authorize-451.json", CicAuthorizeResultMessage],
  ["03.4-token-result.json", CicTokenResultMessage],
  ["04.2-text-recognize.json", CicTextRecognizerRecognize, "event"],
  ["05.1-speak.json", CicSpeechSynthesizerSpeak, "directive"],
  ["05.1-render-text.json", CicClovaRenderText, "directive"],
  ["05.2-system-exception.json", CicSystemException, "directive"],
  ["06.1-event-skeleton.json", CicEventMessage],
  ["06.2-directive-skeleton.json", CicDirectiveMessage],
  ["08.1-alerts-state.json", CicAlertsState],
  ["08.5-device-audio.json", CicDeviceAudio],
  ["09.1-set-alert.json", CicAlertsSetAlert, "directive"],
  ["09.2-play.json", CicAudioPlayerPlay, "directive"],
  ["09.8-recognize-follow-up.json", CicSpeechRecognizerRecognize, "event"],
  ["13.2-recognize.json", CicSpeechRecognizerRecognize, "event"],
  ["13.4-expect-speech.json", CicSpeechRecognizerExpectSpeech, "directive"],
  ["13.5-play-started.json", CicAudioPlayerPlayStarted, "event"],
  ["13.6-set-alert-succeeded.json", CicAlertsSetAlertSucceeded, "event"],
  ["13.7-set-indicator.json", CicNotifierSetIndicator, "directive"],
];

describe("cic.md examples", () => {
  for (const [file, codec, kind] of table) {
    it(`${file} is a valid ${codec.name} and round-trips`, () => {
      const original = load(file);
      const parsed = codec.parse(original);
      assert.deepEqual(JSON.parse(JSON.stringify(parsed)), original);
      if (kind) {
        const result = (kind === "event" ? validateCicEvent : validateCicDirective)(original);
        assert.deepEqual(result, { ok: true, value: original });
      }
    });
  }

  it("08.9-context-list.json: each entry is accepted by its context object", () => {
    const list = load("08.9-context-list.json") as {
      header: { namespace: string; name: string };
    }[];
    assert.equal(list.length, 4);
    for (const entry of list) {
      const key = `${entry.header.namespace}.${entry.header.name}` as CicContextObjectName;
      assert.ok(CIC_CONTEXT_OBJECTS[key], key);
      assert.deepEqual(CIC_CONTEXT_OBJECTS[key].parse(entry), entry);
    }
    const event = {
      context: list,
      event: {
        header: { namespace: "System", name: "RequestSynchronizeState", messageId: "m-1" },
        payload: {},
      },
    };
    assert.equal(validateCicEvent(event).ok, true);
  });

  it("09.7-settings-update-payload.json builds a valid Settings.Update", () => {
    const payload = load("09.7-settings-update-payload.json") as {
      configuration: Record<string, string>;
    };
    const directive = createCicDirective("Settings", "Update", payload);
    assert.deepEqual(directive.directive.payload, payload);
    assert.equal(validateCicDirective(JSON.parse(JSON.stringify(directive))).ok, true);
  });

  it("14-render-template-text.json builds a valid Clova.RenderTemplate", () => {
    const template = load("14-render-template-text.json") as Parameters<
      typeof createCicDirective<"Clova", "RenderTemplate">
    >[2];
    const directive = createCicDirective("Clova", "RenderTemplate", template, {
      dialogRequestId: "d-1",
    });
    assert.deepEqual(directive.directive.payload, template);
    assert.equal(validateCicDirective(directive).ok, true);
  });

  it("the skeletons of §6.1 name no real interface", () => {
    const result = validateCicEvent(load("06.1-event-skeleton.json"));
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.issues[0]?.path, "event.header.namespace");
  });

  it("every fixture file is covered", () => {
    const covered = new Set([
      ...table.map(([file]) => file),
      "08.9-context-list.json",
      "09.7-settings-update-payload.json",
      "14-render-template-text.json",
    ]);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    assert.deepEqual(
      files.filter((f) => !covered.has(f)),
      [],
    );
    assert.equal(files.length, covered.size);
  });
});
