// Sends one CEK request to an extension: serialize once, sign those bytes, POST them through a
// keep-alive pool per endpoint origin, enforce the deadline and the size limit, parse JSON.
// A request reaches the extension at most once (cek-custom-extension.md §2): it is sent a
// second time only when its keep-alive connection was closed before the extension read it
// (stale-connection.ts), within the same deadline.
import { type Dispatcher, Pool } from "undici";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../api/json-depth.js";
import { CircuitBreaker } from "./circuit-breaker.js";
import { OutboundGuard } from "./outbound-policy.js";
import type { BodySigner } from "./signer.js";
import { closedWhileIdle, trackingConnector } from "./stale-connection.js";

export interface DispatcherOptions {
  /** Whole-call deadline from the start of the request (§2.3). */
  timeoutMs: number;
  connectTimeoutMs: number;
  maxResponseBytes: number;
  connectionsPerOrigin: number;
  breakerFailures: number;
  breakerCooldownMs: number;
  userAgent?: string;
  /** Where calls may go (docs/security.md "Outbound policy"); default: public addresses only. */
  guard?: OutboundGuard;
}

export type DispatchFailure =
  | "circuit-open"
  | "bad-endpoint"
  | "unreachable"
  | "timeout"
  | "http-status"
  | "too-large"
  | "content-type"
  | "invalid-json";

export type DispatchResult = (
  | { ok: true; status: number; body: unknown; bytes: number; durationMs: number }
  | {
      ok: false;
      failure: DispatchFailure;
      message: string;
      status?: number;
      durationMs: number;
    }
) & {
  /** The SignatureCEK header sent with the body; absent when nothing was sent. */
  signature?: string;
};

export interface DispatchTarget {
  extensionId: string;
  endpointUrl: string;
}

const CONTENT_TYPE = "application/json;charset=UTF-8";

/** An endpoint URL as a call needs it. */
interface Endpoint {
  href: string;
  origin: string;
  path: string;
}

/**
 * How much sooner than the extension's announced keep-alive time an idle connection is let go:
 * undici's idle timers tick about every half second and a loaded process runs them late.
 */
const KEEP_ALIVE_MARGIN_MS = 2000;

/** Parsed endpoint URLs kept (one per registered extension, in practice). */
const MAX_ENDPOINTS = 1000;

export class CekDispatcher {
  readonly #pools = new Map<string, Pool>();
  readonly #breakers = new Map<string, CircuitBreaker>();
  readonly #endpoints = new Map<string, Endpoint>();
  readonly guard: OutboundGuard;

  constructor(
    private readonly signer: BodySigner,
    private readonly options: DispatcherOptions,
  ) {
    this.guard = options.guard ?? new OutboundGuard({ networks: "public" });
  }

  breaker(extensionId: string): CircuitBreaker {
    let breaker = this.#breakers.get(extensionId);
    if (!breaker) {
      breaker = new CircuitBreaker(this.options.breakerFailures, this.options.breakerCooldownMs);
      this.#breakers.set(extensionId, breaker);
    }
    return breaker;
  }

  /** Serializes `message` once, signs it and POSTs it. Never throws. */
  async send(target: DispatchTarget, message: unknown): Promise<DispatchResult> {
    const started = performance.now();
    const url = this.#endpoint(target.endpointUrl);
    if (!url)
      return {
        ok: false,
        failure: "bad-endpoint",
        message: `endpoint URL ${JSON.stringify(target.endpointUrl)} is not a URL`,
        durationMs: performance.now() - started,
      };
    const refused = this.guard.refused(url.href);
    if (refused)
      return {
        ok: false,
        failure: "bad-endpoint",
        message: `endpoint URL refused by the outbound policy: ${refused}`,
        durationMs: performance.now() - started,
      };
    const breaker = this.breaker(target.extensionId);
    if (!breaker.tryAcquire())
      return {
        ok: false,
        failure: "circuit-open",
        message: "circuit open after repeated failures; not calling the extension",
        durationMs: performance.now() - started,
      };
    const body = Buffer.from(JSON.stringify(message), "utf8");
    const sent: { signature?: string } = {};
    const result = await this.#post(url, body, started, sent);
    if (sent.signature !== undefined) result.signature = sent.signature;
    // Transport failures count here; the caller reports success or an invalid message after
    // validating the body (breaker(id).success() / .failure()).
    if (!result.ok) breaker.failure();
    return result;
  }

  /** The parsed endpoint URL (parsed once per endpoint, not on every call); undefined: not a URL. */
  #endpoint(endpointUrl: string): Endpoint | undefined {
    let endpoint = this.#endpoints.get(endpointUrl);
    if (!endpoint) {
      let url: URL;
      try {
        url = new URL(endpointUrl);
      } catch {
        return undefined;
      }
      endpoint = { href: url.href, origin: url.origin, path: url.pathname + url.search };
      if (this.#endpoints.size >= MAX_ENDPOINTS) this.#endpoints.clear();
      this.#endpoints.set(endpointUrl, endpoint);
    }
    return endpoint;
  }

