// Invalid events and directives: each must fail with the exact JSON path and message.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { validateCicDirective, validateCicEvent } from "../src/index.js";

const load = (file: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/cic/${file}`, import.meta.url), "utf8"));

// biome-ignore lint/suspicious/noExplicitAny: test mutations reach into arbitrary members
type Mutable = any;
const textEvent = () => load("04.2-text-recognize.json");
const recognize = () => load("13.2-recognize.json");
const playStarted = () => load("13.5-play-started.json");
const speak = () => load("05.1-speak.json");
const play = () => load("09.2-play.json");

interface Case {
  title: string;
  kind: "event" | "directive";
  make: () => Mutable;
  mutate: (m: Mutable) => void;
  message: string;
}

const cases: Case[] = [
  {
    title: "payload.text of the wrong type",
    kind: "event",
    make: textEvent,
    mutate: (m) => {
      m.event.payload.text = 42;
    },
    message: "event.payload.text: expected string, got number",
  },
  {
    title: "missing payload.text",
    kind: "event",
    make: textEvent,
    mutate: (m) => {
      delete m.event.payload.text;
    },
    message: "event.payload.text: expected string (required), got nothing",
  },
  {
    title: "Recognize without dialogRequestId",
    kind: "event",
    make: textEvent,
    mutate: (m) => {
      delete m.event.header.dialogRequestId;
    },
    message:
      "event.header.dialogRequestId: expected non-empty string of at most 200 characters (required), got nothing",
  },
  {
    title: "Recognize with a dialogRequestId over 200 characters",
    kind: "event",
    make: textEvent,
    mutate: (m) => {
      m.event.header.dialogRequestId = "d".repeat(201);
    },
    message: `event.header.dialogRequestId: expected non-empty string of at most 200 characters, got "${"d".repeat(56)}... (201 characters)`,
  },
  {
    title: "missing messageId",
    kind: "event",
    make: playStarted,
    mutate: (m) => {
      delete m.event.header.messageId;
    },
    message:
      "event.header.messageId: expected non-empty string of at most 200 characters (required), got nothing",
  },
  {
    title: "missing context",
    kind: "event",
    make: playStarted,
    mutate: (m) => {
      delete m.context;
    },
    message: "context: expected array (required), got nothing",
  },
  {
    title: "payload that is not an object",
    kind: "event",
    make: playStarted,
    mutate: (m) => {
      m.event.payload = [];
    },
    message: "event.payload: expected object, got array of 0 items",
  },
  {
    title: "unknown namespace",
    kind: "event",
    make: textEvent,
    mutate: (m) => {
      m.event.header.namespace = "Telepathy";
    },
    message:
      'event.header.namespace: expected a namespace with events: one of "Alerts", "AudioPlayer", "Clova", "DeviceControl", "PlaybackController", "Settings", "SpeechRecognizer", "SpeechSynthesizer", "System", "TemplateRuntime", "TextRecognizer", got "Telepathy"',
  },
  {
    title: "unknown event name",
    kind: "event",
    make: textEvent,
    mutate: (m) => {
      m.event.header.name = "Guess";
    },
    message:
      'event.header.name: expected a TextRecognizer event name: one of "Recognize", got "Guess"',
  },
  {
    title: "a directive name sent as an event",
    kind: "event",
    make: recognize,
    mutate: (m) => {
      m.event.header.name = "StopCapture";
    },
    message:
      'event.header.name: expected a SpeechRecognizer event name: one of "Recognize", got "StopCapture" (SpeechRecognizer.StopCapture is a directive)',
  },
  {
    title: "wrong enum value in the payload",
    kind: "event",
    make: recognize,
    mutate: (m) => {
      m.event.payload.lang = "fr";
    },
    message: 'event.payload.lang: expected one of "en", "ja", "ko", got "fr"',
  },
  {
    title: "wrong nested enum value",
    kind: "event",
    make: recognize,
    mutate: (m) => {
      m.event.payload.initiator.type = "CLAP";
    },
    message:
      'event.payload.initiator.type: expected one of "WAKEWORD", "TAP", "PRESS_AND_HOLD", got "CLAP"',
  },
  {
    title: "negative sample index",
    kind: "event",
    make: recognize,
    mutate: (m) => {
      m.event.payload.initiator.payload.wakeWord.indices.startIndexInSamples = -1;
    },
    message:
      "event.payload.initiator.payload.wakeWord.indices.startIndexInSamples: expected integer >= 0, got -1",
  },
  {
    title: "bad context object",
    kind: "event",
    make: textEvent,
    mutate: (m) => {
      m.context[0].payload.muted = "no";
    },
    message: "context[0].payload.muted: expected boolean, got string",
  },
  {
    title: "bad player activity in context",
    kind: "event",
    make: playStarted,
    mutate: (m) => {
      m.context[0].payload.playerActivity = "SPINNING";
    },
    message:
      'context[0].payload.playerActivity: expected one of "IDLE", "PLAYING", "PAUSED", "PAUSE", "STOPPED", got "SPINNING"',
  },
  {
    title: "ReportPlaybackState without stream while playing",
    kind: "event",
    make: () => ({
      context: [],
      event: {
        header: { namespace: "AudioPlayer", name: "ReportPlaybackState", messageId: "m" },
        payload: { playerActivity: "PLAYING", repeatMode: "NONE", token: "t" },
      },
    }),
    mutate: () => {},
    message: "event.payload.stream: expected object (required), got nothing",
  },
  {
    title: "Speak with an unsupported format",
    kind: "directive",
    make: speak,
    mutate: (m) => {
      m.directive.payload.format = "AUDIO_WAV";
    },
    message: 'directive.payload.format: expected "AUDIO_MPEG", got "AUDIO_WAV"',
  },
  {
    title: "Play without stream token",
    kind: "directive",
    make: play,
    mutate: (m) => {
      delete m.directive.payload.audioItem.stream.token;
    },
    message:
      "directive.payload.audioItem.stream.token: expected non-empty string of at most 2048 characters (required), got nothing",
  },
  {
    title: "Play with a wrong playBehavior",
    kind: "directive",
    make: play,
    mutate: (m) => {
      m.directive.payload.playBehavior = "SHUFFLE";
    },
    message:
      'directive.payload.playBehavior: expected one of "REPLACE_ALL", "ENQUEUE", got "SHUFFLE"',
  },
  {
    title: "unknown directive name",
    kind: "directive",
    make: speak,
    mutate: (m) => {
      m.directive.header.name = "Whisper";
    },
    message:
      'directive.header.name: expected a SpeechSynthesizer directive name: one of "Speak", got "Whisper"',
  },
  {
    title: "Hello with a dialogRequestId",
    kind: "directive",
    make: () => load("02.5-clova-hello.json"),
    mutate: (m) => {
      m.directive.header.dialogRequestId = "d";
    },
    message:
      'directive.header.dialogRequestId: expected nothing (Clova.Hello never carries one), got "d"',
  },
  {
    title: "exception code as a string",
    kind: "directive",
    make: () => load("05.2-system-exception.json"),
    mutate: (m) => {
      m.directive.payload.code = "400";
    },
    message: "directive.payload.code: expected integer from 400 to 599, got string",
  },
];

describe("invalid CIC messages", () => {
  for (const c of cases) {
    it(`${c.kind}: ${c.title}`, () => {
      const message = c.make();
      c.mutate(message);
      const result = (c.kind === "event" ? validateCicEvent : validateCicDirective)(message);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.issues[0]?.message, c.message);
    });
  }

  it("reports every problem, not only the first", () => {
    const message = textEvent();
    message.event.payload.text = 1;
    message.context[0].payload.volume = -2;
    const result = validateCicEvent(message);
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.deepEqual(
        result.issues.map((i) => i.path),
        ["event.payload.text", "context[0].payload.volume"],
      );
  });

  it("rejects non-objects with a root issue", () => {
    const result = validateCicEvent("hello");
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.issues[0]?.path, "(root)");
  });
});
