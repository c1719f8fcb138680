// The response message an extension returns (cek-custom-extension.md §4; seed 0.1.0
// "Response message").
import { type Static, Type } from "@sinclair/typebox";
import { defineMessage } from "../core/codec.js";
import { JsonObject } from "./common.js";
import { AcceptedDirectiveItem, CekDirective } from "./directive.js";
import { AcceptedOutputSpeech, AcceptedReprompt, OutputSpeech, Reprompt } from "./speech.js";

/** Not supported for custom extensions in the latest guide: `{}` (§4.6). */
export const CekCard = Type.Object(
  {},
  {
    description: "A content template (0.1.0) or {} (latest, §4.6).",
  },
) as unknown as typeof JsonObject;
export type CekCard = Static<typeof CekCard>;

/** The response as our SDK emits it and as the dispatcher hands it on (newest, strict). */
export const CekResponse = Type.Object(
  {
    version: Type.String({ description: "Echoes the request's version." }),
    /** Replaces the stored session state; {} when nothing is kept. */
    sessionAttributes: JsonObject,
    response: Type.Object({
      outputSpeech: OutputSpeech,
      reprompt: Type.Optional(Reprompt),
      card: CekCard,
      directives: Type.Array(CekDirective),
      shouldEndSession: Type.Boolean({ description: "true: the session closes now." }),
    }),
  },
  { description: "CEK response message, newest shape (cek-custom-extension.md §4)." },
);
export type CekResponse = Static<typeof CekResponse>;

const nullableObject = Type.Optional(Type.Union([JsonObject, Type.Null()]));

/** Every response the platform accepts (§4.2 receiving rules, §12.2). */
export const AcceptedCekResponse = Type.Object(
  {
    version: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    sessionAttributes: nullableObject,
    /** The 0.1.0 structure example's spelling (§12.1). */
    sessionAttibutes: nullableObject,
    response: Type.Object({
      outputSpeech: Type.Optional(AcceptedOutputSpeech),
      reprompt: Type.Optional(Type.Union([AcceptedReprompt, Type.Null()])),
      card: nullableObject,
      directives: Type.Optional(Type.Union([Type.Array(AcceptedDirectiveItem), Type.Null()])),
      shouldEndSession: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    }),
  },
  { description: "CEK response message as accepted from extensions (0.1.0 and 1.0)." },
);
export type AcceptedCekResponse = Static<typeof AcceptedCekResponse>;

export const CekCardMessage = defineMessage("cek-card", CekCard);
export const CekResponseMessage = defineMessage("cek-response", CekResponse);
export const AcceptedCekResponseMessage = defineMessage(
  "cek-response-accepted",
  AcceptedCekResponse,
);
