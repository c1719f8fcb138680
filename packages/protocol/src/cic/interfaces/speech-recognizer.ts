// SpeechRecognizer (cic.md §9.8, §10): voice input streamed inside one Recognize request.
import { type Static, Type } from "@sinclair/typebox";
import { CicEmptyPayload, CicRecognitionLanguage, Enum, Id, Int, Str } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";

const ns = "SpeechRecognizer";

export const CicWakeWord = Type.Object(
  {
    name: Type.Optional(Str("Configured wake word, e.g. hey_clova, jjangguya.")),
    confidence: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1, description: "Reserved; ignored." }),
    ),
    indices: Type.Object(
      {
        startIndexInSamples: Int("First wake-word sample, from the first uploaded sample."),
        endIndexInSamples: Int("Last wake-word sample (greater than the start)."),
      },
      { description: "Where the wake word lies in the upload (1 sample = 1/16 000 s)." },
    ),
  },
  { description: "Wake-word detection details." },
);
export type CicWakeWord = Static<typeof CicWakeWord>;

export const CicRecognizeInitiator = Type.Object(
  {
    type: Enum(["WAKEWORD", "TAP", "PRESS_AND_HOLD"]),
    inputSource: Type.String({
      pattern: "^(SELF|CUSTOM_.+)$",
      description: "SELF (own microphone) or CUSTOM_<sourceId> (e.g. a remote control).",
    }),
    payload: Type.Optional(
      Type.Object({
        deviceUUID: Id("Random UUID generated once by the device, never derived from tokens."),
        wakeWord: Type.Optional(CicWakeWord),
      }),
    ),
  },
  { description: "How the request was started (recommended)." },
);
export type CicRecognizeInitiator = Static<typeof CicRecognizeInitiator>;

export const CicSpeechRecognizerRecognizePayload = Type.Object({
  lang: CicRecognitionLanguage,
  profile: Type.Optional(Type.Literal("CLOSE_TALK")),
  format: Type.Optional(Type.Literal("AUDIO_L16_RATE_16000_CHANNELS_1")),
  initiator: Type.Optional(CicRecognizeInitiator),
  speechId: Type.Optional(Id("Follow-up to ExpectSpeech: its expectSpeechId.")),
  explicit: Type.Optional(Type.Boolean({ description: "Follow-up: ExpectSpeech.explicit." })),
});
export type CicSpeechRecognizerRecognizePayload = Static<
  typeof CicSpeechRecognizerRecognizePayload
>;
export const CicSpeechRecognizerRecognize = cicEvent(
  ns,
  "Recognize",
  CicSpeechRecognizerRecognizePayload,
  { dialogRequestId: "required" },
);
export type CicSpeechRecognizerRecognize = CicMessageOf<typeof CicSpeechRecognizerRecognize>;

export const CicSpeechRecognizerExpectSpeechPayload = Type.Object({
  timeoutInMilliseconds: Int("How long the device waits for the user to start answering."),
  explicit: Type.Boolean({ description: "true: the answer is required; the mic must open." }),
  expectSpeechId: Id("Goes back as Recognize.payload.speechId."),
  expectContentType: Type.Optional(Enum(["audio/l16", "application/x-clova-feat"])),
});
export type CicSpeechRecognizerExpectSpeechPayload = Static<
  typeof CicSpeechRecognizerExpectSpeechPayload
>;
export const CicSpeechRecognizerExpectSpeech = cicDirective(
  ns,
  "ExpectSpeech",
  CicSpeechRecognizerExpectSpeechPayload,
  { channel: "resp" },
);
export type CicSpeechRecognizerExpectSpeech = CicMessageOf<typeof CicSpeechRecognizerExpectSpeech>;

export const CicSpeechRecognizerKeepRecording = cicDirective(ns, "KeepRecording", CicEmptyPayload, {
  channel: "resp/down",
});
export type CicSpeechRecognizerKeepRecording = CicMessageOf<
  typeof CicSpeechRecognizerKeepRecording
>;

export const CicSpeechRecognizerShowRecognizedTextPayload = Type.Object({
  text: Str("Transcript so far; replaces the previous one."),
});
export type CicSpeechRecognizerShowRecognizedTextPayload = Static<
  typeof CicSpeechRecognizerShowRecognizedTextPayload
>;
export const CicSpeechRecognizerShowRecognizedText = cicDirective(
  ns,
  "ShowRecognizedText",
  CicSpeechRecognizerShowRecognizedTextPayload,
  { channel: "down" },
);
export type CicSpeechRecognizerShowRecognizedText = CicMessageOf<
  typeof CicSpeechRecognizerShowRecognizedText
>;

export const CicSpeechRecognizerStopCapturePayload = Type.Object({
  recognizedText: Type.Optional(Str("Final transcript (partner option).")),
});
export type CicSpeechRecognizerStopCapturePayload = Static<
  typeof CicSpeechRecognizerStopCapturePayload
>;
export const CicSpeechRecognizerStopCapture = cicDirective(
  ns,
  "StopCapture",
  CicSpeechRecognizerStopCapturePayload,
  { channel: "down" },
);
export type CicSpeechRecognizerStopCapture = CicMessageOf<typeof CicSpeechRecognizerStopCapture>;

export const CicSpeechRecognizer = {
  events: { Recognize: CicSpeechRecognizerRecognize },
  directives: {
    ExpectSpeech: CicSpeechRecognizerExpectSpeech,
    KeepRecording: CicSpeechRecognizerKeepRecording,
    ShowRecognizedText: CicSpeechRecognizerShowRecognizedText,
    StopCapture: CicSpeechRecognizerStopCapture,
  },
} as const;
