// SessionStore on Redis (docs/scale-out.md): each session is a hash (its sessionId and its JSON),
// and one sorted set orders the keys by the instant their listening window closes, so any node
// finds the expired ones. "Ended exactly once" and the sweep lease are Lua scripts, atomic on
// the server: two nodes deleting or claiming the same session cannot both succeed.
import type { Redis } from "ioredis";
import type { DialogSession, SessionStore } from "../sessions.js";
import { type RedisTickBatch, tickBatch } from "./batch.js";
import { closeRedis, DEFAULT_PREFIX, type RedisScript, redisScript } from "./connection.js";

/** A session nobody swept (every node down for long) disappears after this anyway. */
const ABANDONED_AFTER_MS = 24 * 3600_000;
/** Playback owners are forgotten after a week without a new stream. */
const PLAYBACK_OWNER_TTL_MS = 7 * 24 * 3600_000;

// KEYS[1] session hash, KEYS[2] expiry set; ARGV: key, sessionId, JSON, window close, hash
// deadline. One script: atomic, and one command instead of MULTI's five.
const PUT = `
redis.call("HSET", KEYS[1], "sid", ARGV[2], "data", ARGV[3])
redis.call("PEXPIREAT", KEYS[1], ARGV[5])
redis.call("ZADD", KEYS[2], ARGV[4], ARGV[1])
return 1`;

// KEYS[1] session hash, KEYS[2] expiry set; ARGV[1] key, ARGV[2] sessionId or "".
const DELETE = `
if ARGV[2] ~= "" and redis.call("HGET", KEYS[1], "sid") ~= ARGV[2] then return 0 end
if redis.call("DEL", KEYS[1]) == 0 then return 0 end
redis.call("ZREM", KEYS[2], ARGV[1])
return 1`;

// KEYS[1] session hash, KEYS[2] expiry set; ARGV[1] key, ARGV[2] now, ARGV[3] lease end.
// The score is the window's close or, while claimed, the lease's end.
const CLAIM = `
local score = redis.call("ZSCORE", KEYS[2], ARGV[1])
if not score or tonumber(score) > tonumber(ARGV[2]) then return false end
local data = redis.call("HGET", KEYS[1], "data")
if not data then redis.call("ZREM", KEYS[2], ARGV[1]) return false end
redis.call("ZADD", KEYS[2], ARGV[3], ARGV[1])
return data`;

export class RedisSessionStore implements SessionStore {
  readonly #expiry: string;
  readonly #put: RedisScript;
  readonly #delete: RedisScript;
  readonly #claim: RedisScript;
  /** A turn's read ahead goes with its other commands of the tick (batch.ts). */
  readonly #batch: RedisTickBatch;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = DEFAULT_PREFIX,
    private readonly ownsConnection = true,
  ) {
    this.#expiry = `${prefix}sessions:expiry`;
    this.#put = redisScript(redis, "cloverSessionPut", PUT);
    this.#delete = redisScript(redis, "cloverSessionDelete", DELETE);
    this.#claim = redisScript(redis, "cloverSessionClaim", CLAIM);
    this.#batch = tickBatch(redis);
  }

  #key(key: string): string {
    return `${this.prefix}session:${key}`;
  }

  async get(key: string): Promise<DialogSession | undefined> {
    const data = await this.#batch.hget(this.#key(key), "data");
    return data === null ? undefined : (JSON.parse(data) as DialogSession);
  }

  async put(session: DialogSession): Promise<void> {
    await this.#put(
      [this.#key(session.key), this.#expiry],
      [
        session.key,
        session.sessionId,
        JSON.stringify(session),
        session.expiresAt,
        session.expiresAt + ABANDONED_AFTER_MS,
      ],
    );
  }

  async delete(key: string, sessionId?: string): Promise<boolean> {
    const done = await this.#delete([this.#key(key), this.#expiry], [key, sessionId ?? ""]);
    return done === 1;
  }

  async expiredKeys(now: number, limit = 1000): Promise<string[]> {
    return this.redis.zrangebyscore(this.#expiry, "-inf", now, "LIMIT", 0, limit);
  }

  async claimExpired(key: string, now: number, leaseMs: number) {
    const data = await this.#claim([this.#key(key), this.#expiry], [key, now, now + leaseMs]);
    return typeof data === "string" ? (JSON.parse(data) as DialogSession) : undefined;
  }

  async getPlaybackOwner(deviceId: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}playback-owner:${deviceId}`)) ?? undefined;
  }

  async setPlaybackOwner(deviceId: string, extensionId: string | undefined): Promise<void> {
    const key = `${this.prefix}playback-owner:${deviceId}`;
    if (extensionId === undefined) await this.redis.del(key);
    else await this.redis.set(key, extensionId, "PX", PLAYBACK_OWNER_TTL_MS);
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}

/** MULTI answers [error, result] per step; the first error fails the whole call. */
export function failedStep(results: [Error | null, unknown][] | null): void {
  if (!results) throw new Error("Redis transaction was discarded");
  for (const [error] of results) if (error) throw error;
}
