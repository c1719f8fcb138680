// The turn log on Redis (docs/scale-out.md), shared by every node: each turn is one JSON
// string pushed onto capped lists — all turns, the device's, the user's and the extension's —
// so a console reading any node sees the turns every node answered. Keyed lists expire a week
// after their last turn. Turns are written in batches: the turns of up to FLUSH_AFTER_MS (at
// most MAX_BATCH) go in one script call (ids from one INCRBY, one LPUSH and one LTRIM per list),
// which costs Redis and the node far less than a call per turn; what waits in a node's memory
// is lost if the node crashes (the devices have their answers; only the log misses them).
import type { Redis } from "ioredis";
import { ApiError } from "../../api/http.js";
import {
  DEFAULT_TURN_LOG_LIMITS,
  DIALOG_INDEX_MS,
  type ExtensionHealth,
  filtered,
  healthOf,
  type LoggedTurn,
  listOf,
  type TurnFilter,
  type TurnLog,
  type TurnLogLimits,
  type TurnScope,
} from "../../insight/conversation-log.js";
import { closeRedis, DEFAULT_PREFIX } from "./connection.js";
import { RespArgs, RespScript } from "./resp.js";

/** Turns read per LRANGE. */
const PAGE = 50;
/** A device, user or extension without a turn for this long has its list dropped. */
const KEYED_TTL_MS = 7 * 24 * 3600_000;
/**
 * A turn waits at most this long in the node's memory before its batch is sent: at a few tens
 * of turns per second several share a call (docs/scale-out.md "One turn on Redis").
 */
export const FLUSH_AFTER_MS = 50;
/** Turns per script call; a fuller buffer is sent at once. */
export const MAX_BATCH = 100;

// KEYS[1] id counter, KEYS[2] the all-turns list (no expiry), KEYS[3..] the keys named by the
// entries; ARGV[1] TTL of the device, user and extension lists, ARGV[2] TTL of a dialog's
// index key, ARGV[3] cap of the all-turns list, ARGV[4..6] caps of a device's, user's and
// extension's list, ARGV[7] number of entries, then per entry: its JSON without id, its keys'
// kinds, one letter each in the order of its keys in KEYS ("d" device list, "u" user list, "x"
// extension list, "g" the dialog's index key), and with a "g" its device id (the index's
// value). Returns the first id (the others follow).
const RECORD_BATCH = `
local caps = {d = tonumber(ARGV[4]), u = tonumber(ARGV[5]), x = tonumber(ARGV[6])}
local n = tonumber(ARGV[7])
local first = redis.call("INCRBY", KEYS[1], n) - n + 1
local all = {}
local lists = {}
local order = {}
local k = 3
local a = 8
for e = 0, n - 1 do
  local entry = '{"id":' .. (first + e) .. ',' .. string.sub(ARGV[a], 2)
  all[#all + 1] = entry
  local kinds = ARGV[a + 1]
  local next = a + 2
  for j = 1, #kinds do
    local kind = string.sub(kinds, j, j)
    local key = KEYS[k]
    if kind == "g" then
      redis.call("SET", key, ARGV[a + 2], "PX", ARGV[2])
      next = a + 3
    else
      local list = lists[key]
      if not list then
        list = {cap = caps[kind], values = {}}
        lists[key] = list
        order[#order + 1] = key
      end
      list.values[#list.values + 1] = entry
    end
    k = k + 1
  end
  a = next
end
redis.call("LPUSH", KEYS[2], unpack(all))
redis.call("LTRIM", KEYS[2], 0, tonumber(ARGV[3]) - 1)
for _, key in ipairs(order) do
  local list = lists[key]
  redis.call("LPUSH", key, unpack(list.values))
  redis.call("LTRIM", key, 0, list.cap - 1)
  redis.call("PEXPIRE", key, ARGV[1])
end
return first`;

const RECORD_SCRIPT = new RespScript(RECORD_BATCH);

/** A turn's keys' kinds (RECORD_BATCH): index 1 with an extension, + 2 with a dialog. */
const KINDS = ["du", "dux", "dug", "duxg"];

interface Pending {
  /**
   * The turn's JSON as bytes: outside the JavaScript heap while it waits for its batch (the
   * string dies at once), and written into the script call as is. The entry's objects are not
   * kept (they would outlive the turn by the batch's wait, long enough to be promoted).
   */
  json: Buffer;
  deviceId: string;
  userId: string;
  extensionId: string | undefined;
  dialogRequestId: string | undefined;
  resolve: (id: number) => void;
  reject: (error: unknown) => void;
}

/** A stored turn as read: its result's exchange is the entry's (stored once). */
function fromJson(line: string): LoggedTurn {
  const turn = JSON.parse(line) as LoggedTurn;
  if (turn.result && turn.exchange) turn.result.exchange = turn.exchange;
  return turn;
}

export class RedisTurnLog implements TurnLog {
  readonly limits: TurnLogLimits;
  #pending: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  readonly #inFlight = new Set<Promise<void>>();

  constructor(
    private readonly redis: Redis,
    limits: Partial<TurnLogLimits> = {},
    private readonly prefix = DEFAULT_PREFIX,
    private readonly ownsConnection = true,
  ) {
    this.limits = { ...DEFAULT_TURN_LOG_LIMITS, ...limits };
  }

