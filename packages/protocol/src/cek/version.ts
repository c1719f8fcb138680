// Message versions: what the platform sends to an extension registered for "1.0" or
// "0.1.0" (cek-custom-extension.md §12.2 table).
import type { NormalizedCekRequest } from "./request.js";
import type { EndRequest } from "./request-types.js";

export const CEK_PROTOCOL_VERSIONS = ["1.0", "0.1.0"] as const;
export type CekProtocolVersion = (typeof CEK_PROTOCOL_VERSIONS)[number];

export interface CekVersionOptions {
  /** 0.1.0 only: name the session end "EndRequest" as the seed did. */
  readonly legacyEndRequestType?: boolean;
}

/** What a version supports (§12.2). */
export function cekVersionFeatures(version: CekProtocolVersion) {
  return {
    /** EventRequests are not sent to 0.1.0 extensions. */
    eventRequests: version === "1.0",
    /** Audio directives from 0.1.0 extensions are not honoured. */
    audioDirectives: version === "1.0",
  } as const;
}

export type CekRequestForVersion<R extends NormalizedCekRequest> = Omit<R, "request"> & {
  request: R["request"] | EndRequest;
};

/**
 * The request to send to an extension registered for `version`, or `null` when that
 * version must not receive it (EventRequests for 0.1.0). Input may be any newest-shape
 * request; output keeps application and display (harmless to old parsers).
 */
export function toCekRequestVersion<R extends NormalizedCekRequest>(
  request: R,
  version: CekProtocolVersion,
  options: CekVersionOptions = {},
): CekRequestForVersion<R> | null {
  const body = request.request;
  if (version === "1.0") return { ...request, version };
  if (body.type === "EventRequest") return null;
  if (body.type === "SessionEndedRequest" && options.legacyEndRequestType) {
    // EndRequest had no other members; the non-standard reason is not sent.
    return { ...request, version, request: { type: "EndRequest" } };
  }
  return { ...request, version };
}
