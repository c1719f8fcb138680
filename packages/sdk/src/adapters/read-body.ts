// Reads a Node.js request body as raw bytes, stopping at the extension's size limit.
import type { IncomingMessage } from "node:http";

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

type Done = (error: Error | undefined, body?: Buffer) => void;

/**
 * The declared Content-Length, read from the raw header list: Node builds `req.headers` only
 * when asked, and a request that needs no other header should not pay for it.
 */
function declaredLength(req: IncomingMessage): number {
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length === 14 && name.toLowerCase() === "content-length") return Number(raw[i + 1]);
  }
  return Number.NaN;
}

/** Callback form (the node:http hot path); `readBodyAsync` wraps it in a promise. */
export function readBody(req: IncomingMessage, limit: number, done: Done): void {
  const declared = declaredLength(req);
  if (declared > limit) {
    req.resume(); // discard what the client still sends; the socket stays usable
    done(new BodyTooLargeError(limit));
    return;
  }
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  let size = 0;
  let failed = false;
  req.on("data", (chunk: Buffer) => {
    if (failed) return;
    size += chunk.length;
    if (size > limit) {
      failed = true;
      first = undefined;
      chunks = undefined;
      return done(new BodyTooLargeError(limit));
    }
    if (first === undefined) first = chunk;
    else {
      chunks ??= [first];
      chunks.push(chunk);
    }
  });
  req.on("end", () => {
    if (failed) return;
    done(undefined, chunks ? Buffer.concat(chunks, size) : (first ?? Buffer.alloc(0)));
  });
  req.on("error", (error) => {
    if (failed) return;
    failed = true;
    done(error);
  });
}

export function readBodyAsync(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    readBody(req, limit, (error, body) => (error ? reject(error) : resolve(body!)));
  });
}
