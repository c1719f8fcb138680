// Limits on what a turn carries, shared by the CIC gateway and the management API.

/** Longest utterance the assistant accepts (typed or recognized), in characters. */
export const MAX_UTTERANCE_CHARS = 2000;

/** Whether `zone` is an IANA time zone this runtime knows ("Asia/Tokyo", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (zone === "" || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
