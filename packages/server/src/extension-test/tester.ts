// The console's extension test (interaction-model.md §10.3–10.5): one-shot requests from a
// typed sentence or an edited request, and scenarios (launch, turns, end, silence). Every
// request is built, signed, sent and validated by the platform's own CEK client; scenario
// sessions live in a store of their own, under a test device per scenario, so they never meet
// a real user's session.
import { randomUUID, verify } from "node:crypto";
import { isExitPhrase } from "@clover/nlu";
import type { PlaybackEventName } from "@clover/protocol";
import type { Logger } from "pino";
import type { AbilityRouter } from "../abilities/router.js";
import { cekSlots, intentOf } from "../assistant/assistant.js";
import type { AssistantContext } from "../assistant/context.js";
import { handleDeviceEvent } from "../assistant/device-events.js";
import { converse, endSession } from "../assistant/dialog.js";
import { KeyedLock } from "../assistant/keyed-lock.js";
import { turnRecognition } from "../assistant/recognition.js";
import { SessionEndings } from "../assistant/session-endings.js";
import { listeningWindowClosed } from "../assistant/session-timeouts.js";
import { speechItems } from "../assistant/speech.js";
import type { DeviceInfo, Language, TurnResult } from "../assistant/turn.js";
import type { AccountLinking } from "../cek/account-linking.js";
import { CekClient, type CekExchange } from "../cek/client.js";
import type { CekDispatcher } from "../cek/dispatcher.js";
import type { ExtensionRegistry } from "../cek/registry.js";
import { newSessionId } from "../cek/request-builder.js";
import type { SigningKeyRing } from "../cek/signing-key.js";
import type { ExtensionRecord } from "../store/extensions.js";
import { MemorySessionStore, sessionKey } from "../store/sessions.js";

/** The device client every test device belongs to (no real device uses it). */
export const TEST_CLIENT_ID = "clover-console-test";
/** The user tests run as unless the caller names one (to test with that user's linked account). */
export const TEST_USER_ID = "console-tester";
/** Scenarios kept at once; the least recently used one is dropped beyond it. */
const MAX_SCENARIOS = 200;
/** A scenario unused this long is dropped (without a SessionEndedRequest). */
const SCENARIO_IDLE_MS = 30 * 60_000;
/** What the player is doing once it reported each event (the reference player's states). */
const PLAYER_ACTIVITY: Record<PlaybackEventName, "PLAYING" | "PAUSED" | "STOPPED"> = {
  PlayStarted: "PLAYING",
  PlayResumed: "PLAYING",
  ProgressReportDelayPassed: "PLAYING",
  ProgressReportIntervalPassed: "PLAYING",
  ProgressReportPositionPassed: "PLAYING",
  PlayPaused: "PAUSED",
  PlayStopped: "STOPPED",
  PlayFinished: "STOPPED",
};
const LOCALES: Record<Language, string> = { en: "en-US", ja: "ja-JP", ko: "ko-KR" };

export interface TesterDependencies {
  registry: ExtensionRegistry;
  linking: AccountLinking;
  abilities: AbilityRouter;
  dispatcher: CekDispatcher;
  keys: SigningKeyRing;
  log: Logger;
  /** The deadline of every call to an extension (config cek.timeoutMs). */
  deadlineMs: number;
  maxSessionAttributesBytes: number;
  sessionTimeoutMs: number;
}

export type ScenarioAction = "launch" | "say" | "end" | "silence";

/** Why a scenario's session is no longer open. */
export type EndedBy = "extension" | "user" | "exit-phrase" | "timeout" | "error";

export interface TestResult {
  mode: "model" | "scenario";
  language: Language;
  /** The request type sent (executed event), or null when nothing was sent (a reprompt). */
  event: string | null;
  intent?: { name: string; slots: Record<string, string> };
  recognition?: TurnResult["recognition"];
  request?: unknown;
  response?: unknown;
  /** The SignatureCEK header and whether it verifies with the platform's published key. */
  signature?: { header: "SignatureCEK"; value: string; verified: boolean; keyId: string };
  durationMs?: number;
  deadlineMs: number;
  /** What went wrong with the extension (the test itself ran). */
  error?: { code: string; message: string; status?: number };
  /** Content-guideline warnings about a valid answer (too long speech, audio not on HTTPS…). */
  warnings?: string[];
  /** What a device would say and show. */
  speech: string[];
  reprompt?: string[];
  directives: string[];
  /** The response uses AudioPlayer directives, which the test screen does not play. */
  audioPlayer: boolean;
  scenario?: {
    id: string;
    sessionId: string;
    open: boolean;
    endedBy?: EndedBy;
    attributesBefore: Record<string, unknown>;
    attributesAfter?: Record<string, unknown>;
    /** The listening window closed and the reprompt was spoken. */
    reprompted?: boolean;
  };
}

