// Device records on Redis (docs/scale-out.md): one hash per device key (context objects by
// `Namespace.Name`, language, playback owner) and one string with its newest dialogRequestId
// (and one naming the node that started it), so whichever node a device reaches next sees what
// it reported last. Whether a dialog was superseded is known on the node without asking Redis:
// it knows the dialogs it started, and a start on another node tells it (DIALOG in batch.ts).
import type { Redis } from "ioredis";
import type { Language } from "../../assistant/turn.js";
import {
  type ContextObject,
  type DeviceRecord,
  type DeviceStateStore,
  NewestDialogs,
} from "../../cic/device-state.js";
import { CicError } from "../../cic/exception.js";
import { type RedisTickBatch, tickBatch } from "./batch.js";
import { closeRedis, DEFAULT_PREFIX } from "./connection.js";

/** A device silent for this long is forgotten (it reports its whole context on every event). */
const DEVICE_TTL_MS = 30 * 24 * 3600_000;
/** A node renews a device record's expiry at most this often (not with every event). */
const RENEW_EVERY_MS = 3600_000;
/** Devices whose last renewal a node remembers. */
const RENEWALS_KEPT = 100_000;
/** A dialog older than this cannot be answered anyway (the device gave up long ago). */
const DIALOG_TTL_MS = 10 * 60_000;

/** While Redis is away, events are refused with 503 and a reason (docs/scale-out.md). */
function unavailable(error: unknown): never {
  throw new CicError(
    503,
    `shared device state is unavailable (Redis: ${(error as Error).message}); retry shortly`,
  );
}

export class RedisDeviceStateStore implements DeviceStateStore {
  private readonly redis: Redis;
  /** A turn's writes and reads of one tick go to Redis in one script call (batch.ts). */
  readonly #batch: RedisTickBatch;
  /** The dialogs this node started, less those another node has replaced since. */
  readonly #dialogs = new NewestDialogs();

  constructor(
    redis: Redis,
    private readonly prefix = DEFAULT_PREFIX,
    private readonly ownsConnection = true,
    /**
     * This node's id, the one its directive bus listens under: a dialog started on another
     * node that replaces one started here is announced on that channel (`dialogReplaced`).
     */
    private readonly nodeId: string = crypto.randomUUID(),
  ) {
    this.redis = redis;
    this.#batch = tickBatch(redis);
  }

  /** Runs one store operation; a Redis failure becomes a CIC 503. */
  private guard<T>(operation: Promise<T>): Promise<T> {
    return operation.catch(unavailable);
  }

  #key(deviceKey: string): string {
    return `${this.prefix}device:${deviceKey}`;
  }

  /** When this node last renewed each device record's expiry (bounded, oldest dropped). */
  readonly #renewed = new Map<string, number>();

  /**
   * HSET, with a PEXPIRE when this node has not renewed the record for RENEW_EVERY_MS: a
   * device is forgotten 30 days after its last event, give or take that hour (a record that
   * Redis lost and an HSET re-created gets its expiry at the node's next renewal).
   */
  async #set(deviceKey: string, fields: string[]): Promise<void> {
    const key = this.#key(deviceKey);
    const now = Date.now();
    const renewed = this.#renewed.get(deviceKey);
    const renew = renewed === undefined || now - renewed >= RENEW_EVERY_MS;
    if (renew) {
      this.#renewed.delete(deviceKey);
      this.#renewed.set(deviceKey, now);
      if (this.#renewed.size > RENEWALS_KEPT)
        this.#renewed.delete(this.#renewed.keys().next().value!);
    }
    const written = this.#batch.hset(key, fields);
    // Most writes renew nothing: one promise for the caller, no list of two.
    if (!renew) {
      await this.guard(written);
      return;
    }
    await this.guard(
      Promise.all([written, this.#batch.pexpire(key, DEVICE_TTL_MS)]).catch((error: unknown) => {
        // Renew again next time: this one may not have reached Redis.
        this.#renewed.delete(deviceKey);
        throw error;
      }),
    );
  }

  update(deviceKey: string, context: readonly ContextObject[]): Promise<void> {
    const fields: string[] = [];
    for (const item of context)
      fields.push(
        `context:${item.header.namespace}.${item.header.name}`,
        JSON.stringify(item.payload),
      );
    return this.#set(deviceKey, fields);
  }

  setLanguage(deviceKey: string, language: Language): Promise<void> {
    return this.#set(deviceKey, ["language", language]);
  }

  async setPlaybackOwner(deviceKey: string, extensionId: string | undefined): Promise<void> {
    if (extensionId === undefined)
      await this.guard(this.#batch.hdel(this.#key(deviceKey), "playbackOwner"));
    else await this.#set(deviceKey, ["playbackOwner", extensionId]);
  }

  async read(deviceKey: string): Promise<DeviceRecord> {
    const fields = await this.guard(this.#batch.hgetall(this.#key(deviceKey)));
    const record: DeviceRecord = { context: {} };
    for (const [field, value] of Object.entries(fields)) {
      if (field.startsWith("context:"))
        record.context[field.slice("context:".length)] = JSON.parse(value) as Record<
          string,
          unknown
        >;
      else if (field === "language") record.language = value as Language;
      else if (field === "playbackOwner") record.playbackOwner = value;
    }
    return record;
  }

  async startDialog(deviceKey: string, dialogRequestId: string): Promise<void> {
    // Marked here once written: a dialog whose event the rate limits refused (its commands
    // skipped in the turn's script call) replaces nothing, as on a node in memory.
    await this.guard(
      this.#batch.dialog(`${this.prefix}dialog:${deviceKey}`, {
        dialogRequestId,
        ttlMs: DIALOG_TTL_MS,
        nodeKey: `${this.prefix}dialog-node:${deviceKey}`,
        nodeId: this.nodeId,
        channelPrefix: `${this.prefix}node:`,
        deviceKey,
      }),
    );
    this.#dialogs.start(deviceKey, dialogRequestId);
  }

  superseded(deviceKey: string, dialogRequestId: string): boolean {
    return this.#dialogs.superseded(deviceKey, dialogRequestId);
  }

  /** Another node started a dialog of the device that replaces `dialogRequestId`. */
  dialogReplaced(deviceKey: string, dialogRequestId: string): void {
    this.#dialogs.replaced(deviceKey, dialogRequestId);
  }

  async close(): Promise<void> {
    this.#dialogs.clear();
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
