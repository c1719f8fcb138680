// Discovery (cek-home-extension.md §4, §4.9 rule 6): DiscoverAppliancesRequest, then
// DiscoverScenesRequest (any error or timeout: no scenes), the user's list replaced at once.
// Runs right after linking, on demand, daily and after NoSuchTargetError; the daily and the
// after-error runs are claimed jobs keyed per (user, extension), so several nodes run each once.
import type {
  ApplianceInfoObject,
  CustomCommandInfoObject,
  SceneInfoObject,
} from "@clover/protocol";
import type { Logger } from "pino";
import type { HomeExchange } from "../../cek/home/client.js";
import type { HomeStore } from "../../store/home.js";
import type { Job } from "../../store/jobs.js";
import type { AbilityServices } from "../services.js";
import type { HomeSender } from "./dispatch.js";

export const DISCOVERY_JOB = "home.discover";
const DAY_MS = 24 * 60 * 60 * 1000;

export type DiscoveryResult =
  | { ok: true; appliances: number; scenes: number; exchanges: HomeExchange[] }
  | { ok: false; reason: "unlinked" | "failed"; message: string; exchanges: HomeExchange[] };

interface DiscoveryJob {
  extensionId: string;
  userId: string;
}

export class HomeDiscovery {
  constructor(
    private readonly store: HomeStore,
    private readonly sender: HomeSender,
    private readonly services: AbilityServices,
    private readonly log: Logger,
    private readonly changed: (userId: string) => void,
  ) {
    services.jobRunner.handle(DISCOVERY_JOB, (job) => this.#runJob(job));
  }

  async discover(extensionId: string, userId: string): Promise<DiscoveryResult> {
    const sent = await this.sender.send(extensionId, userId, "DiscoverAppliancesRequest", {});
    const outcome = sent.outcome;
    if (outcome.kind === "unlinked")
      return { ok: false, reason: "unlinked", message: "not linked", exchanges: sent.exchanges };
    if (outcome.kind !== "success")
      return {
        ok: false,
        reason: "failed",
        message: outcome.kind === "error" ? outcome.name : outcome.message,
        exchanges: sent.exchanges,
      };
    const appliances = unique(outcome.payload.discoveredAppliances as ApplianceInfoObject[]);
    const customCommands =
      (outcome.payload.customCommands as CustomCommandInfoObject[] | undefined) ?? [];
    let scenes: SceneInfoObject[] = [];
    const sceneSent = await this.sender.send(extensionId, userId, "DiscoverScenesRequest", {});
    if (sceneSent.outcome.kind === "success")
      scenes = sceneSent.outcome.payload.discoveredScenes as SceneInfoObject[];
    await this.store.replace({
      extensionId,
      userId,
      appliances,
      scenes,
      customCommands,
      discoveredAt: this.services.clock.now(),
    });
    this.changed(userId);
    await this.scheduleDaily(extensionId, userId);
    return {
      ok: true,
      appliances: appliances.length,
      scenes: scenes.length,
      exchanges: [...sent.exchanges, ...sceneSent.exchanges],
    };
  }

  /** After NoSuchTargetError: as soon as a node picks it up (replaces the daily run). */
  async scheduleNow(extensionId: string, userId: string): Promise<void> {
    await this.#schedule(extensionId, userId, this.services.clock.now());
  }

  async scheduleDaily(extensionId: string, userId: string): Promise<void> {
    await this.#schedule(extensionId, userId, this.services.clock.now() + DAY_MS);
  }

  async cancel(extensionId: string, userId: string): Promise<void> {
    await this.services.jobs.cancel(jobKey(extensionId, userId));
  }

  async #schedule(extensionId: string, userId: string, runAt: number): Promise<void> {
    await this.services.jobs.schedule({
      kind: DISCOVERY_JOB,
      runAt,
      uniqueKey: jobKey(extensionId, userId),
      payload: { extensionId, userId } satisfies DiscoveryJob,
    });
  }

  async #runJob(job: Job): Promise<void> {
    const { extensionId, userId } = job.payload as DiscoveryJob;
    const result = await this.discover(extensionId, userId);
    if (!result.ok && result.reason === "failed") {
      // Try again tomorrow; the stored list stays as it was.
      this.log.warn({ extensionId, userId, failure: result.message }, "home discovery failed");
      await this.scheduleDaily(extensionId, userId);
    }
  }
}

function jobKey(extensionId: string, userId: string): string {
  return `${DISCOVERY_JOB}:${extensionId}:${userId}`;
}

/** One entry per applianceId (the id is unique within an account, §4.2). */
function unique(appliances: ApplianceInfoObject[]): ApplianceInfoObject[] {
  const seen = new Set<string>();
  return appliances.filter((a) => !seen.has(a.applianceId) && seen.add(a.applianceId));
}