export class TestInputError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Scenario {
  extensionId: string;
  device: DeviceInfo;
  lastUsed: number;
}

export class ExtensionTester {
  readonly #ctx: AssistantContext;
  readonly #scenarios = new Map<string, Scenario>();
  readonly #locks = new KeyedLock();
  /** Exchanges seen per test device while an action runs (SessionEndedRequests go in background). */
  readonly #capture = new Map<string, CekExchange[]>();

  constructor(private readonly deps: TesterDependencies) {
    const client = new CekClient(
      deps.dispatcher,
      deps.log,
      deps.maxSessionAttributesBytes,
      (exchange) => {
        const deviceId = (
          exchange.request as { context?: { System?: { device?: { deviceId?: string } } } }
        ).context?.System?.device?.deviceId;
        if (deviceId) this.#capture.get(deviceId)?.push(exchange);
      },
    );
    this.#ctx = {
      registry: deps.registry,
      client,
      sessions: new MemorySessionStore(),
      linking: deps.linking,
      abilities: deps.abilities,
      log: deps.log,
      options: { sessionTimeoutMs: deps.sessionTimeoutMs },
      background: new Set(),
      endings: new SessionEndings(),
    };
  }

  /** Interaction-model test: the sentence analyzed with the model, one request in a new session. */
  async sentence(extension: ExtensionRecord, language: Language, text: string, userId?: string) {
    const recognizer = this.#recognizer(extension, language);
    const device = testDevice(language, userId);
    const understood = recognizer.recognize(text, { referenceTime: new Date() });
    const intent = intentOf(
      understood,
      this.deps.registry.model(extension.id, language)?.builtinIntents,
    );
    const accessToken = await this.#accessToken(extension, device);
    const exchange = await this.#ctx.client.call(extension, {
      device,
      session: { new: true, sessionId: newSessionId(), sessionAttributes: {} },
      ...(accessToken ? { accessToken } : {}),
      body: { type: "IntentRequest", intent: { name: intent.name, slots: cekSlots(intent) } },
    });
    const result = this.#result("model", language, exchange);
    result.intent = { name: intent.name, slots: slotValues(intent) };
    result.recognition = turnRecognition(understood);
    return result;
  }

  /** "Request test again": a request as the developer edited it, signed and sent as it is. */
  async request(extension: ExtensionRecord, language: Language, message: Record<string, unknown>) {
    const checked = requestShape(message);
    const exchange = await this.#ctx.client.send(extension, checked, language);
    return this.#result("model", language, exchange);
  }

  /**
   * A playback event (§10.5) as a device's player reports it: an AudioPlayer EventRequest to
   * the extension, outside any session (§7.7), from a device playing `token`.
   */
  async playbackEvent(
    extension: ExtensionRecord,
    language: Language,
    event: { name: PlaybackEventName; token: string; offsetInMilliseconds: number },
    userId?: string,
  ): Promise<TestResult> {
    if (!extension.usesAudioPlayer)
      throw new TestInputError(
        409,
        "no_audio_player",
        `extension ${extension.id} does not use the AudioPlayer (usesAudioPlayer is false): devices send it no playback events`,
      );
    const device: DeviceInfo = {
      ...testDevice(language, userId),
      playback: {
        playerActivity: PLAYER_ACTIVITY[event.name],
        token: event.token,
        offsetInMilliseconds: event.offsetInMilliseconds,
        extensionId: extension.id,
      },
    };
    const { turn, exchanges } = await this.#capturing(device, extension.id, () =>
      handleDeviceEvent(this.#ctx, {
        kind: "event",
        namespace: "AudioPlayer",
        name: event.name,
        payload: { token: event.token, offsetInMilliseconds: event.offsetInMilliseconds },
        device,
      }),
    );
    if (exchanges.length === 0)
      throw new TestInputError(
        409,
        "no_event_requests",
        `extension ${extension.id} uses message version ${extension.messageVersion}, which gets no EventRequests`,
      );
    const result = this.#result("model", language, exchanges[0]);
    // Only directives count in answers to events (cek-custom-extension.md §7.7).
    result.speech = [];
    delete result.reprompt;
    result.directives = turn.directives.map((d) => `${d.namespace}.${d.name}`);
    return result;
  }

  /** Scenario test: launch, a sentence in the session, end, or the listening window closing. */
  async scenario(
    extension: ExtensionRecord,
    language: Language,
    action: ScenarioAction,
    options: { scenarioId?: string; text?: string; userId?: string },
  ): Promise<TestResult> {
    if (action === "launch") {
      this.#sweep();
      const id = randomUUID();
      const device = testDevice(language, options.userId, id);
      this.#scenarios.set(id, { extensionId: extension.id, device, lastUsed: Date.now() });
      return this.#locks.run(id, () => this.#launch(id, extension, device));
    }
    const id = options.scenarioId;
    const scenario = id ? this.#scenarios.get(id) : undefined;
    if (!id || !scenario || scenario.extensionId !== extension.id)
      throw new TestInputError(
        404,
        "not_found",
        `scenarioId: no scenario ${JSON.stringify(id ?? null)} of extension ${extension.id}; start one with action "launch"`,
      );
    scenario.lastUsed = Date.now();
    return this.#locks.run(id, () =>
      this.#step(id, extension, scenario.device, action, options.text),
    );
  }

  async #launch(id: string, extension: ExtensionRecord, device: DeviceInfo) {
    const { turn, exchanges } = await this.#capturing(device, extension.id, () =>
      converse(this.#ctx, { extension, device, body: { type: "LaunchRequest" } }),
    );
    return this.#scenarioResult(id, device, turn, exchanges, {});
  }

  async #step(
    id: string,
    extension: ExtensionRecord,
    device: DeviceInfo,
    action: ScenarioAction,
    text: string | undefined,
  ): Promise<TestResult> {
    const language = device.language;
    const session = await this.#ctx.sessions.get(sessionKey(device));
    if (!session)
      throw new TestInputError(
        409,
        "session_ended",
        `scenario ${id}: its session has ended; start again with action "launch"`,
      );
    const before = session.sessionAttributes;
    if (action === "say") {
      if (text === undefined)
        throw new TestInputError(400, "invalid_body", "text: expected non-empty string");
      if (isExitPhrase(text, language)) {
        const { exchanges } = await this.#capturing(device, extension.id, async () => {
          await endSession(this.#ctx, session, device, "USER_INITIATED");
          return undefined;
        });
        return this.#scenarioResult(id, device, undefined, exchanges, before, "exit-phrase");
      }
      const recognizer = this.#recognizer(extension, language);
      const understood = recognizer.recognize(text, { referenceTime: new Date() });
      const intent = intentOf(
        understood,
        this.deps.registry.model(extension.id, language)?.builtinIntents,
      );
      const { turn, exchanges } = await this.#capturing(device, extension.id, () =>
        converse(this.#ctx, {
          extension,
          device,
          session,
          body: { type: "IntentRequest", intent: { name: intent.name, slots: cekSlots(intent) } },
          intent,
          recognition: turnRecognition(understood),
        }),
      );
      const result = await this.#scenarioResult(id, device, turn, exchanges, before);
      result.intent = { name: intent.name, slots: slotValues(intent) };
      result.recognition = turnRecognition(understood);
      return result;
    }
    if (action === "end") {
      const { exchanges } = await this.#capturing(device, extension.id, async () => {
        await endSession(this.#ctx, session, device, "USER_INITIATED");
        return undefined;
      });
      return this.#scenarioResult(id, device, undefined, exchanges, before, "user");
    }
    // silence: the listening window closed without input (§10.5).
    const { turn, exchanges } = await this.#capturing(device, extension.id, () =>
      listeningWindowClosed(this.#ctx, session),
    );
    const result = await this.#scenarioResult(id, device, turn, exchanges, before, "timeout");
    if (result.scenario?.open) {
      result.scenario.reprompted = true;
      result.scenario.attributesAfter = before;
    }
    return result;
  }

  /** Runs `task` recording every exchange of the test device, the background ones included. */
  async #capturing<T>(device: DeviceInfo, extensionId: string, task: () => Promise<T>) {
    const exchanges: CekExchange[] = [];
    this.#capture.set(device.deviceId, exchanges);
    try {
      const turn = await task();
      // A SessionEndedRequest goes in the background; its answer is part of this test.
      await this.#ctx.endings.pending(sessionKey(device), extensionId);
      return { turn, exchanges };
    } finally {
      this.#capture.delete(device.deviceId);
    }
  }

  async #scenarioResult(
    id: string,
    device: DeviceInfo,
    turn: TurnResult | undefined,
    exchanges: CekExchange[],
    before: Record<string, unknown>,
    endedBy?: EndedBy,
  ): Promise<TestResult> {
    // The turn's own request first; a SessionEndedRequest after an error is not the result.
    const exchange = exchanges[0];
    const result = this.#result("scenario", device.language, exchange);
    if (turn) {
      result.speech = spoken(turn.speech);
      if (turn.reprompt) result.reprompt = spoken(turn.reprompt);
      result.directives = turn.directives.map((d) => `${d.namespace}.${d.name}`);
    }
    const session = await this.#ctx.sessions.get(sessionKey(device));
    const sent = (exchange?.request ?? turn?.exchange?.request) as
      | { session?: { sessionId?: string } }
      | undefined;
    result.scenario = {
      id,
      sessionId: session?.sessionId ?? sent?.session?.sessionId ?? "",
      open: session !== undefined,
      attributesBefore: before,
      ...(session ? { attributesAfter: session.sessionAttributes } : {}),
    };
    if (!session) result.scenario.endedBy = endedBy ?? (exchange?.error ? "error" : "extension");
    return result;
  }

  #result(mode: TestResult["mode"], language: Language, exchange: CekExchange | undefined) {
    const result: TestResult = {
      mode,
      language,
      event: null,
      deadlineMs: this.deps.deadlineMs,
      speech: [],
      directives: [],
      audioPlayer: false,
    };
    if (!exchange) return result;
    const request = exchange.request as { request?: { type?: string } };
    result.event = request.request?.type ?? null;
    result.request = exchange.request;
    if (exchange.rawResponse !== undefined) result.response = exchange.rawResponse;
    result.durationMs = Math.round(exchange.durationMs);
    if (exchange.signature !== undefined) result.signature = this.#signature(exchange);
    if (exchange.error)
      result.error = {
        code: exchange.error.failure,
        message: exchange.error.message,
        ...(exchange.error.status === undefined ? {} : { status: exchange.error.status }),
      };
    if (exchange.warnings) result.warnings = exchange.warnings;
    const response = exchange.response?.response;
    if (response) {
      result.speech = spoken(speechItems(response.outputSpeech, "m100", language));
      result.directives = response.directives.map((d) => `${d.header.namespace}.${d.header.name}`);
      result.audioPlayer = response.directives.some((d) => d.header.namespace === "AudioPlayer");
      if (response.reprompt?.outputSpeech)
        result.reprompt = spoken(speechItems(response.reprompt.outputSpeech, "m100", language));
    }
    return result;
  }

  /** Verified over the bytes sent (the dispatcher serializes the message the same way). */
  #signature(exchange: CekExchange): NonNullable<TestResult["signature"]> {
    const key = this.deps.keys.active;
    let verified = false;
    try {
      verified = verify(
        "sha256",
        Buffer.from(JSON.stringify(exchange.request), "utf8"),
        key.publicKeyPem,
        Buffer.from(exchange.signature ?? "", "base64"),
      );
    } catch {}
    return { header: "SignatureCEK", value: exchange.signature ?? "", verified, keyId: key.id };
  }

  #recognizer(extension: ExtensionRecord, language: Language) {
    const recognizer = this.deps.registry.recognizer(extension.id, language);
    if (!recognizer)
      throw new TestInputError(
        409,
        "no_model",
        `extension ${extension.id} has no ${language} interaction model; upload one before testing`,
      );
    return recognizer;
  }

  async #accessToken(extension: ExtensionRecord, device: DeviceInfo) {
    if (!extension.accountLinking) return undefined;
    return this.deps.linking.accessToken(extension.id, extension.accountLinking, device.userId);
  }

  /** Drops scenarios unused for SCENARIO_IDLE_MS, and the oldest beyond MAX_SCENARIOS. */
  #sweep(): void {
    const now = Date.now();
    const byAge = [...this.#scenarios.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    let excess = byAge.length + 1 - MAX_SCENARIOS;
    for (const [id, scenario] of byAge) {
      if (excess <= 0 && now - scenario.lastUsed < SCENARIO_IDLE_MS) break;
      excess--;
      this.#scenarios.delete(id);
      void this.#ctx.sessions.delete(sessionKey(scenario.device));
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.#ctx.background]);
    await this.#ctx.sessions.close();
  }
}

