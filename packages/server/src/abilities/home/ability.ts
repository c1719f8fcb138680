// Home control (DESIGN.md "Built-in abilities"; cek-home-extension.md): the user's own
// vocabulary loaded at run time, target resolution with rooms/tags/groups, clarifying and
// confirmation questions in the ability's session, and Clova Home requests to the linked
// home extensions, signed like custom requests.
import type { Recognition } from "@clover/nlu";
import type { HomeAction } from "@clover/protocol";
import type { AnyRequest, AnyResponse } from "../../api/http.js";
import type { DeviceInfo, Language, TurnResult } from "../../assistant/turn.js";
import { HomeClient, type HomeExchange } from "../../cek/home/client.js";
import type { ExtensionRecord } from "../../store/extensions.js";
import { HomeStore } from "../../store/home.js";
import type { Ability, AbilityAnswer, AbilityTurn } from "../ability.js";
import type { AbilityServices } from "../services.js";
import {
  type DeviceOutcome,
  type SpeakContext,
  speakGroup,
  speakOne,
  speakRefusal,
} from "./answers.js";
import { HomeDiscovery } from "./discovery.js";
import { HomeSender, type TokenMemo } from "./dispatch.js";
import { handleHomeHttp } from "./http.js";
import { LEXICONS } from "./lexicon/index.js";
import { HomeNotifications, NOTIFICATION_PATH } from "./notifications.js";
import { canServe, type PlanOptions, planFor } from "./request.js";
import { resolveTargets } from "./resolve.js";
import { DONE, LIST_AND, LIST_OR, SAY } from "./speech/phrases.js";
import { fill } from "./speech/render.js";
import { normalizeText } from "./text.js";
import { type HomeCommand, understand } from "./understand.js";
import { buildVocabulary, type HomeDevice, type HomeVocabulary } from "./vocabulary.js";

export interface HomeAbilityOptions {
  /** §5.5 / §14 #26: refuse voice unlocking of SMARTLOCK devices (default true). */
  forbidSmartLockUnlock?: boolean;
  /** How long a user's vocabulary is used before its freshness is checked again. */
  vocabularyCheckMs?: number;
}

/** A question waiting for the user's answer, kept in the ability's session. */
interface Pending {
  kind: "which" | "confirm";
  /** The original utterance, understood again with the answer. */
  text: string;
  /** Devices (extensionId + applianceId) or a scene ("scene:" + extensionId + sceneId). */
  keys: string[];
  asked: number;
}

interface CachedVocabulary {
  version: string;
  checkedAt: number;
  byLanguage: Map<Language, HomeVocabulary>;
}

const PARAMETERLESS_STEPS = new Set([
  "TurnOn",
  "TurnOff",
  "Open",
  "Close",
  "Mute",
  "Unmute",
  "Stop",
  "Charge",
  "Raise",
  "Lower",
  "StartRecording",
  "StopRecording",
  "ChangePower",
  "ChangeMode",
  "ChangeFanSpeed",
  "ChangeInputSource",
  "StartOscillation",
  "StopOscillation",
  "Preheat",
  "CallElevator",
]);

export class HomeAbility implements Ability {
  readonly id = "ability:home" as const;
  readonly store: HomeStore;
  readonly discovery: HomeDiscovery;
  readonly notifications: HomeNotifications;
  readonly #sender: HomeSender;
  readonly #cache = new Map<string, CachedVocabulary>();
  readonly #languages = new Map<string, Language>();
  readonly #options: Required<HomeAbilityOptions>;
  readonly #cek: NonNullable<AbilityServices["cek"]>;
  /** The embedded example home links a user on their first home command (`npm start`). */
  autoLink?: (userId: string) => Promise<boolean>;

