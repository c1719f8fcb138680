// Shape checks on the metadata part of POST /v1/events (cic.md §6.1), with the JSON path of
// the first problem in the exception description.

import type { CicEventMessage } from "./events.js";
import { CicError } from "./exception.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

function expect(condition: boolean, path: string, expected: string, value: unknown): void {
  if (!condition)
    throw new CicError(
      400,
      `${path}: expected ${expected}, got ${value === undefined ? "nothing" : kind(value)}`,
    );
}

export function checkEventMessage(metadata: unknown): CicEventMessage {
  expect(isObject(metadata), "(root)", "object", metadata);
  const message = metadata as Record<string, unknown>;
  const context = message["context"] ?? [];
  expect(Array.isArray(context), "context", "array", context);
  (context as unknown[]).forEach((item, i) => {
    expect(isObject(item), `context[${i}]`, "object", item);
    const header = (item as Record<string, unknown>)["header"];
    expect(isObject(header), `context[${i}].header`, "object", header);
    for (const field of ["namespace", "name"]) {
      const v = (header as Record<string, unknown>)[field];
      expect(typeof v === "string", `context[${i}].header.${field}`, "string", v);
    }
    const payload = (item as Record<string, unknown>)["payload"];
    expect(isObject(payload), `context[${i}].payload`, "object", payload);
  });
  const event = message["event"];
  expect(isObject(event), "event", "object", event);
  const header = (event as Record<string, unknown>)["header"];
  expect(isObject(header), "event.header", "object", header);
  for (const field of ["namespace", "name", "messageId"]) {
    const v = (header as Record<string, unknown>)[field];
    expect(typeof v === "string" && v !== "", `event.header.${field}`, "non-empty string", v);
  }
  const dialogRequestId = (header as Record<string, unknown>)["dialogRequestId"];
  expect(
    dialogRequestId === undefined || typeof dialogRequestId === "string",
    "event.header.dialogRequestId",
    "string",
    dialogRequestId,
  );
  const payload = (event as Record<string, unknown>)["payload"] ?? {};
  expect(isObject(payload), "event.payload", "object", payload);
  const name = `${(header as Record<string, string>)["namespace"]}.${(header as Record<string, string>)["name"]}`;
  if (name === "TextRecognizer.Recognize") {
    const text = (payload as Record<string, unknown>)["text"];
    expect(
      typeof text === "string" && text.trim() !== "",
      "event.payload.text",
      "non-empty string",
      text,
    );
  }
  return {
    context: context as CicEventMessage["context"],
    event: { ...(event as CicEventMessage["event"]), payload: payload as Record<string, unknown> },
  };
}
