// The body of a speech server's answer (the OpenAI-compatible engines), read up to a limit: a
// server that answers without end, or with more than any transcript or sentence of speech,
// has its answer cut off and named instead of filling the node's memory.
export class BodyTooLargeError extends Error {
  constructor(
    readonly server: string,
    readonly limit: number,
  ) {
    super(`${server} answered more than ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** The whole body, or BodyTooLargeError once it passes `limit` (the rest is not read). */
export async function readBounded(response: Response, limit: number, server: string) {
  const declared = Number(response.headers.get("content-length"));
  if (declared > limit) {
    await response.body?.cancel();
    throw new BodyTooLargeError(server, limit);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return Buffer.alloc(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks);
    size += value.byteLength;
    if (size > limit) {
      // The connection is closed, not drained.
      await reader.cancel();
      throw new BodyTooLargeError(server, limit);
    }
    chunks.push(value);
  }
}
