// Accept every documented request variant and hand handlers the newest shape
// (cek-custom-extension.md §12.2) using @clover/protocol's normalizer. A request type the
// protocol does not know yet is kept as sent once its envelope checks out, so the extension
// can answer it minimally instead of failing (§11).
import { normalizeCekRequest } from "@clover/protocol";
import type { CekRequest } from "./types.js";

export interface RequestIssue {
  path: string;
  message: string;
}
export type NormalizeResult =
  | { ok: true; request: CekRequest }
  | { ok: false; issues: RequestIssue[] };

const KNOWN_TYPES = new Set([
  "LaunchRequest",
  "IntentRequest",
  "SessionEndedRequest",
  "EndRequest",
  "EventRequest",
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Checks a parsed request body and returns it in the 1.0 form. */
export function normalizeRequest(value: unknown): NormalizeResult {
  const result = normalizeCekRequest(value);
  if (result.ok) return { ok: true, request: result.value };
  const body = isObject(value) && isObject(value.request) ? value.request : undefined;
  if (isObject(value) && body && typeof body.type === "string" && !KNOWN_TYPES.has(body.type)) {
    const envelope = normalizeCekRequest({ ...value, request: { type: "LaunchRequest" } });
    if (envelope.ok)
      return { ok: true, request: { ...envelope.value, request: body } as CekRequest };
  }
  return { ok: false, issues: result.issues.map(({ path, message }) => ({ path, message })) };
}
