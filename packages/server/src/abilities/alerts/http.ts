// Management routes of the alerts ability (admin token): a user's alerts per device, set,
// changed and deleted from the console or the CLI; every change reaches the device on its
// downchannel (or at its next RequestSynchronizeAlert when it is offline).
//   GET    /api/v1/users/:userId/alerts[?deviceId=]
//   POST   /api/v1/users/:userId/alerts            { deviceId?, type, scheduledTime, timeZone?, label?, repeat?, language? }
//   GET    /api/v1/users/:userId/alerts/:token
//   PATCH  /api/v1/users/:userId/alerts/:token     { scheduledTime?, label?, repeat? }
//   DELETE /api/v1/users/:userId/alerts/:token

import type { AdminAuth } from "../../api/auth.js";
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  readJsonObject,
  sendJson,
} from "../../api/http.js";
import { idSegment, userIdSegment } from "../../api/ids.js";
import type { Language } from "../../assistant/turn.js";
import {
  ALERT_TYPES,
  type AlertRecord,
  type AlertRepeat,
  type AlertType,
} from "../../store/alerts.js";
import { isoWithOffset, isTimeZone, wallTimeAt } from "../time/zone.js";
import { repeatWeekdays } from "./models/values.js";
import { type AlertsService, MAX_AHEAD_MS } from "./service.js";
import { parseClockTime } from "./time.js";

const BODY_LIMIT = 16 * 1024;
const PATH = /^\/api\/v1\/users\/([^/]+)\/alerts(?:\/([^/]+))?\/?$/;
const MAX_LABEL = 500;
const LANGUAGES: readonly Language[] = ["en", "ja", "ko"];

/** An alert as the API shows it. */
export function alertView(alert: AlertRecord) {
  return {
    token: alert.token,
    userId: alert.userId,
    deviceId: alert.deviceId,
    type: alert.type,
    scheduledTime: isoWithOffset(alert.scheduledAt, alert.timeZone),
    timeZone: alert.timeZone,
    status: alert.status,
    ...(alert.label ? { label: alert.label } : {}),
    ...(alert.repeat ? { repeat: alert.repeat } : {}),
    ...(alert.durationMs ? { durationMs: alert.durationMs } : {}),
    ...(alert.action ? { action: { text: alert.action.text } } : {}),
  };
}

export async function handleAlertsHttp(
  alerts: AlertsService,
  admin: AdminAuth,
  req: AnyRequest,
  res: AnyResponse,
  url: URL,
): Promise<boolean> {
  const match = PATH.exec(url.pathname);
  if (!match) return false;
  admin.check(req);
  const userId = userIdSegment(match[1]!);
  const token = match[2] === undefined ? undefined : idSegment(match[2], "token");
  const method = req.method ?? "GET";
  if (token === undefined) {
    if (method === "GET") {
      const deviceId = url.searchParams.get("deviceId");
      const list = deviceId
        ? await alerts.listFor(userId, deviceId)
        : await alerts.listUser(userId);
      sendJson(res, 200, { alerts: list.map(alertView) });
      return true;
    }
    if (method === "POST") {
      const body = await readJsonObject(req, BODY_LIMIT);
      const input = parseNew(body, alerts.now());
      const record = await alerts.create({ userId, ...input, status: "sent" });
      const delivered = await alerts.pushSet(record);
      sendJson(res, 201, { alert: alertView(record), delivered });
      return true;
    }
    throw new ApiError(405, "method_not_allowed", `${method} is not allowed on ${url.pathname}`);
  }
  const alert = await alerts.store.get(token);
  if (!alert || alert.userId !== userId)
    throw new ApiError(404, "not_found", `user ${userId} has no alert ${token}`);
  if (method === "GET") {
    sendJson(res, 200, { alert: alertView(alert) });
    return true;
  }
  if (method === "DELETE") {
    const removed = await alerts.remove(token);
    const delivered = removed ? await alerts.pushDelete(removed) : 0;
    sendJson(res, 200, { deleted: token, delivered });
    return true;
  }
  if (method === "PATCH") {
    const body = await readJsonObject(req, BODY_LIMIT);
    const changes = parseChanges(body, alert, alerts.now());
    const updated = await alerts.update(alert, { ...changes, status: "sent" });
    const delivered = await alerts.pushSet(updated);
    sendJson(res, 200, { alert: alertView(updated), delivered });
    return true;
  }
  throw new ApiError(405, "method_not_allowed", `${method} is not allowed on ${url.pathname}`);
}

function invalid(path: string, message: string): never {
  throw new ApiError(400, "invalid_alert", `${path}: ${message}`, [{ path, message }]);
}

