// The alerts of users' devices as one service: create, change and delete alerts, deliver the
// changes to devices (in a turn's answer or on the downchannel), keep repeating alerts on
// their next occurrence, and fire action timers once (a claimed job, then a claim on the row).
// Other abilities use it through AlertsApi (e.g. "remind me 10 minutes before" a schedule).
import { randomUUID } from "node:crypto";
import type { DeviceInfo, Language, TurnResult } from "../../assistant/turn.js";
import {
  type AlertAction,
  type AlertRecord,
  type AlertRepeat,
  AlertStore,
  type AlertType,
} from "../../store/alerts.js";
import type { Job } from "../../store/jobs.js";
import type { AbilityServices, DeviceTarget } from "../services.js";
import { isTimeZone } from "../time/zone.js";
import { SAY } from "./phrases.js";
import { deleteAlert, type SpeechAssetUrl, setAlert } from "./protocol.js";
import { nextOccurrence, parseClockTime } from "./time.js";

/** device_id of an alert meant for every device of the user. */
export const ALL_DEVICES = "*";
/**
 * How far ahead an alert may be: a year and a day ("next year's birthday"), so no scheduledTime
 * leaves ISO 8601's four-digit years ("wake me up in 9999 years" is refused, not sent).
 */
export const MAX_AHEAD_MS = 366 * 86_400_000;
/** A one-shot alert this long past its time (and not ringing) is over: dropped from lists. */
export const EXPIRED_AFTER_MS = 60 * 60_000;
/** Job kind of an action timer. */
export const ACTION_JOB = "alerts.action";

export interface NewAlert {
  userId: string;
  /** A device of the user, or absent: every device of the user. */
  deviceId?: string;
  type: AlertType;
  scheduledAt: number;
  timeZone: string;
  label?: string;
  repeat?: AlertRepeat;
  durationMs?: number;
  action?: AlertAction;
  /** The language it was set in (a reminder's spoken text). */
  language?: Language;
  /** pending: a voice request (confirmed aloud on SetAlertSucceeded); sent: set silently. */
  status?: "pending" | "sent";
}

/** A spoken reminder another ability asks for (the schedule's "remind me before"). */
export interface ReminderInput {
  userId: string;
  deviceId?: string;
  at: number;
  text: string;
  timeZone: string;
  /** The language the reminder is spoken in (default: guessed from the text). */
  language?: Language;
}

/** What other abilities may use (the schedule ability's "remind me before"). */
export interface AlertsApi {
  setReminder(input: ReminderInput): Promise<AlertRecord>;
  deleteReminder(token: string): Promise<boolean>;
}

export type ActionRunner = (device: DeviceInfo, text: string) => Promise<TurnResult>;

export class AlertsService implements AlertsApi {
  readonly store: AlertStore;
  /** Runs an action timer's command as a turn of the device (the platform's assistant). */
  runAction: ActionRunner | undefined;
  speechUrl: SpeechAssetUrl | undefined;

  constructor(private readonly services: AbilityServices) {
    this.store = new AlertStore(services.database.db);
  }

  now(): number {
    return this.services.clock.now();
  }

  /** The zone wall-clock times are said in: the device's, else UTC (docs/alerts.md). */
  timeZoneOf(device: DeviceInfo): string {
    return device.timeZone && isTimeZone(device.timeZone) ? device.timeZone : "UTC";
  }

  async create(input: NewAlert): Promise<AlertRecord> {
    const now = this.now();
    const record: AlertRecord = {
      token: randomUUID(),
      userId: input.userId,
      deviceId: input.deviceId ?? ALL_DEVICES,
      type: input.type,
      scheduledAt: input.scheduledAt,
      timeZone: input.timeZone,
      status: input.status ?? "pending",
      createdAt: now,
      updatedAt: now,
      ...(input.label ? { label: input.label } : {}),
      ...(input.repeat ? { repeat: input.repeat } : {}),
      ...(input.durationMs ? { durationMs: input.durationMs } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.language ? { language: input.language } : {}),
    };
    await this.store.put(record);
    await this.#scheduleAction(record);
    return record;
  }

  /** Saves a changed alert (moved, next occurrence) and reschedules its action. */
  async update(record: AlertRecord, changes: Partial<AlertRecord>): Promise<AlertRecord> {
    const updated: AlertRecord = { ...record, ...changes, updatedAt: this.now() };
    if (changes.scheduledAt !== undefined && changes.scheduledAt !== record.scheduledAt)
      delete updated.firedAt;
    await this.store.put(updated);
    await this.#scheduleAction(updated);
    return updated;
  }

  async remove(token: string): Promise<AlertRecord | undefined> {
    const removed = await this.store.delete(token);
    if (removed?.type === "ACTIONTIMER") await this.services.jobs.cancel(`alert:${token}`);
    return removed;
  }

  /**
   * A device's alerts (its own and the user-wide ones), soonest first. Repeating alerts whose
   * occurrence went by unrung move on to the next; one-shot alerts long past are dropped.
   */
  async listFor(userId: string, deviceId: string): Promise<AlertRecord[]> {
    const all = await this.store.list(userId);
    return this.#current(all.filter((a) => a.deviceId === deviceId || a.deviceId === ALL_DEVICES));
  }