  constructor(
    private readonly services: AbilityServices,
    options: HomeAbilityOptions = {},
  ) {
    if (!services.cek) throw new Error("the home ability needs the CEK services");
    this.#cek = services.cek;
    this.#options = {
      forbidSmartLockUnlock: options.forbidSmartLockUnlock ?? true,
      vocabularyCheckMs: options.vocabularyCheckMs ?? 1000,
    };
    const log = services.log.child({ ability: "home" });
    this.store = new HomeStore(services.database.db);
    const client = new HomeClient(services.cek.dispatcher, log);
    this.#sender = new HomeSender(
      services.cek.registry,
      services.cek.linking,
      client,
      log,
      (ext, user) => this.discovery.scheduleNow(ext, user),
    );
    this.discovery = new HomeDiscovery(this.store, this.#sender, services, log, (user) =>
      this.#cache.delete(user),
    );
    this.notifications = new HomeNotifications(
      services.cek.registry,
      this.store,
      services,
      log,
      (user) => this.#languages.get(user),
    );
  }

  start(): void {
    const { linking, registry } = this.#cek;
    // §12.1: discovery right after linking; unlinking removes the user's devices.
    linking.linked.add(async (extensionId, userId) => {
      if (registry.get(extensionId)?.type !== "home") return;
      const result = await this.discovery.discover(extensionId, userId);
      if (!result.ok) await this.discovery.scheduleNow(extensionId, userId);
    });
    linking.unlinked.add(async (extensionId, userId) => {
      if (registry.get(extensionId)?.type !== "home") return;
      await this.store.remove(extensionId, userId);
      await this.discovery.cancel(extensionId, userId);
      this.#cache.delete(userId);
    });
  }

  /** The user's vocabulary in a language, rebuilt when their discoveries changed. */
  async vocabulary(userId: string, language: Language): Promise<HomeVocabulary> {
    const now = this.services.clock.now();
    let cached = this.#cache.get(userId);
    if (!cached || now - cached.checkedAt > this.#options.vocabularyCheckMs) {
      const version = await this.store.versions(userId);
      if (!cached || cached.version !== version)
        cached = { version, checkedAt: now, byLanguage: new Map() };
      cached.checkedAt = now;
      this.#cache.set(userId, cached);
    }
    let vocabulary = cached.byLanguage.get(language);
    if (!vocabulary) {
      vocabulary = buildVocabulary(await this.store.forUser(userId), language);
      cached.byLanguage.set(language, vocabulary);
    }
    return vocabulary;
  }

  async recognize(text: string, device: DeviceInfo): Promise<Recognition | undefined> {
    const vocabulary = await this.vocabulary(device.userId, device.language);
    const command = this.#understand(text, vocabulary, device);
    if (!command) return undefined;
    const slots: Recognition["slots"] = {};
    const slot = (name: string, value: string) => {
      slots[name] = { name, type: "CLOVA.HOME", raw: value, value };
    };
    let confidence = command.confidence;
    if (vocabulary.devices.length === 0 && command.intent !== "Discover")
      confidence = Math.min(confidence, 0.6);
    if (
      command.intent !== "Scene" &&
      command.intent !== "Routine" &&
      command.intent !== "Discover"
    ) {
      const resolution = resolveTargets(command, vocabulary, this.#planOptions(device));
      if ("devices" in resolution) slot("target", resolution.devices.map((d) => d.name).join(", "));
    }
    if (command.mode) slot("mode", command.mode);
    if (command.number) slot("value", String(command.number.value));
    return {
      intent: `Home.${command.query ?? command.intent}`,
      confidence,
      slots,
      alternatives: [],
      layer: "exact",
    };
  }

  async handle(turn: AbilityTurn): Promise<AbilityAnswer | undefined> {
    const { device } = turn;
    this.#languages.set(device.userId, device.language);
    const vocabulary = await this.vocabulary(device.userId, device.language);
    const pending = turn.session?.attributes.home as Pending | undefined;
    if (pending) {
      const answered = await this.#continue(turn, vocabulary, pending);
      if (answered) return answered;
    }
    const command = this.#understand(turn.text, vocabulary, device);
    if (!command) return undefined;
    return this.#act(command, turn.text, device, vocabulary, {});
  }

  async handleHttp(req: AnyRequest, res: AnyResponse, url: URL): Promise<boolean> {
    if (url.pathname === NOTIFICATION_PATH && req.method === "POST") {
      await this.notifications.handle(req, res);
      return true;
    }
    return handleHomeHttp(this, this.services, this.#cek, req, res, url);
  }

  /**
   * A home command, or undefined. Without any device named ("how humid is it", "sleep mode")
   * it is only home control when one of the user's devices can do it.
   */
  #understand(
    text: string,
    vocabulary: HomeVocabulary,
    device: DeviceInfo,
  ): HomeCommand | undefined {
    const command = understand(text, vocabulary);
    if (!command) return undefined;
    // Without devices, only where home extensions exist at all ("link one first").
    if (vocabulary.devices.length === 0 && this.#cek.registry.homeExtensions().length === 0)
      return undefined;
    const named = command.named.length + command.rooms.length + command.classes.length;
    if (named > 0 || ["Discover", "Scene", "Routine"].includes(command.intent)) return command;
    const options = this.#planOptions(device);
    return vocabulary.devices.some((d) => canServe(command, d, options)) ? command : undefined;
  }

  /** The user's answer to a question the ability asked. */
  async #continue(
    turn: AbilityTurn,
    vocabulary: HomeVocabulary,
    pending: Pending,
  ): Promise<AbilityAnswer | undefined> {
    const { device } = turn;
    const language = device.language;
    const lexicon = LEXICONS[language];
    const answer = normalizeText(turn.text);
    const command = understand(pending.text, vocabulary);
    if (!command) return undefined;
    if (pending.kind === "confirm") {
      if (lexicon.yes.test(answer))
        return this.#act(command, pending.text, device, vocabulary, {
          only: pending.keys,
          confirmed: true,
        });
      if (lexicon.no.test(answer)) return this.#say(SAY.cancelled[language], language);
      return undefined;
    }
    // "which": both/all, or the one the answer names among the candidates.
    const candidates = vocabulary.devices.filter((d) => pending.keys.includes(keyOf(d)));
    let chosen: HomeDevice[] = [];
    if (lexicon.both.test(answer)) chosen = candidates;
    else {
      const mentions = vocabulary.mentions(
        answer.replace(new RegExp(lexicon.fillers.source, "g"), " "),
      );
      const named = new Set<number>();
      for (const m of mentions) {
        if (m.kind === "name" || m.kind === "tag") for (const i of m.ref as number[]) named.add(i);
      }
      chosen = candidates.filter((d) => named.has(d.index));
      if (chosen.length === 0) {
        const rooms = mentions.filter((m) => m.kind === "room").map((m) => m.ref as string);
        const classes = mentions.filter((m) => m.kind === "class").map((m) => m.ref as string);
        if (rooms.length + classes.length > 0)
          chosen = candidates.filter(
            (d) =>
              (rooms.length === 0 || rooms.includes(d.location ?? "")) &&
              (classes.length === 0 || classes.some((c) => d.types.includes(c))),
          );
      }
    }
    if (chosen.length === 0 || (chosen.length > 1 && !lexicon.both.test(answer))) {
      // A new command instead of an answer: handled as one.
      const fresh = understand(turn.text, vocabulary);
      if (fresh && fresh.intent !== command.intent) return undefined;
      if (pending.asked >= 2) return this.#say(SAY.cancelled[language], language);
      const options = chosen.length > 1 ? chosen : candidates;
      return this.#ask("which", pending.text, options, language, pending.asked + 1);
    }
    return this.#act(command, pending.text, device, vocabulary, { only: chosen.map(keyOf) });
  }

  async #act(
    command: HomeCommand,
    text: string,
    device: DeviceInfo,
    vocabulary: HomeVocabulary,
    flags: { only?: string[]; confirmed?: boolean },
  ): Promise<AbilityAnswer> {
    const language = device.language;
    const userId = device.userId;
    if (command.intent === "Discover") return this.#discoverAll(userId, language);
    if (vocabulary.devices.length === 0 && this.autoLink && !flags.only) {
      const linked = await this.autoLink(userId).catch(() => false);
      const fresh = linked ? await this.vocabulary(userId, language) : vocabulary;
      const again = understand(text, fresh);
      if (fresh.devices.length > 0 && again) return this.#act(again, text, device, fresh, flags);
    }
    if (vocabulary.devices.length === 0 && vocabulary.scenes.length === 0)
      return this.#say(SAY.noDevices[language], language);
    if (command.intent === "Scene")
      return this.#scene(command.scene!, text, device, vocabulary, flags);
    if (command.intent === "Routine") return this.#routine(command.routine!, device, vocabulary);

    const options = this.#planOptions(device);
    let targets: HomeDevice[];
    let skipped: HomeDevice[] = [];
    if (flags.only) {
      targets = vocabulary.devices.filter((d) => flags.only!.includes(keyOf(d)));
    } else {
      const resolution = resolveTargets(command, vocabulary, options);
      if (resolution.kind === "none") return this.#say(SAY.notFound[language], language);
      if (resolution.kind === "unable") {
        const first = resolution.devices[0]!;
        const plan = planFor(command, first, options);
        const refusal = plan.ok ? { kind: "cannot" as const } : plan.refusal;
        return this.#say(speakRefusal(refusal, first.name, language), language);
      }
      if (resolution.kind === "ambiguous")
        return this.#ask("which", text, resolution.devices, language, 1);
      targets = resolution.devices;
      skipped = resolution.skipped;
    }
    const plans = targets.map((d) => ({ device: d, plan: planFor(command, d, options) }));
    // §4.9 rule 2: actions the device wants confirmed (never queries).
    const needsConfirmation = plans.filter(
      ({ device: d, plan }) =>
        plan.ok &&
        !plan.action.startsWith("Get") &&
        plan.action !== "HealthCheck" &&
        (d.appliance.actionsNeededUserConfirmation ?? []).includes(plan.action),
    );
    if (needsConfirmation.length > 0 && !flags.confirmed)
      return this.#ask("confirm", text, targets, language, 1);
    const exchanges: HomeExchange[] = [];
    const tokens: TokenMemo = new Map();
    const expected = (d: HomeDevice) =>
      this.#sender.expectedMs(d.extensionId, d.appliance.applianceId);
    // §9.4: in parallel, the usually slowest devices first; the answer keeps the user's order.
    const outcomes: DeviceOutcome[] = new Array(plans.length);
    const order = plans
      .map((_, i) => i)
      .sort((a, b) => expected(plans[b]!.device) - expected(plans[a]!.device));
    await Promise.all(
      order.map(async (i) => {
        const { device: d, plan } = plans[i]!;
        if (!plan.ok) {
          outcomes[i] = { device: d, refusal: plan.refusal };
          return;
        }
        const sent = await this.#sender.send(
          d.extensionId,
          userId,
          `${plan.action}Request` as never,
          { appliance: applianceRef(d), ...plan.extras },
          tokens,
        );
        exchanges.push(...sent.exchanges);
        outcomes[i] = {
          device: d,
          action: plan.action,
          extras: plan.extras,
          outcome: sent.outcome,
        };
      }),
    );
    const said = speakGroup(outcomes, skipped, this.#speakContext(device));
    return { ...this.#say(said, language), ...exchangeOf(exchanges, targets) };
  }

  async #scene(
    index: number,
    text: string,
    device: DeviceInfo,
    vocabulary: HomeVocabulary,
    flags: { confirmed?: boolean },
  ): Promise<AbilityAnswer> {
    const language = device.language;
    const { extensionId, scene } = vocabulary.scenes[index]!;
    if (scene.needsUserConfirmation && !flags.confirmed) {
      const said = fill(SAY.confirmScene[language], { d: scene.sceneName }, language);
      return this.#question(said, { kind: "confirm", text, keys: [], asked: 1 }, language);
    }
    const sent = await this.#sender.send(extensionId, device.userId, "ActionSceneRequest", {
      // §14 #9: sceneId, sceneName, applianceId (= sceneId) and the echoed details.
      scene: {
        sceneId: scene.sceneId,
        sceneName: scene.sceneName,
        applianceId: scene.sceneId,
        ...(scene.additionalSceneDetails
          ? { additionalSceneDetails: scene.additionalSceneDetails }
          : {}),
      },
    });
    const pseudo: HomeDevice = {
      index: -1,
      extensionId,
      appliance: { applianceId: scene.sceneId, applianceTypes: [] },
      name: scene.sceneName,
      types: [],
      actions: new Set(),
      tags: [],
    };
    const said = speakOne(
      { device: pseudo, action: "ActionScene", extras: {}, outcome: sent.outcome },
      this.#speakContext(device),
    );
    return { ...this.#say(said, language), ...exchangeOf(sent.exchanges, [pseudo]) };
  }

  /** A routine (§4.5): its parameterless steps in order; the answer names failed devices. */
  async #routine(
    index: number,
    device: DeviceInfo,
    vocabulary: HomeVocabulary,
  ): Promise<AbilityAnswer> {
    const language = device.language;
    const { extensionId, command } = vocabulary.routines[index]!;
    const exchanges: HomeExchange[] = [];
    const outcomes: DeviceOutcome[] = [];
    for (const step of command.actions) {
      const target = vocabulary.devices.find(
        (d) => d.extensionId === extensionId && d.appliance.applianceId === step.applianceId,
      );
      if (!target || !PARAMETERLESS_STEPS.has(step.action)) {
        this.services.log.info({ extensionId, step }, "routine step skipped");
        continue;
      }
      const sent = await this.#sender.send(
        extensionId,
        device.userId,
        `${step.action}Request` as never,
        {
          appliance: applianceRef(target),
        },
      );
      exchanges.push(...sent.exchanges);
      outcomes.push({ device: target, action: step.action, extras: {}, outcome: sent.outcome });
    }
    const failed = outcomes.filter((o) => "outcome" in o && o.outcome.kind !== "success");
    const said =
      failed.length === 0
        ? fill(DONE.Routine![language], { d: command.name }, language)
        : speakGroup(outcomes, [], this.#speakContext(device));
    return {
      ...this.#say(said, language),
      ...exchangeOf(
        exchanges,
        outcomes.map((o) => o.device),
      ),
    };
  }

  async #discoverAll(userId: string, language: Language): Promise<AbilityAnswer> {
    const { registry, linking } = this.#cek;
    let count = 0;
    const problems: string[] = [];
    for (const extension of registry.homeExtensions()) {
      if (!(await linking.isLinked(extension.id, userId))) continue;
      const result = await this.discovery.discover(extension.id, userId);
      if (result.ok) count += result.appliances;
      else
        problems.push(fill(SAY.discoverFailed[language], { ext: extension.displayName }, language));
    }
    const said = [fill(SAY.discovered[language], { n: count }, language), ...problems].join(" ");
    return this.#say(said, language);
  }

  #ask(
    kind: Pending["kind"],
    text: string,
    devices: HomeDevice[],
    language: Language,
    asked: number,
  ): AbilityAnswer {
    const names = devices.map((d) => d.name);
    const said =
      kind === "confirm"
        ? fill(SAY.confirm[language], { d: LIST_AND[language](names) }, language)
        : fill(
            (asked > 1 ? SAY.whichAgain : SAY.which)[language],
            { list: LIST_OR[language](names) },
            language,
          );
    return this.#question(said, { kind, text, keys: devices.map(keyOf), asked }, language);
  }

  #question(said: string, pending: Pending, language: Language): AbilityAnswer {
    const speech = [{ type: "PlainText" as const, lang: language, value: said }];
    return { speech, reprompt: speech, keepSession: { attributes: { home: pending } } };
  }

  #say(text: string, language: Language): AbilityAnswer {
    return { speech: [{ type: "PlainText", lang: language, value: text }] };
  }

  #planOptions(device: DeviceInfo): PlanOptions {
    return {
      forbidSmartLockUnlock: this.#options.forbidSmartLockUnlock,
      timeZone: device.timeZone ?? "UTC",
      now: this.services.clock.now(),
    };
  }

  #speakContext(device: DeviceInfo): SpeakContext {
    return {
      language: device.language,
      timeZone: device.timeZone ?? "UTC",
      extensionName: (id) => this.#cek.registry.get(id)?.displayName ?? id,
    };
  }

  /** Home extensions the user linked (tokens present). */
  async linkedExtensions(userId: string): Promise<ExtensionRecord[]> {
    const linked: ExtensionRecord[] = [];
    for (const extension of this.#cek.registry.homeExtensions())
      if (await this.#cek.linking.isLinked(extension.id, userId)) linked.push(extension);
    return linked;
  }

  /** HealthCheck of a device for the console's device list (§11.2 suggestion 1). */
  async healthCheck(
    userId: string,
    device: HomeDevice,
  ): Promise<Record<string, unknown> | undefined> {
    if (device.appliance.isIr || !device.actions.has("HealthCheck" as HomeAction)) return undefined;
    const sent = await this.#sender.send(device.extensionId, userId, "HealthCheckRequest", {
      appliance: applianceRef(device),
    });
    return sent.outcome.kind === "success" ? sent.outcome.payload : undefined;
  }
}

