// Memos ("take a note: buy milk"): short texts per user in the platform database. They stay
// embedded even when the calendar is CalDAV (docs/schedule.md says why).
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { instant } from "../../store/database.js";
import type { Database } from "../../store/schema.js";

export interface Memo {
  id: string;
  text: string;
  createdAt: number;
}

/** Longest memo kept, in characters (a spoken note is far shorter). */
export const MAX_MEMO_LENGTH = 1000;

export class MemoStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async add(userId: string, text: string, now: number): Promise<Memo> {
    // Strictly after the user's latest memo, so "the last note" is never a tie.
    const latest = await this.#db
      .selectFrom("schedule_memos")
      .select((eb) => eb.fn.max("created_at").as("at"))
      .where("user_id", "=", userId)
      .executeTakeFirst();
    const after = latest?.at === null || latest?.at === undefined ? 0 : Number(latest.at) + 1;
    const createdAt = Math.max(now, after);
    const memo = { id: randomUUID(), text: text.slice(0, MAX_MEMO_LENGTH), createdAt };
    await this.#db
      .insertInto("schedule_memos")
      .values({ id: memo.id, user_id: userId, text: memo.text, created_at: createdAt })
      .execute();
    return memo;
  }

  /** Newest first. */
  async list(userId: string, limit = 100): Promise<Memo[]> {
    const rows = await this.#db
      .selectFrom("schedule_memos")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, text: r.text, createdAt: instant(r.created_at) }));
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const deleted = await this.#db
      .deleteFrom("schedule_memos")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) > 0;
  }
}
