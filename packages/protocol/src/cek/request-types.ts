// The `request` member of a request message, one declaration per request type
// (cek-custom-extension.md §3.4–§3.8; seed 0.1.0 "Request type").
import { type Static, Type } from "@sinclair/typebox";
import { defineMessage } from "../core/codec.js";
import { oneOf } from "./common.js";
import { AcceptedCekEvent, CekEvent } from "./event.js";

export const LaunchRequest = Type.Object(
  { type: Type.Literal("LaunchRequest") },
  { description: "The user started the extension without a command (§3.5)." },
);
export type LaunchRequest = Static<typeof LaunchRequest>;

/** Only for CLOVA.DATETIME and CLOVA.DATETIME_RECENT slots (§3.6). */
export const CekSlotValueType = oneOf([
  "TIME",
  "DATE",
  "DATETIME",
  "TIME.INTERVAL",
  "DATE.INTERVAL",
  "DATETIME.INTERVAL",
]);
export type CekSlotValueType = Static<typeof CekSlotValueType>;

export const CekSlot = Type.Object({
  name: Type.String({ description: "Slot name; equals its key in intent.slots." }),
  value: Type.String({ description: "Representative word, or the built-in type's form." }),
  valueType: Type.Optional(CekSlotValueType),
  unit: Type.Optional(Type.String({ description: "Normalized unit of number+unit types." })),
});
export type CekSlot = Static<typeof CekSlot>;

export const CekIntent = Type.Object({
  name: Type.String({ minLength: 1, description: 'CekIntent name, e.g. "Clova.GuideIntent".' }),
  slots: Type.Record(Type.String(), CekSlot, { description: "Only the slots that were found." }),
});
export type CekIntent = Static<typeof CekIntent>;

export const IntentRequest = Type.Object(
  { type: Type.Literal("IntentRequest"), intent: CekIntent },
  { description: "An utterance mapped to one of the extension's intents (§3.6)." },
);
export type IntentRequest = Static<typeof IntentRequest>;

/** Non-standard end reason, only sent when a deployment turns it on (§13 #7). */
export const SessionEndedReason = oneOf(["USER_INITIATED", "TIMEOUT", "ERROR"]);

export const SessionEndedRequest = Type.Object(
  {
    type: Type.Literal("SessionEndedRequest"),
    reason: Type.Optional(SessionEndedReason),
  },
  { description: "The session ended; any answer is ignored (§3.7)." },
);
export type SessionEndedRequest = Static<typeof SessionEndedRequest>;

/** The 0.1.0 name of SessionEndedRequest (seed; §12.1). */
export const EndRequest = Type.Object(
  { type: Type.Literal("EndRequest") },
  { description: "Message version 0.1.0 name of SessionEndedRequest." },
);
export type EndRequest = Static<typeof EndRequest>;

const eventRequestFields = {
  type: Type.Literal("EventRequest"),
  requestId: Type.String({ description: "The client's dialogRequestId, or a fresh UUID." }),
  timestamp: Type.String({ description: 'ISO 8601, e.g. "2024-03-18T06:42:10Z".' }),
};

/** As our platform sends it: locale and extensionId always included (§3.3). */
export const EventRequest = Type.Object(
  {
    ...eventRequestFields,
    locale: Type.String({ description: 'BCP 47, e.g. "ja-JP".' }),
    extensionId: Type.String({ description: "Same as applicationId." }),
    event: CekEvent,
  },
  { description: "A client state change or skill event (§3.8)." },
);
export type EventRequest = Static<typeof EventRequest>;

/** As received: locale and extensionId are undocumented, so may be missing (§3.3). */
export const AcceptedEventRequest = Type.Object({
  ...eventRequestFields,
  locale: Type.Optional(Type.String()),
  extensionId: Type.Optional(Type.String()),
  event: AcceptedCekEvent,
});
export type AcceptedEventRequest = Static<typeof AcceptedEventRequest>;

/** Slot as received: value may be a number or null, optional fields may be null (§3.3). */
export const AcceptedSlot = Type.Object({
  name: Type.Optional(Type.String()),
  value: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()])),
  valueType: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  unit: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type AcceptedSlot = Static<typeof AcceptedSlot>;

export const AcceptedIntentRequest = Type.Object({
  type: Type.Literal("IntentRequest"),
  intent: Type.Object({
    name: Type.String({ minLength: 1 }),
    slots: Type.Optional(Type.Union([Type.Record(Type.String(), AcceptedSlot), Type.Null()])),
  }),
});
export type AcceptedIntentRequest = Static<typeof AcceptedIntentRequest>;

/** `request` as the platform sends it. */
export const CekRequestBody = Type.Union([
  LaunchRequest,
  IntentRequest,
  SessionEndedRequest,
  EventRequest,
]);
export type CekRequestBody = Static<typeof CekRequestBody>;

/** `request` after normalizeCekRequest (events as received). */
export const NormalizedCekRequestBody = Type.Union([
  LaunchRequest,
  IntentRequest,
  SessionEndedRequest,
  AcceptedEventRequest,
]);
export type NormalizedCekRequestBody = Static<typeof NormalizedCekRequestBody>;

/** `request` as accepted on the wire, both generations. */
export const AcceptedCekRequestBody = Type.Union([
  LaunchRequest,
  AcceptedIntentRequest,
  SessionEndedRequest,
  EndRequest,
  AcceptedEventRequest,
]);
export type AcceptedCekRequestBody = Static<typeof AcceptedCekRequestBody>;

export const LaunchRequestMessage = defineMessage("cek-launch-request", LaunchRequest);
export const IntentRequestMessage = defineMessage("cek-intent-request", IntentRequest);
export const SessionEndedRequestMessage = defineMessage(
  "cek-session-ended-request",
  SessionEndedRequest,
);
export const EndRequestMessage = defineMessage("cek-end-request", EndRequest);
export const EventRequestMessage = defineMessage("cek-event-request", EventRequest);
