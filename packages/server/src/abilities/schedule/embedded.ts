// The embedded calendar: calendar objects in the platform database (SQLite or PostgreSQL),
// per user, with the span they can occupy so that a week's question reads only what may
// fall in it.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.js";
import { type CalendarBackend, CalendarError, type CalendarObject } from "./calendar.js";
import { spanOf } from "./ical.js";

/** Floating and all-day times are placed in the reader's zone: index a day wider. */
const MARGIN = 86_400_000;

export class EmbeddedCalendar implements CalendarBackend {
  readonly kind = "embedded";
  readonly #db: Kysely<Database>;
  readonly #userId: string;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, userId: string, now: () => number) {
    this.#db = db;
    this.#userId = userId;
    this.#now = now;
  }

  async objectsIn(from: number, to: number): Promise<CalendarObject[]> {
    const rows = await this.#db
      .selectFrom("schedule_events")
      .select(["uid", "ics", "etag"])
      .where("user_id", "=", this.#userId)
      .where("first_start", "<", to)
      .where((eb) => eb.or([eb("last_end", "is", null), eb("last_end", ">=", from)]))
      .execute();
    return rows;
  }

  async all(): Promise<CalendarObject[]> {
    return this.#db
      .selectFrom("schedule_events")
      .select(["uid", "ics", "etag"])
      .where("user_id", "=", this.#userId)
      .orderBy("first_start")
      .execute();
  }

  async get(uid: string): Promise<CalendarObject | undefined> {
    return this.#db
      .selectFrom("schedule_events")
      .select(["uid", "ics", "etag"])
      .where("user_id", "=", this.#userId)
      .where("uid", "=", uid)
      .executeTakeFirst();
  }

  async put(uid: string, ics: string, etag: string | null): Promise<CalendarObject> {
    const span = spanOf(ics, "UTC");
    const row = {
      ics,
      etag: etagOf(ics),
      first_start: span.first - MARGIN,
      last_end: span.last === null ? null : span.last + MARGIN,
      updated_at: this.#now(),
    };
    if (etag === null) {
      const inserted = await this.#db
        .insertInto("schedule_events")
        .values({ user_id: this.#userId, uid, ...row })
        .onConflict((oc) => oc.columns(["user_id", "uid"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0)
        throw new CalendarError("conflict", `an event with UID ${uid} already exists`);
    } else {
      const updated = await this.#db
        .updateTable("schedule_events")
        .set(row)
        .where("user_id", "=", this.#userId)
        .where("uid", "=", uid)
        .where("etag", "=", etag)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        throw new CalendarError("conflict", `the event ${uid} was changed or deleted meanwhile`);
    }
    return { uid, ics, etag: row.etag };
  }

  async delete(uid: string, etag: string): Promise<boolean> {
    const deleted = await this.#db
      .deleteFrom("schedule_events")
      .where("user_id", "=", this.#userId)
      .where("uid", "=", uid)
      .where("etag", "=", etag)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0) return true;
    if (await this.get(uid))
      throw new CalendarError("conflict", `the event ${uid} was changed meanwhile`);
    return false;
  }

  /** Removes every event of the user (before a replacing import). */
  async clear(): Promise<number> {
    const deleted = await this.#db
      .deleteFrom("schedule_events")
      .where("user_id", "=", this.#userId)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }
}

export function etagOf(ics: string): string {
  return `"${createHash("sha256").update(ics).digest("base64url").slice(0, 22)}"`;
}
