// An extension: routes each CEK request to a handler, runs interceptors, and turns failures
// into an answer from the error handler.
import { HandlerContext } from "../context/context.js";
import { type HttpRequest, type HttpResult, handleHttp } from "../core/http.js";
import type { CekRequest, CekResponse } from "../message/types.js";
import type { Language } from "../response/speech.js";
import { createVerifier, type VerificationOptions, type Verifier } from "../verify/verifier.js";
import { Deadline } from "./deadlines.js";
import type { AnyModel, ModelTypes } from "./model.js";
import {
  type EventName,
  type Handler,
  type RoutableIntent,
  RouteTable,
  type StoredHandler,
} from "./routes.js";

export interface ExtensionOptions {
  /** The extension ID; requests whose context.System.application.applicationId differs get
   * 403 (cek-custom-extension.md §2.5 step 1). */
  applicationId?: string;
  /** Accept requests without context.System.application (0.1.0 platforms, §12.2). */
  allowMissingApplicationId?: boolean;
  /** Language of plain-string speech when the request names none. Default "ja". */
  defaultLanguage?: Language;
  /** Check the SignatureCEK header (§2.5). Off when omitted. */
  verification?: VerificationOptions;
  /** Largest accepted request body in bytes. Default 1 MiB (§10, §13 #18). */
  bodyLimit?: number;
  /** How long a handler may take before the error handler answers instead. Default 7000 ms,
   * under the platform's 8 s deadline (§2.3). */
  timeoutMs?: number;
  /** Called with failures the SDK answered for (handler errors, timeouts). Default: console.error. */
  onLog?: (message: string, error?: unknown) => void;
}

export type ErrorHandler<M extends AnyModel> = (
  error: unknown,
  ctx: HandlerContext<M>,
) => void | Promise<void>;

export class HandlerTimeoutError extends Error {
  constructor(ms: number) {
    super(`handler did not answer within ${ms} ms`);
    this.name = "HandlerTimeoutError";
  }
}

export type DispatchResult =
  | { ok: true; response: CekResponse }
  | { ok: false; status: 500 | 504; error: unknown };

const DEFAULT_BODY_LIMIT = 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 7000;

export class Extension<M extends ModelTypes = AnyModel> {
  readonly options: Readonly<ExtensionOptions>;
  readonly defaultLanguage: Language;
  readonly bodyLimit: number;
  readonly timeoutMs: number;
  readonly verifier: Verifier | undefined;
  readonly #routes = new RouteTable();
  readonly #before: StoredHandler[] = [];
  readonly #after: StoredHandler[] = [];
  #errorHandler: ErrorHandler<M> | undefined;
  readonly #deadlines: Deadline;
  readonly #errorDeadlines: Deadline;

  constructor(options: ExtensionOptions = {}) {
    this.options = options;
    this.defaultLanguage = options.defaultLanguage ?? "ja";
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.verifier = options.verification ? createVerifier(options.verification) : undefined;
    this.#deadlines = new Deadline(this.timeoutMs);
    this.#errorDeadlines = new Deadline(Math.min(1000, this.timeoutMs));
  }

  onLaunch(handler: Handler<HandlerContext<M>>): this {
    this.#routes.launch = handler;
    return this;
  }
  /** Handles one intent (custom or built-in) or several. */
  onIntent<N extends RoutableIntent<M>>(
    name: N | readonly N[],
    handler: Handler<HandlerContext<M, N>>,
  ): this {
    for (const n of typeof name === "string" ? [name] : name) {
      this.#routes.intents.set(n, handler as StoredHandler);
    }
    return this;
  }
  /** Any intent without its own handler (including Clova.FallbackIntent when not routed). */
  onFallbackIntent(handler: Handler<HandlerContext<M>>): this {
    this.#routes.fallbackIntent = handler;
    return this;
  }
  /** SessionEndedRequest ("EndRequest" in 0.1.0). The platform ignores the answer (§3.7). */
  onSessionEnded(handler: Handler<HandlerContext<M>>): this {
    this.#routes.sessionEnded = handler;
    return this;
  }
  /** EventRequest by event name ("PlayFinished") or "Namespace.Name"; without a name, every
   * event that has no handler of its own. */
  onEvent(name: EventName | readonly EventName[], handler: Handler<HandlerContext<M>>): this;
  onEvent(handler: Handler<HandlerContext<M>>): this;
  onEvent(
    nameOrHandler: EventName | readonly EventName[] | Handler<HandlerContext<M>>,
    handler?: Handler<HandlerContext<M>>,
  ): this {
    if (typeof nameOrHandler === "function") {
      this.#routes.anyEvent = nameOrHandler as StoredHandler;
      return this;
    }
    const names = typeof nameOrHandler === "string" ? [nameOrHandler] : nameOrHandler;
    for (const n of names) this.#routes.events.set(n, handler as StoredHandler);
    return this;
  }
  /** Runs before every handler; set `ctx.handled = true` to answer without the handler. */
  before(interceptor: Handler<HandlerContext<M>>): this {
    this.#before.push(interceptor as StoredHandler);
    return this;
  }
  /** Runs after every handler (not after a failure), e.g. to log or adjust the response. */
  after(interceptor: Handler<HandlerContext<M>>): this {
    this.#after.push(interceptor as StoredHandler);
    return this;
  }
  /** Answers the user when a handler or interceptor throws or times out. */
  onError(handler: ErrorHandler<M>): this {
    this.#errorHandler = handler;
    return this;
  }

