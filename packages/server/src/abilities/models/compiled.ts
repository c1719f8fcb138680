// The abilities' compiled models, kept once per process: the router, its warm-up and an
// ability's own recognize() all find the same recognizer for the same model document (an
// ability's models are the platform's own and never change while it runs).
import type { CompileOptions, Recognizer } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import type { AbilityModel } from "../ability.js";
import { koreanSpacing } from "../korean.js";
import { compileCached, loadCached } from "./cache.js";
import { ModelCompiler } from "./compile.js";

/** What a model is compiled as: its document, the ability's name, the compile options. */
export interface ModelJob {
  /** The ability's name without "ability:" (the model's never-spoken invocation name). */
  name: string;
  model: AbilityModel;
  options?: CompileOptions;
}

const compiled = new WeakMap<AbilityModel, Map<string, Recognizer>>();

const keyOf = (job: ModelJob) => `${job.name}\u0000${job.options?.threshold ?? ""}`;

/** The model document as the compiler wants it (invocation names are required there). */
export function modelDocument(job: ModelJob): InteractionModel {
  const model = { ...job.model, invocation: { main: job.name } };
  if (model.language !== "ko") return model;
  // The router spaces what it recognizes the same way (korean.ts).
  return {
    ...model,
    intents: model.intents.map((intent) => ({
      ...intent,
      utterances: intent.utterances.map(koreanSpacing),
    })),
  };
}

/** The recognizer compiled for this job, if any yet. */
export function compiledRecognizer(job: ModelJob): Recognizer | undefined {
  return compiled.get(job.model)?.get(keyOf(job));
}

/** Keeps a recognizer compiled elsewhere (the warm-up worker); the first one kept wins. */
export function keepRecognizer(job: ModelJob, recognizer: Recognizer): Recognizer {
  let byKey = compiled.get(job.model);
  if (!byKey) {
    byKey = new Map();
    compiled.set(job.model, byKey);
  }
  const key = keyOf(job);
  const kept = byKey.get(key);
  if (kept) return kept;
  byKey.set(key, recognizer);
  return recognizer;
}

/** Compiles in flight on the shared worker, by job, so two first turns wait for one compile. */
const inFlight = new WeakMap<AbilityModel, Map<string, Promise<Recognizer>>>();
let worker: ModelCompiler | undefined;
let compiling = 0;
/** How long the worker waits for a next compile (a turn's abilities ask one after another). */
const WORKER_IDLE_MS = 2000;
let workerFailed = false;

/**
 * The recognizer; when nobody has compiled it yet, compiled on a worker thread shared by the
 * process, so a first "set a timer" in a language waits for its model (seconds of CPU) without
 * stopping every other request of the node meanwhile. Where the worker cannot run, the model
 * is compiled on this thread instead (the same recognizer, only blocking). The worker stops
 * when no compile came for WORKER_IDLE_MS (its heap is ~100 MB; first uses are rare).
 */
export function recognizerReady(job: ModelJob): Promise<Recognizer> {
  const done = compiledRecognizer(job) ?? cachedRecognizer(job);
  if (done) return Promise.resolve(done);
  if (workerFailed) return Promise.resolve(recognizerFor(job));
  let byKey = inFlight.get(job.model);
  if (!byKey) {
    byKey = new Map();
    inFlight.set(job.model, byKey);
  }
  const key = keyOf(job);
  let pending = byKey.get(key);
  if (!pending) {
    worker ??= new ModelCompiler();
    const compiler = worker;
    compiling++;
    pending = compiler
      .compile(modelDocument(job), job.options)
      .then(
        (recognizer) => keepRecognizer(job, recognizer),
        () => {
          workerFailed = true;
          return recognizerFor(job);
        },
      )
      .finally(() => {
        byKey.delete(key);
        if (--compiling > 0) return;
        setTimeout(() => {
          if (compiling > 0 || worker !== compiler) return;
          worker = undefined;
          void compiler.close();
        }, WORKER_IDLE_MS).unref();
      });
    byKey.set(key, pending);
  }
  return pending;
}

/** The recognizer a process compiled before (the disk cache, cache.ts), kept; no worker needed. */
export function cachedRecognizer(job: ModelJob): Recognizer | undefined {
  const loaded = loadCached(modelDocument(job), job.options);
  return loaded && keepRecognizer(job, loaded);
}

/** The recognizer, compiled now on this thread when nobody has compiled it yet. */
export function recognizerFor(job: ModelJob): Recognizer {
  return (
    compiledRecognizer(job) ?? keepRecognizer(job, compileCached(modelDocument(job), job.options))
  );
}
