// Which devices of a user hold a downchannel, for pushes addressed to a user (a notification,
// an alert for all their speakers). The gateway keeps its own in memory; with several nodes a
// shared index (store/redis/user-devices.ts) lists the user's devices wherever they connected.

export interface UserDevice {
  clientId: string;
  deviceId: string;
}

export interface UserDeviceIndex {
  /** Records that a device of the user opened a downchannel (on any node). */
  add(userId: string, deviceKey: string, device: UserDevice): Promise<void>;
  /** Forgets a device found gone (no downchannel anywhere). */
  remove(userId: string, deviceKey: string): Promise<void>;
  /** The user's devices by device key. */
  devicesOf(userId: string): Promise<Map<string, UserDevice>>;
}
