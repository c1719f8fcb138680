// A Clova Home extension (cek-home-extension.md): typed handlers per request name, answers
// wrapped in the envelope with the right success name (§3.3) and the request's messageId
// echoed (§3.1), §8 errors thrown as HomeError, the signature checked over the raw body (§2.5)
// and every request validated with @clover/protocol before a handler sees it.
import {
  buildHomeMessage,
  type HomeRequest,
  type HomeRequestName,
  type HomeResponseFor,
  homeResponseNameFor,
  validateHomeRequest,
  validateHomeResponse,
} from "@clover/protocol";
import { errorResult, type HttpResult, JSON_CONTENT_TYPE } from "../core/errors.js";
import { type HttpRequest, headerOf } from "../core/http.js";
import { SIGNATURE_HEADER } from "../verify/signature.js";
import { createVerifier, type VerificationOptions, type Verifier } from "../verify/verifier.js";
import { HomeError } from "./errors.js";

export type HomeRequestOf<N extends HomeRequestName> = Extract<
  HomeRequest,
  { header: { name: N } }
>;
export type HomeSuccessPayload<N extends HomeRequestName> = HomeResponseFor<N>["payload"];

/** Answers a request with the success payload, or throws HomeError. */
export type HomeHandler<N extends HomeRequestName> = (
  request: HomeRequestOf<N>,
) => HomeSuccessPayload<N> | Promise<HomeSuccessPayload<N>>;

export interface HomeExtensionOptions {
  /** Check SignatureCEK (§2.5). Off when omitted. */
  verification?: VerificationOptions;
  /** Largest accepted body in bytes. Default 256 KiB. */
  bodyLimit?: number;
  /** A handler slower than this answers DriverInternalError. Default 7000 ms (< the 8 s limit). */
  timeoutMs?: number;
  /** Check each answer against the protocol before sending it (default true). */
  validateResponses?: boolean;
  onLog?: (message: string, error?: unknown) => void;
}

export class HomeExtension {
  readonly bodyLimit: number;
  readonly timeoutMs: number;
  readonly verifier: Verifier | undefined;
  readonly #handlers = new Map<string, (request: never) => unknown>();
  readonly #options: HomeExtensionOptions;

  constructor(options: HomeExtensionOptions = {}) {
    this.#options = options;
    this.bodyLimit = options.bodyLimit ?? 256 * 1024;
    this.timeoutMs = options.timeoutMs ?? 7000;
    this.verifier = options.verification ? createVerifier(options.verification) : undefined;
  }

  /** Handles one request name, e.g. `on("SetBrightnessRequest", (req) => ({ brightness }))`. */
  on<N extends HomeRequestName>(name: N | readonly N[], handler: HomeHandler<N>): this {
    for (const n of typeof name === "string" ? [name] : name)
      this.#handlers.set(n, handler as never);
    return this;
  }

  /** DiscoverAppliancesRequest (§4.1). */
  onDiscover(handler: HomeHandler<"DiscoverAppliancesRequest">): this {
    return this.on("DiscoverAppliancesRequest", handler);
  }

  /** A validated request → the answer message (success or §8 error). */
  async dispatch(request: HomeRequest): Promise<Record<string, unknown>> {
    const name = request.header.name;
    const handler = this.#handlers.get(name);
    // No handler: the device does not support it (§8.2 UnsupportedOperationError).
    if (!handler)
      return buildHomeMessage("UnsupportedOperationError", {}, request.header.messageId);
    try {
      const payload = await withTimeout(
        Promise.resolve((handler as (r: HomeRequest) => unknown)(request)),
        this.timeoutMs,
      );
      const answer = buildHomeMessage(
        homeResponseNameFor(name) as never,
        (payload ?? {}) as never,
        request.header.messageId,
      );
      if (this.#options.validateResponses !== false) {
        const checked = validateHomeResponse(name, answer);
        if (!checked.ok) {
          this.#log(
            `invalid answer to ${name}: ${checked.issues.map((i) => i.message).join("; ")}`,
          );
          return buildHomeMessage("DriverInternalError", {}, request.header.messageId);
        }
      }
      return answer as Record<string, unknown>;
    } catch (error) {
      if (error instanceof HomeError)
        return buildHomeMessage(
          error.errorName as never,
          error.payload as never,
          request.header.messageId,
        );
      this.#log(`handler for ${name} failed`, error);
      return buildHomeMessage("DriverInternalError", {}, request.header.messageId);
    }
  }

  /** The HTTP core every adapter uses: size → signature → JSON → schema → handler. */
  async handle(http: HttpRequest): Promise<HttpResult> {
    if (http.method !== undefined && http.method.toUpperCase() !== "POST")
      return errorResult(405, "method_not_allowed", `use POST, not ${http.method}`);
    if (http.body.byteLength > this.bodyLimit)
      return errorResult(413, "body_too_large", `request body exceeds ${this.bodyLimit} bytes`);
    if (this.verifier) {
      const outcome = await this.verifier.verify(
        http.body,
        headerOf(http.headers, SIGNATURE_HEADER),
      );
      if (!outcome.ok) return errorResult(outcome.status, outcome.code, outcome.message);
    }
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(http.body).toString("utf8"));
    } catch (error) {
      return errorResult(400, "invalid_json", `the body is not JSON: ${(error as Error).message}`);
    }
    const checked = validateHomeRequest(json);
    if (!checked.ok)
      return errorResult(
        400,
        "invalid_request",
        `not a valid Clova Home request: ${checked.issues[0]?.message}`,
        checked.issues.map((i) => ({ path: i.path, message: i.message })),
      );
    const answer = await this.dispatch(checked.value);
    return {
      status: 200,
      headers: { "content-type": JSON_CONTENT_TYPE },
      body: JSON.stringify(answer),
    };
  }

  #log(message: string, error?: unknown) {
    if (this.#options.onLog) this.#options.onLog(message, error);
    else console.error(message, error ?? "");
  }
}

export function createHomeExtension(options: HomeExtensionOptions = {}): HomeExtension {
  return new HomeExtension(options);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`handler did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
