// Management routes of the schedule ability (admin token):
//   GET    /api/v1/users/:userId/calendar            which calendar: embedded or CalDAV (no password)
//   PUT    /api/v1/users/:userId/calendar            { url, username, password } connect CalDAV (checked first)
//   DELETE /api/v1/users/:userId/calendar            back to the embedded calendar
//   GET    /api/v1/users/:userId/calendar.ics        export (text/calendar)
//   POST   /api/v1/users/:userId/calendar.ics        import a text/calendar body: added or replaced by UID
//   GET    /api/v1/users/:userId/events?from=&to=&timeZone=   occurrences, recurring ones expanded
//   GET    /api/v1/users/:userId/memos               memos, newest first
//   DELETE /api/v1/users/:userId/memos/:id

import type { AdminAuth } from "../../api/auth.js";
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  readBody,
  readJsonObject,
  send,
  sendJson,
} from "../../api/http.js";
import { idSegment, userIdSegment } from "../../api/ids.js";
import { isTimeZone } from "../time/zone.js";
import { CalDavCalendar, discoverCalendar } from "./caldav.js";
import { CalendarError } from "./calendar.js";
import type { ScheduleAbility } from "./index.js";

const PATH = /^\/api\/v1\/users\/([^/]+)\/(calendar|calendar\.ics|events|memos)(?:\/([^/]+))?\/?$/;
const JSON_LIMIT = 16 * 1024;
/** An imported calendar: a few years of a busy calendar fit well under this. */
export const ICS_LIMIT = 10 * 1024 * 1024;
const MAX_RANGE = 400 * 86_400_000;

export async function handleScheduleHttp(
  ability: ScheduleAbility,
  admin: AdminAuth,
  req: AnyRequest,
  res: AnyResponse,
  url: URL,
): Promise<boolean> {
  const match = PATH.exec(url.pathname);
  if (!match) return false;
  admin.check(req);
  const userId = userIdSegment(match[1]!);
  const resource = match[2]!;
  const id = match[3] === undefined ? undefined : idSegment(match[3], "id");
  const method = req.method ?? "GET";
  try {
    if (resource === "calendar" && id === undefined)
      await calendarRoute(ability, userId, method, req, res);
    else if (resource === "calendar.ics" && id === undefined)
      await icsRoute(ability, userId, method, req, res);
    else if (resource === "events" && id === undefined)
      await eventsRoute(ability, userId, method, url, res);
    else if (resource === "memos") await memosRoute(ability, userId, method, id, res);
    else throw new ApiError(404, "not_found", `no route ${method} ${url.pathname}`);
  } catch (error) {
    if (error instanceof CalendarError) throw calendarApiError(error);
    throw error;
  }
  return true;
}

/** A calendar problem as the management API says it. */
export function calendarApiError(error: CalendarError): ApiError {
  const status = {
    unauthorized: 502,
    unreachable: 504,
    refused: 400,
    conflict: 409,
    not_found: 404,
    invalid: 400,
  }[error.code];
  return new ApiError(status, `calendar_${error.code}`, error.message);
}

function notAllowed(method: string, allowed: string): never {
  throw new ApiError(405, "method_not_allowed", `${method} is not allowed here; use ${allowed}`);
}

async function calendarRoute(
  ability: ScheduleAbility,
  userId: string,
  method: string,
  req: AnyRequest,
  res: AnyResponse,
) {
  if (method === "GET") {
    const account = await ability.accounts.get(userId);
    sendJson(
      res,
      200,
      account
        ? {
            kind: "caldav",
            url: account.url,
            username: account.username,
            calendarUrl: account.calendarUrl ?? null,
          }
        : { kind: "embedded" },
    );
    return;
  }
  if (method === "DELETE") {
    const removed = await ability.accounts.delete(userId);
    sendJson(res, 200, { kind: "embedded", disconnected: removed });
    return;
  }
  if (method !== "PUT") notAllowed(method, "GET, PUT or DELETE");
  const body = await readJsonObject(req, JSON_LIMIT);
  const issues: { path: string; message: string }[] = [];
  const text = (name: string) => {
    const value = body[name];
    if (typeof value !== "string" || value === "") {
      issues.push({ path: `/${name}`, message: `${name}: expected a non-empty string` });
      return "";
    }
    return value;
  };
  const calendarUrl = text("url");
  const username = text("username");
  const password = text("password");
  if (calendarUrl) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(calendarUrl);
    } catch {}
    const refused = parsed ? ability.outbound.refused(calendarUrl) : undefined;
    if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:"))
      issues.push({
        path: "/url",
        message: "url: expected an http(s) URL of a CalDAV server or calendar",
      });
    else if (refused)
      issues.push({ path: "/url", message: `url: refused by the outbound policy: ${refused}` });
  }
  if (issues.length > 0)
    throw new ApiError(400, "invalid_body", issues.map((i) => i.message).join("; "), issues);
  const account = { url: calendarUrl, username, password };
  // Checked before it is kept: the calendar is found and read once.
  const calendar = await discoverCalendar(account, ability.limits, ability.outbound);
  const connected = { ...account, calendarUrl: calendar.url };
  const events = await new CalDavCalendar(
    connected,
    new Map(),
    ability.limits,
    ability.outbound,
  ).all();
  await ability.accounts.set(userId, connected, ability.now());
  ability.forget(userId);
  sendJson(res, 200, {
    kind: "caldav",
    url: calendarUrl,
    username,
    calendarUrl: calendar.url,
    events: events.length,
  });
}

