// One Redis connection per use (commands, subscriptions) with the platform's rules: no offline
// queue (a command while Redis is away fails at once with a clear error instead of waiting),
// a deadline on every command, and reconnection with a capped backoff, so the platform
// degrades while Redis is down and recovers by itself (docs/scale-out.md). What one tick of
// the event loop sends on a connection leaves in one socket write, and Lua scripts travel as
// their SHA1 once a connection knows them.
import { Redis } from "ioredis";

export interface RedisOptions {
  /** Every command must answer within this (ms). */
  commandTimeoutMs?: number;
  /** Prefix of every key and channel, so several platforms can share one Redis. */
  prefix?: string;
}

export const DEFAULT_PREFIX = "clover:";

export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

export function connectRedis(url: string, options: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
    lazyConnect: true,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1000),
    reconnectOnError: () => false,
  });
  // Errors surface through the commands that fail; the connection itself keeps retrying.
  redis.on("error", () => {});
  redis.on("connect", () => coalesceWrites(redis.stream));
  return redis;
}

const coalescing = new WeakSet<object>();

/**
 * Every command written to `socket` during one tick of the event loop (a turn's reads and
 * writes, several turns' commands) leaves in one write system call instead of one each: the
 * socket is corked at the tick's first write and uncorked once the tick's promise callbacks
 * have run (process.nextTick runs after them). Nothing waits for a timer or for an earlier
 * batch, unlike ioredis auto-pipelining, which keeps one batch in flight per connection.
 * Installed on each new socket (ioredis makes one per reconnection).
 */
function coalesceWrites(socket: Redis["stream"] | undefined): void {
  if (!socket || coalescing.has(socket)) return;
  coalescing.add(socket);
  const write = socket.write;
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  socket.write = function (this: typeof socket, ...args: Parameters<typeof write>) {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write.apply(this, args);
  } as typeof write;
}

/** Runs a Lua script: `keys` then `args`, as EVAL takes them. */
export type RedisScript = (
  keys: readonly string[],
  args: readonly (string | number | Buffer)[],
) => Promise<unknown>;

/**
 * A Lua script sent as EVALSHA (its SHA1, 40 bytes) once the connection has run it: the first
 * call on each socket sends the text (EVAL), and a NOSCRIPT answer (Redis restarted without
 * its script cache) sends it again. `name` must be unique per script text.
 */
export function redisScript(redis: Redis, name: string, lua: string): RedisScript {
  if (!(name in redis.scriptsSet)) redis.defineCommand(name, { lua });
  const run = (redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[name]!;
  return (keys, args) => run.call(redis, keys.length, ...keys, ...args);
}

/** Connects and waits until Redis answers; throws a clear error naming the URL's host. */
export async function openRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  const redis = connectRedis(url, options);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    let where = url;
    try {
      const parsed = new URL(url);
      where = `${parsed.hostname}:${parsed.port || 6379}`;
    } catch {}
    throw new RedisUnavailableError(
      `REDIS_URL: cannot reach Redis at ${where}: ${(error as Error).message}`,
    );
  }
  return redis;
}

/** Closes a connection politely, or at once when Redis is away. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") {
    try {
      await redis.quit();
      return;
    } catch {}
  }
  redis.disconnect();
}
