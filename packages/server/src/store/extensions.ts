// Registered extensions, their interaction models and which users enabled them.
import type { InteractionModel } from "@clover/protocol";
import type { Kysely } from "kysely";
import type { Language } from "../assistant/turn.js";
import { instant } from "./database.js";
import type { Database, ExtensionTable } from "./schema.js";
import type { SecretBox } from "./secret-box.js";

/** cek-custom-extension.md §12.2: per-extension message version, newest by default. */
export type MessageVersion = "1.0" | "0.1.0";

/** OAuth 2.0 authorization-code settings (cek-custom-extension.md §8.2). */
export interface AccountLinkingSettings {
  authorizationUrl: string;
  clientId: string;
  clientSecret: string;
  accessTokenUri: string;
  /** Defaults to accessTokenUri (§8.2). */
  refreshTokenUri?: string;
  /** HTTP Basic (recommended) or credentials in the form body. */
  clientAuthentication: "basic" | "body";
  scopes: string[];
}

/** custom: CEK custom extension; home: Clova Home extension (cek-home-extension.md). */
export type ExtensionType = "custom" | "home";

/** A pre-registered notification message of a home extension (cek-home-extension.md §11.1). */
export interface HomeNotificationMessage {
  /** `msg-…` once approved, `test-msg-…` before (delivered to testers only). */
  id: string;
  /** The text per language; the user's language is picked, else the first one. */
  text: Partial<Record<Language, string>>;
}

/** Home-extension settings besides account linking (§11.1). */
export interface HomeSettings {
  notificationsEnabled: boolean;
  /** SHA-256 (hex) of the notification API key; the key itself is shown once. */
  notificationKeyHash?: string;
  messages: HomeNotificationMessage[];
  /** Users who may receive `test-msg-…` messages. */
  testers: string[];
}

export interface InvocationNameSet {
  main: string;
  sub: string[];
}

export interface ExtensionRecord {
  id: string;
  /** Absent in older callers' input: custom. */
  type?: ExtensionType;
  /** Home extensions only. */
  home?: HomeSettings;
  displayName: string;
  endpointUrl: string;
  invocationNames: Partial<Record<Language, InvocationNameSet>>;
  messageVersion: MessageVersion;
  /** With 0.1.0: send `EndRequest` instead of `SessionEndedRequest` (§12.2). */
  legacyEndRequestType: boolean;
  usesAudioPlayer: boolean;
  /** true: every user may invoke it; false: only users in the enabled list. */
  enabledForAllUsers: boolean;
  accountLinking?: AccountLinkingSettings;
  createdAt: number;
  updatedAt: number;
}

export type ExtensionInput = Omit<ExtensionRecord, "createdAt" | "updatedAt">;

