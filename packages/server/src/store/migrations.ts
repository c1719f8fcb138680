// Versioned schema migrations, applied in name order on start (Kysely's Migrator keeps the
// applied list in its own table). Never edit a released migration: add the next one.
import type { Kysely, Migration, MigrationProvider } from "kysely";

const migrations: Record<string, Migration> = {
  "0001_registry": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("extensions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("display_name", "text", (c) => c.notNull())
        .addColumn("endpoint_url", "text", (c) => c.notNull())
        .addColumn("invocation_names", "text", (c) => c.notNull())
        .addColumn("message_version", "text", (c) => c.notNull())
        .addColumn("legacy_end_request_type", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("uses_audio_player", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("enabled_for_all_users", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("account_linking", "text")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("interaction_models")
        .addColumn("extension_id", "text", (c) =>
          c.notNull().references("extensions.id").onDelete("cascade"),
        )
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("model", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("interaction_models_pk", ["extension_id", "language"])
        .execute();
      await db.schema
        .createTable("extension_users")
        .addColumn("extension_id", "text", (c) =>
          c.notNull().references("extensions.id").onDelete("cascade"),
        )
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("enabled_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("extension_users_pk", ["extension_id", "user_id"])
        .execute();
      await db.schema
        .createTable("settings")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("value", "text", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["extension_users", "interaction_models", "extensions", "settings"])
        await db.schema.dropTable(table).execute();
    },
  },
  "0002_signing_and_linking": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("signing_keys")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("private_key", "text", (c) => c.notNull())
        .addColumn("public_key", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("retired_at", "bigint")
        .execute();
      await db.schema
        .createTable("account_links")
        .addColumn("extension_id", "text", (c) =>
          c.notNull().references("extensions.id").onDelete("cascade"),
        )
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("access_token", "text", (c) => c.notNull())
        .addColumn("refresh_token", "text")
        .addColumn("expires_at", "bigint")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("account_links_pk", ["extension_id", "user_id"])
        .execute();
      await db.schema
        .createTable("oauth_states")
        .addColumn("state", "text", (c) => c.primaryKey())
        .addColumn("extension_id", "text", (c) =>
          c.notNull().references("extensions.id").onDelete("cascade"),
        )
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["oauth_states", "account_links", "signing_keys"])
        await db.schema.dropTable(table).execute();
    },
  },
  "0003_device_auth": {
    // CIC client credentials, accounts and tokens (cic.md §3): only SHA-256 hashes are stored.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("device_clients")
        .addColumn("client_id", "text", (c) => c.primaryKey())
        .addColumn("secret_hash", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("device_accounts")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("device_tokens")
        .addColumn("hash", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("device_id", "text", (c) => c.notNull())
        .addColumn("model_id", "text")
        .addColumn("guest", "integer", (c) => c.notNull())
        .addColumn("expires_at", "bigint")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["device_tokens", "device_accounts", "device_clients"])
        await db.schema.dropTable(table).execute();
    },
  },
  "0004_device_codes": {
    // Device authorization grant (RFC 8628) for devices without a keyboard: both the device
    // code and the user code are stored as SHA-256 hashes only.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("device_codes")
        .addColumn("device_code_hash", "text", (c) => c.primaryKey())
        .addColumn("user_code_hash", "text", (c) => c.notNull().unique())
        .addColumn("client_id", "text", (c) => c.notNull())
        .addColumn("device_id", "text", (c) => c.notNull())
        .addColumn("model_id", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("user_id", "text")
        .addColumn("interval_seconds", "integer", (c) => c.notNull())
        .addColumn("last_polled_at", "bigint")
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("device_codes").execute();
    },
  },
  "0005_jobs": {
    // Timed work that must happen once across nodes (store/jobs.ts): claimed with a lease.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("jobs")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("unique_key", "text", (c) => c.unique())
        .addColumn("run_at", "bigint", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("claimed_by", "text")
        .addColumn("claimed_until", "bigint")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("jobs_run_at").on("jobs").column("run_at").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("jobs").execute();
    },
  },
  "0012_device_side": {
    // The device side of CIC (cic/interfaces/, abilities/notifications/): notifications kept
    // for a user until read, devices' Settings reports, account time zone and location,
    // extensions' push keys, and which all-user extensions were announced with SkillEnabled.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("notifications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("source", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("language", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("read_at", "bigint")
        .execute();
      await db.schema
        .createIndex("notifications_user")
        .on("notifications")
        .columns(["user_id", "created_at"])
        .execute();
      await db.schema
        .createTable("device_settings")
        .addColumn("device_key", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("device_id", "text", (c) => c.notNull())
        .addColumn("configuration", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("user_profiles")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("time_zone", "text")
        .addColumn("latitude", "text")
        .addColumn("longitude", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("extension_push_keys")
        .addColumn("extension_id", "text", (c) => c.primaryKey())
        .addColumn("key_hash", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("skill_enabled_sent")
        .addColumn("extension_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("sent_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("skill_enabled_sent_pk", ["extension_id", "user_id"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        "skill_enabled_sent",
        "extension_push_keys",
        "user_profiles",
        "device_settings",
        "notifications",
      ])
        await db.schema.dropTable(table).execute();
    },
  },
  "0013_device_terms": {
    // The terms-of-service flow of the client auth API (cic.md §3.3, 451): one row per user
    // and accepted version.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("terms_acceptances")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("version", "text", (c) => c.notNull())
        .addColumn("accepted_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("terms_acceptances_pk", ["user_id", "version"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("terms_acceptances").execute();
    },
  },
  "0006_alerts": {
    // Alarms, timers, reminders and action timers (abilities/alerts): one row per alert of a
    // user's device; a repeating alert keeps only its next occurrence in scheduled_at.
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("alerts")
        .addColumn("token", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("device_id", "text", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("scheduled_at", "bigint", (c) => c.notNull())
        .addColumn("time_zone", "text", (c) => c.notNull())
        .addColumn("label", "text")
        .addColumn("repeat", "text")
        .addColumn("duration_ms", "bigint")
        .addColumn("action", "text")
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("fired_at", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("alerts_user_device")
        .on("alerts")
        .columns(["user_id", "device_id", "scheduled_at"])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("alerts").execute();
    },
  },
  "0007_home": {
    // Clova Home (cek-home-extension.md): the extension type and its notification settings, the
    // latest discovery per (extension, user), who owns each appliance (push API, §11) and the
    // notifications kept for devices that were offline.
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable("extensions")
        .addColumn("type", "text", (c) => c.notNull().defaultTo("custom"))
        .execute();
      await db.schema.alterTable("extensions").addColumn("home_settings", "text").execute();
      await db.schema
        .createTable("home_discoveries")
        .addColumn("extension_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("appliances", "text", (c) => c.notNull())
        .addColumn("scenes", "text", (c) => c.notNull())
        .addColumn("custom_commands", "text", (c) => c.notNull())
        .addColumn("discovered_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("home_discoveries_pk", ["extension_id", "user_id"])
        .execute();
      await db.schema
        .createTable("home_appliance_owners")
        .addColumn("extension_id", "text", (c) => c.notNull())
        .addColumn("appliance_id", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("home_appliance_owners_pk", [
          "extension_id",
          "appliance_id",
          "user_id",
        ])
        .execute();
      await db.schema
        .createTable("home_pending_notifications")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("extension_id", "text", (c) => c.notNull())
        .addColumn("notice", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("home_pending_notifications_user")
        .on("home_pending_notifications")
        .column("user_id")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of [
        "home_pending_notifications",
        "home_appliance_owners",
        "home_discoveries",
      ])
        await db.schema.dropTable(table).execute();
      await db.schema.alterTable("extensions").dropColumn("home_settings").execute();
      await db.schema.alterTable("extensions").dropColumn("type").execute();
    },
  },
  "0008_schedule": {
    // The schedule ability (abilities/schedule): calendar objects of the embedded calendar
    // (iCalendar text per UID, indexed by the span they can occupy), memos, and the CalDAV
    // calendar a user connected (password sealed with the platform's SecretBox).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("schedule_events")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("uid", "text", (c) => c.notNull())
        .addColumn("ics", "text", (c) => c.notNull())
        .addColumn("etag", "text", (c) => c.notNull())
        .addColumn("first_start", "bigint", (c) => c.notNull())
        .addColumn("last_end", "bigint")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("schedule_events_pk", ["user_id", "uid"])
        .execute();
      await db.schema
        .createIndex("schedule_events_span")
        .on("schedule_events")
        .columns(["user_id", "first_start"])
        .execute();
      await db.schema
        .createTable("schedule_memos")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("schedule_memos_user")
        .on("schedule_memos")
        .columns(["user_id", "created_at"])
        .execute();
      await db.schema
        .createTable("schedule_calendars")
        .addColumn("user_id", "text", (c) => c.primaryKey())
        .addColumn("url", "text", (c) => c.notNull())
        .addColumn("username", "text", (c) => c.notNull())
        .addColumn("password", "text", (c) => c.notNull())
        .addColumn("calendar_url", "text")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["schedule_calendars", "schedule_memos", "schedule_events"])
        await db.schema.dropTable(table).execute();
    },
  },
  "0014_pims": {
    // The language an alert was set in (abilities/alerts): a reminder's spoken text is
    // synthesized in it when the device fetches the reminder's audio asset.
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("alerts").addColumn("language", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("alerts").dropColumn("language").execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
