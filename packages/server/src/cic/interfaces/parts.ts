// Small helpers shared by the interface reactions: one directive part, payload field readers.
import { createDirective } from "../multipart-writer.js";
import type { DirectivePart } from "../turn-directives.js";

export function part(
  namespace: string,
  name: string,
  payload: Record<string, unknown> = {},
  dialogRequestId?: string,
): DirectivePart {
  return { directive: createDirective(namespace, name, payload, dialogRequestId) };
}

export function text(payload: Record<string, unknown>, field: string): string | undefined {
  const value = payload[field];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function object(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A part's attachment as one buffer (pushed parts go on the downchannel whole). */
export async function wholeAttachment(
  part: DirectivePart,
): Promise<{ contentId: string; body: Buffer } | undefined> {
  const attachment = part.attachment;
  if (!attachment) return undefined;
  if (Buffer.isBuffer(attachment.body))
    return { contentId: attachment.contentId, body: attachment.body };
  const chunks: Buffer[] = [];
  for await (const chunk of attachment.body) chunks.push(chunk);
  return { contentId: attachment.contentId, body: Buffer.concat(chunks) };
}
