// Which calendar a user's schedule uses: their CalDAV calendar when connected (URL, user name,
// password sealed with the platform's SecretBox), else the embedded one.
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.js";
import type { SecretBox } from "../../store/secret-box.js";
import type { CalDavAccount } from "./caldav.js";

export class CalendarAccounts {
  readonly #db: Kysely<Database>;
  readonly #box: SecretBox | undefined;

  constructor(db: Kysely<Database>, box: SecretBox | undefined) {
    this.#db = db;
    this.#box = box;
  }

  async get(userId: string): Promise<CalDavAccount | undefined> {
    const row = await this.#db
      .selectFrom("schedule_calendars")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      url: row.url,
      username: row.username,
      password: this.#open(row.password),
      ...(row.calendar_url ? { calendarUrl: row.calendar_url } : {}),
    };
  }

  async set(userId: string, account: CalDavAccount, now: number): Promise<void> {
    const row = {
      url: account.url,
      username: account.username,
      password: this.#seal(account.password),
      calendar_url: account.calendarUrl ?? null,
      updated_at: now,
    };
    await this.#db
      .insertInto("schedule_calendars")
      .values({ user_id: userId, ...row })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
      .execute();
  }

  async delete(userId: string): Promise<boolean> {
    const deleted = await this.#db
      .deleteFrom("schedule_calendars")
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }

  #seal(password: string): string {
    if (!this.#box) throw new Error("no SecretBox: CalDAV passwords are only stored encrypted");
    return this.#box.seal(password);
  }

  #open(sealed: string): string {
    if (!this.#box) throw new Error("no SecretBox: cannot read the stored CalDAV password");
    return this.#box.open(sealed);
  }
}