function testDevice(
  language: Language,
  userId = TEST_USER_ID,
  scenarioId = randomUUID(),
): DeviceInfo {
  return {
    clientId: TEST_CLIENT_ID,
    deviceId: `console-test-${scenarioId}`,
    userId,
    language,
    locale: LOCALES[language],
    display: { size: "m100" },
  };
}

function slotValues(intent: ReturnType<typeof intentOf>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, slot] of Object.entries(cekSlots(intent))) out[name] = slot.value;
  return out;
}

type SpeechItems = { value: string }[];

function spoken(items: SpeechItems): string[] {
  return items.map((item) => item.value);
}

/** An edited request must still be a CEK request message in its outline. */
function requestShape(message: Record<string, unknown>): {
  version: string;
  request: { type: string };
} {
  const version = message["version"];
  const request = message["request"] as { type?: unknown } | undefined;
  if (typeof version !== "string")
    throw new TestInputError(
      400,
      "invalid_body",
      'request.version: expected a string such as "1.0"',
    );
  if (typeof request !== "object" || request === null || Array.isArray(request))
    throw new TestInputError(400, "invalid_body", "request.request: expected an object");
  if (typeof request.type !== "string" || request.type === "")
    throw new TestInputError(
      400,
      "invalid_body",
      'request.request.type: expected a request type such as "IntentRequest"',
    );
  return message as { version: string; request: { type: string } };
}
