// The alerts ability (cic.md §9.1): alarms, timers, reminders and action timers by voice in
// en/ja/ko, every Alerts event's reaction, the AlertsState reconciliation, the management
// routes, and the scheduler job that fires action timers once across nodes.
import type { Recognition, Recognizer } from "@clover/nlu";
import type { DeviceEventTurn, DeviceInfo, Language, TurnResult } from "../../assistant/turn.js";
import type { Ability, AbilityAnswer, AbilityTurn } from "../ability.js";
import { recognizerFor, recognizerReady } from "../models/compiled.js";
import type { AbilityServices } from "../services.js";
import { AlertsEvents } from "./events.js";
import { AlertsHandler } from "./handler.js";
import { handleAlertsHttp } from "./http.js";
import { en } from "./models/en.js";
import { ja } from "./models/ja.js";
import { ko } from "./models/ko.js";
import { ALARM_CUES } from "./models/values.js";
import { refineRecognition } from "./refine.js";
import { ACTION_JOB, type AlertsApi, AlertsService } from "./service.js";
import { ReminderSpeech } from "./speech.js";
import { asWakeUpRequest } from "./wake-up.js";

export type { AlertsApi } from "./service.js";
export { AlertsService } from "./service.js";

export const ALERTS_MODELS = { en, ja, ko } as const;

const alertsJob = (language: Language) => ({ name: "alerts", model: ALERTS_MODELS[language] });

/** Compiled once per process (shared with the router's warm-up: models/compiled.ts). */
export function alertsRecognizer(language: Language): Recognizer {
  return recognizerFor(alertsJob(language));
}

export class AlertsAbility implements Ability {
  readonly id = "ability:alerts" as const;
  readonly models = ALERTS_MODELS;
  readonly namespaces = ["Alerts"] as const;
  readonly service: AlertsService;
  readonly #handler: AlertsHandler;
  readonly #events: AlertsEvents;
  readonly #speech: ReminderSpeech | undefined;

  constructor(private readonly services: AbilityServices) {
    this.service = new AlertsService(services);
    this.#handler = new AlertsHandler(this.service);
    this.#events = new AlertsEvents(this.service);
    if (services.speech && services.secrets) {
      const speech = new ReminderSpeech(
        services.secrets,
        services.speech.tts,
        services.speech.publicUrl,
        this.service.store,
      );
      this.#speech = speech;
      this.service.speechUrl = (alert) => speech.url(alert);
    }
    const assistant = services.assistant;
    if (assistant)
      this.service.runAction = (device, text) =>
        assistant.handleTurn({ kind: "text", text, dialogRequestId: crypto.randomUUID(), device });
  }

  /** What other abilities use: set and delete reminders for a user. */
  get api(): AlertsApi {
    return this.service;
  }

  /** Relative times ("in 10 minutes", "tomorrow") resolve against the platform clock. */
  async recognize(text: string, device: DeviceInfo): Promise<Recognition> {
    const options = {
      language: device.language,
      referenceTime: new Date(this.services.clock.now()),
      timeZone: this.service.timeZoneOf(device),
    };
    const recognizer = await recognizerReady(alertsJob(device.language));
    const said = asWakeUpRequest(text, device.language);
    return refineRecognition(recognizer.recognize(said, options), said, options);
  }

  /**
   * Alarms, reminders and action timers are the account's (kept on the server, synchronised
   * to the user's devices): a guest is asked to log in. Timers — setting one, how long is left,
   * cancelling or listing timers — and stopping or snoozing what rings stay open to guests.
   */
  needsAccount(turn: AbilityTurn): boolean {
    if (turn.session) return false;
    switch (turn.recognition.intent) {
      case "SetTimerIntent":
      case "TimeLeftIntent":
      case "StopAlertIntent":
      case "SnoozeAlertIntent":
        return false;
      case "SetAlarmIntent":
        // Without a word for an alarm the handler leaves it to the schedule (a calendar event).
        return ALARM_CUES[turn.device.language].test(turn.text);
      case "SetActionTimerIntent":
        // "Turn on the kitchen light" without a time is the command itself, not a timer.
        return this.#handler.actionTimerOf(turn) !== undefined;
      case "ListAlertsIntent":
      case "DeleteAlertIntent":
      case "DeleteAllAlertsIntent":
        return turn.recognition.slots["kind"]?.value !== "TIMER";
      default:
        return true;
    }
  }

  handle(turn: AbilityTurn): Promise<AbilityAnswer | undefined> {
    return this.#handler.handle(turn);
  }

  handleEvent(turn: DeviceEventTurn): Promise<TurnResult | undefined> {
    return this.#events.handle(turn);
  }

  async handleHttp(
    req: Parameters<NonNullable<Ability["handleHttp"]>>[0],
    res: Parameters<NonNullable<Ability["handleHttp"]>>[1],
    url: URL,
  ): Promise<boolean> {
    if (this.#speech && (await this.#speech.serve(req, res, url))) return true;
    return handleAlertsHttp(this.service, this.services.admin, req, res, url);
  }

  start(): void {
    this.services.jobRunner.handle(ACTION_JOB, (job) => this.service.onActionJob(job));
  }
}

export function createAlertsAbility(services: AbilityServices): AlertsAbility {
  return new AlertsAbility(services);
}
