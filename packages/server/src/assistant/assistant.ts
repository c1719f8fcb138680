// The assistant: owns conversations. Routing order for an utterance (DESIGN, interaction-model.md
// §3.5, §9.3): the open session's extension → invocation of an enabled extension → playback
// control of the extension that owns the player → the platform's own answers → fallback.
import { isExitPhrase, PLAYBACK_INTENTS, type Recognition } from "@clover/nlu";
import type { CekSlot } from "@clover/protocol";
import { askAbility } from "../abilities/dialog.js";
import { isAbilityId } from "../abilities/index.js";
import { TRANSPORT } from "../abilities/playback/index.js";
import { systemClock } from "../abilities/services.js";
import type { DeviceIdentity } from "../cic/device-key.js";
import { type DialogSession, sessionKey } from "../store/sessions.js";
import type { AssistantContext } from "./context.js";
import { handleDeviceEvent } from "./device-events.js";
import { converse, endSession } from "./dialog.js";
import { KeyedLock, type LockTicket } from "./keyed-lock.js";
import { platformAbility, SAY } from "./platform-phrases.js";
import { turnRecognition } from "./recognition.js";
import { sweepSessions } from "./session-timeouts.js";
import { say } from "./speech.js";
import type {
  Assistant,
  DeviceEventTurn,
  DeviceInfo,
  Language,
  ReadAhead,
  TextTurn,
  Turn,
  TurnResult,
} from "./turn.js";

/** An invocation inside another extension's session must be this sure to switch (§7.2). */
const SWITCH_CONFIDENCE = 0.8;

export class CloverAssistant implements Assistant {
  readonly #locks = new KeyedLock();
  #sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: AssistantContext) {}

