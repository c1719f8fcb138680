// Recognizers of the unsaved models posted to `POST /api/v1/nlu/recognize` (the console's
// "try it" box posts the model being edited with every sentence tried). A model of hundreds of
// intents takes seconds of CPU to compile: that happens on a worker thread of its own
// (abilities/models/compile.ts), never on the thread that answers devices' turns, and never
// queued behind or ahead of the platform's own models. The recognizers of the last few models
// are kept by the SHA-256 of their JSON text, so posting the same model again (a developer
// trying sentence after sentence) answers at once with the same recognizer; a post of a model
// being compiled waits for that compile. New compiles are limited per caller (the request's
// remote address: the admin token is one for everyone) with 429 and in all with 503, both
// with Retry-After; a compile has a deadline (503 once it is over, the worker restarted).
// Posted models stay out of the disk cache of compiled models (theirs are deployed models).
import { createHash } from "node:crypto";
import type { Recognizer } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { ModelCompiler } from "../abilities/models/compile.js";
import { ApiError } from "../api/http.js";

export interface PostedModelLimits {
  /** Recognizers kept (least recently used dropped first). */
  cached: number;
  /** New compiles in flight (or waiting for the worker) per caller. */
  perCaller: number;
  /** New compiles in flight (or waiting for the worker) in all. */
  total: number;
  /** One compile's deadline, ms. */
  compileMs: number;
  /** The worker stops after this long without a compile (its heap is ~100 MB), ms. */
  idleMs: number;
}

export const POSTED_MODEL_LIMITS: PostedModelLimits = {
  cached: 4,
  perCaller: 1,
  total: 2,
  compileMs: 60_000,
  idleMs: 10_000,
};

/** The error a refused or failed compile answers with; `retryAfterS` for a Retry-After. */
export class CompileRefused extends ApiError {
  constructor(
    status: 429 | 503,
    code: string,
    message: string,
    readonly retryAfterS: number,
  ) {
    super(status, code, message);
  }
}

export class PostedModels {
  readonly #kept = new Map<string, Promise<Recognizer>>();
  readonly #byCaller = new Map<string, number>();
  #compiling = 0;
  #compiler: ModelCompiler | undefined;
  #idle: NodeJS.Timeout | undefined;

  constructor(readonly limits: PostedModelLimits = POSTED_MODEL_LIMITS) {}

  /** The model's recognizer: kept, being compiled, or compiled now for this caller. */
  recognizer(model: InteractionModel, caller: string): Promise<Recognizer> {
    const key = createHash("sha256").update(JSON.stringify(model)).digest("hex");
    const kept = this.#kept.get(key);
    if (kept) {
      this.#kept.delete(key); // most recently used last
      this.#kept.set(key, kept);
      return kept;
    }
    const mine = this.#byCaller.get(caller) ?? 0;
    if (mine >= this.limits.perCaller)
      throw new CompileRefused(
        429,
        "too_many_requests",
        `model: ${mine} compile${mine === 1 ? "" : "s"} of this caller already running (at most ${this.limits.perCaller} at a time); retry when it has answered`,
        1,
      );
    if (this.#compiling >= this.limits.total)
      throw new CompileRefused(
        503,
        "compiler_busy",
        `model: the server is compiling ${this.#compiling} posted models already (at most ${this.limits.total} at a time); retry shortly`,
        2,
      );
    this.#byCaller.set(caller, mine + 1);
    this.#compiling++;
    clearTimeout(this.#idle);
    const compiling = this.#compile(model).finally(() => {
      const left = (this.#byCaller.get(caller) ?? 1) - 1;
      if (left > 0) this.#byCaller.set(caller, left);
      else this.#byCaller.delete(caller);
      if (--this.#compiling === 0) this.#stopWhenIdle();
    });
    this.#kept.set(key, compiling);
    // A failed compile is not kept: the next post of the model tries again.
    compiling.catch(() => {
      if (this.#kept.get(key) === compiling) this.#kept.delete(key);
    });
    while (this.#kept.size > this.limits.cached) this.#kept.delete(this.#kept.keys().next().value!);
    return compiling;
  }

  async #compile(model: InteractionModel): Promise<Recognizer> {
    this.#compiler ??= new ModelCompiler();
    const compiler = this.#compiler;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        // The worker is stuck on this model: stop it (its other compiles fail with it).
        if (this.#compiler === compiler) this.#compiler = undefined;
        void compiler.close();
        reject(
          new CompileRefused(
            503,
            "compile_timeout",
            `model: not compiled within ${this.limits.compileMs} ms; a smaller model compiles faster`,
            2,
          ),
        );
      }, this.limits.compileMs);
    });
    try {
      return await Promise.race([
        compiler.compile(model, undefined, { diskCache: false }),
        deadline,
      ]);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const message = (error as Error).message;
      // The worker answers a model it cannot compile with the compiler's message; a worker
      // that stopped (or never started) is the server's trouble, not the model's.
      if (/compile worker|worker/i.test(message) && !/^model/.test(message))
        throw new CompileRefused(
          503,
          "compile_failed",
          `model: the compile worker failed (${message})`,
          2,
        );
      throw new ApiError(400, "invalid_model", `model could not be compiled: ${message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  #stopWhenIdle(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      if (this.#compiling > 0) return;
      const compiler = this.#compiler;
      this.#compiler = undefined;
      void compiler?.close();
    }, this.limits.idleMs).unref();
  }

  /** Stops the worker; compiles in flight fail. */
  async close(): Promise<void> {
    clearTimeout(this.#idle);
    const compiler = this.#compiler;
    this.#compiler = undefined;
    this.#kept.clear();
    await compiler?.close();
  }
}
