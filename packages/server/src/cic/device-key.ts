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

/** Characters encodeURIComponent leaves as they are. */
const UNRESERVED = /^[\w.!~*'()-]*$/;

/** encodeURIComponent, without its work for the usual ids that need no escaping. */
function encodePart(part: string): string {
  return UNRESERVED.test(part) ? part : encodeURIComponent(part);
}

/** Stable, collision-free key of a device: each part percent-encoded, joined by ":". */
export function deviceKeyOf(grant: DeviceIdentity): string {
  return `${encodePart(grant.clientId)}:${encodePart(grant.deviceId)}:${encodePart(grant.userId)}`;
}
