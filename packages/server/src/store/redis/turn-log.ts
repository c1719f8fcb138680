// The turn log on Redis (docs/scale-out.md), shared by every node: each turn is one JSON
// string pushed onto capped lists — all turns, the device's, the user's and the extension's —
// by one Lua script (an id from INCR, LPUSH, LTRIM, PEXPIRE), so a console reading any node
// sees the turns every node answered. Keyed lists expire a week after their last turn.
import type { Redis } from "ioredis";
import { ApiError } from "../../api/http.js";
import {
  DEFAULT_TURN_LOG_LIMITS,
  type ExtensionHealth,
  filtered,
  healthOf,
  type LoggedTurn,
  listOf,
  PER_DIALOG,
  type TurnFilter,
  type TurnLog,
  type TurnLogLimits,
  type TurnScope,
} from "../../insight/conversation-log.js";
import { closeRedis, DEFAULT_PREFIX } from "./connection.js";

/** Turns read per LRANGE. */
const PAGE = 50;
/** A device, user, extension or dialog without a turn for this long has its list dropped. */
const KEYED_TTL_MS = 7 * 24 * 3600_000;

// KEYS[1] id counter, KEYS[2..] lists; ARGV[1] entry JSON without id, ARGV[2] TTL of keyed
// lists, ARGV[3..] cap of each list. The all-turns list (KEYS[2]) does not expire.
const RECORD = `
local id = redis.call("INCR", KEYS[1])
local entry = '{"id":' .. id .. ',' .. string.sub(ARGV[1], 2)
for i = 2, #KEYS do
  redis.call("LPUSH", KEYS[i], entry)
  redis.call("LTRIM", KEYS[i], 0, tonumber(ARGV[i + 1]) - 1)
  if i > 2 then redis.call("PEXPIRE", KEYS[i], ARGV[2]) end
end
return id`;

export class RedisTurnLog implements TurnLog {
  readonly limits: TurnLogLimits;

  constructor(
    private readonly redis: Redis,
    limits: Partial<TurnLogLimits> = {},
    private readonly prefix = DEFAULT_PREFIX,
    private readonly ownsConnection = true,
  ) {
    this.limits = { ...DEFAULT_TURN_LOG_LIMITS, ...limits };
  }

  #key(scope: TurnScope, id: string): string {
    return scope === "all" ? `${this.prefix}turns` : `${this.prefix}turns:${scope}:${id}`;
  }

  async record(entry: Omit<LoggedTurn, "id">): Promise<LoggedTurn> {
    const keys = [
      this.#key("all", ""),
      this.#key("device", entry.deviceId),
      this.#key("user", entry.userId),
    ];
    const caps = [this.limits.total, this.limits.perDevice, this.limits.perUser];
    if (entry.extensionId) {
      keys.push(this.#key("extension", entry.extensionId));
      caps.push(this.limits.perExtension);
    }
    if (entry.dialogRequestId) {
      keys.push(this.#key("dialog", entry.dialogRequestId));
      caps.push(PER_DIALOG);
    }
    const id = (await this.redis.eval(
      RECORD,
      keys.length + 1,
      `${this.prefix}turns:id`,
      ...keys,
      JSON.stringify(entry),
      KEYED_TTL_MS,
      ...caps,
    )) as number;
    return { id, ...entry };
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
    try {
      for (let start = 0; ; start += PAGE) {
        const raw = await this.redis.lrange(key, start, start + PAGE - 1);
        for (const line of raw) turns.push(JSON.parse(line) as LoggedTurn);
        if (raw.length < PAGE || enough(turns)) return turns;
      }
    } catch (error) {
      throw new ApiError(
        503,
        "unavailable",
        `the turn log is kept on Redis, which does not answer (${(error as Error).message}); retry shortly`,
      );
    }
  }

  async list(filter: TurnFilter = {}): Promise<LoggedTurn[]> {
    const { scope, id } = listOf(filter);
    const limit = filter.limit ?? 100;
    return filtered(
      await this.#read(scope, id, (turns) => filtered(turns, filter).length >= limit),
      filter,
    );
  }

  async health(extensionId: string): Promise<ExtensionHealth> {
    return healthOf(extensionId, await this.#read("extension", extensionId));
  }

  async close() {
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
