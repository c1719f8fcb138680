// What CIC does with each event (cic.md §9): recognize requests become assistant turns, state
// reports update the device record, playback events reach the extension owning the stream.
import type { Readable } from "node:stream";
import { isPlay } from "../assistant/directives.js";
import type {
  Assistant,
  DeviceInfo,
  Language,
  ReadAhead,
  TurnResult,
  TurnTimings,
} from "../assistant/turn.js";
import type { DeviceGrant } from "./auth/authority.js";
import { type ContextObject, type DeviceStates, languageOfText } from "./device-state.js";
import { CicError } from "./exception.js";
import type { DeviceSide, TurnCause } from "./interfaces/device-side.js";
import { type CicDirective, createDirective } from "./multipart-writer.js";
import type { SpeechToText, TextToSpeech } from "./speech-engines.js";
import { type DirectivePart, turnToDirectives } from "./turn-directives.js";
import { timeSpeech } from "./turn-timings.js";

export interface CicEventMessage {
  context: ContextObject[];
  event: {
    header: { namespace: string; name: string; messageId: string; dialogRequestId?: string };
    payload: Record<string, unknown>;
  };
}

export interface EventContext {
  deviceKey: string;
  grant: DeviceGrant;
  message: CicEventMessage;
  audio: Readable;
  /** Pushes a directive on the device's downchannel (e.g. SpeechRecognizer.StopCapture). */
  pushToDownchannel: (directive: CicDirective) => void;
}

export interface EventHandlerDependencies {
  assistant: Assistant;
  devices: DeviceStates;
  tts?: TextToSpeech;
  asr?: SpeechToText;
  expectSpeechTimeoutMs: number;
  /** Reactions of the CIC interfaces (cic/interfaces/): queue, screens, device control… */
  side?: DeviceSide;
}

/** Events whose only effect is state: answered 204 (cic.md §2.6). */
const STATE_ONLY = new Set([
  "SpeechSynthesizer.SpeechStarted",
  "SpeechSynthesizer.SpeechFinished",
  "SpeechSynthesizer.SpeechStopped",
  "DeviceControl.ReportState",
  "DeviceControl.RequestStateSynchronization",
]);

const LANGUAGES = new Set<Language>(["en", "ja", "ko"]);

function nothing(): void {}

/** How long a spoken request may take before the device gets SpeechRecognizer.KeepRecording. */
export const KEEP_RECORDING_AFTER_MS = 1000;

export class EventHandler {
  constructor(private readonly deps: EventHandlerDependencies) {}

  /** The directives to answer with; an empty list means 204. */
  async handle(ctx: EventContext): Promise<DirectivePart[]> {
    const { header, payload } = ctx.message.event;
    const key = `${header.namespace}.${header.name}`;
    // The device's context, and what other nodes kept for this device and its user (play
    // queue, pending reports…): sent together, so a shared store answers in one round trip.
    const ready = Promise.all([
      this.deps.devices.update(ctx.deviceKey, ctx.message.context),
      this.deps.side?.load(ctx.deviceKey, ctx.grant.userId),
    ]);
    if (key === "TextRecognizer.Recognize")
      return this.recognizeText(ctx, String(payload["text"]), ready);
    await ready;
    switch (key) {
      case "SpeechRecognizer.Recognize":
        return this.recognizeSpeech(ctx);
      case "System.RequestSynchronizeState":
        ctx.audio.resume();
        return [
          {
            directive: createDirective(
              "System",
              "SynchronizeState",
              { allAlerts: await this.allAlerts(ctx) },
              header.dialogRequestId,
            ),
          },
        ];
      default:
        break;
    }
    ctx.audio.resume();
    const reacted = await this.deps.side?.react({
      deviceKey: ctx.deviceKey,
      grant: ctx.grant,
      name: key,
      payload,
      context: ctx.message.context,
      ...(header.dialogRequestId ? { dialogRequestId: header.dialogRequestId } : {}),
      converse: (text) => this.converseForEvent(ctx, text),
      answer: (result) => this.answer(result, header.dialogRequestId),
    });
    if (reacted) return reacted;
    if (STATE_ONLY.has(key)) return [];
    const answers = this.deps.assistant.answersEvents;
    if (
      header.namespace === "AudioPlayer" ||
      header.namespace === "PlaybackController" ||
      answers?.call(this.deps.assistant, header.namespace)
    ) {
      return this.deviceEvent(ctx);
    }
    return [];
  }

