// Builds request messages exactly as cek-custom-extension.md §3 describes them (newest shape;
// toCekRequestVersion then adapts them to an extension registered for 0.1.0, §12.2).
import { randomUUID } from "node:crypto";
import type { CekDisplay, CekRequest, CekRequestBody, CekSession } from "@clover/protocol";
import type { DeviceInfo } from "../assistant/turn.js";

/** Content layer per display class (§3.2 table). */
const CONTENT_LAYERS: Record<string, { width: number; height: number }> = {
  s100: { width: 160, height: 107 },
  m100: { width: 427, height: 240 },
  l100: { width: 640, height: 360 },
  xl100: { width: 899, height: 506 },
};

function display(device: DeviceInfo): CekDisplay {
  const { size, orientation, dpi, contentLayer } = device.display;
  // orientation, dpi and contentLayer are omitted for screenless devices (§3.2).
  if (size === "none") return { size };
  const out: CekDisplay = { size, orientation: orientation ?? "landscape", dpi: dpi ?? 160 };
  // The device's own content area (required for "custom"), else the class's (§3.2).
  const layer = contentLayer ?? CONTENT_LAYERS[size];
  if (layer) out.contentLayer = layer;
  return out;
}

export interface RequestParts {
  extensionId: string;
  device: DeviceInfo;
  session: { new: boolean; sessionId: string; sessionAttributes: Record<string, unknown> };
  /** The linked account's token (§8.7); omitted when not linked (§13 #5). */
  accessToken?: string;
  body: CekRequestBody;
  /** Events carry no session user in the guide's examples, but we include it (§7.7). */
}

export function buildCekRequest(parts: RequestParts): CekRequest {
  const user = parts.accessToken
    ? { userId: parts.device.userId, accessToken: parts.accessToken }
    : { userId: parts.device.userId };
  const session: CekSession = { ...parts.session, user };
  const request: CekRequest = {
    version: "1.0",
    session,
    context: {
      System: {
        application: { applicationId: parts.extensionId },
        device: { deviceId: parts.device.deviceId, display: display(parts.device) },
        user,
      },
    },
    request: withLocale(parts.body, parts.device.locale),
  };
  const playback = parts.device.playback;
  // §3.2: include context.AudioPlayer whenever the device has reported a playback state,
  // with the stream (its token, customData…) and repeat mode the device reported (§5.7).
  if (playback) {
    const audio: NonNullable<CekRequest["context"]["AudioPlayer"]> = {
      playerActivity: playback.playerActivity,
    };
    if (playback.offsetInMilliseconds !== undefined)
      audio.offsetInMilliseconds = playback.offsetInMilliseconds;
    if (playback.totalInMilliseconds !== undefined)
      audio.totalInMilliseconds = playback.totalInMilliseconds;
    if (playback.repeatMode !== undefined) audio.repeatMode = playback.repeatMode;
    if (playback.stream !== undefined)
      audio.stream = playback.stream as NonNullable<typeof audio.stream>;
    request.context.AudioPlayer = audio;
  }
  return request;
}

/** A fresh session id (§3.2: UUID form). */
export function newSessionId(): string {
  return randomUUID();
}

/** ISO 8601 UTC with seconds precision, as in the guide's examples (§3.8). */
export function eventTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * `locale` is part of EventRequests (§3.3). Clover also puts it on LaunchRequest and
 * IntentRequest, so that an extension registered in several languages knows which one the
 * user speaks; never on SessionEndedRequest, which strict parsers check closely (§3.7).
 */
function withLocale(body: CekRequestBody, locale: string): CekRequestBody {
  if (body.type !== "LaunchRequest" && body.type !== "IntentRequest") return body;
  return Object.assign({}, body, { locale });
}
