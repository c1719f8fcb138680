// Device credentials in the platform database (SQLite or PostgreSQL), so tokens survive a
// restart and every node of a scale-out deployment accepts them.
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.js";
import type { AccountRecord, AuthStore, ClientRecord, TokenKind, TokenRecord } from "./store.js";

export class SqlAuthStore implements AuthStore {
  constructor(private readonly db: Kysely<Database>) {}

  async putClient(client: ClientRecord) {
    await this.db
      .insertInto("device_clients")
      .values({ client_id: client.clientId, secret_hash: client.secretHash, name: client.name })
      .onConflict((c) =>
        c.column("client_id").doUpdateSet({ secret_hash: client.secretHash, name: client.name }),
      )
      .execute();
  }

  async getClient(clientId: string): Promise<ClientRecord | undefined> {
    const row = await this.db
      .selectFrom("device_clients")
      .selectAll()
      .where("client_id", "=", clientId)
      .executeTakeFirst();
    return row
      ? { clientId: row.client_id, secretHash: row.secret_hash, name: row.name }
      : undefined;
  }

  async putAccount(account: AccountRecord) {
    await this.db
      .insertInto("device_accounts")
      .values({ token_hash: account.tokenHash, user_id: account.userId })
      .onConflict((c) => c.column("token_hash").doUpdateSet({ user_id: account.userId }))
      .execute();
  }

  async getAccountByTokenHash(tokenHash: string): Promise<AccountRecord | undefined> {
    const row = await this.db
      .selectFrom("device_accounts")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    return row ? { tokenHash: row.token_hash, userId: row.user_id } : undefined;
  }

  async putToken(token: TokenRecord) {
    const values = {
      hash: token.hash,
      kind: token.kind,
      user_id: token.userId,
      client_id: token.clientId,
      device_id: token.deviceId,
      model_id: token.modelId ?? null,
      guest: token.guest ? 1 : 0,
      expires_at: token.expiresAt ?? null,
    };
    await this.db
      .insertInto("device_tokens")
      .values(values)
      .onConflict((c) => c.column("hash").doUpdateSet({ expires_at: values.expires_at }))
      .execute();
  }

  async getToken(hash: string): Promise<TokenRecord | undefined> {
    const row = await this.db
      .selectFrom("device_tokens")
      .selectAll()
      .where("hash", "=", hash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      hash: row.hash,
      kind: row.kind as TokenKind,
      userId: row.user_id,
      clientId: row.client_id,
      deviceId: row.device_id,
      guest: row.guest === 1,
      ...(row.model_id !== null ? { modelId: row.model_id } : {}),
      ...(row.expires_at !== null ? { expiresAt: Number(row.expires_at) } : {}),
    };
  }

  async deleteToken(hash: string) {
    await this.db.deleteFrom("device_tokens").where("hash", "=", hash).execute();
  }
}