function parseTimeZone(value: unknown): string {
  if (value === undefined) return "UTC";
  if (typeof value !== "string" || !isTimeZone(value))
    invalid(
      "timeZone",
      `expected an IANA time zone such as "Asia/Tokyo", got ${JSON.stringify(value)}`,
    );
  return value;
}

function parseInstant(value: unknown, path: string, now: number): number {
  if (
    typeof value !== "string" ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)
  )
    invalid(
      path,
      `expected an ISO 8601 date-time with a zone, e.g. "2026-02-04T06:30:00+09:00", got ${JSON.stringify(value)}`,
    );
  const at = Date.parse(value);
  if (Number.isNaN(at)) invalid(path, `${JSON.stringify(value)} is not a valid date-time`);
  if (at <= now) invalid(path, "must be in the future");
  if (at - now > MAX_AHEAD_MS) invalid(path, "must be at most a year (366 days) ahead");
  return at;
}

function parseLabel(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.trim() === "" || value.length > MAX_LABEL)
    invalid("label", `expected a non-empty string of at most ${MAX_LABEL} characters`);
  return value.trim();
}

/** repeat: "DAILY" | "WEEKDAYS" | "WEEKENDS" | [1..7 ISO weekdays]; time from scheduledTime. */
function parseRepeat(value: unknown, at: number, timeZone: string): AlertRepeat | undefined {
  if (value === undefined || value === null) return undefined;
  const weekdays =
    typeof value === "string"
      ? repeatWeekdays(value)
      : Array.isArray(value) &&
          value.length > 0 &&
          value.every((d) => Number.isInteger(d) && d >= 1 && d <= 7)
        ? [...new Set(value as number[])].sort()
        : undefined;
  if (!weekdays)
    invalid(
      "repeat",
      `expected "DAILY", "WEEKDAYS", "WEEKENDS", "MO"…"SU" or an array of ISO weekdays 1–7, got ${JSON.stringify(value)}`,
    );
  const t = wallTimeAt(at, timeZone);
  const time = `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}:${String(t.second).padStart(2, "0")}`;
  if (!parseClockTime(time)) invalid("scheduledTime", "has no time of day");
  return { time, weekdays };
}

function parseNew(body: Record<string, unknown>, now: number) {
  const type = body["type"];
  if (typeof type !== "string" || !ALERT_TYPES.includes(type as AlertType))
    invalid("type", `expected one of ${ALERT_TYPES.join(", ")}, got ${JSON.stringify(type)}`);
  if (type === "ACTIONTIMER")
    invalid("type", "action timers are set by voice (their action is a spoken command)");
  const deviceId = body["deviceId"];
  if (
    deviceId !== undefined &&
    (typeof deviceId !== "string" || deviceId === "" || deviceId.length > 200)
  )
    invalid("deviceId", "expected a device id (a non-empty string)");
  const timeZone = parseTimeZone(body["timeZone"]);
  const at = parseInstant(body["scheduledTime"], "scheduledTime", now);
  const label = parseLabel(body["label"]);
  if (type === "REMINDER" && !label) invalid("label", "a reminder needs its text");
  const repeat = parseRepeat(body["repeat"], at, timeZone);
  if (repeat && type === "TIMER") invalid("repeat", "timers do not repeat");
  const language = body["language"];
  if (language !== undefined && !LANGUAGES.includes(language as Language))
    invalid("language", `expected one of ${LANGUAGES.join(", ")}, got ${JSON.stringify(language)}`);
  return {
    ...(language !== undefined ? { language: language as Language } : {}),
    type: type as AlertType,
    scheduledAt: at,
    timeZone,
    ...(typeof deviceId === "string" ? { deviceId } : {}),
    ...(label ? { label } : {}),
    ...(repeat ? { repeat } : {}),
    ...(type === "TIMER" ? { durationMs: at - now } : {}),
  };
}

function parseChanges(
  body: Record<string, unknown>,
  alert: AlertRecord,
  now: number,
): Partial<AlertRecord> {
  for (const key of Object.keys(body))
    if (!["scheduledTime", "label", "repeat"].includes(key))
      invalid(key, "cannot be changed (scheduledTime, label and repeat can)");
  const changes: Partial<AlertRecord> = {};
  const at =
    body["scheduledTime"] === undefined
      ? alert.scheduledAt
      : parseInstant(body["scheduledTime"], "scheduledTime", now);
  changes.scheduledAt = at;
  const label = parseLabel(body["label"]);
  if (label) changes.label = label;
  if (body["repeat"] !== undefined) {
    const repeat = parseRepeat(body["repeat"], at, alert.timeZone);
    if (repeat) changes.repeat = repeat;
  } else if (alert.repeat && body["scheduledTime"] !== undefined) {
    const repeat = parseRepeat(alert.repeat.weekdays, at, alert.timeZone);
    if (repeat) changes.repeat = repeat;
  }
  return changes;
}