async function icsRoute(
  ability: ScheduleAbility,
  userId: string,
  method: string,
  req: AnyRequest,
  res: AnyResponse,
) {
  const schedule = await ability.scheduleFor(userId);
  if (method === "GET") {
    send(res, 200, await schedule.exportIcs(), "text/calendar; charset=utf-8", {
      "content-disposition": 'attachment; filename="calendar.ics"',
    });
    return;
  }
  if (method !== "POST") notAllowed(method, "GET or POST");
  const type = String(req.headers["content-type"] ?? "");
  if (!/^text\/calendar\b/i.test(type))
    throw new ApiError(
      415,
      "unsupported_media_type",
      `expected Content-Type text/calendar, got ${type === "" ? "none" : JSON.stringify(type)}`,
    );
  const body = await readBody(req, ICS_LIMIT);
  const result = await schedule.importIcs(body.toString("utf8"));
  sendJson(res, 200, { ...result, calendar: schedule.backend.kind });
}

async function eventsRoute(
  ability: ScheduleAbility,
  userId: string,
  method: string,
  url: URL,
  res: AnyResponse,
) {
  if (method !== "GET") notAllowed(method, "GET");
  const time = (name: string, fallback: number) => {
    const value = url.searchParams.get(name);
    if (value === null) return fallback;
    const at = Date.parse(value);
    if (Number.isNaN(at))
      throw new ApiError(
        400,
        "invalid_query",
        `${name}: expected an ISO 8601 date or date-time, got ${JSON.stringify(value)}`,
      );
    return at;
  };
  const now = ability.now();
  const from = time("from", now);
  const to = time("to", from + 7 * 86_400_000);
  if (to <= from) throw new ApiError(400, "invalid_query", "to: must be after from");
  if (to - from > MAX_RANGE)
    throw new ApiError(400, "invalid_query", "from/to: at most 400 days at once");
  const timeZone = url.searchParams.get("timeZone") ?? "UTC";
  if (!isTimeZone(timeZone))
    throw new ApiError(
      400,
      "invalid_query",
      `timeZone: unknown IANA time zone ${JSON.stringify(timeZone)}`,
    );
  const schedule = await ability.scheduleFor(userId);
  const list = await schedule.occurrences(from, to, timeZone);
  sendJson(res, 200, {
    calendar: schedule.backend.kind,
    events: list.map((o) => ({
      uid: o.uid,
      summary: o.summary,
      start: new Date(o.start).toISOString(),
      end: new Date(o.end).toISOString(),
      allDay: o.allDay,
      recurring: o.recurring,
      ...(o.recurrenceId === undefined
        ? {}
        : { recurrenceId: new Date(o.recurrenceId).toISOString() }),
      ...(o.location ? { location: o.location } : {}),
      ...(o.reminderMinutes === undefined ? {} : { reminderMinutes: o.reminderMinutes }),
    })),
  });
}

async function memosRoute(
  ability: ScheduleAbility,
  userId: string,
  method: string,
  id: string | undefined,
  res: AnyResponse,
) {
  if (id === undefined) {
    if (method !== "GET") notAllowed(method, "GET");
    const memos = await ability.memos.list(userId, 1000);
    sendJson(res, 200, {
      memos: memos.map((m) => ({
        id: m.id,
        text: m.text,
        createdAt: new Date(m.createdAt).toISOString(),
      })),
    });
    return;
  }
  if (method !== "DELETE") notAllowed(method, "DELETE");
  if (!(await ability.memos.delete(userId, id)))
    throw new ApiError(404, "not_found", `no memo ${id} for user ${userId}`);
  sendJson(res, 204, null);
}
