// Clova Home data per (extension, user): the latest discovery, replaced atomically (devices,
// scenes, routines — cek-home-extension.md §4.9 rule 6), the owners of each appliance for the
// push API (§11.1). (The Notifier keeps notifications for offline devices; the
// home_pending_notifications table of 0007_home stays unused.)
import type {
  ApplianceInfoObject,
  CustomCommandInfoObject,
  SceneInfoObject,
} from "@clover/protocol";
import type { Kysely } from "kysely";
import { instant } from "./database.js";
import type { Database } from "./schema.js";

export interface HomeDiscovery {
  extensionId: string;
  userId: string;
  appliances: ApplianceInfoObject[];
  scenes: SceneInfoObject[];
  customCommands: CustomCommandInfoObject[];
  discoveredAt: number;
}

export class HomeStore {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces the user's discovery for this extension, and its appliance owners, at once. */
  async replace(discovery: HomeDiscovery): Promise<void> {
    const { extensionId, userId } = discovery;
    await this.db.transaction().execute(async (tx) => {
      const values = {
        appliances: JSON.stringify(discovery.appliances),
        scenes: JSON.stringify(discovery.scenes),
        custom_commands: JSON.stringify(discovery.customCommands),
        discovered_at: discovery.discoveredAt,
      };
      await tx
        .insertInto("home_discoveries")
        .values({ extension_id: extensionId, user_id: userId, ...values })
        .onConflict((oc) => oc.columns(["extension_id", "user_id"]).doUpdateSet(values))
        .execute();
      await tx
        .deleteFrom("home_appliance_owners")
        .where("extension_id", "=", extensionId)
        .where("user_id", "=", userId)
        .execute();
      const ids = [...new Set(discovery.appliances.map((a) => a.applianceId))];
      for (let i = 0; i < ids.length; i += 200)
        await tx
          .insertInto("home_appliance_owners")
          .values(
            ids.slice(i, i + 200).map((id) => ({
              extension_id: extensionId,
              appliance_id: id,
              user_id: userId,
            })),
          )
          .execute();
    });
  }

  /** Every home extension the user linked and discovered, newest data. */
  async forUser(userId: string): Promise<HomeDiscovery[]> {
    const rows = await this.db
      .selectFrom("home_discoveries")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("extension_id")
      .execute();
    return rows.map((row) => ({
      extensionId: row.extension_id,
      userId: row.user_id,
      appliances: JSON.parse(row.appliances),
      scenes: JSON.parse(row.scenes),
      customCommands: JSON.parse(row.custom_commands),
      discoveredAt: instant(row.discovered_at),
    }));
  }

  /** When each of the user's discoveries was stored (cheap freshness check for caches). */
  async versions(userId: string): Promise<string> {
    const rows = await this.db
      .selectFrom("home_discoveries")
      .select(["extension_id", "discovered_at"])
      .where("user_id", "=", userId)
      .orderBy("extension_id")
      .execute();
    return rows.map((r) => `${r.extension_id}@${instant(r.discovered_at)}`).join(",");
  }

  /** Users with a discovery for this extension (daily discovery). */
  async users(extensionId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("home_discoveries")
      .select("user_id")
      .where("extension_id", "=", extensionId)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Unlinking removes the user's devices (issue: "unlinking removes the user's devices"). */
  async remove(extensionId: string, userId: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .deleteFrom("home_discoveries")
        .where("extension_id", "=", extensionId)
        .where("user_id", "=", userId)
        .execute();
      await tx
        .deleteFrom("home_appliance_owners")
        .where("extension_id", "=", extensionId)
        .where("user_id", "=", userId)
        .execute();
    });
  }

  /** The users whose discovery for this extension lists the appliance (§11.1). */
  async owners(extensionId: string, applianceId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("home_appliance_owners")
      .select("user_id")
      .where("extension_id", "=", extensionId)
      .where("appliance_id", "=", applianceId)
      .execute();
    return rows.map((r) => r.user_id);
  }
}