export class ExtensionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
  ) {}

  async list(): Promise<ExtensionRecord[]> {
    const rows = await this.db.selectFrom("extensions").selectAll().orderBy("id").execute();
    return rows.map((row) => this.#toRecord(row));
  }

  async get(id: string): Promise<ExtensionRecord | undefined> {
    const row = await this.db
      .selectFrom("extensions")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirst();
    return row && this.#toRecord(row);
  }

  /** Inserts; returns false when the id is taken. */
  async create(input: ExtensionInput, now = Date.now()): Promise<boolean> {
    const result = await this.db
      .insertInto("extensions")
      .values({ ...this.#toRow(input), created_at: now, updated_at: now })
      .onConflict((oc) => oc.column("id").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Replaces the settings; returns false when the extension does not exist. */
  async update(input: ExtensionInput, now = Date.now()): Promise<boolean> {
    const { id, ...rest } = this.#toRow(input);
    const result = await this.db
      .updateTable("extensions")
      .set({ ...rest, updated_at: now })
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      // Explicit cascade: SQLite only honours ON DELETE with foreign_keys on.
      for (const table of [
        "interaction_models",
        "extension_users",
        "account_links",
        "oauth_states",
        "home_discoveries",
        "home_appliance_owners",
        "home_pending_notifications",
      ] as const)
        await tx.deleteFrom(table).where("extension_id", "=", id).execute();
      const result = await tx.deleteFrom("extensions").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /** Stores a model; returns its version (the update instant). */
  async putModel(extensionId: string, language: Language, model: InteractionModel) {
    const now = Date.now();
    const text = JSON.stringify(model);
    await this.db
      .insertInto("interaction_models")
      .values({ extension_id: extensionId, language, model: text, updated_at: now })
      .onConflict((oc) =>
        oc.columns(["extension_id", "language"]).doUpdateSet({ model: text, updated_at: now }),
      )
      .execute();
    return now;
  }

  /** Which model versions exist, without the documents (for cheap change detection). */
  async modelVersions(): Promise<{ extensionId: string; language: Language; updatedAt: number }[]> {
    const rows = await this.db
      .selectFrom("interaction_models")
      .select(["extension_id", "language", "updated_at"])
      .execute();
    return rows.map((r) => ({
      extensionId: r.extension_id,
      language: r.language as Language,
      updatedAt: instant(r.updated_at),
    }));
  }

  async model(extensionId: string, language: Language): Promise<InteractionModel | undefined> {
    const row = await this.db
      .selectFrom("interaction_models")
      .select("model")
      .where("extension_id", "=", extensionId)
      .where("language", "=", language)
      .executeTakeFirst();
    return row && (JSON.parse(row.model) as InteractionModel);
  }

  async deleteModel(extensionId: string, language: Language): Promise<boolean> {
    const result = await this.db
      .deleteFrom("interaction_models")
      .where("extension_id", "=", extensionId)
      .where("language", "=", language)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async models(extensionId?: string) {
    let query = this.db.selectFrom("interaction_models").selectAll();
    if (extensionId !== undefined) query = query.where("extension_id", "=", extensionId);
    const rows = await query.orderBy("extension_id").orderBy("language").execute();
    return rows.map((row) => ({
      extensionId: row.extension_id,
      language: row.language as Language,
      model: JSON.parse(row.model) as InteractionModel,
      updatedAt: instant(row.updated_at),
    }));
  }

  async enableUser(extensionId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .insertInto("extension_users")
      .values({ extension_id: extensionId, user_id: userId, enabled_at: Date.now() })
      .onConflict((oc) => oc.columns(["extension_id", "user_id"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async disableUser(extensionId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom("extension_users")
      .where("extension_id", "=", extensionId)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async enabledUsers(extensionId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("extension_users")
      .select("user_id")
      .where("extension_id", "=", extensionId)
      .orderBy("user_id")
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Every (extension, user) pair that is explicitly enabled. */
  async allEnablements(): Promise<{ extensionId: string; userId: string }[]> {
    const rows = await this.db.selectFrom("extension_users").selectAll().execute();
    return rows.map((r) => ({ extensionId: r.extension_id, userId: r.user_id }));
  }

  #toRow(input: ExtensionInput): Omit<ExtensionTable, "created_at" | "updated_at"> {
    const linking = input.accountLinking;
    return {
      id: input.id,
      display_name: input.displayName,
      endpoint_url: input.endpointUrl,
      invocation_names: JSON.stringify(input.invocationNames),
      message_version: input.messageVersion,
      legacy_end_request_type: input.legacyEndRequestType ? 1 : 0,
      uses_audio_player: input.usesAudioPlayer ? 1 : 0,
      enabled_for_all_users: input.enabledForAllUsers ? 1 : 0,
      account_linking: linking
        ? JSON.stringify({ ...linking, clientSecret: this.box.seal(linking.clientSecret) })
        : null,
      type: input.type ?? "custom",
      home_settings: input.home ? JSON.stringify(input.home) : null,
    };
  }

  #toRecord(row: ExtensionTable): ExtensionRecord {
    const record: ExtensionRecord = {
      id: row.id,
      displayName: row.display_name,
      endpointUrl: row.endpoint_url,
      invocationNames: JSON.parse(row.invocation_names),
      messageVersion: row.message_version as MessageVersion,
      legacyEndRequestType: Number(row.legacy_end_request_type) === 1,
      usesAudioPlayer: Number(row.uses_audio_player) === 1,
      enabledForAllUsers: Number(row.enabled_for_all_users) === 1,
      createdAt: instant(row.created_at),
      updatedAt: instant(row.updated_at),
    };
    record.type = row.type === "home" ? "home" : "custom";
    if (row.home_settings) record.home = JSON.parse(row.home_settings) as HomeSettings;
    if (row.account_linking) {
      const linking = JSON.parse(row.account_linking) as AccountLinkingSettings;
      record.accountLinking = { ...linking, clientSecret: this.box.open(linking.clientSecret) };
    }
    return record;
  }
}
