// Finds the ability for an utterance: every ability's recognizer is asked, the surest
// understanding goes first, and an ability may still decline ("not mine after all").
import { compileModel, type Recognition, type Recognizer } from "@clover/nlu";
import type { DeviceInfo, Language } from "../assistant/turn.js";
import type { Ability, AbilityId } from "./ability.js";
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
   * Compiles every model in the background, one at a time with a pause between them, so turns
   * that arrive meanwhile wait for at most one compilation instead of all of them. Languages
   * in the order given (the most used first); stops when the router closes.
   */
  async warmInBackground(languages: readonly Language[] = ["en", "ja", "ko"]): Promise<void> {
    for (const language of languages)
      for (const ability of this.#abilities.values()) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (this.#closed) return;
        this.#recognizer(ability, language);
      }
  }

  /** How many models are compiled now (an ability's model per language). */
  compiledModels(): number {
    let count = 0;
    for (const recognizer of this.#recognizers.values()) if (recognizer) count++;
    return count;
  }

  #recognizer(ability: Ability, language: Language): Recognizer | undefined {
    const key = `${ability.id}\u0000${language}`;
    let recognizer = this.#recognizers.get(key);
    if (recognizer === undefined) {
      const model = ability.models?.[language];
      // The model document requires invocation names; an ability's are never spoken.
      const name = ability.id.slice("ability:".length);
      recognizer = model ? compileModel({ ...model, invocation: { main: name } }) : null;
      this.#recognizers.set(key, recognizer);
    }
    return recognizer ?? undefined;
  }

  /** What one ability understands of the text (intent null when nothing). */
  async recognize(ability: Ability, text: string, device: DeviceInfo): Promise<Recognition> {
    if (ability.recognize) {
      const found = await ability.recognize(text, device);
      if (found) return found;
    }
    const recognizer = this.#recognizer(ability, device.language);
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
    return found.sort(
      (a, b) => b.recognition.confidence - a.recognition.confidence || exact(b) - exact(a),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#abilities.values()].map((a) => a.close?.()));
  }
}

const NOTHING: Recognition = {
  intent: null,
  confidence: 0,
  slots: {},
  alternatives: [],
  layer: "none",
};
