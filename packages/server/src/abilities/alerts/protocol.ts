// The alerts of the store as CIC messages (cic.md §9.1): Alerts.SetAlert / DeleteAlert /
// StopAlert / SynchronizeAlert payloads, and the alert content templates of
// Clova.RenderTemplate (§14: Alarm, AlarmList, Timer, TimerList, Reminder, ReminderList,
// ActionTimer, ActionTimerList). §14 gives only the shared template fields; the layout
// fields here are ours and are described in docs/alerts.md.
import { randomUUID } from "node:crypto";
import type { CicAlertsSetAlertPayload } from "@clover/protocol";
import type { Language, PassThroughDirective } from "../../assistant/turn.js";
import type { AlertRecord, AlertType } from "../../store/alerts.js";
import { isoWithOffset } from "../time/zone.js";
import { describe, repeatPhrase } from "./phrases.js";

/** Where the device fetches a reminder's spoken text (set when the platform serves it). */
export type SpeechAssetUrl = (alert: AlertRecord) => string | undefined;

function directive(name: string, payload: object): PassThroughDirective {
  return {
    namespace: "Alerts",
    name,
    messageId: randomUUID(),
    payload: payload as Record<string, unknown>,
  };
}

/**
 * SetAlert payload: the built-in bell of the type for REMINDER, ACTIONTIMER and TIMER (never
 * assets for ALARM, §9.1 recommendation), then the reminder's spoken text when served.
 */
export function setAlertPayload(
  alert: AlertRecord,
  speechUrl?: SpeechAssetUrl,
): CicAlertsSetAlertPayload {
  const payload: CicAlertsSetAlertPayload = {
    token: alert.token,
    type: alert.type,
    scheduledTime: isoWithOffset(alert.scheduledAt, alert.timeZone),
  };
  if ((alert.type === "REMINDER" || alert.type === "ACTIONTIMER") && alert.label)
    payload.label = alert.label;
  if (alert.type !== "ALARM") {
    const bell = {
      assetId: `${alert.token}-bell`,
      url: `clova://alert/bell/${alert.type.toLowerCase()}`,
    };
    const assets = [bell];
    const speech = alert.type === "REMINDER" ? speechUrl?.(alert) : undefined;
    if (speech) assets.push({ assetId: `${alert.token}-speech`, url: speech });
    payload.assets = assets;
    payload.assetPlayOrder = assets.map((asset) => asset.assetId);
  }
  return payload;
}

export function setAlert(alert: AlertRecord, speechUrl?: SpeechAssetUrl): PassThroughDirective {
  return directive("SetAlert", setAlertPayload(alert, speechUrl));
}

export function deleteAlert(alert: { token: string; type: AlertType }): PassThroughDirective {
  return directive("DeleteAlert", { token: alert.token, type: alert.type });
}

export function stopAlert(alert: { token: string; type: AlertType }): PassThroughDirective {
  return directive("StopAlert", { token: alert.token, type: alert.type });
}

export function synchronizeAlert(
  alerts: readonly AlertRecord[],
  speechUrl?: SpeechAssetUrl,
): PassThroughDirective {
  return directive("SynchronizeAlert", {
    allAlerts: alerts.map((alert) => setAlertPayload(alert, speechUrl)),
  });
}

const TEMPLATE: Record<AlertType, string> = {
  ALARM: "Alarm",
  TIMER: "Timer",
  REMINDER: "Reminder",
  ACTIONTIMER: "ActionTimer",
};

const text = (value: string) => ({ type: "string", value });
const META = { version: text("v0.1") };

/** One alert as a template item. */
function item(alert: AlertRecord, now: number, language: Language) {
  return {
    token: text(alert.token),
    scheduledTime: { type: "datetime", value: isoWithOffset(alert.scheduledAt, alert.timeZone) },
    ...(alert.label ? { label: text(alert.label) } : {}),
    ...(alert.repeat ? { repeat: text(repeatPhrase(alert.repeat.weekdays, language)) } : {}),
    ...(alert.durationMs
      ? { duration: { type: "number", value: `${alert.durationMs / 1000}s` } }
      : {}),
    description: text(describe(alert, now, language)),
  };
}

/** The card of one alert (Alarm, Timer, Reminder or ActionTimer template). */
export function alertCard(
  alert: AlertRecord,
  sentence: string,
  now: number,
  language: Language,
): Record<string, unknown> {
  return {
    type: TEMPLATE[alert.type],
    meta: META,
    failureMessage: text(sentence),
    ...item(alert, now, language),
  };
}

/** The card of a list (AlarmList, TimerList, ReminderList or ActionTimerList template). */
export function listCard(
  type: AlertType,
  alerts: readonly AlertRecord[],
  sentence: string,
  now: number,
  language: Language,
): Record<string, unknown> {
  return {
    type: `${TEMPLATE[type]}List`,
    meta: META,
    failureMessage: text(sentence),
    alertList: alerts.map((alert) => item(alert, now, language)),
  };
}
