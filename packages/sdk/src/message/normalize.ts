// Accept every documented request variant and hand handlers the newest shape
// (cek-custom-extension.md §12.2): "EndRequest" → "SessionEndedRequest", numeric slot values
// → strings, missing display / application / sessionAttributes tolerated.
import type { CekRequest, Slot } from "./types.js";

export interface RequestIssue {
  path: string;
  message: string;
}
export type NormalizeResult =
  | { ok: true; request: CekRequest }
  | { ok: false; issues: RequestIssue[] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function need(issues: RequestIssue[], path: string, ok: boolean, expected: string): boolean {
  if (!ok) issues.push({ path, message: `${path}: expected ${expected}` });
  return ok;
}

function normalizeSlots(slots: unknown, issues: RequestIssue[]): Record<string, Slot> {
  if (slots === null || slots === undefined) return {};
  if (!need(issues, "request.intent.slots", isObject(slots), "object")) return {};
  const out: Record<string, Slot> = {};
  for (const [key, raw] of Object.entries(slots as Json)) {
    const path = `request.intent.slots.${key}`;
    if (!need(issues, path, isObject(raw), "slot object")) continue;
    const slot = raw as Json;
    const value = slot.value;
    const normalized: Slot = {
      ...(slot as object),
      name: typeof slot.name === "string" ? slot.name : key,
      // §3.3: 0.1.0 platforms sent numbers or null
      value: value === null || value === undefined ? null : String(value),
    } as Slot;
    out[key] = normalized;
  }
  return out;
}

/** Checks the fields the SDK relies on and returns the request in its 1.0 form. */
export function normalizeRequest(value: unknown): NormalizeResult {
  const issues: RequestIssue[] = [];
  if (!isObject(value))
    return { ok: false, issues: [{ path: "(root)", message: "(root): expected a JSON object" }] };
  const request = value.request;
  if (!need(issues, "request", isObject(request), "object")) return { ok: false, issues };
  const body = request as Json;
  if (!need(issues, "request.type", typeof body.type === "string", "string"))
    return { ok: false, issues };
  const context = isObject(value.context) ? value.context : {};
  const system = isObject(context.System) ? context.System : undefined;
  need(issues, "context.System", system !== undefined, "object");
  const session = isObject(value.session) ? value.session : undefined;
  if (body.type !== "EventRequest") need(issues, "session", session !== undefined, "object");
  let normalizedBody: Json = body;
  if (body.type === "EndRequest") normalizedBody = { ...body, type: "SessionEndedRequest" };
  else if (body.type === "IntentRequest") {
    const intent = body.intent;
    if (need(issues, "request.intent", isObject(intent), "object")) {
      const i = intent as Json;
      need(issues, "request.intent.name", typeof i.name === "string", "string");
      normalizedBody = { ...body, intent: { ...i, slots: normalizeSlots(i.slots, issues) } };
    }
  } else if (body.type === "EventRequest") {
    const event = body.event;
    if (need(issues, "request.event", isObject(event), "object")) {
      const e = event as Json;
      need(issues, "request.event.namespace", typeof e.namespace === "string", "string");
      need(issues, "request.event.name", typeof e.name === "string", "string");
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  const s = session ?? {};
  const sys = system as Json;
  return {
    ok: true,
    request: {
      ...(value as object),
      version: typeof value.version === "string" ? value.version : "1.0",
      session: {
        ...s,
        new: s.new === true,
        sessionId: typeof s.sessionId === "string" ? s.sessionId : "",
        sessionAttributes: isObject(s.sessionAttributes) ? s.sessionAttributes : {},
      },
      context: {
        ...context,
        System: {
          ...sys,
          device: isObject(sys.device) ? sys.device : { deviceId: "" },
          user: isObject(sys.user) ? sys.user : { userId: "" },
        },
      },
      request: normalizedBody,
    } as unknown as CekRequest,
  };
}
