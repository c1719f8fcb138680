// Alerts (cic.md §9.1): alarms, timers, reminders and action timers kept in the cloud and
// mirrored on the device.
import { type Static, Type } from "@sinclair/typebox";
import { CicAlertType, CicAsset, CicEmptyPayload, Id, IsoDateTime, Str } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";

const ns = "Alerts";

/** Payload of the eight token/type events and of DeleteAlert and StopAlert. */
export const CicAlertTokenPayload = Type.Object({
  token: Id("The alert concerned."),
  type: CicAlertType,
});
export type CicAlertTokenPayload = Static<typeof CicAlertTokenPayload>;

export const CicAlertsSetAlertPayload = Type.Object({
  token: Id("Alert id: unknown → add, known → replace."),
  type: CicAlertType,
  scheduledTime: IsoDateTime("When to ring, ISO 8601 with zone."),
  label: Type.Optional(Str("Text of a reminder or action timer.")),
  assets: Type.Optional(
    Type.Array(CicAsset, { description: "REMINDER, ACTIONTIMER, TIMER only: sounds to play." }),
  ),
  assetPlayOrder: Type.Optional(
    Type.Array(Id(), { description: "assetIds in play order; repeats until stopped." }),
  ),
});
export type CicAlertsSetAlertPayload = Static<typeof CicAlertsSetAlertPayload>;

export const CicAlertsSynchronizeAlertPayload = Type.Object({
  allAlerts: Type.Array(CicAlertsSetAlertPayload, {
    description: "The user's full alert list; the device makes its own set equal to it.",
  }),
});
export type CicAlertsSynchronizeAlertPayload = Static<typeof CicAlertsSynchronizeAlertPayload>;

const tokenEvent = <M extends string>(name: M) => cicEvent(ns, name, CicAlertTokenPayload);

export const CicAlertsAlertStarted = tokenEvent("AlertStarted");
export type CicAlertsAlertStarted = CicMessageOf<typeof CicAlertsAlertStarted>;
export const CicAlertsAlertStopped = tokenEvent("AlertStopped");
export type CicAlertsAlertStopped = CicMessageOf<typeof CicAlertsAlertStopped>;
export const CicAlertsDeleteAlertFailed = tokenEvent("DeleteAlertFailed");
export type CicAlertsDeleteAlertFailed = CicMessageOf<typeof CicAlertsDeleteAlertFailed>;
export const CicAlertsDeleteAlertSucceeded = tokenEvent("DeleteAlertSucceeded");
export type CicAlertsDeleteAlertSucceeded = CicMessageOf<typeof CicAlertsDeleteAlertSucceeded>;
export const CicAlertsRequestAlertStop = tokenEvent("RequestAlertStop");
export type CicAlertsRequestAlertStop = CicMessageOf<typeof CicAlertsRequestAlertStop>;
export const CicAlertsRequestDeleteAlert = tokenEvent("RequestDeleteAlert");
export type CicAlertsRequestDeleteAlert = CicMessageOf<typeof CicAlertsRequestDeleteAlert>;
export const CicAlertsRequestSynchronizeAlert = cicEvent(
  ns,
  "RequestSynchronizeAlert",
  CicEmptyPayload,
);
export type CicAlertsRequestSynchronizeAlert = CicMessageOf<
  typeof CicAlertsRequestSynchronizeAlert
>;
export const CicAlertsSetAlertFailed = tokenEvent("SetAlertFailed");
export type CicAlertsSetAlertFailed = CicMessageOf<typeof CicAlertsSetAlertFailed>;
export const CicAlertsSetAlertSucceeded = tokenEvent("SetAlertSucceeded");
export type CicAlertsSetAlertSucceeded = CicMessageOf<typeof CicAlertsSetAlertSucceeded>;

export const CicAlertsDeleteAlert = cicDirective(ns, "DeleteAlert", CicAlertTokenPayload, {
  channel: "resp/down",
});
export type CicAlertsDeleteAlert = CicMessageOf<typeof CicAlertsDeleteAlert>;
export const CicAlertsSetAlert = cicDirective(ns, "SetAlert", CicAlertsSetAlertPayload, {
  channel: "resp/down",
});
export type CicAlertsSetAlert = CicMessageOf<typeof CicAlertsSetAlert>;
export const CicAlertsStopAlert = cicDirective(ns, "StopAlert", CicAlertTokenPayload, {
  channel: "resp",
});
export type CicAlertsStopAlert = CicMessageOf<typeof CicAlertsStopAlert>;
export const CicAlertsSynchronizeAlert = cicDirective(
  ns,
  "SynchronizeAlert",
  CicAlertsSynchronizeAlertPayload,
  { channel: "resp" },
);
export type CicAlertsSynchronizeAlert = CicMessageOf<typeof CicAlertsSynchronizeAlert>;

export const CicAlerts = {
  events: {
    AlertStarted: CicAlertsAlertStarted,
    AlertStopped: CicAlertsAlertStopped,
    DeleteAlertFailed: CicAlertsDeleteAlertFailed,
    DeleteAlertSucceeded: CicAlertsDeleteAlertSucceeded,
    RequestAlertStop: CicAlertsRequestAlertStop,
    RequestDeleteAlert: CicAlertsRequestDeleteAlert,
    RequestSynchronizeAlert: CicAlertsRequestSynchronizeAlert,
    SetAlertFailed: CicAlertsSetAlertFailed,
    SetAlertSucceeded: CicAlertsSetAlertSucceeded,
  },
  directives: {
    DeleteAlert: CicAlertsDeleteAlert,
    SetAlert: CicAlertsSetAlert,
    StopAlert: CicAlertsStopAlert,
    SynchronizeAlert: CicAlertsSynchronizeAlert,
  },
} as const;