  /** Every alert of a user, on every device, current as in listFor. */
  async listUser(userId: string): Promise<AlertRecord[]> {
    return this.#current(await this.store.list(userId));
  }

  async #current(alerts: AlertRecord[]): Promise<AlertRecord[]> {
    const now = this.now();
    const out: AlertRecord[] = [];
    for (const alert of alerts) {
      if (alert.scheduledAt >= now - EXPIRED_AFTER_MS || alert.status === "ringing") {
        out.push(alert);
        continue;
      }
      if (alert.repeat)
        out.push(await this.update(alert, { scheduledAt: this.nextOf(alert, now) }));
      else await this.remove(alert.token);
    }
    return out.sort((a, b) => a.scheduledAt - b.scheduledAt);
  }

  /** The occurrence of a repeating alert after `after`. */
  nextOf(alert: AlertRecord, after: number): number {
    const time = alert.repeat ? parseClockTime(alert.repeat.time) : undefined;
    if (!alert.repeat || !time) return alert.scheduledAt;
    return nextOccurrence(time, alert.timeZone, after, { weekdays: alert.repeat.weekdays });
  }

  targetOf(alert: AlertRecord): DeviceTarget | undefined {
    return alert.deviceId === ALL_DEVICES
      ? undefined
      : { userId: alert.userId, deviceId: alert.deviceId };
  }

  /** Sends directives outside a turn: to the alert's device, or every device of the user. */
  async push(alert: AlertRecord, result: Omit<TurnResult, "expectSpeech">): Promise<number> {
    const full: TurnResult = { expectSpeech: false, ...result };
    const target = this.targetOf(alert);
    return target
      ? this.services.outbox.toDevice(target, full)
      : this.services.outbox.toUser(alert.userId, full);
  }

  pushSet(alert: AlertRecord): Promise<number> {
    return this.push(alert, { speech: [], directives: [setAlert(alert, this.speechUrl)] });
  }

  pushDelete(alert: AlertRecord): Promise<number> {
    return this.push(alert, { speech: [], directives: [deleteAlert(alert)] });
  }

  async setReminder(input: ReminderInput): Promise<AlertRecord> {
    if (!isTimeZone(input.timeZone)) throw new Error(`unknown time zone "${input.timeZone}"`);
    if (input.text.trim() === "") throw new Error("a reminder needs a text");
    const record = await this.create({
      userId: input.userId,
      ...(input.deviceId ? { deviceId: input.deviceId } : {}),
      type: "REMINDER",
      scheduledAt: input.at,
      timeZone: input.timeZone,
      label: input.text.trim(),
      ...(input.language ? { language: input.language } : {}),
      status: "sent",
    });
    await this.pushSet(record);
    return record;
  }

  async deleteReminder(token: string): Promise<boolean> {
    const removed = await this.remove(token);
    if (removed) await this.pushDelete(removed);
    return removed !== undefined;
  }

  async #scheduleAction(record: AlertRecord): Promise<void> {
    if (record.type !== "ACTIONTIMER" || !record.action) return;
    await this.services.jobs.schedule({
      kind: ACTION_JOB,
      runAt: record.scheduledAt,
      uniqueKey: `alert:${record.token}`,
      payload: { token: record.token, scheduledAt: record.scheduledAt },
    });
  }

  /**
   * Runs the booked action of an action timer once: the claim on the row (fired_at, in one
   * UPDATE with the check) makes a job run twice, on two nodes, or raced by the device's
   * AlertStopped, run it only once. Resolves with the action's answer when this call won.
   */
  async fire(token: string, scheduledAt?: number): Promise<TurnResult | undefined> {
    const alert = await this.store.get(token);
    if (!alert?.action || alert.type !== "ACTIONTIMER") return undefined;
    if (scheduledAt !== undefined && alert.scheduledAt !== scheduledAt) return undefined;
    if (!(await this.store.claimFiring(token, alert.scheduledAt, this.now()))) return undefined;
    if (!this.runAction) return undefined;
    const device = actionDevice(alert);
    return this.runAction(device, alert.action.text);
  }

  /** The job handler: fire, and deliver the action's directives to the device. */
  async onActionJob(job: Job): Promise<void> {
    const { token, scheduledAt } = job.payload as { token: string; scheduledAt: number };
    const alert = await this.store.get(token);
    const result = await this.fire(token, scheduledAt);
    if (!alert || !result) return;
    await this.push(alert, { ...result, dialogRequestId: undefined } as TurnResult);
  }

  setFailedSpeech(type: AlertType, language: Language): string {
    return SAY.setFailed(type, language);
  }
}

/** The device an action timer's command runs on, as it was when the timer was set. */
function actionDevice(alert: AlertRecord): DeviceInfo {
  const snapshot = alert.action?.device as Partial<DeviceInfo> | undefined;
  const language = (snapshot?.language ?? "en") as Language;
  return {
    // The snapshot's client when it has one (alerts stored before device keys have none).
    clientId: snapshot?.clientId ?? "",
    deviceId: alert.deviceId,
    userId: alert.userId,
    language,
    locale: snapshot?.locale ?? { en: "en-US", ja: "ja-JP", ko: "ko-KR" }[language],
    display: snapshot?.display ?? { size: "none" },
    timeZone: alert.timeZone,
    ...(snapshot?.playback ? { playback: snapshot.playback } : {}),
  };
}
