// Device credentials in the platform database (SQLite or PostgreSQL), so tokens survive a
// restart and every node of a scale-out deployment accepts them.
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.js";
import type {
  AccountRecord,
  AuthStore,
  ClientRecord,
  DeviceCodeRecord,
  TokenKind,
  TokenRecord,
} from "./store.js";

/** Migration 0004_device_codes. */
interface DeviceCodeTable {
  device_code_hash: string;
  user_code_hash: string;
  client_id: string;
  device_id: string;
  model_id: string | null;
  status: string;
  user_id: string | null;
  interval_seconds: number;
  last_polled_at: number | string | null;
  expires_at: number | string;
}

function deviceCodeOf(row: DeviceCodeTable): DeviceCodeRecord {
  return {
    deviceCodeHash: row.device_code_hash,
    userCodeHash: row.user_code_hash,
    clientId: row.client_id,
    deviceId: row.device_id,
    status: row.status as DeviceCodeRecord["status"],
    interval: Number(row.interval_seconds),
    expiresAt: Number(row.expires_at),
    ...(row.model_id !== null ? { modelId: row.model_id } : {}),
    ...(row.user_id !== null ? { userId: row.user_id } : {}),
    ...(row.last_polled_at !== null ? { lastPolledAt: Number(row.last_polled_at) } : {}),
  };
}

export class SqlAuthStore implements AuthStore {
  private readonly codes;

  constructor(private readonly db: Kysely<Database>) {
    this.codes = db.withTables<{ device_codes: DeviceCodeTable }>();
  }

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
    const result = await this.db
      .deleteFrom("device_tokens")
      .where("hash", "=", hash)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteGrant(grant: Pick<TokenRecord, "clientId" | "deviceId" | "userId">) {
    await this.db
      .deleteFrom("device_tokens")
      .where("client_id", "=", grant.clientId)
      .where("device_id", "=", grant.deviceId)
      .where("user_id", "=", grant.userId)
      .where("kind", "in", ["access", "refresh"])
      .execute();
  }

  async putDeviceCode(record: DeviceCodeRecord, purgeBefore: number) {
    await this.codes.deleteFrom("device_codes").where("expires_at", "<", purgeBefore).execute();
    await this.codes
      .insertInto("device_codes")
      .values({
        device_code_hash: record.deviceCodeHash,
        user_code_hash: record.userCodeHash,
        client_id: record.clientId,
        device_id: record.deviceId,
        model_id: record.modelId ?? null,
        status: record.status,
        user_id: record.userId ?? null,
        interval_seconds: record.interval,
        last_polled_at: record.lastPolledAt ?? null,
        expires_at: record.expiresAt,
      })
      .execute();
  }

  async getDeviceCode(deviceCodeHash: string): Promise<DeviceCodeRecord | undefined> {
    const row = await this.codes
      .selectFrom("device_codes")
      .selectAll()
      .where("device_code_hash", "=", deviceCodeHash)
      .executeTakeFirst();
    return row ? deviceCodeOf(row) : undefined;
  }

  async getDeviceCodeByUserCode(userCodeHash: string): Promise<DeviceCodeRecord | undefined> {
    const row = await this.codes
      .selectFrom("device_codes")
      .selectAll()
      .where("user_code_hash", "=", userCodeHash)
      .executeTakeFirst();
    return row ? deviceCodeOf(row) : undefined;
  }

  async touchDeviceCode(deviceCodeHash: string, lastPolledAt: number, interval: number) {
    await this.codes
      .updateTable("device_codes")
      .set({ last_polled_at: lastPolledAt, interval_seconds: interval })
      .where("device_code_hash", "=", deviceCodeHash)
      .execute();
  }

  async settleDeviceCode(deviceCodeHash: string, status: "approved" | "denied", userId?: string) {
    const result = await this.codes
      .updateTable("device_codes")
      .set({ status, user_id: userId ?? null })
      .where("device_code_hash", "=", deviceCodeHash)
      .where("status", "=", "pending")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async takeDeviceCode(deviceCodeHash: string) {
    const result = await this.codes
      .deleteFrom("device_codes")
      .where("device_code_hash", "=", deviceCodeHash)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async acceptTerms(userId: string, version: string, at: number) {
    await this.db
      .insertInto("terms_acceptances")
      .values({ user_id: userId, version, accepted_at: at })
      .onConflict((c) => c.columns(["user_id", "version"]).doNothing())
      .execute();
  }

  async hasAcceptedTerms(userId: string, version: string) {
    const row = await this.db
      .selectFrom("terms_acceptances")
      .select("user_id")
      .where("user_id", "=", userId)
      .where("version", "=", version)
      .executeTakeFirst();
    return row !== undefined;
  }
}
