// What the platform remembers per device: the latest context objects it reported (cic.md §8)
// and the playback state handed to the assistant for EventRequests.
import type { DeviceInfo, DisplaySize, Language, PlaybackState } from "../assistant/turn.js";
import type { DeviceGrant } from "./auth/authority.js";

export interface ContextObject {
  header: { namespace: string; name: string };
  payload: Record<string, unknown>;
}

interface DeviceRecord {
  context: Map<string, Record<string, unknown>>;
  language?: Language;
  /** Extension that started the current stream (from the last AudioPlayer.Play). */
  playbackOwner?: string;
}

const DISPLAY_SIZES = new Set<DisplaySize>(["none", "s100", "m100", "l100", "xl100", "custom"]);

/** Guesses the language of typed text from its script (Hangul → ko, kana/kanji → ja). */
export function languageOfText(text: string): Language | undefined {
  if (/[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/.test(text)) return "ko";
  if (/[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]/.test(text)) return "ja";
  if (/[A-Za-z]/.test(text)) return "en";
  return undefined;
}

const LOCALES: Record<Language, string> = { en: "en-US", ja: "ja-JP", ko: "ko-KR" };

export class DeviceStates {
  private readonly devices = new Map<string, DeviceRecord>();

  constructor(private readonly defaultLanguage: Language = "en") {}

  private record(deviceKey: string): DeviceRecord {
    let record = this.devices.get(deviceKey);
    if (!record) {
      record = { context: new Map() };
      this.devices.set(deviceKey, record);
    }
    return record;
  }

  /** Stores every context object of an event, replacing the previous value of each. */
  update(deviceKey: string, context: readonly ContextObject[]): void {
    const record = this.record(deviceKey);
    for (const item of context)
      record.context.set(`${item.header.namespace}.${item.header.name}`, item.payload);
  }

  /** The latest value of one context object ("Namespace.Name"), if the device reported it. */
  context(deviceKey: string, name: string): Record<string, unknown> | undefined {
    return this.devices.get(deviceKey)?.context.get(name);
  }

  /** Replaces one context object (e.g. the playback state a ReportPlaybackState carried). */
  setContext(deviceKey: string, name: string, payload: Record<string, unknown>): void {
    this.record(deviceKey).context.set(name, payload);
  }

  setLanguage(deviceKey: string, language: Language): void {
    this.record(deviceKey).language = language;
  }

  setPlaybackOwner(deviceKey: string, extensionId: string | undefined): void {
    this.record(deviceKey).playbackOwner = extensionId;
  }

  /** The assistant's view of the device. */
  deviceInfo(deviceKey: string, grant: DeviceGrant, language?: Language): DeviceInfo {
    const record = this.record(deviceKey);
    const lang = language ?? record.language ?? this.defaultLanguage;
    const display = record.context.get("Device.Display");
    const size =
      display && DISPLAY_SIZES.has(display["size"] as DisplaySize)
        ? (display["size"] as DisplaySize)
        : "none";
    const playbackPayload = record.context.get("AudioPlayer.PlaybackState");
    const info: DeviceInfo = {
      clientId: grant.clientId,
      deviceId: grant.deviceId,
      userId: grant.userId,
      language: lang,
      context: Object.fromEntries(record.context),
      locale: LOCALES[lang],
      display: {
        size,
        ...(display?.["orientation"]
          ? { orientation: display["orientation"] as "landscape" | "portrait" }
          : {}),
        ...(typeof display?.["dpi"] === "number" ? { dpi: display["dpi"] } : {}),
      },
    };
    if (playbackPayload && typeof playbackPayload["playerActivity"] === "string") {
      // One guide page spells PAUSED as PAUSE: accept both, use PAUSED (cic.md §8.2).
      const activity =
        playbackPayload["playerActivity"] === "PAUSE"
          ? "PAUSED"
          : playbackPayload["playerActivity"];
      const playback: PlaybackState = {
        playerActivity: activity as PlaybackState["playerActivity"],
      };
      const stream = playbackPayload["stream"];
      const isStream = typeof stream === "object" && stream !== null && !Array.isArray(stream);
      if (isStream) playback.stream = stream as Record<string, unknown>;
      const token =
        playbackPayload["token"] ??
        (isStream ? (stream as Record<string, unknown>)["token"] : undefined);
      if (typeof token === "string") playback.token = token;
      const repeat = playbackPayload["repeatMode"];
      if (repeat === "NONE" || repeat === "REPEAT_ONE") playback.repeatMode = repeat;
      if (typeof playbackPayload["offsetInMilliseconds"] === "number")
        playback.offsetInMilliseconds = playbackPayload["offsetInMilliseconds"];
      if (typeof playbackPayload["totalInMilliseconds"] === "number")
        playback.totalInMilliseconds = playbackPayload["totalInMilliseconds"];
      if (record.playbackOwner) playback.extensionId = record.playbackOwner;
      info.playback = playback;
    }
    return info;
  }
}
