// Everything a node keeps in Redis when REDIS_URL is set (docs/scale-out.md): sessions, device
// state and the newest dialog per device, the downchannel directory and bus, and one connection
// for probes. What a turn waits for — rate limits, device state, the device side's memory and
// the session — shares one connection: the commands a turn sends together are pipelined on it
// and Redis answers them together. The rest (the turn log with its long reads, the directory's
// heartbeats, subscriptions, probes) have their own, so they never queue a turn's commands.
// Not ioredis auto-pipelining: it holds a tick's commands back while an earlier batch is still
// out, which added up to a round trip of waiting per step of a turn (test/scale/round-trips).
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
  /** The connection of the rate-limit buckets shared by every node (the turn's connection). */
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
  const opened = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(() => openRedis(url)));
  const failed = opened.find((o) => o.status === "rejected");
  if (failed) {
    for (const o of opened) if (o.status === "fulfilled") o.value.disconnect();
    throw failed.reason;
  }
  const [turn, commands, subscriber, probe, users, turns] = opened.map(
    (o) => (o as PromiseFulfilledResult<Redis>).value,
  ) as Redis[];
  const bus = new RedisDirectiveBus(commands, subscriber, {
    nodeId,
    onError: (error) => log.warn({ err: error }, "downchannel directory: Redis command failed"),
  });
  const deviceStates = new RedisDeviceStateStore(turn, undefined, false, nodeId);
  bus.onDialogReplaced = (deviceKey, dialogRequestId) =>
    deviceStates.dialogReplaced(deviceKey, dialogRequestId);
  await bus.start();
  return {
    sessions: new RedisSessionStore(turn, undefined, false),
    deviceStates,
    bus,
    userDevices: new RedisUserDeviceIndex(users),
    turns: new RedisTurnLog(turns, {}, undefined, false),
    rateLimits: turn,
    sideMemory: new RedisSideMemoryStore(turn, undefined, false),
    probe,
    close: async () => {
      await closeRedis(users);
      await closeRedis(turns);
      await closeRedis(turn);
      await closeRedis(probe);
    },
  };
}
export { RedisRateLimiter } from "./rate-limits.js";
