// System (cic.md §9.10, §6.3): state resynchronisation and the error message.
import { type Static, Type } from "@sinclair/typebox";
import { CicEmptyPayload, Str } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";
import { CicAlertsSetAlertPayload } from "./alerts.js";

const ns = "System";

/**
 * Codes a System.Exception carries; always equal to the HTTP status of the response (§6.3).
 * 400, 401 and 500 are documented; 412 and 429 are ours, with the same shape.
 */
export const CIC_EXCEPTION_CODES = {
  400: "the event is malformed or was sent the wrong way",
  401: "authentication failed; refresh the token",
  412: "no downchannel for this client on this connection",
  429: "another downchannel request is in progress",
  500: "server-side failure",
} as const;
export type CicExceptionCode = keyof typeof CIC_EXCEPTION_CODES;

export const CicSystemExceptionPayload = Type.Object({
  code: Type.Integer({
    minimum: 400,
    maximum: 599,
    description: "Equals the HTTP status of the response carrying it: 400, 401, 412, 429, 500.",
  }),
  description: Str("Short English sentence naming the offending field or condition."),
});
export type CicSystemExceptionPayload = Static<typeof CicSystemExceptionPayload>;
export const CicSystemException = cicDirective(ns, "Exception", CicSystemExceptionPayload, {
  channel: "resp/down",
  dialogRequestId: "never",
  description: "System.Exception: the error message of every failed request (cic.md §6.3).",
});
export type CicSystemException = CicMessageOf<typeof CicSystemException>;

export const CicSystemRequestSynchronizeState = cicEvent(
  ns,
  "RequestSynchronizeState",
  CicEmptyPayload,
);
export type CicSystemRequestSynchronizeState = CicMessageOf<
  typeof CicSystemRequestSynchronizeState
>;

export const CicSystemSynchronizeStatePayload = Type.Object({
  allAlerts: Type.Array(CicAlertsSetAlertPayload, {
    description: "Deprecated: every alert, same shape as Alerts.SetAlert's payload.",
  }),
});
export type CicSystemSynchronizeStatePayload = Static<typeof CicSystemSynchronizeStatePayload>;
export const CicSystemSynchronizeState = cicDirective(
  ns,
  "SynchronizeState",
  CicSystemSynchronizeStatePayload,
  { channel: "resp" },
);
export type CicSystemSynchronizeState = CicMessageOf<typeof CicSystemSynchronizeState>;

export const CicSystem = {
  events: { RequestSynchronizeState: CicSystemRequestSynchronizeState },
  directives: { Exception: CicSystemException, SynchronizeState: CicSystemSynchronizeState },
} as const;
