// Timed work that must happen once even with several nodes (DESIGN.md, "Several nodes"): an
// action timer, an alert follow-up, a daily discovery, a calendar sync. Jobs are rows; a node
// claims due rows with a lease (PostgreSQL: FOR UPDATE SKIP LOCKED, so nodes never wait on
// each other; SQLite: one writer, a single UPDATE … RETURNING), runs them, and deletes them.
// A node that dies mid-job loses its lease and another node runs the job again: delivery is
// at least once, so handlers must be idempotent (they look at the state they change).
import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { DatabaseHandle, Engine } from "./database.js";
import { instant } from "./database.js";
import type { Database } from "./schema.js";

export interface Job {
  id: string;
  kind: string;
  uniqueKey: string | null;
  runAt: number;
  payload: unknown;
  attempts: number;
}

export interface NewJob {
  kind: string;
  runAt: number;
  payload?: unknown;
  /** Replaces the pending job with the same key (moving an alarm reschedules its job). */
  uniqueKey?: string;
}

export interface JobQueue {
  /** Adds (or, with a uniqueKey, replaces) a job; resolves with its id. */
  schedule(job: NewJob): Promise<string>;
  /** Removes a pending job by unique key; true when one was removed. */
  cancel(uniqueKey: string): Promise<boolean>;
  /** Claims up to `limit` due jobs for `node` until now + leaseMs. */
  claimDue(node: string, now: number, limit: number, leaseMs: number): Promise<Job[]>;
  /** Deletes a job this node ran (only while it still holds the claim). */
  complete(job: Job, node: string): Promise<void>;
  /** Gives a failed job back to run again at `runAt`. */
  release(job: Job, node: string, runAt: number): Promise<void>;
  /** The earliest run_at of jobs nobody holds, if any. */
  nextRunAt(): Promise<number | undefined>;
}

export class SqlJobQueue implements JobQueue {
  readonly #db: Kysely<Database>;
  readonly #engine: Engine;
  /** Called after schedule() so a local runner can wake early. */
  onSchedule: ((runAt: number) => void) | undefined;

  constructor(handle: DatabaseHandle) {
    this.#db = handle.db;
    this.#engine = handle.engine;
  }

  async schedule(job: NewJob): Promise<string> {
    const id = randomUUID();
    const row = {
      id,
      kind: job.kind,
      unique_key: job.uniqueKey ?? null,
      run_at: job.runAt,
      payload: JSON.stringify(job.payload ?? null),
      claimed_by: null,
      claimed_until: null,
      attempts: 0,
      created_at: Date.now(),
    };
    if (job.uniqueKey === undefined) await this.#db.insertInto("jobs").values(row).execute();
    else
      await this.#db
        .insertInto("jobs")
        .values(row)
        .onConflict((oc) =>
          oc.column("unique_key").doUpdateSet({
            id,
            kind: job.kind,
            run_at: job.runAt,
            payload: row.payload,
            claimed_by: null,
            claimed_until: null,
            attempts: 0,
          }),
        )
        .execute();
    this.onSchedule?.(job.runAt);
    return id;
  }

  async cancel(uniqueKey: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("jobs")
      .where("unique_key", "=", uniqueKey)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async claimDue(node: string, now: number, limit: number, leaseMs: number): Promise<Job[]> {
    const lockClause = this.#engine === "postgres" ? sql`for update skip locked` : sql``;
    const rows = await sql<JobRow>`
      update jobs
         set claimed_by = ${node}, claimed_until = ${now + leaseMs}, attempts = attempts + 1
       where id in (
         select id from jobs
          where run_at <= ${now} and (claimed_until is null or claimed_until < ${now})
          order by run_at
          limit ${limit}
          ${lockClause})
      returning id, kind, unique_key, run_at, payload, attempts`.execute(this.#db);
    return rows.rows
      .map((row) => ({
        id: row.id,
        kind: row.kind,
        uniqueKey: row.unique_key,
        runAt: instant(row.run_at),
        payload: JSON.parse(row.payload) as unknown,
        attempts: Number(row.attempts),
      }))
      .sort((a, b) => a.runAt - b.runAt);
  }

  async complete(job: Job, node: string): Promise<void> {
    await this.#db
      .deleteFrom("jobs")
      .where("id", "=", job.id)
      .where("claimed_by", "=", node)
      .execute();
  }

  async release(job: Job, node: string, runAt: number): Promise<void> {
    await this.#db
      .updateTable("jobs")
      .set({ claimed_by: null, claimed_until: null, run_at: runAt })
      .where("id", "=", job.id)
      .where("claimed_by", "=", node)
      .execute();
    this.onSchedule?.(runAt);
  }

  async nextRunAt(): Promise<number | undefined> {
    const row = await this.#db
      .selectFrom("jobs")
      .select((eb) => eb.fn.min("run_at").as("next"))
      .where("claimed_by", "is", null)
      .executeTakeFirst();
    return row?.next === null || row?.next === undefined ? undefined : instant(row.next);
  }
}

interface JobRow {
  id: string;
  kind: string;
  unique_key: string | null;
  run_at: number | string;
  payload: string;
  attempts: number | string;
}
