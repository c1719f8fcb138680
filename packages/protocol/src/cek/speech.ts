// What an extension asks the platform to say: SpeechInfoObject, outputSpeech, reprompt
// (cek-custom-extension.md §4.3–§4.5).
import { type Static, Type } from "@sinclair/typebox";
import { defineMessage } from "../core/codec.js";
import { Absent, oneOf } from "./common.js";

/** TTS language of a speech item; `""` for URL items (§4.4; 0.1.0 had only ko, en). */
export const SpeechLang = oneOf(["ja", "ko", "en", ""], "TTS language; empty for URL items.");
export type SpeechLang = Static<typeof SpeechLang>;

export const SpeechInfoType = oneOf(
  ["PlainText", "URL"],
  "PlainText = text to synthesize, URL = HTTPS URI of an MP3 file.",
);

/** The smallest unit of speech (§4.4). */
export const SpeechInfoObject = Type.Object(
  {
    type: SpeechInfoType,
    lang: SpeechLang,
    value: Type.String({ minLength: 1, description: "Text to synthesize or the audio URI." }),
  },
  { description: "One sentence or audio clip (SpeechInfoObject, §4.4)." },
);
export type SpeechInfoObject = Static<typeof SpeechInfoObject>;
/** Name of SpeechInfoObject in message version 0.1.0. */
export const SpeechObject = SpeechInfoObject;
export type SpeechObject = SpeechInfoObject;

export const SimpleSpeech = Type.Object({
  type: Type.Literal("SimpleSpeech"),
  values: SpeechInfoObject,
});
export type SimpleSpeech = Static<typeof SimpleSpeech>;

export const SpeechList = Type.Object({
  type: Type.Literal("SpeechList"),
  values: Type.Array(SpeechInfoObject),
});
export type SpeechList = Static<typeof SpeechList>;

/** `verbose` of a SpeechSet: SimpleSpeech or SpeechList, never SpeechSet (§4.3). */
export const VerboseSpeech = Type.Union([SimpleSpeech, SpeechList]);
export type VerboseSpeech = Static<typeof VerboseSpeech>;

export const SpeechSet = Type.Object({
  type: Type.Literal("SpeechSet"),
  brief: SpeechInfoObject,
  verbose: VerboseSpeech,
});
export type SpeechSet = Static<typeof SpeechSet>;

/** `{}`: say nothing (used with audio directives). Speech fields without a type are an error. */
export const EmptyOutputSpeech = Type.Object({
  type: Absent,
  values: Absent,
  brief: Absent,
  verbose: Absent,
});
export type EmptyOutputSpeech = Static<typeof EmptyOutputSpeech>;

export const OutputSpeech = Type.Union([SimpleSpeech, SpeechList, SpeechSet, EmptyOutputSpeech], {
  description: "What to say: SimpleSpeech, SpeechList, SpeechSet, or {} for nothing (§4.3).",
});
export type OutputSpeech = Static<typeof OutputSpeech>;

export const Reprompt = Type.Object(
  { outputSpeech: OutputSpeech },
  { description: "Said once more if the user stays silent (§4.5)." },
);
export type Reprompt = Static<typeof Reprompt>;

// ---- accepted on the wire (§4.3 validation, §12.2 receiving rules) ----

/** `lang` may be missing or unknown: URL items ignore it, PlainText falls back (§12.2). */
export const AcceptedSpeechInfoObject = Type.Object({
  type: SpeechInfoType,
  lang: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  value: Type.String({ minLength: 1 }),
});
export type AcceptedSpeechInfoObject = Static<typeof AcceptedSpeechInfoObject>;

/** SimpleSpeech may carry a one-element array (§4.3, §12.2). */
export const AcceptedSimpleSpeech = Type.Object({
  type: Type.Literal("SimpleSpeech"),
  values: Type.Union([
    AcceptedSpeechInfoObject,
    Type.Array(AcceptedSpeechInfoObject, { minItems: 1, maxItems: 1 }),
  ]),
});

/** SpeechList may carry a single object (§4.3). */
export const AcceptedSpeechList = Type.Object({
  type: Type.Literal("SpeechList"),
  values: Type.Union([AcceptedSpeechInfoObject, Type.Array(AcceptedSpeechInfoObject)]),
});

export const AcceptedVerboseSpeech = Type.Union([AcceptedSimpleSpeech, AcceptedSpeechList]);

export const AcceptedSpeechSet = Type.Object({
  type: Type.Literal("SpeechSet"),
  brief: AcceptedSpeechInfoObject,
  verbose: AcceptedVerboseSpeech,
});

/** Also `null` (treated as `{}`); a missing outputSpeech is handled by the response. */
export const AcceptedOutputSpeech = Type.Union([
  AcceptedSimpleSpeech,
  AcceptedSpeechList,
  AcceptedSpeechSet,
  EmptyOutputSpeech,
  Type.Null(),
]);
export type AcceptedOutputSpeech = Static<typeof AcceptedOutputSpeech>;

export const AcceptedReprompt = Type.Object({
  outputSpeech: Type.Optional(AcceptedOutputSpeech),
});
export type AcceptedReprompt = Static<typeof AcceptedReprompt>;

export const SpeechInfoObjectMessage = defineMessage("cek-speech-info-object", SpeechInfoObject);
export const OutputSpeechMessage = defineMessage("cek-output-speech", OutputSpeech);
export const RepromptMessage = defineMessage("cek-reprompt", Reprompt);
