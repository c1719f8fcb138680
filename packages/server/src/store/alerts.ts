// The alerts of users' devices (abilities/alerts) in SQLite or PostgreSQL. The server's list is
// the truth the devices mirror (cic.md §9.1); a repeating alert is one row whose scheduled_at
// is its next occurrence. Firing an action timer is claimed in one UPDATE, so of several
// nodes (or a job run twice) exactly one runs the action.
import type { Kysely } from "kysely";
import { instant } from "./database.js";
import type { AlertTable, Database } from "./schema.js";

export type AlertType = "ACTIONTIMER" | "ALARM" | "REMINDER" | "TIMER";
export const ALERT_TYPES: readonly AlertType[] = ["ACTIONTIMER", "ALARM", "REMINDER", "TIMER"];

/** pending: voice request awaiting the device; sent: pushed silently; set: on the device. */
export type AlertStatus = "pending" | "sent" | "set" | "ringing";

/** A repeating alert: the wall-clock time and the ISO weekdays (1 = Monday) it rings on. */
export interface AlertRepeat {
  time: string;
  weekdays: number[];
}

/** What an action timer runs when it fires: the user's command without its time phrase. */
export interface AlertAction {
  text: string;
  intent?: string;
  /** The device as it was when the timer was set (language, display, playback). */
  device?: Record<string, unknown>;
}

export interface AlertRecord {
  token: string;
  userId: string;
  deviceId: string;
  type: AlertType;
  scheduledAt: number;
  timeZone: string;
  label?: string;
  repeat?: AlertRepeat;
  durationMs?: number;
  action?: AlertAction;
  status: AlertStatus;
  firedAt?: number;
  /** The language it was set in (a reminder's spoken text). */
  language?: string;
  createdAt: number;
  updatedAt: number;
}

function fromRow(row: AlertTable): AlertRecord {
  const record: AlertRecord = {
    token: row.token,
    userId: row.user_id,
    deviceId: row.device_id,
    type: row.type as AlertType,
    scheduledAt: instant(row.scheduled_at),
    timeZone: row.time_zone,
    status: row.status as AlertStatus,
    createdAt: instant(row.created_at),
    updatedAt: instant(row.updated_at),
  };
  if (row.label !== null) record.label = row.label;
  if (row.repeat !== null) record.repeat = JSON.parse(row.repeat) as AlertRepeat;
  if (row.duration_ms !== null) record.durationMs = instant(row.duration_ms);
  if (row.action !== null) record.action = JSON.parse(row.action) as AlertAction;
  if (row.fired_at !== null) record.firedAt = instant(row.fired_at);
  if (row.language) record.language = row.language;
  return record;
}

function toRow(record: AlertRecord): AlertTable {
  return {
    token: record.token,
    user_id: record.userId,
    device_id: record.deviceId,
    type: record.type,
    scheduled_at: record.scheduledAt,
    time_zone: record.timeZone,
    label: record.label ?? null,
    repeat: record.repeat ? JSON.stringify(record.repeat) : null,
    duration_ms: record.durationMs ?? null,
    action: record.action ? JSON.stringify(record.action) : null,
    status: record.status,
    fired_at: record.firedAt ?? null,
    language: record.language ?? null,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export class AlertStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Adds the alert, or replaces the one with the same token. */
  async put(record: AlertRecord): Promise<void> {
    const row = toRow(record);
    const { token: _token, created_at: _created, ...changes } = row;
    await this.db
      .insertInto("alerts")
      .values(row)
      .onConflict((oc) => oc.column("token").doUpdateSet(changes))
      .execute();
  }

  async get(token: string): Promise<AlertRecord | undefined> {
    const row = await this.db
      .selectFrom("alerts")
      .selectAll()
      .where("token", "=", token)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** A device's alerts (or every device of the user when deviceId is absent), soonest first. */
  async list(userId: string, deviceId?: string): Promise<AlertRecord[]> {
    let query = this.db.selectFrom("alerts").selectAll().where("user_id", "=", userId);
    if (deviceId !== undefined) query = query.where("device_id", "=", deviceId);
    const rows = await query.orderBy("scheduled_at").orderBy("token").execute();
    return rows.map(fromRow);
  }

  /** Devices with alerts of a user, for the console. */
  async devices(userId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("alerts")
      .select("device_id")
      .distinct()
      .where("user_id", "=", userId)
      .orderBy("device_id")
      .execute();
    return rows.map((row) => row.device_id);
  }

  async setStatus(token: string, status: AlertStatus, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("alerts")
      .set({ status, updated_at: now })
      .where("token", "=", token)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(token: string): Promise<AlertRecord | undefined> {
    const found = await this.get(token);
    if (!found) return undefined;
    await this.db.deleteFrom("alerts").where("token", "=", token).execute();
    return found;
  }

  /**
   * Marks an action timer fired unless it already was, in one statement; true only for the
   * one caller (node, retry) that won.
   */
  async claimFiring(token: string, scheduledAt: number, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable("alerts")
      .set({ fired_at: now, updated_at: now })
      .where("token", "=", token)
      .where("scheduled_at", "=", scheduledAt)
      .where("fired_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom("alerts")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
