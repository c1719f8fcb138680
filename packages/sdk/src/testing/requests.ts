// Request factories for unit tests: well-formed CEK request messages in either message
// version (cek-custom-extension.md §3, §12).
import { randomUUID } from "node:crypto";
import type {
  AudioPlayerContext,
  CekRequest,
  CekRequestBody,
  Display,
  Slot,
} from "../message/types.js";

export interface RequestOptions {
  /** "1.0" (default) or "0.1.0": the old form has no application or display, and the
   * session end is sent as "EndRequest". */
  version?: "1.0" | "0.1.0";
  applicationId?: string;
  sessionId?: string;
  new?: boolean;
  sessionAttributes?: Record<string, unknown>;
  userId?: string;
  /** Current speaker, when different from the device's default user. */
  sessionUserId?: string;
  accessToken?: string;
  deviceId?: string;
  display?: Display;
  /** Sent as request.locale, e.g. "en-US". */
  locale?: string;
  audioPlayer?: AudioPlayerContext;
}

/** A slot given as its value, or as a full slot object. */
export type SlotInput = string | number | Omit<Slot, "name"> | null;

export const DEFAULT_APPLICATION_ID = "com.example.test";
export const DEFAULT_USER_ID = "U0123456789abcdef0123456789abcdef";

export function buildRequest(body: CekRequestBody, options: RequestOptions = {}): CekRequest {
  const legacy = options.version === "0.1.0";
  const token = options.accessToken ? { accessToken: options.accessToken } : {};
  const user = { userId: options.userId ?? DEFAULT_USER_ID, ...token };
  const sessionUser = options.sessionUserId ? { userId: options.sessionUserId, ...token } : user;
  const system: Record<string, unknown> = {
    device: legacy
      ? { deviceId: options.deviceId ?? "device-0001" }
      : {
          deviceId: options.deviceId ?? "device-0001",
          display: options.display ?? { size: "none" },
        },
    user,
  };
  if (!legacy || options.applicationId) {
    system.application = { applicationId: options.applicationId ?? DEFAULT_APPLICATION_ID };
  }
  const context: Record<string, unknown> = { System: system };
  if (options.audioPlayer) context.AudioPlayer = options.audioPlayer;
  const request = options.locale ? { ...body, locale: options.locale } : body;
  return {
    version: options.version ?? "1.0",
    session: {
      new: options.new ?? body.type !== "IntentRequest",
      sessionAttributes: options.sessionAttributes ?? {},
      sessionId: options.sessionId ?? randomUUID(),
      user: sessionUser,
    },
    context,
    request:
      legacy && request.type === "SessionEndedRequest"
        ? { ...request, type: "EndRequest" }
        : request,
  } as CekRequest;
}

function slotOf(name: string, input: SlotInput): Slot {
  if (input === null || typeof input !== "object") {
    // Numbers and null are what 0.1.0 platforms sent (§3.3): kept as given, on purpose.
    return { name, value: input } as unknown as Slot;
  }
  return { ...input, name } as Slot;
}

export const requests = {
  launch: (options?: RequestOptions) => buildRequest({ type: "LaunchRequest" }, options),
  intent(name: string, slots: Record<string, SlotInput> = {}, options?: RequestOptions) {
    const built: Record<string, Slot> = {};
    for (const [key, value] of Object.entries(slots)) built[key] = slotOf(key, value);
    return buildRequest({ type: "IntentRequest", intent: { name, slots: built } }, options);
  },
  sessionEnded: (options?: RequestOptions) =>
    buildRequest({ type: "SessionEndedRequest" }, options),
  event(
    namespace: string,
    name: string,
    payload: Record<string, unknown> | null = {},
    options?: RequestOptions,
  ) {
    const body = {
      type: "EventRequest",
      requestId: randomUUID(),
      timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      event: { namespace, name, payload },
    } as CekRequestBody;
    return buildRequest(body, { new: true, ...options });
  },
};
