// Linked OAuth tokens per (extension, user), encrypted at rest, and pending `state` values
// of the authorization flow (cek-custom-extension.md §8.3–§8.6).
import type { Kysely } from "kysely";
import { instant } from "./database.js";
import type { Database } from "./schema.js";
import type { SecretBox } from "./secret-box.js";

export interface LinkedTokens {
  accessToken: string;
  refreshToken?: string;
  /** ms since epoch; undefined when the server did not say (§8.6). */
  expiresAt?: number;
}

export class AccountLinkStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
  ) {}

  async get(extensionId: string, userId: string): Promise<LinkedTokens | undefined> {
    const row = await this.db
      .selectFrom("account_links")
      .selectAll()
      .where("extension_id", "=", extensionId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!row) return undefined;
    const tokens: LinkedTokens = { accessToken: this.box.open(row.access_token) };
    if (row.refresh_token) tokens.refreshToken = this.box.open(row.refresh_token);
    if (row.expires_at !== null) tokens.expiresAt = instant(row.expires_at);
    return tokens;
  }

  async put(extensionId: string, userId: string, tokens: LinkedTokens): Promise<void> {
    const values = {
      access_token: this.box.seal(tokens.accessToken),
      refresh_token: tokens.refreshToken ? this.box.seal(tokens.refreshToken) : null,
      expires_at: tokens.expiresAt ?? null,
      updated_at: Date.now(),
    };
    await this.db
      .insertInto("account_links")
      .values({ extension_id: extensionId, user_id: userId, ...values })
      .onConflict((oc) => oc.columns(["extension_id", "user_id"]).doUpdateSet(values))
      .execute();
  }

  async delete(extensionId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("account_links")
      .where("extension_id", "=", extensionId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async addState(state: string, extensionId: string, userId: string): Promise<void> {
    await this.db
      .insertInto("oauth_states")
      .values({ state, extension_id: extensionId, user_id: userId, created_at: Date.now() })
      .execute();
  }

  /** Removes and returns a pending state if it is younger than maxAgeMs (§8.4: 5 min). */
  async takeState(state: string, maxAgeMs: number) {
    const row = await this.db
      .deleteFrom("oauth_states")
      .where("state", "=", state)
      .returningAll()
      .executeTakeFirst();
    if (!row) return undefined;
    if (Date.now() - instant(row.created_at) > maxAgeMs) return undefined;
    return { extensionId: row.extension_id, userId: row.user_id };
  }
}
