// Where and when the device is (cic.md §8.3, §8.6, §9.7): the time zone that resolves "tomorrow
// at 7" and the location for local answers. Time zone: the device's settings (a `TimeZone`
// key in its Settings.Report) → the account's profile → the device's clock offset
// (Device.DeviceState.localTime, whole hours as Etc/GMT±N) → the operator's default
// (CLOVER_DEFAULT_TIME_ZONE) when set → the language's zone (interaction-model.md §5.2:
// ja-JP Asia/Tokyo, ko-KR Asia/Seoul) → UTC.
// Location: the device's Clova.Location → the account's profile.
import type { DeviceInfo, Language } from "../../assistant/turn.js";
import type { UserProfile } from "../../store/device-side.js";

export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || zone === "") return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * "+09:00" in an ISO 8601 local time → "Etc/GMT-9" (IANA's reversed sign); whole hours only.
 * A time in "Z" says nothing about where the device is (it is what a clock that only knows UTC
 * prints, e.g. JavaScript's toISOString): the next source decides. "+00:00" is UTC.
 */
export function zoneOfLocalTime(localTime: unknown): string | undefined {
  if (typeof localTime !== "string") return undefined;
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(localTime);
  if (!match) return undefined;
  if (match[3] !== "00") return undefined;
  const hours = Number(match[2]);
  if (hours === 0) return "UTC";
  return `Etc/GMT${match[1] === "+" ? "-" : "+"}${hours}`;
}

/** The zone of a language's speakers when nothing says where the device is (§5.2). */
export const LANGUAGE_TIME_ZONES: Readonly<Record<Language, string>> = {
  ja: "Asia/Tokyo",
  ko: "Asia/Seoul",
  en: "UTC",
};

export function placeDevice(
  device: DeviceInfo,
  sources: { settings?: Record<string, string>; profile?: UserProfile; defaultTimeZone?: string },
): void {
  const settingsZone = sources.settings?.["TimeZone"] ?? sources.settings?.["timeZone"];
  const state = device.context?.["Device.DeviceState"];
  device.timeZone =
    [settingsZone, sources.profile?.timeZone, zoneOfLocalTime(state?.["localTime"])].find(
      isTimeZone,
    ) ??
    sources.defaultTimeZone ??
    LANGUAGE_TIME_ZONES[device.language] ??
    "UTC";
  const location = device.context?.["Clova.Location"];
  if (typeof location?.["latitude"] === "string" && typeof location["longitude"] === "string")
    device.location = { latitude: location["latitude"], longitude: location["longitude"] };
  else if (sources.profile?.location) device.location = sources.profile.location;
}
