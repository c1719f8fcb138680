// Everything a node keeps in Redis when REDIS_URL is set (docs/scale-out.md): sessions, device
// state and the newest dialog per device, the downchannel directory and bus, and one connection
// for probes. Each part has its own connection, so a slow command of one never queues another's.
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { RedisDirectiveBus } from "./bus.js";
import { closeRedis, openRedis } from "./connection.js";
import { RedisDeviceStateStore } from "./device-state.js";
import { RedisSessionStore } from "./sessions.js";
import { RedisSideMemoryStore } from "./side-memory.js";
import { RedisTurnLog } from "./turn-log.js";
import { RedisUserDeviceIndex } from "./user-devices.js";

export { RedisDirectiveBus } from "./bus.js";
export { closeRedis, connectRedis, openRedis, RedisUnavailableError } from "./connection.js";
export { RedisDeviceStateStore } from "./device-state.js";
export { RedisSessionStore } from "./sessions.js";
export { RedisSideMemoryStore } from "./side-memory.js";
export { RedisTurnLog } from "./turn-log.js";
export { RedisUserDeviceIndex } from "./user-devices.js";

export interface RedisBackend {
  sessions: RedisSessionStore;
  deviceStates: RedisDeviceStateStore;
  bus: RedisDirectiveBus;
  userDevices: RedisUserDeviceIndex;
  /** The turn log every node writes and the console reads (one connection). */
  turns: RedisTurnLog;
  /** The device side's memory per device and user (play queues, known devices…). */
  sideMemory: RedisSideMemoryStore;
  /** Rate-limit buckets shared by every node (one connection for all limiters). */
  rateLimits: Redis;
  /** For readiness probes and operator tools. */
  probe: Redis;
  /** Closes what the platform and gateway do not close themselves (the probe). */
  close(): Promise<void>;
}

export async function openRedisBackend(
  url: string,
  nodeId: string,
  log: Logger,
): Promise<RedisBackend> {
  const opened = await Promise.allSettled([0, 1, 2, 3, 4, 5, 6, 7, 8].map(() => openRedis(url)));
  const failed = opened.find((o) => o.status === "rejected");
  if (failed) {
    for (const o of opened) if (o.status === "fulfilled") o.value.disconnect();
    throw failed.reason;
  }
  const [sessions, deviceStates, commands, subscriber, probe, users, turns, rateLimits, side] =
    opened.map((o) => (o as PromiseFulfilledResult<Redis>).value) as Redis[];
  const bus = new RedisDirectiveBus(commands, subscriber, {
    nodeId,
    onError: (error) => log.warn({ err: error }, "downchannel directory: Redis command failed"),
  });
  await bus.start();
  return {
    sessions: new RedisSessionStore(sessions),
    deviceStates: new RedisDeviceStateStore(deviceStates),
    bus,
    userDevices: new RedisUserDeviceIndex(users),
    turns: new RedisTurnLog(turns, {}, undefined, false),
    rateLimits,
    sideMemory: new RedisSideMemoryStore(side, undefined, false),
    probe,
    close: async () => {
      await closeRedis(users);
      await closeRedis(turns);
      await closeRedis(rateLimits);
      await closeRedis(side);
      await closeRedis(probe);
    },
  };
}
export { RedisRateLimiter } from "./rate-limits.js";
