// Storage of the device side (cic.md §9.5, §9.7, §8.3): notifications until read, devices'
// settings, the account's time zone and location, extensions' push keys (hashed), and the
// SkillEnabled announcements made for extensions enabled for all users.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { instant } from "./database.js";
import type { Database } from "./schema.js";

export interface StoredNotification {
  id: string;
  userId: string;
  source: string;
  text: string;
  language: string;
  createdAt: number;
  readAt: number | null;
}

export interface UserProfile {
  timeZone?: string;
  location?: { latitude: string; longitude: string };
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export class DeviceSideStore {
  constructor(private readonly db: Kysely<Database>) {}

  // --- notifications ---------------------------------------------------------------------

  /** Stores a notification; keeps at most `keep` per user (oldest dropped first). */
  async addNotification(
    input: Omit<StoredNotification, "id" | "readAt">,
    keep: number,
  ): Promise<StoredNotification> {
    const id = randomUUID();
    await this.db
      .insertInto("notifications")
      .values({
        id,
        user_id: input.userId,
        source: input.source,
        text: input.text,
        language: input.language,
        created_at: input.createdAt,
        read_at: null,
      })
      .execute();
    const old = await this.db
      .selectFrom("notifications")
      .select("id")
      .where("user_id", "=", input.userId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .offset(keep)
      .limit(1000)
      .execute();
    if (old.length > 0)
      await this.db
        .deleteFrom("notifications")
        .where(
          "id",
          "in",
          old.map((row) => row.id),
        )
        .execute();
    return { ...input, id, readAt: null };
  }

  async notifications(userId: string, options: { unreadOnly?: boolean; since?: number } = {}) {
    let query = this.db
      .selectFrom("notifications")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "asc")
      .orderBy("id", "asc");
    if (options.unreadOnly) query = query.where("read_at", "is", null);
    if (options.since !== undefined) query = query.where("created_at", ">=", options.since);
    const rows = await query.execute();
    return rows.map(
      (row): StoredNotification => ({
        id: row.id,
        userId: row.user_id,
        source: row.source,
        text: row.text,
        language: row.language,
        createdAt: instant(row.created_at),
        readAt: instant(row.read_at),
      }),
    );
  }

  /** Marks one (or every) unread notification of the user read; returns how many. */
  async markRead(userId: string, at: number, id?: string): Promise<number> {
    let query = this.db
      .updateTable("notifications")
      .set({ read_at: at })
      .where("user_id", "=", userId)
      .where("read_at", "is", null);
    if (id) query = query.where("id", "=", id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Deletes notifications older than `before` (read or not). */
  async expireNotifications(before: number): Promise<void> {
    await this.db.deleteFrom("notifications").where("created_at", "<", before).execute();
  }

  // --- settings ----------------------------------------------------------------------------

  async saveSettings(
    deviceKey: string,
    userId: string,
    deviceId: string,
    configuration: Record<string, string>,
    at: number,
  ): Promise<void> {
    const json = JSON.stringify(configuration);
    await this.db
      .insertInto("device_settings")
      .values({
        device_key: deviceKey,
        user_id: userId,
        device_id: deviceId,
        configuration: json,
        updated_at: at,
      })
      .onConflict((oc) =>
        oc.column("device_key").doUpdateSet({ configuration: json, updated_at: at }),
      )
      .execute();
  }

  async settings(deviceKey: string): Promise<Record<string, string> | undefined> {
    const row = await this.db
      .selectFrom("device_settings")
      .select("configuration")
      .where("device_key", "=", deviceKey)
      .executeTakeFirst();
    return row ? (JSON.parse(row.configuration) as Record<string, string>) : undefined;
  }

  // --- profiles ----------------------------------------------------------------------------

  async profile(userId: string): Promise<UserProfile | undefined> {
    const row = await this.db
      .selectFrom("user_profiles")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      ...(row.time_zone ? { timeZone: row.time_zone } : {}),
      ...(row.latitude && row.longitude
        ? { location: { latitude: row.latitude, longitude: row.longitude } }
        : {}),
    };
  }

  async saveProfile(userId: string, profile: UserProfile, at: number): Promise<void> {
    const values = {
      time_zone: profile.timeZone ?? null,
      latitude: profile.location?.latitude ?? null,
      longitude: profile.location?.longitude ?? null,
      updated_at: at,
    };
    await this.db
      .insertInto("user_profiles")
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
      .execute();
  }

  // --- extension push keys -----------------------------------------------------------------

  /** A new push key for the extension (replaces the old one); returned once, stored hashed. */
  async issuePushKey(extensionId: string, at: number): Promise<string> {
    const key = `cpk_${randomBytes(24).toString("base64url")}`;
    const hash = sha256(key);
    await this.db
      .insertInto("extension_push_keys")
      .values({ extension_id: extensionId, key_hash: hash, created_at: at })
      .onConflict((oc) => oc.column("extension_id").doUpdateSet({ key_hash: hash, created_at: at }))
      .execute();
    return key;
  }

  async checkPushKey(extensionId: string, key: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("extension_push_keys")
      .select("key_hash")
      .where("extension_id", "=", extensionId)
      .executeTakeFirst();
    if (!row) return false;
    const expected = Buffer.from(row.key_hash, "hex");
    const given = Buffer.from(sha256(key), "hex");
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  // --- SkillEnabled for all-user extensions ------------------------------------------------

  /** Records the announcement; false when it had already been made. */
  async claimSkillEnabled(extensionId: string, userId: string, at: number): Promise<boolean> {
    const result = await this.db
      .insertInto("skill_enabled_sent")
      .values({ extension_id: extensionId, user_id: userId, sent_at: at })
      .onConflict((oc) => oc.columns(["extension_id", "user_id"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }
}