export function keyOf(device: HomeDevice): string {
  return `${device.extensionId}\u0000${device.appliance.applianceId}`;
}

/** ApplianceInfoObject request form: the id, and the discovery's details echoed (§4.3). */
function applianceRef(device: HomeDevice): Record<string, unknown> {
  const details = device.appliance.additionalApplianceDetails;
  return {
    applianceId: device.appliance.applianceId,
    ...(details && Object.keys(details).length > 0 ? { additionalApplianceDetails: details } : {}),
  };
}

/** The exchange(s) for the conversation log and `--verbose`, with the resolved target. */
function exchangeOf(
  exchanges: HomeExchange[],
  targets: HomeDevice[],
): Pick<AbilityAnswer, "exchange"> {
  if (exchanges.length === 0) return {};
  const failure = exchanges.find((e) => e.outcome.kind === "failure");
  const target = targets.map((d) => ({
    extensionId: d.extensionId,
    applianceId: d.appliance.applianceId,
    name: d.name,
  }));
  const exchange: NonNullable<TurnResult["exchange"]> = {
    request: exchanges.length === 1 ? exchanges[0]!.request : exchanges.map((e) => e.request),
    response: {
      target,
      answer: exchanges.length === 1 ? exchanges[0]!.response : exchanges.map((e) => e.response),
    },
    durationMs: Math.max(...exchanges.map((e) => e.durationMs)),
  };
  if (failure && failure.outcome.kind === "failure") exchange.error = failure.outcome.message;
  return { exchange };
}
