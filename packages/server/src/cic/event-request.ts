// POST /v1/events bodies (cic.md §4): multipart/form-data, the `metadata` JSON part first, then
// optional `audio` parts whose bodies are concatenated into one stream, read as they arrive.
// The one place where an event body is read: every limit (metadata size, audio bytes over all
// parts, number of parts) and every body deadline (idle, total) is applied here, and every way
// a body can go wrong (cut off, reset, malformed, too big, too slow) becomes one CicError for
// this request only.
import { PassThrough, type Readable, type Writable } from "node:stream";
import busboy from "busboy";
import type { AnyRequest } from "../api/http.js";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../api/json-depth.js";
import { utf8Problem } from "../api/utf8.js";
import { CicError } from "./exception.js";
import {
  boundaryOf,
  FirstPartHead,
  firstPartBytes,
  PART_HEAD_BYTES,
  readSimpleBody,
  simpleBoundary,
} from "./simple-body.js";
import { TransportPaddingFilter } from "./transport-padding.js";

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
  req.on("error", ignore);
  const contentType = String(req.headers["content-type"] ?? "");
  if (!contentType.toLowerCase().startsWith("multipart/form-data"))
    return Promise.reject(
      new CicError(
        400,
        `content-type must be multipart/form-data, got "${contentType.slice(0, 100) || "nothing"}"`,
      ),
    );
  if (!boundaryOf(contentType))
    return Promise.reject(
      new CicError(
        400,
        `content-type has no boundary: expected multipart/form-data; boundary=<boundary>, got "${contentType.slice(0, 100)}"`,
      ),
    );
  return new Promise((resolve, reject) => {
    new EventBodyReader(req, limits, contentType, resolve, reject).start();
  });
}

function ignore(): void {}

/** The metadata part comes exactly once (cic.md §4.2). */
function secondMetadata(): CicError {
  return new CicError(400, 'a second "metadata" part: an event has exactly one, first');
}

/**
 * The reading of one event body. A class rather than closures: an event is read per request,
 * and its steps are methods created once (not a dozen functions per request).
 */
class EventBodyReader implements EventRequest {
  metadata: unknown;
  readonly audio = new PassThrough();
  readonly finished: Promise<void>;
  /** The simple body's boundary (simple-body.ts); undefined: busboy reads the body. */
  readonly #boundary: string | undefined;
  #parser: busboy.Busboy | undefined;
  /** Where the body's bytes go: busboy, behind the transport padding filter when it applies. */
  #feed: Writable | undefined;
  #metadataSeen = false;
  #settled = false;
  #failure: CicError | undefined;
  #done = false;
  #afterMetadataBytes = 0;
  #finishResolve: () => void = ignore;
  #finishReject: (error: Error) => void = ignore;
  #idleTimer: NodeJS.Timeout | undefined;
  /** Counts the chunks received (and the start): whether any came since a given moment. */
  #activity = 0;
  #totalTimer: NodeJS.Timeout | undefined;
  #timersStopped = false;
  /** The simple body so far: held until it is complete or turns out to be something else. */
  readonly #held: Buffer[] = [];
  #heldBytes = 0;
  /**
   * The body's bytes where the metadata part is (cic.md §4.2), however long a preamble before
   * it: what busboy decoded of it is read again from these bytes.
   */
  readonly #head: FirstPartHead;
  readonly #contentType: string;
  /** The simple body's data listener (removed when the body goes to busboy). */
  readonly #onHeld: (chunk: Buffer) => void;
  /** The reader's listeners on the request, removed once the body is read or has failed. */
  #listeners: [string, (chunk: Buffer) => void][] = [];

  constructor(
    private readonly req: AnyRequest,
    private readonly limits: EventLimits,
    contentType: string,
    private readonly resolve: (request: EventRequest) => void,
    private readonly reject: (error: Error) => void,
  ) {
    // A text event's whole body is usually one small metadata part (simple-body.ts reads it
    // without a multipart parser); anything else goes to busboy, from its first byte.
    this.#boundary = limits.parts > 1 ? simpleBoundary(contentType) : undefined;
    this.#contentType = contentType;
    this.#head = new FirstPartHead(contentType, limits.metadataBytes + PART_HEAD_BYTES);
    this.audio.on("error", ignore);
    this.finished = new Promise<void>((res, rej) => {
      this.#finishResolve = res;
      this.#finishReject = rej;
    });
    this.finished.catch(ignore);
    this.#onHeld = (chunk) => this.#hold(chunk);
  }

  failure(): CicError | undefined {
    return this.#failure;
  }

