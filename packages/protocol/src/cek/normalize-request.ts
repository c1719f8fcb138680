// Receiving a request on the extension side: accept both generations and hand handlers the
// newest shape (cek-custom-extension.md §3.3, §12.2 "Our SDK receiving requests").
import type { ValidationResult } from "../core/codec.js";
import type { NormalizedAudioPlayerContext } from "./audio.js";
import {
  type AcceptedCekRequest,
  AcceptedCekRequestMessage,
  type CekDisplay,
  type CekUser,
  type NormalizedCekRequest,
  NormalizedCekRequestMessage,
} from "./request.js";
import type {
  AcceptedCekRequestBody,
  AcceptedSlot,
  CekSlot,
  CekSlotValueType,
  NormalizedCekRequestBody,
} from "./request-types.js";

const VALUE_TYPES: ReadonlySet<string> = new Set<CekSlotValueType>([
  "TIME",
  "DATE",
  "DATETIME",
  "TIME.INTERVAL",
  "DATE.INTERVAL",
  "DATETIME.INTERVAL",
]);

/** Drops members that are `null`, so optional fields are either present or absent. */
function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as T;
}

/** absent, `null` and `""` access tokens all mean "not linked" (§3.2, §13 #5). */
function user(u: { userId: string; accessToken?: string | null }): CekUser {
  const { accessToken, ...rest } = u;
  return accessToken ? { ...rest, accessToken } : rest;
}

/**
 * A slot with no value was not filled: left out, as the platform sends only found slots.
 * An unknown or empty valueType and a null unit are dropped.
 */
function slot(key: string, s: AcceptedSlot): CekSlot | undefined {
  if (s.value === null || s.value === undefined) return undefined;
  const { valueType, unit, ...rest } = s;
  const out: CekSlot = { ...rest, name: s.name ?? key, value: String(s.value) };
  if (valueType && VALUE_TYPES.has(valueType)) out.valueType = valueType as CekSlotValueType;
  if (unit !== null && unit !== undefined) out.unit = unit;
  return out;
}

function body(request: AcceptedCekRequestBody): NormalizedCekRequestBody {
  switch (request.type) {
    case "EndRequest":
      return { ...request, type: "SessionEndedRequest" };
    case "IntentRequest": {
      const slots: Record<string, CekSlot> = {};
      for (const [key, s] of Object.entries(request.intent.slots ?? {})) {
        const normalized = slot(key, s);
        if (normalized) slots[key] = normalized;
      }
      return { ...request, intent: { ...request.intent, slots } };
    }
    case "EventRequest":
      if (request.event.namespace === "ClovaSkill" && request.event.payload === undefined)
        return { ...request, event: { ...request.event, payload: null } };
      return request;
    default:
      return request;
  }
}

function audioPlayer(
  context: AcceptedCekRequest["context"]["AudioPlayer"],
): NormalizedAudioPlayerContext | undefined {
  if (!context) return undefined;
  return withoutNulls(context) as NormalizedAudioPlayerContext;
}

/** What the normalized schema allows but normalization still changes. */
function isNormalized(m: NormalizedCekRequest): boolean {
  const { request } = m;
  return (
    m.session.user?.accessToken !== "" &&
    m.context.System.user.accessToken !== "" &&
    !(request.type === "EventRequest" && request.event.payload === undefined)
  );
}

/**
 * Checks a request message of any generation and returns it in the newest shape:
 * EndRequest → SessionEndedRequest, slot values as strings, nulls dropped. Fields that
 * 0.1.0 never had (application, display) stay absent. The result may share objects with
 * the input (a request already in the newest shape is returned as it is).
 */
export function normalizeCekRequest(raw: unknown): ValidationResult<NormalizedCekRequest> {
  // Fast path: most requests are already in the newest shape; hand them back as they are.
  if (NormalizedCekRequestMessage.is(raw) && isNormalized(raw)) return { ok: true, value: raw };
  const checked = AcceptedCekRequestMessage.validate(raw);
  if (!checked.ok) return checked;
  const m = checked.value;
  const { System, AudioPlayer, ...context } = m.context;
  const { application, device, ...system } = System;
  const { display, ...deviceRest } = device;
  const { user: sessionUser, ...session } = m.session;
  const player = audioPlayer(AudioPlayer);
  const value: NormalizedCekRequest = {
    ...m,
    session: {
      ...session,
      sessionAttributes: session.sessionAttributes ?? {},
      ...(sessionUser ? { user: user(sessionUser) } : {}),
    },
    context: {
      ...context,
      ...(player ? { AudioPlayer: player } : {}),
      System: {
        ...system,
        ...(application ? { application } : {}),
        device: {
          ...deviceRest,
          ...(display ? { display: withoutNulls(display) as CekDisplay } : {}),
        },
        user: user(System.user),
      },
    },
    request: body(m.request),
  };
  return { ok: true, value };
}
