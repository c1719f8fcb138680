// The one notion of device identity (cic.md §2): a device is what its grant names, the client
// (product), the device id and the user together. Two products that happen to use the same
// device_id are two devices; so is one device id registered to two accounts. Every map keyed by
// device (downchannels, the directive bus, device state, sessions, the turn log, the newest
// dialogRequestId) uses this key.

export interface DeviceIdentity {
  clientId: string;
  deviceId: string;
  userId: string;
}

/** Stable, collision-free key of a device: each part percent-encoded, joined by ":". */
export function deviceKeyOf(grant: DeviceIdentity): string {
  return `${encodeURIComponent(grant.clientId)}:${encodeURIComponent(grant.deviceId)}:${encodeURIComponent(grant.userId)}`;
}