  start(): void {
    const { req, limits } = this;
    if (this.#boundary === undefined) {
      try {
        this.#parser = this.#makeParser();
      } catch (error) {
        this.reject(new CicError(400, `undecodable multipart body: ${(error as Error).message}`));
        return;
      }
    }
    this.#totalTimer = setTimeout(
      () =>
        this.#fail(
          new CicError(400, `the request body took longer than ${limits.bodyTimeoutMs} ms`),
        ),
      limits.bodyTimeoutMs,
    );
    this.#listeners = [
      ["data", (chunk: Buffer) => this.#received(chunk)],
      ["end", () => this.#ended()],
      ["aborted", () => this.#fail(new CicError(400, "the request body was cut off"))],
      [
        "close",
        () => {
          if (!req.complete) this.#fail(new CicError(400, "the request body was cut off"));
        },
      ],
    ];
    for (const [event, listener] of this.#listeners) req.on(event, listener);
    this.#armIdle();
    if (this.#parser) {
      this.#wire(this.#parser);
      req.pipe(this.#feedOf(this.#parser));
      return;
    }
    req.on("data", this.#onHeld);
  }

  #makeParser(): busboy.Busboy {
    const { limits } = this;
    return busboy({
      headers: this.req.headers as Record<string, string>,
      limits: {
        fieldSize: limits.metadataBytes,
        fileSize: limits.audioBytes + 1,
        parts: limits.parts,
        headerPairs: 100,
      },
    });
  }

  /** The body goes to busboy through a filter removing transport padding (RFC 2046 §5.1.1). */
  #feedOf(parser: busboy.Busboy): Writable {
    const boundary = boundaryOf(this.#contentType);
    let feed: Writable = parser;
    if (boundary) {
      const filter = new TransportPaddingFilter(boundary);
      filter.pipe(parser);
      feed = filter;
    }
    this.#feed = feed;
    return feed;
  }

  #received(chunk: Buffer): void {
    this.#armIdle();
    if (!this.#metadataSeen) this.#head.push(chunk);
  }

  /** The bytes busboy decoded `value` from, when they are found where the first part is. */
  #metadataBytes(value: string): Buffer | undefined {
    const raw = firstPartBytes(this.#head.bytes(), this.#contentType);
    return raw && (raw.toString("utf8") === value || raw.toString("latin1") === value)
      ? raw
      : undefined;
  }

  /** One timer for the whole body, restarted (refresh) by every chunk. */
  #armIdle(): void {
    this.#activity++;
    if (this.#timersStopped) return;
    if (this.#idleTimer) this.#idleTimer.refresh();
    else this.#idleTimer = setTimeout(() => this.#idleDue(), this.limits.bodyIdleTimeoutMs);
  }

  /**
   * The idle deadline came. When the process itself was held up (a busy machine), the timer and
   * the bytes that arrived meanwhile become due together, and timers run first: the bytes
   * already received are read (setImmediate runs after the poll phase) before the body counts as
   * idle. Bytes that came re-armed the timer.
   */
  #idleDue(): void {
    const activity = this.#activity;
    setImmediate(() => {
      if (this.#timersStopped || this.#activity !== activity) return;
      this.#fail(
        new CicError(400, `the request body sent nothing for ${this.limits.bodyIdleTimeoutMs} ms`),
      );
    });
  }

  #stopTimers(): void {
    this.#timersStopped = true;
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#totalTimer);
  }

  #fail(error: CicError): void {
    if (this.#failure || this.#done) return;
    this.#failure = error;
    this.#release();
    this.#stopTimers();
    // The parser is left as it is (destroying it mid-write throws inside busboy); it just
    // gets no more bytes.
    const parser = this.#parser;
    if (this.#feed) this.req.unpipe(this.#feed);
    if (parser) {
      parser.removeAllListeners("close");
      parser.on("error", ignore);
    }
    this.audio.destroy(error);
    this.#finishReject(error);
    if (!this.#settled) {
      this.#settled = true;
      this.reject(error);
    }
    // Drain what is still coming; the gateway closes the stream once the answer is out.
    this.req.resume();
  }

  #acceptMetadata(name: string, value: string | Buffer, truncated: boolean) {
    if (name !== "metadata")
      return this.#fail(
        new CicError(400, `the first part must be named "metadata", got "${name.slice(0, 100)}"`),
      );
    if (truncated)
      return this.#fail(
        new CicError(413, `metadata part is larger than ${this.limits.metadataBytes} bytes`),
      );
    this.#metadataSeen = true;
    // Read from its bytes, so that a byte sequence that is not UTF-8 is refused rather than
    // turned into replacement characters (busboy's own decoding is lenient).
    const bytes = typeof value === "string" ? this.#metadataBytes(value) : value;
    // Never read leniently: bytes that cannot be found again are refused too. Busboy skipped an
    // earlier part (one without a name), or the part names a charset other than UTF-8 or
    // Latin-1 and is not ASCII (busboy refuses part headers past 16 KiB, and a preamble of any
    // length is skipped by FirstPartHead).
    if (!bytes)
      return this.#fail(
        new CicError(
          400,
          "metadata part is not readable as UTF-8: it is not the body's first part, or it names another charset",
        ),
      );
    const problem = utf8Problem(bytes);
    if (problem)
      return this.#fail(new CicError(400, `metadata part is not valid UTF-8: ${problem}`));
    if (nestsDeeperThan(bytes))
      return this.#fail(
        new CicError(
          400,
          `metadata part nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
        ),
      );
    let metadata: unknown;
    try {
      metadata = JSON.parse(bytes.toString("utf8"));
    } catch (error) {
      return this.#fail(
        new CicError(400, `metadata part is not valid JSON: ${(error as Error).message}`),
      );
    }
    this.#settled = true;
    this.metadata = metadata;
    this.resolve(this);
  }

  /**
   * The body is read or has failed: the reader lets go of the request. An HTTP/2 request's
   * objects outlive young-generation collections until a full one, and whatever its listeners
   * reach (this reader, its metadata, the turn waiting on it) was carried into the old
   * generation with them (docs/benchmarks.md, "Text turns: fourth pass").
   */
  #release(): void {
    for (const [event, listener] of this.#listeners) this.req.off(event, listener);
    this.#listeners = [];
    this.req.off("data", this.#onHeld);
  }

  /** The whole body was read and accepted. */
  #complete(): void {
    this.#done = true;
    this.#release();
    this.#stopTimers();
    this.audio.end();
    this.#finishResolve();
  }

  /** Every byte after the metadata counts toward the audio limit, whatever its part. */
  #countAfterMetadata(bytes: number): boolean {
    this.#afterMetadataBytes += bytes;
    if (this.#afterMetadataBytes > this.limits.audioBytes)
      this.#fail(
        new CicError(
          413,
          `audio is larger than ${this.limits.audioBytes} bytes (the limit of one event's audio parts together)`,
        ),
      );
    return !this.#failure;
  }

  #wire(p: busboy.Busboy): void {
    const limits = this.limits;
    p.on("field", (name, value, info) => {
      if (this.#failure) return;
      if (!this.#metadataSeen) return this.#acceptMetadata(name, value, info.valueTruncated);
      if (name === "metadata") return this.#fail(secondMetadata());
      this.#countAfterMetadata(value.length);
    });
    p.on("file", (name, stream) => {
      stream.on("error", ignore);
      if (this.#failure) return void stream.resume();
      if (!this.#metadataSeen && name === "metadata") {
        // A metadata part sent with a filename (e.g. `curl -F metadata=@file.json`).
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= limits.metadataBytes) chunks.push(chunk);
        });
        stream.on("end", () => {
          if (!this.#failure)
            this.#acceptMetadata(name, Buffer.concat(chunks), size > limits.metadataBytes);
        });
        return;
      }
      if (this.#metadataSeen && name === "metadata") {
        stream.resume();
        return this.#fail(secondMetadata());
      }
      if (!this.#metadataSeen) {
        stream.resume();
        return this.#fail(
          new CicError(400, `metadata part is missing: the first part is "${name.slice(0, 100)}"`),
        );
      }
      stream.on("data", (chunk: Buffer) => {
        if (this.#failure || !this.#countAfterMetadata(chunk.length)) return;
        if (name === "audio") this.audio.write(chunk);
      });
    });
    p.on("partsLimit", () =>
      this.#fail(new CicError(413, `more than ${limits.parts} parts in one event`)),
    );
    p.on("error", (error: Error) =>
      this.#fail(new CicError(400, `undecodable multipart body: ${error.message}`)),
    );
    p.on("close", () => {
      if (this.#failure) return;
      if (!this.#metadataSeen) return this.#fail(new CicError(400, "metadata part is missing"));
      this.#complete();
    });
  }

  /** The simple body, handed to busboy with everything held so far. */
  #toBusboy(ended: boolean) {
    this.req.off("data", this.#onHeld);
    let p: busboy.Busboy;
    try {
      p = this.#makeParser();
    } catch (error) {
      return this.#fail(
        new CicError(400, `undecodable multipart body: ${(error as Error).message}`),
      );
    }
    this.#parser = p;
    this.#wire(p);
    const feed = this.#feedOf(p);
    const held = this.#held;
    feed.write(held.length === 1 ? held[0]! : Buffer.concat(held, this.#heldBytes));
    held.length = 0;
    if (ended) feed.end();
    else this.req.pipe(feed);
  }

  #heldBody(): Buffer {
    const held = this.#held;
    return held.length === 1 ? held[0]! : Buffer.concat(held, this.#heldBytes);
  }

  #hold(chunk: Buffer): void {
    if (this.#failure) return;
    this.#held.push(chunk);
    this.#heldBytes += chunk.length;
    if (readSimpleBody(this.#heldBody(), this.#boundary!, this.limits.metadataBytes) === "other")
      this.#toBusboy(false);
  }

  #ended() {
    this.#timersStopped = true;
    clearTimeout(this.#idleTimer);
    if (this.#boundary === undefined || this.#failure || this.#parser) return;
    const read = readSimpleBody(this.#heldBody(), this.#boundary, this.limits.metadataBytes);
    if (typeof read !== "object") return this.#toBusboy(true);
    this.#acceptMetadata("metadata", read.metadata, false);
    if (this.#failure) return;
    this.#complete();
  }
}
