// The extension registry: settings and models from the store, plus what routing needs hot —
// a compiled recognizer per (extension, language) and one invocation detector over all names.
import {
  convertRetiredSlotTypes,
  createInvocationDetector,
  DEFAULT_BUILTIN_INTENTS,
  type InvocationDetector,
  type InvocationMatch,
  type InvocationTarget,
  invocationNameClashes,
  type ModelIssue,
  PLAYBACK_INTENTS,
  type Recognizer,
  validateModel,
} from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { compileCached } from "../abilities/models/cache.js";
import type { Language } from "../assistant/turn.js";
import type { ExtensionInput, ExtensionRecord, ExtensionStore } from "../store/extensions.js";

export const LANGUAGES: readonly Language[] = ["en", "ja", "ko"];

/** A model the NLU refused; `issues` are the NLU's own findings. */
export class ModelRejectedError extends Error {
  constructor(
    message: string,
    readonly issues: ModelIssue[],
  ) {
    super(message);
    this.name = "ModelRejectedError";
  }
}

interface Entry {
  record: ExtensionRecord;
  models: Map<Language, InteractionModel>;
  /** Stored version (update instant) of each model, to notice other nodes' changes. */
  modelVersions: Map<Language, number>;
  recognizers: Map<Language, Recognizer>;
  enabledUsers: Set<string>;
}

export class ExtensionRegistry {
  readonly #entries = new Map<string, Entry>();
  #detector: InvocationDetector = createInvocationDetector([]);

  constructor(private readonly store: ExtensionStore) {}

  // Every change to the registry — a refresh from the shared database or this node's own write —
  // runs one at a time: a refresh that read the database before a local write finished would
  // otherwise undo it (a model installed here, then dropped as "not stored", never reinstalled
  // because its version was already recorded).
  #queue: Promise<unknown> = Promise.resolve();

  #serial<T>(change: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(change, change);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** (Re)loads everything from the store. */
  load(): Promise<void> {
    return this.#serial(() => this.#loadNow());
  }

  /**
   * Picks up changes other nodes made to the shared database: settings by updatedAt, models
   * by version (only changed models are fetched and recompiled), enabled users in full.
   */
  refresh(): Promise<boolean> {
    return this.#serial(() => this.#refreshNow());
  }

  create(input: ExtensionInput): Promise<ExtensionRecord | undefined> {
    return this.#serial(() => this.#createNow(input));
  }

  update(input: ExtensionInput): Promise<ExtensionRecord | undefined> {
    return this.#serial(() => this.#updateNow(input));
  }

  /** Issues (a hash) or revokes (undefined) a home extension's notification API key. */
  setNotificationKeyHash(id: string, hash: string | undefined) {
    return this.#serial(() => this.#setNotificationKeyHashNow(id, hash));
  }

  remove(id: string): Promise<boolean> {
    return this.#serial(() => this.#removeNow(id));
  }

  /** Validates, compiles and stores a model; throws ModelRejectedError with the NLU's issues. */
  putModel(id: string, language: Language, model: InteractionModel): Promise<ModelIssue[]> {
    return this.#serial(() => this.#putModelNow(id, language, model));
  }

  deleteModel(id: string, language: Language): Promise<boolean> {
    return this.#serial(() => this.#deleteModelNow(id, language));
  }

  enableUser(id: string, userId: string): Promise<boolean> {
    return this.#serial(() => this.#enableUserNow(id, userId));
  }

  disableUser(id: string, userId: string): Promise<boolean> {
    return this.#serial(() => this.#disableUserNow(id, userId));
  }

