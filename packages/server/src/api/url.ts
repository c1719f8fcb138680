// Request targets and path segments from the network, decoded without surprises: a malformed
// URL or percent-encoding is the client's mistake (400), never a server error.
import { ApiError } from "./http.js";

/** Longest request target accepted (path and query together). */
export const MAX_URL_LENGTH = 8 * 1024;

/** The request target as a URL, or undefined when it is malformed or too long. */
export function parseRequestTarget(target: string | undefined): URL | undefined {
  const raw = target ?? "/";
  if (raw.length > MAX_URL_LENGTH) return undefined;
  try {
    return new URL(raw, "http://localhost");
  } catch {
    return undefined;
  }
}

/** decodeURIComponent of one path segment; malformed escapes answer 400 naming the segment. */
export function decodeSegment(segment: string, name = "path segment"): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ApiError(
      400,
      "invalid_path",
      `${name}: malformed percent-encoding in ${JSON.stringify(segment.slice(0, 100))}`,
    );
  }
}
