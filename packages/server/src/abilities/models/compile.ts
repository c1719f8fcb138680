// Compiles interaction models on a worker thread. Training a model takes from a few hundred
// milliseconds to seconds of CPU; on the main thread that stops every request of the node
// (and a load balancer's health checks) for as long. The worker sends the recognizer back as a
// snapshot (typed arrays transferred, the rest structured-cloned) that the main thread turns
// into a recognizer in milliseconds.
import { Worker } from "node:worker_threads";
import {
  type CompileOptions,
  type Recognizer,
  type RecognizerSnapshot,
  recognizerFromSnapshot,
} from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { modelCacheDir, modelCacheStats } from "./cache.js";

export interface CompileRequest {
  id: number;
  model: InteractionModel;
  options?: CompileOptions;
  /** The disk cache the worker reads and fills (cache.ts); none when absent. */
  cacheDir?: string;
}

export type CompileResponse =
  | { id: number; snapshot: RecognizerSnapshot; cached: boolean }
  | { id: number; error: string };

const fromSources = import.meta.url.endsWith(".ts");

function startWorker(): Worker {
  const entry = new URL(fromSources ? "./worker.ts" : "./worker.js", import.meta.url);
  if (!fromSources) return new Worker(entry);
  return new Worker(new URL("./worker-boot.mjs", import.meta.url), {
    workerData: { entry: entry.href },
    execArgv: [
      ...process.execArgv.filter((arg) => !arg.startsWith("--conditions")),
      "--conditions=@clover/source",
    ],
  });
}

/** One worker thread compiling one model at a time; it never keeps the process alive. */
export class ModelCompiler {
  #worker: Worker | undefined;
  #next = 1;
  readonly #pending = new Map<
    number,
    { resolve: (r: Recognizer) => void; reject: (e: Error) => void }
  >();

  /**
   * The model's recognizer, compiled on the worker. `diskCache: false` keeps the document out
   * of the disk cache (cache.ts), for models nobody deploys (the management API's try-out).
   */
  compile(
    model: InteractionModel,
    options?: CompileOptions,
    { diskCache = true }: { diskCache?: boolean } = {},
  ): Promise<Recognizer> {
    const worker = this.#started();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref(); // a compile in flight is awaited by someone
      const cacheDir = diskCache ? modelCacheDir() : undefined;
      const request: CompileRequest = {
        id,
        model,
        ...(options ? { options } : {}),
        ...(cacheDir ? { cacheDir } : {}),
      };
      worker.postMessage(request);
    });
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = startWorker();
    worker.unref();
    worker.on("message", (response: CompileResponse) => {
      const pending = this.#pending.get(response.id);
      if (!pending) return;
      this.#pending.delete(response.id);
      if (this.#pending.size === 0) worker.unref();
      if ("error" in response) pending.reject(new Error(response.error));
      else {
        try {
          pending.resolve(recognizerFromSnapshot(response.snapshot));
          modelCacheStats[response.cached ? "loaded" : "compiled"]++;
        } catch (error) {
          pending.reject(error as Error);
        }
      }
    });
    const fail = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the compile worker exited (code ${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** Stops the worker; compiles in flight fail. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }
}