  /** Starts the timer that closes sessions whose listening window expired. */
  start(): void {
    const every = Math.min(1000, Math.max(20, Math.floor(this.ctx.options.sessionTimeoutMs / 4)));
    // A failed sweep (the session store unreachable) is logged and retried at the next tick.
    this.#sweeper = setInterval(
      () =>
        void this.expireSessions().catch((error) =>
          this.ctx.log.warn({ err: error }, "session sweep failed"),
        ),
      every,
    );
    this.#sweeper.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.#sweeper);
    await this.settled();
    await this.ctx.abilities.close();
  }

  /** Resolves when fire-and-forget calls (SessionEndedRequests) have finished. */
  async settled(): Promise<void> {
    while (this.ctx.background.size > 0) await Promise.allSettled([...this.ctx.background]);
  }

  /** Ends (or reprompts) every session whose listening window has closed. */
  expireSessions(now = Date.now()): Promise<number> {
    return sweepSessions(this.ctx, this.#locks, now);
  }

  async handleTurn(turn: Turn): Promise<TurnResult> {
    const key = sessionKey(turn.device);
    const started = performance.now();
    try {
      const result = await this.#locks.run(key, (quietSince) =>
        turn.kind === "text" ? this.#text(turn, quietSince) : this.#event(turn),
      );
      const extensionMs = result.exchange?.durationMs;
      result.timings = {
        ...result.timings,
        understandingMs: Math.max(0, performance.now() - started - (extensionMs ?? 0)),
        ...(extensionMs === undefined ? {} : { extensionMs }),
      };
      return result;
    } catch (error) {
      this.ctx.log.error({ err: error, dialogRequestId: turn.dialogRequestId }, "turn failed");
      const language = turn.device.language;
      return {
        ...(turn.dialogRequestId === undefined ? {} : { dialogRequestId: turn.dialogRequestId }),
        speech: say(SAY.fallback(language), language),
        directives: [],
        expectSpeech: false,
      };
    }
  }

  answersEvents(namespace: string): boolean {
    return (
      namespace === "AudioPlayer" ||
      namespace === "PlaybackController" ||
      this.ctx.abilities.forNamespace(namespace)?.handleEvent !== undefined
    );
  }

  /** Device events: an ability answering the namespace (e.g. Alerts), else extensions'. */
  async #event(turn: DeviceEventTurn): Promise<TurnResult> {
    const ability = this.ctx.abilities.forNamespace(turn.namespace);
    if (ability?.handleEvent) {
      const result = await ability.handleEvent(turn);
      if (result) return result;
      return {
        ...(turn.dialogRequestId === undefined ? {} : { dialogRequestId: turn.dialogRequestId }),
        speech: [],
        directives: [],
        expectSpeech: false,
      };
    }
    return handleDeviceEvent(this.ctx, turn);
  }

  readAhead(device: DeviceIdentity): ReadAhead {
    const key = sessionKey(device);
    const ticket = this.#locks.ticket(key);
    const session = this.ctx.sessions.get(key);
    session.catch(() => {}); // awaited by the turn, or dropped if the turn fails before it
    return { key, session, ticket };
  }

  /** The device's session: as read ahead when no turn or sweep of this node ran since. */
  #session(turn: TextTurn, quietSince: (ticket: LockTicket) => boolean) {
    const key = sessionKey(turn.device);
    const ahead = turn.readAhead;
    return ahead && ahead.key === key && quietSince(ahead.ticket)
      ? ahead.session
      : this.ctx.sessions.get(key);
  }

  /**
   * The open session, unless the utterance answers another ExpectSpeech than the one that
   * opened its listening window (payload.speechId, cic.md §7.2, §13.4): that is a fresh
   * request, and the session it would have continued ends (SessionEndedRequest).
   */
  async #followedUp(turn: TextTurn, session: DialogSession | undefined) {
    if (
      !session ||
      turn.speechId === undefined ||
      session.expectSpeechId === undefined ||
      turn.speechId === session.expectSpeechId
    )
      return session;
    await endSession(this.ctx, session, turn.device, "USER_INITIATED", turn.dialogRequestId);
    return undefined;
  }

  async #text(turn: TextTurn, quietSince: (ticket: LockTicket) => boolean): Promise<TurnResult> {
    const { device } = turn;
    const language = device.language;
    const text = turn.text.trim();
    const session = await this.#followedUp(turn, await this.#session(turn, quietSince));
    if (session) {
      const inSession = await this.#inSession(turn, session, text);
      if (inSession) return inSession;
    }
    const invoked = await this.#invocation(turn, text);
    if (invoked) return invoked;
    const playback = await this.#playbackControl(turn, text);
    if (playback) return playback;
    const answered = await this.#abilities(turn, text);
    if (answered) return answered;
    const base = { dialogRequestId: turn.dialogRequestId, directives: [], expectSpeech: false };
    const ability = platformAbility(text, language);
    if (ability === "help") {
      const names = this.ctx.registry
        .list()
        .filter(
          (e) =>
            this.ctx.registry.isEnabledFor(e.id, device.userId) &&
            this.ctx.registry.recognizer(e.id, language) !== undefined,
        )
        .map((e) => this.ctx.registry.invocationNames(e.id, language)[0])
        .filter((n): n is string => n !== undefined);
      // The device plays or shows its own prepared help (Clova.Help, cic.md §9.3); a screen
      // also gets the launch phrases to tap (Clova.RenderSuggestion).
      return {
        ...base,
        speech: say(SAY.help(language, names), language),
        directives: [
          { namespace: "Clova", name: "Help", messageId: crypto.randomUUID(), payload: {} },
          ...(device.display.size === "none" || names.length === 0
            ? []
            : [helpSuggestions(names, language)]),
        ],
      };
    }
    if (ability === "stop") {
      const playing = device.playback && device.playback.playerActivity !== "IDLE";
      return {
        ...base,
        speech: playing ? [] : say(SAY.stopped(language), language),
        directives: playing
          ? [
              {
                namespace: "PlaybackController",
                name: "Stop",
                messageId: crypto.randomUUID(),
                payload: {},
              },
            ]
          : [],
      };
    }
    return { ...base, speech: say(SAY.fallback(language), language) };
  }

  #builtins(extensionId: string, language: Language) {
    return this.ctx.registry.model(extensionId, language)?.builtinIntents;
  }

  /** The built-in abilities, surest understanding first; undefined when none answers. */
  async #abilities(turn: TextTurn, text: string): Promise<TurnResult | undefined> {
    for (const understood of await this.ctx.abilities.candidates(text, turn.device)) {
      const result = await askAbility(this.ctx, understood, {
        text,
        device: turn.device,
        dialogRequestId: turn.dialogRequestId,
      });
      if (result) return result;
    }
    return undefined;
  }

  /** An ability's open session: its own model first; the ability may let the turn go. */
  async #inAbilitySession(turn: TextTurn, session: DialogSession, text: string) {
    const { device } = turn;
    const ability = this.ctx.abilities.get(session.extensionId);
    if (!ability) {
      await this.ctx.sessions.delete(session.key, session.sessionId);
      return undefined;
    }
    // An extension clearly named ends the ability's conversation (as §7.2 does for extensions).
    const named = this.ctx.registry.detectInvocation(text, device.language);
    if (named && named.confidence >= SWITCH_CONFIDENCE) {
      await this.ctx.sessions.delete(session.key, session.sessionId);
      return undefined;
    }
    if (isExitPhrase(text, device.language)) {
      await this.ctx.sessions.delete(session.key, session.sessionId);
      return {
        dialogRequestId: turn.dialogRequestId,
        speech: [],
        directives: [],
        expectSpeech: false,
        extensionId: ability.id,
      } satisfies TurnResult;
    }
    const recognition = await this.ctx.abilities.recognize(ability, text, device);
    return askAbility(
      this.ctx,
      { ability, recognition },
      { text, device, dialogRequestId: turn.dialogRequestId, session },
    );
  }

  /** undefined: the session was closed and the utterance goes on to the other rules. */
  async #inSession(turn: TextTurn, session: DialogSession, text: string) {
    if (isAbilityId(session.extensionId)) return this.#inAbilitySession(turn, session, text);
    const { device } = turn;
    const language = device.language;
    const extension = this.ctx.registry.get(session.extensionId);
    const recognizer = this.ctx.registry.recognizer(session.extensionId, language);
    if (!extension || !recognizer) {
      await endSession(this.ctx, session, device, "ERROR", turn.dialogRequestId);
      return undefined;
    }
    // interaction-model.md §3.5 step 1: exit phrases end the session (§3.7).
    if (isExitPhrase(text, language)) {
      await endSession(this.ctx, session, device, "USER_INITIATED", turn.dialogRequestId);
      return {
        dialogRequestId: turn.dialogRequestId,
        speech: [],
        directives: [],
        expectSpeech: false,
        extensionId: extension.id,
      } satisfies TurnResult;
    }
    const named = this.ctx.registry.detectInvocation(text, language);
    const sure = named !== undefined && named.confidence >= SWITCH_CONFIDENCE;
    // §7.2 last row: clearly another extension → end this one, then handle the new request.
    if (sure && named.extensionId !== extension.id) {
      await endSession(this.ctx, session, device, "USER_INITIATED", turn.dialogRequestId);
      return undefined;
    }
    // The open extension named again (UNSPECIFIED in §7.2): its own model goes first; a bare
    // launch phrase it does not understand starts it over; "ask X to …" goes on in the session
    // with the request part only.
    let understood = recognizer.recognize(text, recognizeOptions(device, this.ctx));
    if (sure && understood.intent === null) {
      if (named.kind === "launch" || named.rest.trim() === "") {
        await endSession(this.ctx, session, device, "USER_INITIATED", turn.dialogRequestId);
        return undefined;
      }
      understood = recognizer.recognize(named.rest, recognizeOptions(device, this.ctx));
    }
    const intent = intentOf(understood, this.#builtins(extension.id, language));
    return converse(this.ctx, {
      extension,
      device,
      dialogRequestId: turn.dialogRequestId,
      session,
      body: { type: "IntentRequest", intent: { name: intent.name, slots: cekSlots(intent) } },
      intent,
      recognition: turnRecognition(understood),
    });
  }

  async #invocation(turn: TextTurn, text: string) {
    const { device } = turn;
    const language = device.language;
    const match = this.ctx.registry.detectInvocation(text, language);
    if (!match) return undefined;
    const extension = this.ctx.registry.get(match.extensionId)!;
    const base = { dialogRequestId: turn.dialogRequestId, directives: [], expectSpeech: false };
    if (!this.ctx.registry.isEnabledFor(extension.id, device.userId))
      return { ...base, speech: say(SAY.notEnabled(language, extension.displayName), language) };
    if (match.kind === "launch" || match.rest.trim() === "")
      return converse(this.ctx, {
        extension,
        device,
        dialogRequestId: turn.dialogRequestId,
        body: { type: "LaunchRequest" },
      });
    // One-shot: the rest of the utterance against the extension's model, new session (§3.6).
    const recognizer = this.ctx.registry.recognizer(extension.id, language)!;
    const understood = recognizer.recognize(match.rest, recognizeOptions(device, this.ctx));
    const intent = intentOf(understood, this.#builtins(extension.id, language));
    return converse(this.ctx, {
      extension,
      device,
      dialogRequestId: turn.dialogRequestId,
      body: { type: "IntentRequest", intent: { name: intent.name, slots: cekSlots(intent) } },
      intent,
      recognition: turnRecognition(understood),
    });
  }

  /** "next", "pause"… while an extension's audio is playing go to that extension (§5.8). */
  async #playbackControl(turn: TextTurn, text: string) {
    const { device } = turn;
    if (!device.playback || device.playback.playerActivity === "IDLE") return undefined;
    // The platform's stop phrases stop the player (cek-custom-extension.md §5.8), never pause.
    if (platformAbility(text, device.language) === "stop") return undefined;
    const ownerId =
      device.playback.extensionId ?? (await this.ctx.sessions.getPlaybackOwner(sessionKey(device)));
    const extension = ownerId ? this.ctx.registry.get(ownerId) : undefined;
    const recognizer = ownerId ? this.ctx.registry.recognizer(ownerId, device.language) : undefined;
    if (!extension || !recognizer || !extension.usesAudioPlayer) return undefined;
    const recognition = recognizer.recognize(text, recognizeOptions(device, this.ctx));
    if (!recognition.intent || !PLAYBACK_INTENTS.includes(recognition.intent)) return undefined;
    // A built-in ability surer of the words ("repeat this song" is not "next") takes them; the
    // transport intents themselves stay the owning extension's.
    const [ability] = await this.ctx.abilities.candidates(text, device);
    const transport = TRANSPORT[ability?.recognition.intent ?? ""] !== undefined;
    if (ability && !transport && ability.recognition.confidence > recognition.confidence)
      return undefined;
    const intent = intentOf(recognition, undefined);
    return converse(this.ctx, {
      extension,
      device,
      dialogRequestId: turn.dialogRequestId,
      body: { type: "IntentRequest", intent: { name: intent.name, slots: {} } },
      intent,
      recognition: turnRecognition(recognition),
    });
  }
}

