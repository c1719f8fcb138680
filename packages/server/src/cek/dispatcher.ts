// Sends one CEK request to an extension: serialize once, sign those bytes, POST them through a
// keep-alive pool per endpoint origin, enforce the deadline and the size limit, parse JSON.
// No retries: a request reaches the extension at most once (cek-custom-extension.md §2).
import type { Readable } from "node:stream";
import { Pool } from "undici";
import { CircuitBreaker } from "./circuit-breaker.js";
import { OutboundGuard } from "./outbound-policy.js";
import type { BodySigner } from "./signer.js";

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
  | "invalid-json";

export type DispatchResult =
  | { ok: true; status: number; body: unknown; bytes: number; durationMs: number }
  | {
      ok: false;
      failure: DispatchFailure;
      message: string;
      status?: number;
      durationMs: number;
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
    const elapsed = () => performance.now() - started;
    const url = this.#endpoint(target.endpointUrl);
    if (!url)
      return {
        ok: false,
        failure: "bad-endpoint",
        message: `endpoint URL ${JSON.stringify(target.endpointUrl)} is not a URL`,
        durationMs: elapsed(),
      };
    const refused = this.guard.refused(url.href);
    if (refused)
      return {
        ok: false,
        failure: "bad-endpoint",
        message: `endpoint URL refused by the outbound policy: ${refused}`,
        durationMs: elapsed(),
      };
    const breaker = this.breaker(target.extensionId);
    if (!breaker.tryAcquire())
      return {
        ok: false,
        failure: "circuit-open",
        message: "circuit open after repeated failures; not calling the extension",
        durationMs: elapsed(),
      };
    const body = Buffer.from(JSON.stringify(message), "utf8");
    const result = await this.#post(url, body, elapsed);
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

  async #post(url: Endpoint, body: Buffer, elapsed: () => number): Promise<DispatchResult> {
    const fail = (failure: DispatchFailure, message: string, status?: number): DispatchResult => ({
      ok: false,
      failure,
      message,
      ...(status === undefined ? {} : { status }),
      durationMs: elapsed(),
    });
    // A deadline cleared as soon as the exchange ends: AbortSignal.timeout would keep a timer and
    // its signal alive for the whole timeout after every call, which the GC pays for under load.
    const deadline = new AbortController();
    const { signal } = deadline;
    const timer = setTimeout(() => deadline.abort(), this.options.timeoutMs);
    try {
      const signature = await this.signer.sign(body);
      const response = await this.#pool(url.origin).request({
        method: "POST",
        path: url.path,
        headers: {
          "content-type": CONTENT_TYPE,
          "content-length": String(body.length),
          accept: "application/json",
          "accept-charset": "utf-8",
          "user-agent": this.options.userAgent ?? "Clover-CEK/0.1",
          signaturecek: signature,
        },
        body,
        signal,
      });
      const declared = Number(response.headers["content-length"] ?? Number.NaN);
      if (declared > this.options.maxResponseBytes) {
        response.body.destroy();
        return fail(
          "too-large",
          `response of ${declared} bytes exceeds the limit of ${this.options.maxResponseBytes}`,
          response.statusCode,
        );
      }
      const read = await readLimited(response.body, this.options.maxResponseBytes);
      if (read === undefined)
        return fail(
          "too-large",
          `response exceeds the limit of ${this.options.maxResponseBytes} bytes`,
          response.statusCode,
        );
      const { text, size } = read;
      if (response.statusCode < 200 || response.statusCode > 299)
        return fail(
          "http-status",
          `HTTP ${response.statusCode}: ${text.slice(0, 4096)}`,
          response.statusCode,
        );
      try {
        const parsed: unknown = JSON.parse(text);
        return {
          ok: true,
          status: response.statusCode,
          body: parsed,
          bytes: size,
          durationMs: elapsed(),
        };
      } catch (error) {
        const preview = JSON.stringify(text.slice(0, 80));
        return fail(
          "invalid-json",
          `body is not JSON (${(error as Error).message}); starts with ${preview}`,
          response.statusCode,
        );
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      // The deadline signal normally fires first; undici's own timers are a backstop.
      if (signal.aborted || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT")
        return fail("timeout", `no complete response within ${this.options.timeoutMs} ms`);
      const err = error as Error & { code?: string };
      if (err.code === "UND_ERR_CONNECT_TIMEOUT")
        return fail("timeout", `could not connect within ${this.options.connectTimeoutMs} ms`);
      return fail("unreachable", `${err.code ?? err.name}: ${err.message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  #pool(origin: string): Pool {
    let pool = this.#pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, {
        connections: this.options.connectionsPerOrigin,
        connect: {
          timeout: this.options.connectTimeoutMs,
          ...this.guard.connectOptions(origin),
        },
        headersTimeout: this.options.timeoutMs + 1000,
        bodyTimeout: this.options.timeoutMs + 1000,
        keepAliveTimeout: 30_000,
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

/**
 * The whole body as UTF-8 text, or undefined (and the body destroyed) once it grows past
 * `limit` bytes. Plain 'data' events: an async iterator costs a promise and a generator step
 * per chunk on every call.
 */
function readLimited(
  body: Readable,
  limit: number,
): Promise<{ text: string; size: number } | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    body.on("data", (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settled = true;
        body.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    body.once("end", () => {
      if (settled) return;
      settled = true;
      resolve({
        text: (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString("utf8"),
        size,
      });
    });
    body.once("error", (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    // Closed without 'end' or 'error': reported as a stream iterator reports it.
    body.once("close", () => {
      if (settled) return;
      settled = true;
      reject(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    });
  });
}
