// Finds the ability for an utterance: every ability's recognizer is asked, the surest
// understanding goes first, and an ability may still decline ("not mine after all").
import type { Recognition, Recognizer } from "@clover/nlu";
import type { DeviceInfo, Language } from "../assistant/turn.js";
import type { Ability, AbilityId } from "./ability.js";
import { withoutCourtesy } from "./courtesy.js";
import { koreanSpacing } from "./korean.js";
import { ModelCompiler } from "./models/compile.js";
import {
  cachedRecognizer,
  compiledRecognizer,
  keepRecognizer,
  type ModelJob,
  modelDocument,
  recognizerFor,
  recognizerReady,
} from "./models/compiled.js";
import { type Clock, systemClock } from "./services.js";

export interface Understood {
  ability: Ability;
  recognition: Recognition;
}

export class AbilityRouter {
  readonly #abilities = new Map<AbilityId, Ability>();
  readonly #namespaces = new Map<string, Ability>();
  readonly #recognizers = new Map<string, Recognizer | null>();
  #closed = false;
  #compiler: ModelCompiler | undefined;
  #warmup: { done: number; total: number; finished: boolean } | undefined;

  /** `clock` gives the reference time of relative dates ("tomorrow") in ability models. */
  constructor(
    abilities: readonly Ability[],
    private readonly clock: Clock = systemClock,
  ) {
    for (const ability of abilities) {
      if (this.#abilities.has(ability.id))
        throw new Error(`ability ${ability.id} registered twice`);
      this.#abilities.set(ability.id, ability);
      for (const namespace of ability.namespaces ?? []) {
        const other = this.#namespaces.get(namespace);
        if (other) throw new Error(`${ability.id} and ${other.id} both answer ${namespace} events`);
        this.#namespaces.set(namespace, ability);
      }
    }
  }

  list(): Ability[] {
    return [...this.#abilities.values()];
  }

  get(id: string): Ability | undefined {
    return this.#abilities.get(id as AbilityId);
  }

  /** The ability answering device events of a CIC namespace (cic.md §9), if any. */
  forNamespace(namespace: string): Ability | undefined {
    return this.#namespaces.get(namespace);
  }

  /** Compiles every model now (at start) instead of on first use. */
  warm(languages: readonly Language[] = ["en", "ja", "ko"]): void {
    for (const ability of this.#abilities.values())
      for (const language of languages) this.#recognizer(ability, language);
  }

  /**
   * Compiles every model on a worker thread, one at a time, languages in the order given (the
   * most used first), so the node's event loop stays free for requests and health checks
   * meanwhile. A turn that needs a model not compiled yet compiles it itself (on first use).
   * Resolves when every model is compiled or the router closes; rejects when the worker fails
   * (the models left then compile on first use).
   */
  async warmInBackground(languages: readonly Language[] = ["en", "ja", "ko"]): Promise<void> {
    const todo: { ability: Ability; language: Language; job: ModelJob }[] = [];
    for (const language of languages)
      for (const ability of this.#abilities.values()) {
        const job = this.#job(ability, language);
        if (job) todo.push({ ability, language, job });
      }
    const warmup = { done: 0, total: todo.length, finished: false };
    this.#warmup = warmup;
    const compiler = new ModelCompiler();
    this.#compiler = compiler;
    try {
      for (const { ability, language, job } of todo) {
        if (this.#closed) return;
        if (!compiledRecognizer(job) && !cachedRecognizer(job))
          keepRecognizer(job, await compiler.compile(modelDocument(job), job.options));
        this.#recognizer(ability, language);
        warmup.done++;
      }
    } catch (error) {
      if (!this.#closed) throw error;
    } finally {
      warmup.finished = true;
      this.#compiler = undefined;
      await compiler.close();
    }
  }

  /** The background compilation's progress; undefined when none was started. */
  warmup(): Readonly<{ done: number; total: number; finished: boolean }> | undefined {
    return this.#warmup;
  }

  /** How many models are compiled now (an ability's model per language). */
  compiledModels(): number {
    let count = 0;
    for (const recognizer of this.#recognizers.values()) if (recognizer) count++;
    return count;
  }

  #job(ability: Ability, language: Language): ModelJob | undefined {
    const model = ability.models?.[language];
    if (!model) return undefined;
    // The model document requires invocation names; an ability's are never spoken.
    const name = ability.id.slice("ability:".length);
    return { name, model, ...(ability.modelOptions ? { options: ability.modelOptions } : {}) };
  }

  /** The recognizer, compiled off this thread on first use (models/compiled.ts). */
  async #ready(ability: Ability, language: Language): Promise<Recognizer | undefined> {
    const key = `${ability.id}\u0000${language}`;
    const known = this.#recognizers.get(key);
    if (known !== undefined) return known ?? undefined;
    const job = this.#job(ability, language);
    const recognizer = job ? await recognizerReady(job) : null;
    this.#recognizers.set(key, recognizer);
    return recognizer ?? undefined;
  }

  #recognizer(ability: Ability, language: Language): Recognizer | undefined {
    const key = `${ability.id}\u0000${language}`;
    let recognizer = this.#recognizers.get(key);
    if (recognizer === undefined) {
      const job = this.#job(ability, language);
      recognizer = job ? recognizerFor(job) : null;
      this.#recognizers.set(key, recognizer);
    }
    return recognizer ?? undefined;
  }

  /**
   * What one ability understands of the text (intent null when nothing); a request said with
   * courtesy around it is also read without it, and the surer reading kept.
   */
  async recognize(ability: Ability, said: string, device: DeviceInfo): Promise<Recognition> {
    const text = device.language === "ko" ? koreanSpacing(said) : said;
    const heard = await this.#read(ability, text, device);
    if (heard.intent !== null && heard.confidence >= SURE) return heard;
    const request = withoutCourtesy(text, device.language);
    if (request === text) return heard;
    const asked = await this.#read(ability, request, device);
    return asked.intent !== null && asked.confidence > heard.confidence ? asked : heard;
  }

  /** The ability's own recognition when it has one, else its compiled model's. */
  async #read(ability: Ability, text: string, device: DeviceInfo): Promise<Recognition> {
    if (ability.recognize) {
      const found = await ability.recognize(text, device);
      if (found) return found;
    }
    const recognizer = await this.#ready(ability, device.language);
    if (!recognizer) return NOTHING;
    return recognizer.recognize(text, {
      referenceTime: new Date(this.clock.now()),
      ...(device.timeZone ? { timeZone: device.timeZone } : {}),
    });
  }

  /** Every ability that understood the text, surest first. */
  async candidates(text: string, device: DeviceInfo): Promise<Understood[]> {
    const found: Understood[] = [];
    for (const ability of this.#abilities.values()) {
      const recognition = await this.recognize(ability, text, device);
      if (recognition.intent !== null) found.push({ ability, recognition });
    }
    // At equal confidence an exact match is surer than a statistical guess.
    const exact = (u: Understood) => (u.recognition.layer === "exact" ? 1 : 0);
    const last = (u: Understood) => (u.ability.lastResort ? 1 : 0);
    return found.sort(
      (a, b) =>
        last(a) - last(b) ||
        b.recognition.confidence - a.recognition.confidence ||
        exact(b) - exact(a),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#compiler?.close();
    await Promise.all([...this.#abilities.values()].map((a) => a.close?.()));
  }
}

/** A reading this sure is kept as it is (the request without courtesy is not tried). */
const SURE = 0.9;

const NOTHING: Recognition = {
  intent: null,
  confidence: 0,
  slots: {},
  alternatives: [],
  layer: "none",
};