/** Clova.RenderSuggestion with the platform's suggestions: one launch phrase per extension. */
function helpSuggestions(names: string[], language: Language) {
  const launch = (name: string) =>
    ({ en: `open ${name}`, ja: `${name}を起動して`, ko: `${name} 시작해줘` })[language];
  return {
    namespace: "Clova",
    name: "RenderSuggestion",
    messageId: crypto.randomUUID(),
    payload: {
      referenceId: crypto.randomUUID(),
      topic: "help",
      suggestions: names.map((name, index) => ({
        label: launch(name),
        query: launch(name),
        meta: "",
        type: "0",
        index: String(index),
      })),
    },
  };
}

/** Dates resolve from now in the device's time zone (cic/interfaces/time-zone.ts). */
function recognizeOptions(device: DeviceInfo, ctx: AssistantContext) {
  return {
    referenceTime: new Date((ctx.clock ?? systemClock).now()),
    ...(device.timeZone ? { timeZone: device.timeZone } : {}),
  };
}

type RecognizedIntent = NonNullable<TurnResult["intent"]>;

/** Below the threshold: Clova.FallbackIntent if the model enables it, else Clova.GuideIntent
 * (interaction-model.md §3.3, §3.5 step 3). */
export function intentOf(
  recognition: Recognition,
  builtinIntents: readonly string[] | undefined,
): RecognizedIntent {
  if (recognition.intent === null) {
    const name = builtinIntents?.includes("Clova.FallbackIntent")
      ? "Clova.FallbackIntent"
      : "Clova.GuideIntent";
    return { name, slots: {} };
  }
  const slots: RecognizedIntent["slots"] = {};
  for (const [name, slot] of Object.entries(recognition.slots)) {
    slots[name] = { value: slot.value };
    if (slot.unit !== undefined) slots[name].unit = slot.unit;
    if (slot.valueType !== undefined) slots[name].valueType = slot.valueType;
  }
  return { name: recognition.intent, slots };
}

/** Only slots actually found, values as strings (cek-custom-extension.md §3.3, §3.6). */
export function cekSlots(intent: RecognizedIntent): Record<string, CekSlot> {
  const slots: Record<string, CekSlot> = {};
  for (const [name, slot] of Object.entries(intent.slots)) {
    if (slot.value === null) continue;
    const cek: CekSlot = { name, value: slot.value };
    if (slot.unit) cek.unit = slot.unit;
    if (slot.valueType) cek.valueType = slot.valueType as CekSlot["valueType"];
    slots[name] = cek;
  }
  return slots;
}