  /** Runs one normalized request through interceptors and its handler. */
  dispatch(request: CekRequest): Promise<DispatchResult> {
    return Promise.resolve(this.answer(request));
  }

  /** Like dispatch, but synchronous when every step is (the adapters' hot path). */
  answer(request: CekRequest): DispatchResult | Promise<DispatchResult> {
    const ctx = new HandlerContext<M>(request, this.defaultLanguage);
    let pending: void | Promise<void>;
    try {
      pending = this.#run(ctx, 0);
      // Synchronous handlers finish here without a timer or extra promise.
      if (!pending) return { ok: true, response: ctx.toResponse() };
    } catch (error) {
      return this.#recover(request, error);
    }
    return this.#withTimeout(pending, this.#deadlines).then(
      () => ({ ok: true, response: ctx.toResponse() }),
      (error) => this.#recover(request, error),
    );
  }

  /** The shared HTTP core: raw body bytes + headers in, status + headers + body out. */
  handle(request: HttpRequest): Promise<HttpResult> {
    try {
      return Promise.resolve(handleHttp(this, request));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Before-interceptors, the handler, after-interceptors, in order from step `from`;
   * returns a promise only once some step turns out to be asynchronous. */
  #run(ctx: HandlerContext<M>, from: number): void | Promise<void> {
    const steps = this.#before.length + 1 + this.#after.length;
    for (let i = from; i < steps; i++) {
      const result = this.#step(ctx, i);
      if (result && typeof result.then === "function")
        return result.then(() => this.#run(ctx, i + 1));
    }
  }

  #step(ctx: HandlerContext<M>, i: number): void | Promise<void> {
    const before = this.#before.length;
    if (i < before) return ctx.handled ? undefined : this.#before[i]!(ctx);
    if (i > before) return this.#after[i - before - 1]!(ctx);
    if (ctx.handled) return;
    const handler = this.#routes.find(ctx.request);
    if (handler) return handler(ctx);
    // Nobody handles this request (unknown type, no route): a minimal valid answer (§11).
    ctx.response.endSession();
  }

  async #recover(request: CekRequest, error: unknown): Promise<DispatchResult> {
    const status = error instanceof HandlerTimeoutError ? 504 : 500;
    this.#log(`${request.request.type} failed: ${describe(error)}`, error);
    if (!this.#errorHandler) return { ok: false, status, error };
    // A fresh context: whatever the failed handler half-built is discarded.
    const ctx = new HandlerContext<M>(request, this.defaultLanguage);
    try {
      await this.#withTimeout(
        Promise.resolve(this.#errorHandler(error, ctx)),
        this.#errorDeadlines,
      );
      return { ok: true, response: ctx.toResponse() };
    } catch (second) {
      this.#log(`error handler failed: ${describe(second)}`, second);
      return { ok: false, status, error };
    }
  }

  #withTimeout(work: Promise<void>, deadlines: Deadline): Promise<void> {
    return deadlines.run(work, () => new HandlerTimeoutError(deadlines.ms));
  }

  #log(message: string, error?: unknown): void {
    if (this.options.onLog) this.options.onLog(message, error);
    else console.error(`[clover-sdk] ${message}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Creates an extension. Pass the type `generateModelTypes` wrote to check intent and slot
 * names: `createExtension<DiceModel>({...})`. */
export function createExtension<M extends ModelTypes = AnyModel>(
  options: ExtensionOptions = {},
): Extension<M> {
  return new Extension<M>(options);
}
