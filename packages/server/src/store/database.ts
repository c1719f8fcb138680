// Opens the platform database: PostgreSQL when a URL is given, else SQLite in the data dir.
// Migrations run before the handle is returned.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { migrationProvider } from "./migrations.js";
import type { Database } from "./schema.js";

export interface StoreOptions {
  /** `postgres://...`; when absent, SQLite. */
  databaseUrl?: string;
  /** SQLite file directory (created if missing); `:memory:` for a throwaway database. */
  dataDir: string;
}

export type Engine = "sqlite" | "postgres";

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export async function openDatabase(options: StoreOptions): Promise<DatabaseHandle> {
  let db: Kysely<Database>;
  let engine: Engine;
  if (options.databaseUrl) {
    engine = "postgres";
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  } else {
    engine = "sqlite";
    let file = ":memory:";
    if (options.dataDir !== ":memory:") {
      mkdirSync(options.dataDir, { recursive: true });
      file = join(options.dataDir, "clover.sqlite");
    }
    const sqlite = new SQLite(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  }
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`database migration ${failed} failed: ${(error as Error).message ?? error}`);
  }
  return { db, engine, close: () => db.destroy() };
}

/** Reads an instant stored as bigint (PostgreSQL returns int8 as a string). */
export function instant(value: number | string): number;
export function instant(value: number | string | null): number | null;
export function instant(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
