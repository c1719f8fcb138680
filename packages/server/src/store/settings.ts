// Small key/value settings (admin token hash) and the platform's signing keys.
import type { Kysely } from "kysely";
import { instant } from "./database.js";
import type { Database } from "./schema.js";
import type { SecretBox } from "./secret-box.js";

export interface StoredSigningKey {
  id: string;
  privateKeyPem: string;
  publicKeyPem: string;
  createdAt: number;
  retiredAt: number | null;
}

export class SettingsStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", key)
      .executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto("settings")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
      .execute();
  }

  /** Stores the value unless the key exists; returns what is stored now. */
  async setIfAbsent(key: string, value: string): Promise<string> {
    await this.db
      .insertInto("settings")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    return (await this.get(key)) ?? value;
  }

  /** The newest key not retired, if any. */
  async activeSigningKey(): Promise<StoredSigningKey | undefined> {
    const row = await this.db
      .selectFrom("signing_keys")
      .selectAll()
      .where("retired_at", "is", null)
      .orderBy("created_at", "desc")
      .executeTakeFirst();
    return row && this.#toKey(row);
  }

  async signingKeys(): Promise<StoredSigningKey[]> {
    const rows = await this.db
      .selectFrom("signing_keys")
      .selectAll()
      .orderBy("created_at", "desc")
      .execute();
    return rows.map((row) => this.#toKey(row));
  }

  /** Stores a new active key and retires the previous ones, in one transaction. */
  async addSigningKey(key: Omit<StoredSigningKey, "retiredAt">): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable("signing_keys")
        .set({ retired_at: key.createdAt })
        .where("retired_at", "is", null)
        .execute();
      await tx
        .insertInto("signing_keys")
        .values({
          id: key.id,
          private_key: this.box.seal(key.privateKeyPem),
          public_key: key.publicKeyPem,
          created_at: key.createdAt,
          retired_at: null,
        })
        .execute();
    });
  }

  #toKey(row: Database["signing_keys"]): StoredSigningKey {
    return {
      id: row.id,
      privateKeyPem: this.box.open(row.private_key),
      publicKeyPem: row.public_key,
      createdAt: instant(row.created_at),
      retiredAt: instant(row.retired_at),
    };
  }
}
