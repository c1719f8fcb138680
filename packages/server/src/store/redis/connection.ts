// One Redis connection per use (commands, subscriptions) with the platform's rules: no offline
// queue (a command while Redis is away fails at once with a clear error instead of waiting),
// a deadline on every command, and reconnection with a capped backoff, so the platform
// degrades while Redis is down and recovers by itself (docs/scale-out.md).
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
  return redis;
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
