// Receiving a request on the extension side: accept both generations and hand handlers the
// newest shape (cek-custom-extension.md §3.3, §12.2 "Our SDK receiving requests").
import type { ValidationResult } from "../core/codec.js";
import { withChanges, withoutNulls } from "./common.js";
import {
  AcceptedCekRequestMessage,
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

/** absent, `null` and `""` access tokens all mean "not linked" (§3.2, §13 #5). */
function user(u: { userId: string; accessToken?: string | null }): CekUser {
  return (u.accessToken ? u : withChanges(u, { accessToken: undefined })) as CekUser;
}

/**
 * A slot with no value was not filled: left out, as the platform sends only found slots.
 * An unknown or empty valueType and a null unit are dropped.
 */
function slot(key: string, s: AcceptedSlot): CekSlot | undefined {
  if (s.value === null || s.value === undefined) return undefined;
  const { valueType, unit } = s;
  return withChanges(s, {
    name: s.name ?? key,
    value: String(s.value),
    valueType: valueType && VALUE_TYPES.has(valueType) ? valueType : undefined,
    unit: unit ?? undefined,
  }) as CekSlot;
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
  const { session, context } = m;
  const { System, AudioPlayer } = context;
  const { device } = System;
  const value = withChanges(m, {
    session: withChanges(session, {
      sessionAttributes: session.sessionAttributes ?? {},
      user: session.user ? user(session.user) : undefined,
    }),
    context: withChanges(context, {
      AudioPlayer: AudioPlayer ? withoutNulls(AudioPlayer) : undefined,
      System: withChanges(System, {
        application: System.application ?? undefined,
        device: withChanges(device, {
          display: device.display ? withoutNulls(device.display) : undefined,
        }),
        user: user(System.user),
      }),
    }),
    request: body(m.request),
  }) as NormalizedCekRequest;
  return { ok: true, value };
}