  /** The device a dialogRequestId came from (DIALOG_INDEX_MS). */
  #dialogKey(dialogRequestId: string): string {
    return `${this.prefix}turns:dialog:${dialogRequestId}`;
  }

  #key(scope: TurnScope, id: string): string {
    return scope === "all" ? `${this.prefix}turns` : `${this.prefix}turns:${scope}:${id}`;
  }

  /** Resolves with the turn's id once its batch is stored (then every node's reads see it). */
  record(entry: Omit<LoggedTurn, "id">): Promise<number> {
    // The result's exchange is the entry's: stored once, put back when read (fromJson).
    const stored = entry.result?.exchange
      ? { ...entry, result: { ...entry.result, exchange: undefined } }
      : entry;
    const json = Buffer.from(JSON.stringify(stored));
    const { deviceId, userId, extensionId, dialogRequestId } = entry;
    return new Promise<number>((resolve, reject) => {
      this.#pending.push({ json, deviceId, userId, extensionId, dialogRequestId, resolve, reject });
      if (this.#pending.length >= MAX_BATCH) this.#flush();
      else this.#timer ??= setTimeout(this.#flushLater, FLUSH_AFTER_MS);
    });
  }

  readonly #flushLater = () => this.#flush();

  /**
   * Sends what waits, in one script call (the buffer never holds more than MAX_BATCH) whose
   * bytes are written here (resp.ts): each turn's keys and JSON without a string of its own.
   */
  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    if (batch.length === 0) return;
    this.#pending = [];
    const prefix = this.prefix;
    let keys = 2;
    for (const turn of batch)
      keys += 2 + (turn.extensionId ? 1 : 0) + (turn.dialogRequestId ? 1 : 0);
    const call = new RespArgs().number(keys).string(prefix, "turns:id").string(prefix, "turns");
    for (const turn of batch) {
      call
        .string(prefix, "turns:device:", turn.deviceId)
        .string(prefix, "turns:user:", turn.userId);
      if (turn.extensionId) call.string(prefix, "turns:extension:", turn.extensionId);
      if (turn.dialogRequestId) call.string(prefix, "turns:dialog:", turn.dialogRequestId);
    }
    const { total, perDevice, perUser, perExtension } = this.limits;
    call
      .number(KEYED_TTL_MS)
      .number(DIALOG_INDEX_MS)
      .number(total)
      .number(perDevice)
      .number(perUser)
      .number(perExtension)
      .number(batch.length);
    for (const turn of batch) {
      call
        .bytes(turn.json)
        .string(KINDS[(turn.extensionId ? 1 : 0) + (turn.dialogRequestId ? 2 : 0)]!);
      if (turn.dialogRequestId) call.string(turn.deviceId);
    }
    const sent = RECORD_SCRIPT.run(this.redis, call).then(
      (first) => {
        for (let i = 0; i < batch.length; i++) batch[i]!.resolve(Number(first) + i);
      },
      (error: unknown) => {
        for (const turn of batch) turn.reject(error);
      },
    );
    this.#inFlight.add(sent);
    void sent.finally(() => this.#inFlight.delete(sent));
  }

  /**
   * Reads a list newest first, a page at a time, until `enough` says the turns read so far
   * answer the request (entries carry whole CEK exchanges: never read more than needed).
   */
  async #read(
    scope: TurnScope,
    id: string,
    enough: (turns: LoggedTurn[]) => boolean = () => false,
  ): Promise<LoggedTurn[]> {
    const key = this.#key(scope, id);
    const turns: LoggedTurn[] = [];
    for (let start = 0; ; start += PAGE) {
      const raw = await this.#guard(this.redis.lrange(key, start, start + PAGE - 1));
      for (const line of raw) turns.push(fromJson(line));
      if (raw.length < PAGE || enough(turns)) return turns;
    }
  }

  /** A read of the log: a Redis failure becomes a 503 naming Redis. */
  #guard<T>(read: Promise<T>): Promise<T> {
    return read.catch((error: unknown) => {
      throw new ApiError(
        503,
        "unavailable",
        `the turn log is kept on Redis, which does not answer (${(error as Error).message}); retry shortly`,
      );
    });
  }

  async list(filter: TurnFilter = {}): Promise<LoggedTurn[]> {
    const limit = filter.limit ?? 100;
    let dialogDevice: string | undefined;
    if (filter.dialogRequestId && !filter.deviceId)
      dialogDevice =
        (await this.#guard(this.redis.get(this.#dialogKey(filter.dialogRequestId)))) ?? undefined;
    const { scope, id } = listOf(filter, dialogDevice);
    return filtered(
      await this.#read(scope, id, (turns) => filtered(turns, filter).length >= limit),
      filter,
    );
  }

  async health(extensionId: string): Promise<ExtensionHealth> {
    return healthOf(extensionId, await this.#read("extension", extensionId));
  }

  /** Sends what waits and waits for every batch, then closes (when it owns the connection). */
  async close() {
    this.#flush();
    await Promise.allSettled([...this.#inFlight]);
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