  /** §9.10: the deprecated alert list, from the ability answering Alerts events (if any). */
  private async allAlerts(ctx: EventContext): Promise<unknown[]> {
    if (!this.deps.assistant.answersEvents?.("Alerts")) return [];
    const result = await this.deps.assistant.handleTurn({
      kind: "event",
      namespace: "Alerts",
      name: "RequestSynchronizeAlert",
      payload: {},
      device: await this.deps.devices.deviceInfo(ctx.deviceKey, ctx.grant),
    });
    const sync = result.directives.find((d) => d.name === "SynchronizeAlert");
    const all = sync?.payload["allAlerts"];
    return Array.isArray(all) ? all : [];
  }

  private requireDialogRequestId(ctx: EventContext): string {
    const id = ctx.message.event.header.dialogRequestId;
    if (!id)
      throw new CicError(400, "event.header.dialogRequestId is required for Recognize events");
    return id;
  }

  private async answer(
    result: TurnResult,
    dialogRequestId: string | undefined,
  ): Promise<DirectivePart[]> {
    return turnToDirectives(result, dialogRequestId, {
      expectSpeechTimeoutMs: this.deps.expectSpeechTimeoutMs,
      ...(this.deps.tts ? { tts: this.deps.tts } : {}),
    });
  }

  /**
   * A typed request. Its writes (context, newest dialog, language) and reads (the device side's
   * memory, the device record, the open session) are sent at once: on Redis they leave in one
   * socket write and come back in one round trip; the reads, sent after the writes on the same
   * connection, see them. The device side is applied (`ready`) before the device is enriched.
   */
  private async recognizeText(
    ctx: EventContext,
    text: string,
    ready: Promise<unknown>,
  ): Promise<DirectivePart[]> {
    const started = performance.now();
    ready.catch(() => {}); // awaited below; a 400 first must not leave it unhandled
    const dialogRequestId = this.requireDialogRequestId(ctx);
    ctx.audio.resume();
    const language = languageOfText(text);
    const written = Promise.all([
      ready,
      // The newest dialogRequestId per device: an older dialog's answer is dropped (§7.3).
      this.deps.devices.startDialog(ctx.deviceKey, dialogRequestId),
      language ? this.deps.devices.setLanguage(ctx.deviceKey, language) : undefined,
    ]);
    const device = this.deviceInfo(ctx, language, written);
    const readAhead = this.deps.assistant.readAhead?.(ctx.grant);
    return this.converse(ctx, text, dialogRequestId, language, { started }, device, readAhead);
  }

  /** One utterance of a dialog: the assistant's answer as directives. */
  private async converse(
    ctx: EventContext,
    text: string,
    dialogRequestId: string,
    language: Language | undefined,
    timing: { started: number; asrMs?: number },
    read: Promise<DeviceInfo> = this.deviceInfo(ctx, language),
    readAhead?: ReadAhead,
  ): Promise<DirectivePart[]> {
    const device = await read;
    // The gateway's stages of the turn (ASR, TTS, total); the turn log waits for `spoken`.
    const timings: TurnTimings = timing.asrMs === undefined ? {} : { asrMs: timing.asrMs };
    let spoken: () => void = nothing;
    const whenSpoken = new Promise<void>((resolve) => {
      spoken = resolve;
    });
    // A follow-up names the ExpectSpeech it answers (cic.md §9.8, §9.12, §13.4).
    const speechId = ctx.message.event.payload["speechId"];
    try {
      const result = await this.deps.assistant.handleTurn({
        kind: "text",
        text,
        dialogRequestId,
        ...(typeof speechId === "string" ? { speechId } : {}),
        device,
        timings,
        spoken: whenSpoken,
        ...(readAhead ? { readAhead } : {}),
      });
      this.shape(ctx, result, device.language);
      await this.rememberPlayback(ctx, result);
      // The device drops directives of an older dialog; skip synthesizing them (cic.md §7.3).
      if (this.deps.devices.superseded(ctx.deviceKey, dialogRequestId)) {
        spoken();
        return [];
      }
      const ttsStarted = performance.now();
      const parts = await this.answer(result, dialogRequestId);
      return timeSpeech(parts, timings, ttsStarted, timing.started, spoken);
    } catch (error) {
      spoken();
      throw error;
    }
  }

  /**
   * An utterance an event stands for (a custom button, a delegated request): a turn like a
   * spoken one, answered without a dialogRequestId since the event carried none (§7.3).
   */
  private async converseForEvent(ctx: EventContext, text: string): Promise<DirectivePart[]> {
    const device = await this.deviceInfo(ctx);
    const result = await this.deps.assistant.handleTurn({
      kind: "text",
      text,
      dialogRequestId: crypto.randomUUID(),
      device,
    });
    this.shape(ctx, result, device.language);
    this.rememberPlayback(ctx, result);
    return this.answer(result, ctx.message.event.header.dialogRequestId);
  }

