// SpeechSynthesizer (cic.md §9.9, §11): speech output and its playback reports.
import { type Static, Type } from "@sinclair/typebox";
import { CicSpeechLanguage, Id, Int, Str, Token2048 } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";

const ns = "SpeechSynthesizer";

export const CicSpeechSynthesizerRequestPayload = Type.Object({
  text: Str("Text to synthesise."),
  lang: CicSpeechLanguage,
});
export type CicSpeechSynthesizerRequestPayload = Static<typeof CicSpeechSynthesizerRequestPayload>;
export const CicSpeechSynthesizerRequest = cicEvent(
  ns,
  "Request",
  CicSpeechSynthesizerRequestPayload,
);
export type CicSpeechSynthesizerRequest = CicMessageOf<typeof CicSpeechSynthesizerRequest>;

/** Payload of SpeechStarted, SpeechFinished and SpeechStopped. */
export const CicSpeechTokenPayload = Type.Object({ token: Id("The Speak token.") });
export type CicSpeechTokenPayload = Static<typeof CicSpeechTokenPayload>;

export const CicSpeechSynthesizerSpeechStarted = cicEvent(
  ns,
  "SpeechStarted",
  CicSpeechTokenPayload,
);
export type CicSpeechSynthesizerSpeechStarted = CicMessageOf<
  typeof CicSpeechSynthesizerSpeechStarted
>;
export const CicSpeechSynthesizerSpeechFinished = cicEvent(
  ns,
  "SpeechFinished",
  CicSpeechTokenPayload,
);
export type CicSpeechSynthesizerSpeechFinished = CicMessageOf<
  typeof CicSpeechSynthesizerSpeechFinished
>;
export const CicSpeechSynthesizerSpeechStopped = cicEvent(
  ns,
  "SpeechStopped",
  CicSpeechTokenPayload,
);
export type CicSpeechSynthesizerSpeechStopped = CicMessageOf<
  typeof CicSpeechSynthesizerSpeechStopped
>;

export const CicSpeechSynthesizerSpeakPayload = Type.Object({
  format: Type.Literal("AUDIO_MPEG"),
  token: Token2048("TTS id, echoed in Speech* events and SpeechState."),
  url: Type.String({
    pattern: "^(cid:.+|https?://.+)$",
    maxLength: 2048,
    description: "cid:<Content-ID> of an MP3 attachment, or an http(s) URL to stream.",
  }),
  ttsLang: Type.Optional(CicSpeechLanguage),
  contentType: Type.Optional(Type.Literal("application/vnd.apple.mpegurl")),
  "x-clova-pause-before": Type.Optional(Int("Silence in ms before playing.")),
});
export type CicSpeechSynthesizerSpeakPayload = Static<typeof CicSpeechSynthesizerSpeakPayload>;
export const CicSpeechSynthesizerSpeak = cicDirective(
  ns,
  "Speak",
  CicSpeechSynthesizerSpeakPayload,
  { channel: "resp" },
);
export type CicSpeechSynthesizerSpeak = CicMessageOf<typeof CicSpeechSynthesizerSpeak>;

export const CicSpeechSynthesizer = {
  events: {
    Request: CicSpeechSynthesizerRequest,
    SpeechFinished: CicSpeechSynthesizerSpeechFinished,
    SpeechStarted: CicSpeechSynthesizerSpeechStarted,
    SpeechStopped: CicSpeechSynthesizerSpeechStopped,
  },
  directives: { Speak: CicSpeechSynthesizerSpeak },
} as const;
