// The metadata part of POST /v1/events, checked against the CIC declarations of
// @clover/protocol (cic.md §6.1, §9); the exception names the JSON path of each problem.
import { normalizeCicEvent, validateCicEvent } from "@clover/protocol";
import { MAX_UTTERANCE_CHARS } from "../assistant/limits.js";
import type { CicEventMessage } from "./events.js";
import { CicError } from "./exception.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function checkEventMessage(metadata: unknown): CicEventMessage {
  // context[] is required on every event, [] when empty (cic.md §6.1, §15.2 item 8).
  if (isObject(metadata) && metadata["context"] === undefined)
    throw new CicError(400, "context is required: an array of context objects, [] when empty");
  const result = validateCicEvent(metadata);
  if (!result.ok) {
    const shown = result.issues.slice(0, 3).map((issue) => issue.message);
    const more = result.issues.length > 3 ? ` (and ${result.issues.length - 3} more)` : "";
    throw new CicError(400, `${shown.join("; ")}${more}`);
  }
  const event = normalizeCicEvent(result.value) as unknown as CicEventMessage;
  const { namespace, name } = event.event.header;
  if (
    namespace === "TextRecognizer" &&
    name === "Recognize" &&
    String(event.event.payload["text"]).trim() === ""
  ) {
    throw new CicError(400, 'event.payload.text: expected non-empty text, got ""');
  }
  if (
    namespace === "TextRecognizer" &&
    name === "Recognize" &&
    String(event.event.payload["text"]).length > MAX_UTTERANCE_CHARS
  ) {
    throw new CicError(
      413,
      `event.payload.text is longer than ${MAX_UTTERANCE_CHARS} characters (the utterance limit)`,
    );
  }
  return event;
}