  private async recognizeSpeech(ctx: EventContext): Promise<DirectivePart[]> {
    const started = performance.now();
    const dialogRequestId = this.requireDialogRequestId(ctx);
    const lang = ctx.message.event.payload["lang"];
    if (typeof lang !== "string" || !LANGUAGES.has(lang as Language)) {
      ctx.audio.resume();
      throw new CicError(
        400,
        `event.payload.lang must be one of "en", "ja", "ko", got ${JSON.stringify(lang)}`,
      );
    }
    if (!this.deps.asr) {
      ctx.audio.resume();
      throw new CicError(
        500,
        "no speech recognition engine is configured on this platform; send TextRecognizer.Recognize instead",
      );
    }
    await Promise.all([
      this.deps.devices.setLanguage(ctx.deviceKey, lang as Language),
      this.deps.devices.startDialog(ctx.deviceKey, dialogRequestId),
    ]);
    let stopped = false;
    const stopCapture = () => {
      if (stopped) return;
      stopped = true;
      ctx.pushToDownchannel(
        createDirective("SpeechRecognizer", "StopCapture", {}, dialogRequestId),
      );
    };
    // A slow answer gets SpeechRecognizer.KeepRecording on the downchannel, so the device
    // does not give up waiting (cic.md §9.8); sent once, after KEEP_RECORDING_AFTER_MS.
    const keepRecording = setTimeout(
      () =>
        ctx.pushToDownchannel(
          createDirective("SpeechRecognizer", "KeepRecording", {}, dialogRequestId),
        ),
      KEEP_RECORDING_AFTER_MS,
    );
    try {
      const { text } = await this.deps.asr.recognize(ctx.audio, {
        language: lang,
        onEndOfSpeech: stopCapture,
      });
      const asrMs = performance.now() - started;
      stopCapture();
      ctx.audio.resume();
      if (text.trim() === "") return [];
      // Clients configured for it see the transcript (ShowRecognizedText, partner-only, §9.8).
      if (this.deps.side?.options.showRecognizedTextClients?.includes(ctx.grant.clientId))
        ctx.pushToDownchannel(
          createDirective("SpeechRecognizer", "ShowRecognizedText", { text }, dialogRequestId),
        );
      return await this.converse(ctx, text, dialogRequestId, lang as Language, { started, asrMs });
    } finally {
      clearTimeout(keepRecording);
    }
  }

  private async deviceEvent(ctx: EventContext): Promise<DirectivePart[]> {
    const { header, payload } = ctx.message.event;
    const device = await this.deviceInfo(ctx);
    const result = await this.deps.assistant.handleTurn({
      kind: "event",
      namespace: header.namespace,
      name: header.name,
      payload,
      ...(header.dialogRequestId ? { dialogRequestId: header.dialogRequestId } : {}),
      device,
    });
    this.shape(ctx, result, device.language, header.namespace + "." + header.name, payload);
    await this.rememberPlayback(ctx, result);
    // Directives answering an event without a dialogRequestId carry none (cic.md §7.3).
    return this.answer(result, header.dialogRequestId);
  }

  /** The assistant's view of the device: state, plus time zone, location and guest mode. */
  private async deviceInfo(ctx: EventContext, language?: Language, after?: Promise<unknown>) {
    // The read is sent now (after any writes already sent); `after` must succeed as well.
    const read = this.deps.devices.deviceInfo(ctx.deviceKey, ctx.grant, language);
    const [device] = after ? await Promise.all([read, after]) : [await read];
    return this.deps.side ? this.deps.side.enrich(device, ctx.deviceKey, ctx.grant.guest) : device;
  }

  private shape(
    ctx: EventContext,
    result: TurnResult,
    language: Language,
    event?: string,
    payload?: Record<string, unknown>,
  ): void {
    const cause: TurnCause = {
      deviceKey: ctx.deviceKey,
      grant: ctx.grant,
      language,
      ...(event ? { event } : {}),
      ...(payload ? { payload } : {}),
    };
    this.deps.side?.shape(cause, result);
  }

  /** Records who owns playback when the answer plays audio; nothing to wait for otherwise. */
  private rememberPlayback(ctx: EventContext, result: TurnResult): Promise<void> | undefined {
    if (!result.directives.some(isPlay)) return undefined;
    return this.deps.devices.setPlaybackOwner(ctx.deviceKey, result.extensionId);
  }
}
