// The user → devices index on Redis: one hash per user (device key → client and device id).
// Entries are not removed when a downchannel closes (the device may be reconnecting to another
// node at that moment); a push that finds no downchannel anywhere removes the entry instead.
import type { Redis } from "ioredis";
import type { UserDevice, UserDeviceIndex } from "../../cic/user-devices.js";
import { closeRedis, DEFAULT_PREFIX } from "./connection.js";

/** A user none of whose devices connected for this long is forgotten. */
const USER_TTL_MS = 30 * 24 * 3600_000;

export class RedisUserDeviceIndex implements UserDeviceIndex {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = DEFAULT_PREFIX,
    private readonly ownsConnection = true,
  ) {}

  #key(userId: string): string {
    return `${this.prefix}user-devices:${userId}`;
  }

  async add(userId: string, deviceKey: string, device: UserDevice): Promise<void> {
    const key = this.#key(userId);
    await this.redis
      .multi()
      .hset(
        key,
        deviceKey,
        JSON.stringify({ clientId: device.clientId, deviceId: device.deviceId }),
      )
      .pexpire(key, USER_TTL_MS)
      .exec();
  }

  async remove(userId: string, deviceKey: string): Promise<void> {
    await this.redis.hdel(this.#key(userId), deviceKey);
  }

  async devicesOf(userId: string): Promise<Map<string, UserDevice>> {
    const fields = await this.redis.hgetall(this.#key(userId));
    return new Map(
      Object.entries(fields).map(([deviceKey, value]) => [
        deviceKey,
        JSON.parse(value) as UserDevice,
      ]),
    );
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await closeRedis(this.redis);
  }
}