  /**
   * `started`: performance.now() when the call began (its duration is measured from there);
   * `sent.signature` is set once the body is signed.
   */
  async #post(
    url: Endpoint,
    body: Buffer,
    started: number,
    sent: { signature?: string },
  ): Promise<DispatchResult> {
    const limit = this.options.maxResponseBytes;
    // The deadline is a timer cleared as soon as the exchange ends (AbortSignal.timeout would
    // keep a timer and its signal alive for the whole timeout after every call).
    let exchange: Exchange | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      exchange?.cancel(new Error("deadline"));
    }, this.options.timeoutMs);
    try {
      const signature = await this.signer.sign(body);
      sent.signature = signature;
      if (timedOut)
        return failed(
          started,
          "timeout",
          `no complete response within ${this.options.timeoutMs} ms`,
        );
      const attempt = (): Promise<Answer> =>
        new Promise<Answer>((resolve) => {
          exchange = new Exchange(limit, resolve);
          this.#pool(url.origin).dispatch(
            {
              origin: url.origin,
              method: "POST",
              path: url.path,
              // Written as the spec spells them (§2.1): header names are case-insensitive, but an
              // extension reading raw header lines sees `SignatureCEK`, not `signaturecek`.
              headers: {
                "Content-Type": CONTENT_TYPE,
                "Content-Length": String(body.length),
                Accept: "application/json",
                "Accept-Charset": "utf-8",
                "User-Agent": this.options.userAgent ?? "Clover-CEK/0.1",
                SignatureCEK: signature,
              },
              body,
            },
            exchange,
          );
        });
      let answer = await attempt();
      // Once, and only for a keep-alive connection the extension closed before reading the
      // request; the deadline timer still runs and ends the second attempt like the first.
      if (answer.kind === "error" && !timedOut && closedWhileIdle(answer.error, answer.started))
        answer = await attempt();
      if (answer.kind === "error") {
        const error = answer.error as Error & { code?: string };
        const code = error.code;
        // The deadline normally comes first; undici's own timers are a backstop.
        if (timedOut || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT")
          return failed(
            started,
            "timeout",
            `no complete response within ${this.options.timeoutMs} ms`,
          );
        if (code === "UND_ERR_CONNECT_TIMEOUT")
          return failed(
            started,
            "timeout",
            `could not connect within ${this.options.connectTimeoutMs} ms`,
          );
        return failed(started, "unreachable", `${code ?? error.name}: ${error.message}`);
      }
      if (answer.kind === "too-large")
        return failed(
          started,
          "too-large",
          answer.declared === undefined
            ? `response exceeds the limit of ${limit} bytes`
            : `response of ${answer.declared} bytes exceeds the limit of ${limit}`,
          answer.status,
        );
      const { status, text, size } = answer;
      if (status >= 300 && status < 400)
        return failed(started, "http-status", redirected(status, answer.location), status);
      if (status < 200 || status > 299)
        return failed(started, "http-status", `HTTP ${status}: ${text.slice(0, 4096)}`, status);
      if (answer.contentType?.trim() && !isJsonMediaType(answer.contentType))
        return failed(
          started,
          "content-type",
          `Content-Type ${JSON.stringify(answer.contentType.slice(0, 100))} is not application/json (send application/json;charset=UTF-8)`,
          status,
        );
      if (nestsDeeperThan(text))
        return failed(
          started,
          "invalid-json",
          `body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
          status,
        );
      try {
        const parsed: unknown = JSON.parse(text);
        return {
          ok: true,
          status,
          body: parsed,
          bytes: size,
          durationMs: performance.now() - started,
        };
      } catch (error) {
        const preview = JSON.stringify(text.slice(0, 80));
        return failed(
          started,
          "invalid-json",
          `body is not JSON (${(error as Error).message}); starts with ${preview}`,
          status,
        );
      }
    } finally {
      clearTimeout(timer);
    }
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connectionsPerOrigin,
        connect: trackingConnector({
          timeout: this.options.connectTimeoutMs,
          ...this.guard.connectOptions(origin),
        }),
        headersTimeout: this.options.timeoutMs + 1000,
        bodyTimeout: this.options.timeoutMs + 1000,
        // An extension's `Keep-Alive: timeout=N` is honoured less this margin (a hint of 2 s or
        // less: the connection is not kept); without a hint an idle connection is kept 30 s.
        keepAliveTimeout: 30_000,
        keepAliveTimeoutThreshold: KEEP_ALIVE_MARGIN_MS,
      });
      this.#pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#pools.values()].map((p) => p.destroy()));
    this.#pools.clear();
  }
}

/** A failed call's result. */
function failed(
  started: number,
  failure: DispatchFailure,
  message: string,
  status?: number,
): DispatchResult {
  return {
    ok: false,
    failure,
    message,
    ...(status === undefined ? {} : { status }),
    durationMs: performance.now() - started,
  };
}

/**
 * A redirect is never followed (the request goes to the registered URL only, docs/security.md):
 * the message says so and where it pointed, so the developer registers the final URL.
 */
function redirected(status: number, location: string | undefined): string {
  const target = location === undefined ? "" : ` to ${JSON.stringify(location.slice(0, 300))}`;
  return `HTTP ${status}: a redirect${target}; redirects are not followed, register the final URL`;
}

/**
 * The answer's Content-Type must be JSON (cek-custom-extension.md §2.2): `application/json` or a
 * `+json` type, any parameters (the guide's `charset-UTF-8` glitch included). No header at all
 * is accepted: the body still has to parse as JSON.
 */
export function isJsonMediaType(value: string): boolean {
  const type = value.split(";", 1)[0]!.trim().toLowerCase();
  return type === "application/json" || /^application\/[!#$&^_.+\w-]+\+json$/.test(type);
}

/** How an exchange ended. */
type Answer =
  | {
      kind: "body";
      status: number;
      text: string;
      size: number;
      /** The Content-Type header, when there was one. */
      contentType?: string;
      /** The Location header of a redirect. */
      location?: string;
    }
  | { kind: "too-large"; status: number; declared?: number }
  /** `started`: the start of a response message (interim ones included) had arrived. */
  | { kind: "error"; error: Error; started: boolean };

/**
 * One CEK exchange on undici's dispatch interface: the answer's bytes are collected as they
 * come, within the size limit, with no response stream (undici's `request` makes a Readable,
 * an async resource and a signal listener per call, and reading it took four listeners more).
 * Ends exactly once: the whole body, too large (the connection is then aborted), or an error.
 */
class Exchange implements Dispatcher.DispatchHandler {
  #status = 0;
  #contentType: string | undefined;
  #location: string | undefined;
  readonly #chunks: Buffer[] = [];
  #size = 0;
  #abort: ((reason: Error) => void) | undefined;
  /** Cancelled before undici started the request: aborted as soon as it does. */
  #cancelled: Error | undefined;
  #ended = false;
  /** The first byte of a response message was parsed. */
  #started = false;

  constructor(
    private readonly limit: number,
    private readonly end: (answer: Answer) => void,
  ) {}

  /** Ends the exchange now (the deadline), aborting the request wherever it is. */
  cancel(reason: Error): void {
    this.#finish({ kind: "error", error: reason, started: this.#started });
    if (this.#abort) this.#abort(reason);
    else this.#cancelled = reason;
  }

  #finish(answer: Answer): void {
    if (this.#ended) return;
    this.#ended = true;
    this.end(answer);
  }

  #tooLarge(declared?: number): void {
    this.#finish({
      kind: "too-large",
      status: this.#status,
      ...(declared === undefined ? {} : { declared }),
    });
    this.#abort?.(new Error("response too large"));
  }

  onConnect(abort: (reason?: Error) => void): void {
    if (this.#cancelled) abort(this.#cancelled);
    else this.#abort = abort;
  }

  onResponseStarted(): void {
    this.#started = true;
  }

  onHeaders(status: number, rawHeaders: Buffer[] | string[] | null): boolean {
    this.#started = true;
    if (status < 200) return true; // an interim response (1xx)
    this.#status = status;
    const headers = rawHeaders ?? [];
    for (let i = 0; i + 1 < headers.length; i += 2) {
      const name = String(headers[i]).toLowerCase();
      if (name === "content-type") this.#contentType = String(headers[i + 1]);
      else if (name === "location") this.#location = String(headers[i + 1]);
      else if (name === "content-length") {
        const declared = Number(String(headers[i + 1]));
        if (declared > this.limit) this.#tooLarge(declared);
      }
    }
    return true;
  }

  onData(chunk: Buffer): boolean {
    if (this.#ended) return true;
    this.#size += chunk.length;
    if (this.#size > this.limit) this.#tooLarge();
    else this.#chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    const chunks = this.#chunks;
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    this.#finish({
      kind: "body",
      status: this.#status,
      text: bytes.toString("utf8"),
      size: this.#size,
      ...(this.#contentType === undefined ? {} : { contentType: this.#contentType }),
      ...(this.#location === undefined ? {} : { location: this.#location }),
    });
  }

  onError(error: Error): void {
    this.#finish({ kind: "error", error, started: this.#started });
  }
}
