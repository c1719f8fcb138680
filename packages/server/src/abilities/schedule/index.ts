// The schedule and memo ability (issue "Personal schedule and memos"): the user's calendar —
// embedded in the platform database, or their own CalDAV calendar — asked and changed by
// voice, memos, iCalendar import/export through the management API.
import type { Recognition, Recognizer } from "@clover/nlu";
import type { DeviceInfo, Language } from "../../assistant/turn.js";
import { OutboundGuard } from "../../cek/outbound-policy.js";
import type { Ability, AbilityModel, AbilityTurn } from "../ability.js";
import { type ModelJob, recognizerFor, recognizerReady } from "../models/compiled.js";
import type { AbilityServices } from "../services.js";
import { CalendarAccounts } from "./accounts.js";
import { CalDavCalendar, type CalDavCopy, type CalDavLimits, DEFAULT_LIMITS } from "./caldav.js";
import { EmbeddedCalendar } from "./embedded.js";
import { type ReminderRequest, ScheduleHandler } from "./handler.js";
import { handleScheduleHttp } from "./http.js";
import { MemoStore } from "./memos.js";
import { EN } from "./models/en.js";
import { JA } from "./models/ja.js";
import { KO } from "./models/ko.js";
import { Schedule } from "./schedule.js";

export const SCHEDULE_MODELS: Partial<Record<Language, AbilityModel>> = { en: EN, ja: JA, ko: KO };

/**
 * How the schedule's models are compiled. The threshold is low on purpose: event names and
 * notes are open slots whose unseen words lower the confidence; the handler decides.
 */
export const SCHEDULE_MODEL_OPTIONS = { threshold: 0.3 } as const;

/** The schedule's recognizer for a language, compiled once per process (models/compiled.ts). */
export function scheduleRecognizer(language: Language): Recognizer | undefined {
  const job = scheduleJob(language);
  return job && recognizerFor(job);
}

function scheduleJob(language: Language): ModelJob | undefined {
  const model = SCHEDULE_MODELS[language];
  return model && { name: "schedule", model, options: SCHEDULE_MODEL_OPTIONS };
}

export interface ScheduleOptions {
  /** Reminders before events (the alerts ability); absent: kept in the event's VALARM only. */
  remind?: (request: ReminderRequest) => Promise<void>;
  /** Deadline and size limit of CalDAV requests. */
  calDav?: CalDavLimits;
}

export class ScheduleAbility implements Ability {
  readonly id = "ability:schedule" as const;
  readonly models = SCHEDULE_MODELS;
  readonly modelOptions = SCHEDULE_MODEL_OPTIONS;
  readonly #services: AbilityServices;
  readonly #handler: ScheduleHandler;
  readonly memos: MemoStore;
  readonly accounts: CalendarAccounts;
  /** This node's copies of users' CalDAV calendars (kept current with sync tokens). */
  readonly #copies = new Map<string, CalDavCopy>();
  readonly limits: CalDavLimits;
  /** The platform's outbound policy: CalDAV URLs go where extension calls may. */
  readonly outbound: OutboundGuard;

  constructor(services: AbilityServices, options: ScheduleOptions = {}) {
    this.#services = services;
    this.limits = options.calDav ?? DEFAULT_LIMITS;
    this.outbound = services.outbound ?? new OutboundGuard({ networks: "public" });
    this.memos = new MemoStore(services.database.db);
    this.accounts = new CalendarAccounts(services.database.db, services.secrets);
    this.#handler = new ScheduleHandler({
      scheduleFor: (userId) => this.scheduleFor(userId),
      memos: this.memos,
      now: () => services.clock.now(),
      ...(options.remind ? { remind: options.remind } : {}),
    });
  }

  /** The user's schedule on the backend they chose. */
  async scheduleFor(userId: string): Promise<Schedule> {
    const now = () => this.#services.clock.now();
    const account = await this.accounts.get(userId);
    if (account)
      return new Schedule(
        new CalDavCalendar(account, this.#copies, this.limits, this.outbound),
        now,
      );
    return new Schedule(new EmbeddedCalendar(this.#services.database.db, userId, now), now);
  }

  /** Recognition against the platform clock, so "tomorrow" is tomorrow (tests move time). */
  async recognize(text: string, device: DeviceInfo): Promise<Recognition | undefined> {
    const job = scheduleJob(device.language);
    if (!job) return undefined;
    const recognizer = await recognizerReady(job);
    return recognizer.recognize(text, {
      referenceTime: new Date(this.#services.clock.now()),
      timeZone: device.timeZone ?? "UTC",
    });
  }

  /**
   * Calendars and memos are the account's: a guest device is asked to log in (cic.md §3.8) for
   * whatever the schedule would answer.
   */
  needsAccount(turn: AbilityTurn): boolean {
    return !turn.session && this.#handler.claims(turn);
  }

  handle: Ability["handle"] = (turn) => this.#handler.handle(turn);

  handleHttp: NonNullable<Ability["handleHttp"]> = (req, res, url) =>
    handleScheduleHttp(this, this.#services.admin, req, res, url);

  now(): number {
    return this.#services.clock.now();
  }

  /** Drops this node's copy of a user's CalDAV calendar (after a new connection). */
  forget(userId: string): void {
    void userId;
    this.#copies.clear();
  }
}

export function createScheduleAbility(services: AbilityServices, options?: ScheduleOptions) {
  return new ScheduleAbility(services, options);
}