  async #loadNow(): Promise<void> {
    const [records, models, enablements] = await Promise.all([
      this.store.list(),
      this.store.models(),
      this.store.allEnablements(),
    ]);
    this.#entries.clear();
    for (const record of records) this.#entries.set(record.id, this.#entry(record));
    for (const { extensionId, language, model, updatedAt } of models) {
      const entry = this.#entries.get(extensionId);
      if (!entry) continue;
      this.#install(entry, language, model);
      entry.modelVersions.set(language, updatedAt);
    }
    for (const { extensionId, userId } of enablements)
      this.#entries.get(extensionId)?.enabledUsers.add(userId);
    this.#rebuildDetector();
  }

  async #refreshNow(): Promise<boolean> {
    const [records, versions, enablements] = await Promise.all([
      this.store.list(),
      this.store.modelVersions(),
      this.store.allEnablements(),
    ]);
    let changed = false;
    const ids = new Set(records.map((r) => r.id));
    for (const id of this.#entries.keys())
      if (!ids.has(id)) {
        this.#entries.delete(id);
        changed = true;
      }
    for (const record of records) {
      const entry = this.#entries.get(record.id);
      if (!entry) {
        this.#entries.set(record.id, this.#entry(record));
        changed = true;
      } else if (entry.record.updatedAt !== record.updatedAt) {
        const audioChanged = entry.record.usesAudioPlayer !== record.usesAudioPlayer;
        entry.record = record;
        if (audioChanged)
          for (const [language, model] of entry.models) this.#install(entry, language, model);
        changed = true;
      }
    }
    const stored = new Set<string>();
    for (const { extensionId, language, updatedAt } of versions) {
      stored.add(`${extensionId}\u0000${language}`);
      const entry = this.#entries.get(extensionId);
      if (!entry || entry.modelVersions.get(language) === updatedAt) continue;
      const model = await this.store.model(extensionId, language);
      if (!model) continue;
      this.#install(entry, language, model);
      entry.modelVersions.set(language, updatedAt);
      changed = true;
    }
    for (const entry of this.#entries.values())
      for (const language of [...entry.models.keys()])
        if (!stored.has(`${entry.record.id}\u0000${language}`)) {
          entry.models.delete(language);
          entry.recognizers.delete(language);
          entry.modelVersions.delete(language);
          changed = true;
        }
    for (const entry of this.#entries.values()) entry.enabledUsers.clear();
    for (const { extensionId, userId } of enablements)
      this.#entries.get(extensionId)?.enabledUsers.add(userId);
    if (changed) this.#rebuildDetector();
    return changed;
  }

  /** Registered Clova Home extensions (cek-home-extension.md). */
  homeExtensions(): ExtensionRecord[] {
    return this.list().filter((record) => record.type === "home");
  }

  list(): ExtensionRecord[] {
    return [...this.#entries.values()].map((e) => e.record);
  }

  get(id: string): ExtensionRecord | undefined {
    return this.#entries.get(id)?.record;
  }

  model(id: string, language: Language): InteractionModel | undefined {
    return this.#entries.get(id)?.models.get(language);
  }

  /** When the model for `language` was last uploaded (ms since epoch). */
  modelUploadedAt(id: string, language: Language): number | undefined {
    return this.#entries.get(id)?.modelVersions.get(language);
  }

  languages(id: string): Language[] {
    return [...(this.#entries.get(id)?.models.keys() ?? [])];
  }

  recognizer(id: string, language: Language): Recognizer | undefined {
    return this.#entries.get(id)?.recognizers.get(language);
  }

  enabledUsers(id: string): string[] {
    return [...(this.#entries.get(id)?.enabledUsers ?? [])].sort();
  }

  isEnabledFor(id: string, userId: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    return entry.record.enabledForAllUsers || entry.enabledUsers.has(userId);
  }

  /** Invocation over every registered name (interaction-model.md §9.3). */
  detectInvocation(text: string, language: Language): InvocationMatch | undefined {
    return this.#detector.detect(text, language);
  }

  /** Invocation names in use for a language: the registered ones, else the model's. */
  invocationNames(id: string, language: Language): string[] {
    const entry = this.#entries.get(id);
    if (!entry) return [];
    const names = entry.record.invocationNames[language] ?? entry.models.get(language)?.invocation;
    return names ? [names.main, ...(names.sub ?? [])] : [];
  }

  async #createNow(input: ExtensionInput): Promise<ExtensionRecord | undefined> {
    if (!(await this.store.create(input))) return undefined;
    const record = (await this.store.get(input.id))!;
    this.#entries.set(record.id, this.#entry(record));
    this.#rebuildDetector();
    return record;
  }

  async #updateNow(input: ExtensionInput): Promise<ExtensionRecord | undefined> {
    const entry = this.#entries.get(input.id);
    // The notification API key is issued by its own call (cek-home-extension.md §11.1): a
    // settings update without one keeps the issued key.
    const keyHash = entry?.record.home?.notificationKeyHash;
    if (input.home && input.home.notificationKeyHash === undefined && keyHash !== undefined)
      input = { ...input, home: { ...input.home, notificationKeyHash: keyHash } };
    return this.#write(input);
  }

  async #setNotificationKeyHashNow(id: string, hash: string | undefined) {
    const record = this.#entries.get(id)?.record;
    if (!record?.home) return undefined;
    const { notificationKeyHash: _old, ...home } = record.home;
    return this.#write({
      ...record,
      home: hash === undefined ? home : { ...home, notificationKeyHash: hash },
    });
  }

  async #write(input: ExtensionInput): Promise<ExtensionRecord | undefined> {
    const entry = this.#entries.get(input.id);
    if (!entry || !(await this.store.update(input))) return undefined;
    const audioChanged = entry.record.usesAudioPlayer !== input.usesAudioPlayer;
    entry.record = (await this.store.get(input.id))!;
    if (audioChanged)
      for (const [language, model] of entry.models) this.#install(entry, language, model);
    this.#rebuildDetector();
    return entry.record;
  }

  async #removeNow(id: string): Promise<boolean> {
    const removed = await this.store.delete(id);
    this.#entries.delete(id);
    this.#rebuildDetector();
    return removed;
  }

  async #putModelNow(
    id: string,
    language: Language,
    uploaded: InteractionModel,
  ): Promise<ModelIssue[]> {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`no extension ${id}`);
    // §5.5: models that still say a retired slot type name are converted automatically.
    const model = structuredClone(uploaded);
    // §3.3: a model that selects no built-in intents gets the console's default selection.
    if (typeof model === "object" && model !== null && model.builtinIntents === undefined)
      model.builtinIntents = [...DEFAULT_BUILTIN_INTENTS];
    const converted = convertRetiredSlotTypes(model);
    const issues = [...converted, ...checkModel(model, language)];
    if (issues.some((i) => i.severity === "error"))
      throw new ModelRejectedError(`the ${language} interaction model has errors`, issues);
    this.#install(entry, language, model);
    entry.modelVersions.set(language, await this.store.putModel(id, language, model));
    this.#rebuildDetector();
    return [...issues, ...this.#nameClashes(id, language)];
  }

  /** §9.2 rule 4: a name identical or similar to another extension's is a warning. */
  #nameClashes(id: string, language: Language): ModelIssue[] {
    const others = [...this.#entries.values()]
      .filter((e) => e.record.id !== id && e.models.has(language))
      .map((e) => ({
        extensionId: e.record.id,
        names: this.invocationNames(e.record.id, language),
      }));
    const fromModel = !this.#entries.get(id)?.record.invocationNames[language];
    return invocationNameClashes(this.invocationNames(id, language), others).map((c) => ({
      severity: "warning",
      message: `invocation name "${c.name}" is ${c.identical ? "the same as" : "close to"} "${c.otherName}" of ${c.extensionId} (§9.2: names must not be identical or similar to another extension's); users saying it may reach either`,
      path: fromModel
        ? c.index === 0
          ? "invocation.main"
          : `invocation.sub[${c.index - 1}]`
        : `invocationNames.${language}`,
    }));
  }

  async #deleteModelNow(id: string, language: Language): Promise<boolean> {
    const entry = this.#entries.get(id);
    entry?.models.delete(language);
    entry?.recognizers.delete(language);
    entry?.modelVersions.delete(language);
    this.#rebuildDetector();
    return this.store.deleteModel(id, language);
  }

  async #enableUserNow(id: string, userId: string): Promise<boolean> {
    this.#entries.get(id)?.enabledUsers.add(userId);
    return this.store.enableUser(id, userId);
  }

  async #disableUserNow(id: string, userId: string): Promise<boolean> {
    this.#entries.get(id)?.enabledUsers.delete(userId);
    return this.store.disableUser(id, userId);
  }

  #entry(record: ExtensionRecord): Entry {
    return {
      record,
      models: new Map(),
      recognizers: new Map(),
      modelVersions: new Map(),
      enabledUsers: new Set(),
    };
  }

  #install(entry: Entry, language: Language, model: InteractionModel) {
    entry.models.set(language, model);
    // From the disk cache when any process compiled this document before (checkModel did).
    entry.recognizers.set(language, compileCached(withPlaybackIntents(model, entry.record)));
  }

  #rebuildDetector() {
    const targets: InvocationTarget[] = [];
    for (const entry of this.#entries.values())
      for (const language of LANGUAGES) {
        const names = this.invocationNames(entry.record.id, language);
        if (names.length > 0 && entry.models.has(language))
          targets.push({ extensionId: entry.record.id, language, names });
      }
    this.#detector = createInvocationDetector(targets);
  }
}

/** The NLU's validation plus the one fact only the registry knows: the URL's language. */
export function checkModel(model: InteractionModel, language: Language): ModelIssue[] {
  const issues = validateModel(model);
  if (model.language !== language)
    issues.unshift({
      severity: "error",
      path: "language",
      message: `the model says "${model.language}" but was uploaded as the ${language} model`,
    });
  if (!issues.some((i) => i.severity === "error")) {
    try {
      compileCached(model);
    } catch (error) {
      issues.push({ severity: "error", message: (error as Error).message });
    }
  }
  return issues;
}

/** Playback intents are on for extensions that use AudioPlayer (interaction-model.md §3.3). */
function withPlaybackIntents(model: InteractionModel, record: ExtensionRecord): InteractionModel {
  if (!record.usesAudioPlayer) return model;
  const builtinIntents = [...new Set([...(model.builtinIntents ?? []), ...PLAYBACK_INTENTS])];
  return { ...model, builtinIntents };
}
