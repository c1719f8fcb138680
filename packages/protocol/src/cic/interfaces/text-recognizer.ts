// TextRecognizer (cic.md §9.12): typed input instead of speech.
import { type Static, Type } from "@sinclair/typebox";
import { Id, Str } from "../common.js";
import { type CicMessageOf, cicEvent } from "../envelope.js";

export const CicTextRecognizerRecognizePayload = Type.Object({
  text: Str("What the user typed."),
  speechId: Type.Optional(Id("Follow-up to ExpectSpeech: its expectSpeechId.")),
  explicit: Type.Optional(Type.Boolean({ description: "Follow-up: ExpectSpeech.explicit." })),
});
export type CicTextRecognizerRecognizePayload = Static<typeof CicTextRecognizerRecognizePayload>;
export const CicTextRecognizerRecognize = cicEvent(
  "TextRecognizer",
  "Recognize",
  CicTextRecognizerRecognizePayload,
  { dialogRequestId: "required" },
);
export type CicTextRecognizerRecognize = CicMessageOf<typeof CicTextRecognizerRecognize>;

export const CicTextRecognizer = {
  events: { Recognize: CicTextRecognizerRecognize },
  directives: {},
} as const;
