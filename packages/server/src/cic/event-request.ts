// POST /v1/events bodies (cic.md §4): multipart/form-data, the `metadata` JSON part first, then
// optional `audio` parts whose bodies are concatenated into one stream, read as they arrive.
// The one place where an event body is read: every limit (metadata size, audio bytes over all
// parts, number of parts) and every body deadline (idle, total) is applied here, and every way
// a body can go wrong (cut off, reset, malformed, too big, too slow) becomes one CicError for
// this request only.
import { PassThrough, type Readable } from "node:stream";
import busboy from "busboy";
import type { AnyRequest } from "../api/http.js";
import { utf8Problem } from "../api/utf8.js";
import { CicError } from "./exception.js";
import { firstPartBytes, PART_HEAD_BYTES, readSimpleBody, simpleBoundary } from "./simple-body.js";

export interface EventLimits {
  /** Largest metadata part, bytes. */
  metadataBytes: number;
  /** Most bytes in all parts after the metadata together (the audio): 60 s of 16 kHz 16-bit mono. */
  audioBytes: number;
  /** Most parts in one event body. */
  parts: number;
  /** A body that sends nothing for this long is refused (400). */
  bodyIdleTimeoutMs: number;
  /** A body not complete after this long is refused (400). */
  bodyTimeoutMs: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = {
  metadataBytes: 256 * 1024,
  audioBytes: 60 * 32_000,
  parts: 1000,
  bodyIdleTimeoutMs: 5000,
  bodyTimeoutMs: 90_000,
};

export interface EventRequest {
  metadata: unknown;
  /** Concatenated audio parts; ends with the request body. */
  audio: Readable;
  /** Settles when the whole body has been read (rejects with the CicError of a body failure). */
  finished: Promise<void>;
  /** The body's failure so far, if any (read it when something downstream failed). */
  failure(): CicError | undefined;
}

export function readEventRequest(req: AnyRequest, limits: EventLimits): Promise<EventRequest> {
  req.on("error", () => {});
  const contentType = String(req.headers["content-type"] ?? "");
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    return Promise.reject(
      new CicError(
        400,
        `content-type must be multipart/form-data, got "${contentType.slice(0, 100) || "nothing"}"`,
      ),
    );

  return new Promise((resolve, reject) => {
    const makeParser = () =>
      busboy({
        headers: req.headers as Record<string, string>,
        limits: {
          fieldSize: limits.metadataBytes,
          fileSize: limits.audioBytes + 1,
          parts: limits.parts,
          headerPairs: 100,
        },
      });
    // A text event's whole body is usually one small metadata part (simple-body.ts reads it
    // without a multipart parser); anything else goes to busboy, from its first byte.
    const boundary = limits.parts > 1 ? simpleBoundary(contentType) : undefined;
    let parser: busboy.Busboy | undefined;
    if (boundary === undefined) {
      try {
        parser = makeParser();
      } catch (error) {
        reject(new CicError(400, `undecodable multipart body: ${(error as Error).message}`));
        return;
      }
    }
    const audio = new PassThrough();
    audio.on("error", () => {});
    let metadataSeen = false;
    let settled = false;
    let failure: CicError | undefined;
    let done = false;
    let afterMetadataBytes = 0;
    let finishResolve: () => void = () => {};
    let finishReject: (error: Error) => void = () => {};
    const finished = new Promise<void>((res, rej) => {
      finishResolve = res;
      finishReject = rej;
    });
    finished.catch(() => {});

    let idleTimer: NodeJS.Timeout | undefined;
    const totalTimer = setTimeout(
      () => fail(new CicError(400, `the request body took longer than ${limits.bodyTimeoutMs} ms`)),
      limits.bodyTimeoutMs,
    );
    // One timer for the whole body, restarted (refresh) by every chunk.
    let timersStopped = false;
    const armIdle = () => {
      if (timersStopped) return;
      if (idleTimer) idleTimer.refresh();
      else
        idleTimer = setTimeout(
          () =>
            fail(
              new CicError(400, `the request body sent nothing for ${limits.bodyIdleTimeoutMs} ms`),
            ),
          limits.bodyIdleTimeoutMs,
        );
    };
    const stopTimers = () => {
      timersStopped = true;
      clearTimeout(idleTimer);
      clearTimeout(totalTimer);
    };

    function fail(error: CicError) {
      if (failure || done) return;
      failure = error;
      stopTimers();
      // The parser is left as it is (destroying it mid-write throws inside busboy); it just
      // gets no more bytes.
      if (parser) {
        req.unpipe(parser);
        parser.removeAllListeners("close");
        parser.on("error", () => {});
      }
      audio.destroy(error);
      finishReject(error);
      if (!settled) {
        settled = true;
        reject(error);
      }
      // Drain what is still coming; the gateway closes the stream once the answer is out.
      req.resume();
    }

    /** The bytes busboy decoded `value` from, when they are found in the body's first bytes. */
    const metadataBytesOf = (value: string) => {
      const raw = firstPartBytes(Buffer.concat(head, headBytes), contentType);
      return raw && (raw.toString("utf8") === value || raw.toString("latin1") === value)
        ? raw
        : undefined;
    };

    const acceptMetadata = (name: string, value: string | Buffer, truncated: boolean) => {
      if (name !== "metadata")
        return fail(
          new CicError(400, `the first part must be named "metadata", got "${name.slice(0, 100)}"`),
        );
      if (truncated)
        return fail(
          new CicError(413, `metadata part is larger than ${limits.metadataBytes} bytes`),
        );
      metadataSeen = true;
      // Read from its bytes, so that a byte sequence that is not UTF-8 is refused rather than
      // turned into replacement characters (busboy's own decoding is lenient).
      const bytes = typeof value === "string" ? metadataBytesOf(value) : value;
      const problem = bytes && utf8Problem(bytes);
      if (problem) return fail(new CicError(400, `metadata part is not valid UTF-8: ${problem}`));
      let metadata: unknown;
      try {
        metadata = JSON.parse(bytes ? bytes.toString("utf8") : (value as string));
      } catch (error) {
        return fail(
          new CicError(400, `metadata part is not valid JSON: ${(error as Error).message}`),
        );
      }
      settled = true;
      resolve({ metadata, audio, finished, failure: () => failure });
    };

    /** The metadata part comes exactly once (cic.md §4.2). */
    const secondMetadata = () =>
      new CicError(400, 'a second "metadata" part: an event has exactly one, first');

    /** Every byte after the metadata counts toward the audio limit, whatever its part. */
    const countAfterMetadata = (bytes: number) => {
      afterMetadataBytes += bytes;
      if (afterMetadataBytes > limits.audioBytes)
        fail(
          new CicError(
            413,
            `audio is larger than ${limits.audioBytes} bytes (the limit of one event's audio parts together)`,
          ),
        );
      return !failure;
    };

    const wire = (p: busboy.Busboy) => {
      p.on("field", (name, value, info) => {
        if (failure) return;
        if (!metadataSeen) return acceptMetadata(name, value, info.valueTruncated);
        if (name === "metadata") return fail(secondMetadata());
        countAfterMetadata(value.length);
      });
      p.on("file", (name, stream) => {
        stream.on("error", () => {});
        if (failure) return void stream.resume();
        if (!metadataSeen && name === "metadata") {
          // A metadata part sent with a filename (e.g. `curl -F metadata=@file.json`).
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on("data", (chunk: Buffer) => {
            size += chunk.length;
            if (size <= limits.metadataBytes) chunks.push(chunk);
          });
          stream.on("end", () => {
            if (!failure) acceptMetadata(name, Buffer.concat(chunks), size > limits.metadataBytes);
          });
          return;
        }
        if (metadataSeen && name === "metadata") {
          stream.resume();
          return fail(secondMetadata());
        }
        if (!metadataSeen) {
          stream.resume();
          return fail(
            new CicError(
              400,
              `metadata part is missing: the first part is "${name.slice(0, 100)}"`,
            ),
          );
        }
        stream.on("data", (chunk: Buffer) => {
          if (failure || !countAfterMetadata(chunk.length)) return;
          if (name === "audio") audio.write(chunk);
        });
      });
      p.on("partsLimit", () =>
        fail(new CicError(413, `more than ${limits.parts} parts in one event`)),
      );
      p.on("error", (error: Error) =>
        fail(new CicError(400, `undecodable multipart body: ${error.message}`)),
      );
      p.on("close", () => {
        if (failure) return;
        if (!metadataSeen) return fail(new CicError(400, "metadata part is missing"));
        done = true;
        stopTimers();
        audio.end();
        finishResolve();
      });
    };
    req.on("data", armIdle);
    // The first bytes of the body, where the metadata part is (cic.md §4.2): what busboy decoded
    // of it is checked against these bytes.
    const head: Buffer[] = [];
    let headBytes = 0;
    const headLimit = limits.metadataBytes + PART_HEAD_BYTES;
    const keepHead = (chunk: Buffer) => {
      const kept = chunk.subarray(0, headLimit - headBytes);
      head.push(kept);
      headBytes += kept.length;
      if (headBytes >= headLimit) req.off("data", keepHead);
    };
    req.on("data", keepHead);
    req.on("end", () => {
      timersStopped = true;
      clearTimeout(idleTimer);
    });
    req.on("aborted", () => fail(new CicError(400, "the request body was cut off")));
    req.on("close", () => {
      if (!req.complete) fail(new CicError(400, "the request body was cut off"));
    });
    armIdle();
    if (boundary === undefined) {
      if (parser) {
        wire(parser);
        req.pipe(parser);
      }
      return;
    }

    // The simple body: held until it is complete (then read here) or until it turns out to be
    // something else (then handed to busboy with everything held so far).
    const held: Buffer[] = [];
    let heldBytes = 0;
    const toBusboy = (ended: boolean) => {
      req.off("data", hold);
      let p: busboy.Busboy;
      try {
        p = makeParser();
      } catch (error) {
        return fail(new CicError(400, `undecodable multipart body: ${(error as Error).message}`));
      }
      parser = p;
      wire(p);
      p.write(held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes));
      held.length = 0;
      if (ended) p.end();
      else req.pipe(p);
    };
    const hold = (chunk: Buffer) => {
      if (failure) return;
      held.push(chunk);
      heldBytes += chunk.length;
      const bytes = held.length === 1 ? chunk : Buffer.concat(held, heldBytes);
      if (readSimpleBody(bytes, boundary, limits.metadataBytes) === "other") toBusboy(false);
    };
    req.on("data", hold);
    req.on("end", () => {
      if (failure || parser) return;
      const bytes = held.length === 1 ? held[0]! : Buffer.concat(held, heldBytes);
      const read = readSimpleBody(bytes, boundary, limits.metadataBytes);
      if (typeof read !== "object") return toBusboy(true);
      acceptMetadata("metadata", read.metadata, false);
      if (failure) return;
      done = true;
      stopTimers();
      audio.end();
      finishResolve();
    });
  });
}
