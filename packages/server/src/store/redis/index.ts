// Everything a node keeps in Redis when REDIS_URL is set (docs/scale-out.md): sessions, device
// state and the newest dialog per device, the downchannel directory and bus, and one connection
// for probes. Each part has its own connection, so a slow command of one never queues another's.
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { RedisDirectiveBus } from "./bus.js";
import { closeRedis, openRedis } from "./connection.js";
import { RedisDeviceStateStore } from "./device-state.js";
import { RedisSessionStore } from "./sessions.js";

export { RedisDirectiveBus } from "./bus.js";
export { closeRedis, connectRedis, openRedis, RedisUnavailableError } from "./connection.js";
export { RedisDeviceStateStore } from "./device-state.js";
export { RedisSessionStore } from "./sessions.js";

export interface RedisBackend {
  sessions: RedisSessionStore;
  deviceStates: RedisDeviceStateStore;
  bus: RedisDirectiveBus;
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
  const [sessions, deviceStates, commands, subscriber, probe] = (await Promise.all(
    [0, 1, 2, 3, 4].map(() => openRedis(url)),
  )) as [Redis, Redis, Redis, Redis, Redis];
  const bus = new RedisDirectiveBus(commands, subscriber, {
    nodeId,
    onError: (error) => log.warn({ err: error }, "downchannel directory: Redis command failed"),
  });
  await bus.start();
  return {
    sessions: new RedisSessionStore(sessions),
    deviceStates: new RedisDeviceStateStore(deviceStates),
    bus,
    probe,
    close: () => closeRedis(probe),
  };
}
