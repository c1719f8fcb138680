// What the platform remembers per device: the latest context objects it reported (cic.md §8)
// and the playback state handed to the assistant for EventRequests.
import type { DeviceInfo, DisplaySize, Language, PlaybackState } from "../assistant/turn.js";
import type { DeviceGrant } from "./auth/authority.js";

export interface ContextObject {
  header: { namespace: string; name: string };
  payload: Record<string, unknown>;
}

/** What is kept per device key: context objects by `Namespace.Name`, language, player owner. */
export interface DeviceRecord {
  context: Record<string, Record<string, unknown>>;
  language?: Language;
  /** Extension that started the current stream (from the last AudioPlayer.Play). */
  playbackOwner?: string;
}

/**
 * Where device records live: this process (default) or Redis, shared by every node
 * (docs/scale-out.md). Also keeps the newest dialogRequestId per device (cic.md §7.3).
 */
export interface DeviceStateStore {
  update(deviceKey: string, context: readonly ContextObject[]): Promise<void>;
  setLanguage(deviceKey: string, language: Language): Promise<void>;
  setPlaybackOwner(deviceKey: string, extensionId: string | undefined): Promise<void>;
  read(deviceKey: string): Promise<DeviceRecord>;
  /** Records the device's newest dialog; an older one's answer is then dropped. */
  startDialog(deviceKey: string, dialogRequestId: string): Promise<void>;
  /**
   * True when a dialog of the device newer than `dialogRequestId` started, as this node knows
   * it now: without waiting for anything (docs/scale-out.md "The newest dialog").
   */
  superseded(deviceKey: string, dialogRequestId: string): boolean;
  close(): Promise<void>;
}

/** Bound on devices remembered by one process (the oldest are forgotten first). */
const MEMORY_DEVICES = 100_000;

/**
 * The newest dialog this node started per device, or knows was replaced (bounded: the devices
 * of the oldest starts are forgotten first, and a dialog of a forgotten device counts as
 * superseded, as an expired one did in the shared store).
 */
export class NewestDialogs {
  readonly #dialogs = new Map<string, string>();

  start(deviceKey: string, dialogRequestId: string): void {
    this.#dialogs.delete(deviceKey);
    this.#dialogs.set(deviceKey, dialogRequestId);
    if (this.#dialogs.size > MEMORY_DEVICES)
      this.#dialogs.delete(this.#dialogs.keys().next().value!);
  }

  /** Another node started a newer dialog than `dialogRequestId` (if still the newest here). */
  replaced(deviceKey: string, dialogRequestId: string): void {
    if (this.#dialogs.get(deviceKey) === dialogRequestId) this.#dialogs.delete(deviceKey);
  }

  superseded(deviceKey: string, dialogRequestId: string): boolean {
    return this.#dialogs.get(deviceKey) !== dialogRequestId;
  }

  clear(): void {
    this.#dialogs.clear();
  }
}

export class MemoryDeviceStateStore implements DeviceStateStore {
  private readonly devices = new Map<string, DeviceRecord>();
  private readonly dialogs = new NewestDialogs();

  private record(deviceKey: string): DeviceRecord {
    let record = this.devices.get(deviceKey);
    if (!record) {
      record = { context: {} };
      this.devices.set(deviceKey, record);
      if (this.devices.size > MEMORY_DEVICES)
        this.devices.delete(this.devices.keys().next().value!);
    }
    return record;
  }

  async update(deviceKey: string, context: readonly ContextObject[]) {
    const record = this.record(deviceKey);
    for (const item of context)
      record.context[`${item.header.namespace}.${item.header.name}`] = item.payload;
  }

  async setLanguage(deviceKey: string, language: Language) {
    this.record(deviceKey).language = language;
  }

  async setPlaybackOwner(deviceKey: string, extensionId: string | undefined) {
    const record = this.record(deviceKey);
    if (extensionId === undefined) delete record.playbackOwner;
    else record.playbackOwner = extensionId;
  }

  async read(deviceKey: string): Promise<DeviceRecord> {
    return this.record(deviceKey);
  }

  async startDialog(deviceKey: string, dialogRequestId: string) {
    this.dialogs.start(deviceKey, dialogRequestId);
  }

  superseded(deviceKey: string, dialogRequestId: string): boolean {
    return this.dialogs.superseded(deviceKey, dialogRequestId);
  }

  async close() {
    this.devices.clear();
    this.dialogs.clear();
  }
}

const DISPLAY_SIZES = new Set<DisplaySize>(["none", "s100", "m100", "l100", "xl100", "custom"]);

/**
 * What a device that sends no (usable) `Device.Display` is taken to have: cic.md §8 says to
 * "assume a Full-HD class screen". No display class is that large (xl100 is 899×506), so it is
 * a `custom` display with a 1920×1080 landscape content layer.
 */
export const ASSUMED_DISPLAY: DeviceInfo["display"] = {
  size: "custom",
  orientation: "landscape",
  dpi: 160,
  contentLayer: { width: 1920, height: 1080 },
};

/** The display class a `Device.Display` payload names; absent or unknown: the assumed screen's. */
export function displaySizeOf(display: Record<string, unknown> | undefined): DisplaySize {
  const size = display?.["size"];
  return DISPLAY_SIZES.has(size as DisplaySize) ? (size as DisplaySize) : ASSUMED_DISPLAY.size;
}

/** True unless the device said it has no screen (`Device.Display` size `none`). */
export function hasScreen(display: Record<string, unknown> | undefined): boolean {
  return displaySizeOf(display) !== "none";
}

/** Guesses the language of typed text from its script (Hangul → ko, kana/kanji → ja). */
export function languageOfText(text: string): Language | undefined {
  if (/[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]/.test(text)) return "ko";
  if (/[\u3040-\u30ff\u4e00-\u9fff\uff66-\uff9f]/.test(text)) return "ja";
  if (/[A-Za-z]/.test(text)) return "en";
  return undefined;
}

const LOCALES: Record<Language, string> = { en: "en-US", ja: "ja-JP", ko: "ko-KR" };

export class DeviceStates {
  constructor(
    readonly store: DeviceStateStore = new MemoryDeviceStateStore(),
    private readonly defaultLanguage: Language = "en",
  ) {}

  /** Context objects this node last saw per device (bounded; the store has the truth). */
  private readonly seen = new Map<string, Record<string, Record<string, unknown>>>();

  private see(deviceKey: string, context: Record<string, Record<string, unknown>>): void {
    const known = this.seen.get(deviceKey);
    this.seen.delete(deviceKey);
    this.seen.set(deviceKey, { ...known, ...context });
    if (this.seen.size > MEMORY_DEVICES) this.seen.delete(this.seen.keys().next().value!);
  }

  /** Stores every context object of an event, replacing the previous value of each. */
  update(deviceKey: string, context: readonly ContextObject[]): Promise<void> {
    if (context.length === 0) return Promise.resolve();
    this.see(
      deviceKey,
      Object.fromEntries(context.map((c) => [`${c.header.namespace}.${c.header.name}`, c.payload])),
    );
    return this.store.update(deviceKey, context);
  }

  /**
   * The latest value of one context object ("Namespace.Name") as this node last saw it (read
   * or written through it); synchronous for the device-side reactions.
   */
  context(deviceKey: string, name: string): Record<string, unknown> | undefined {
    return this.seen.get(deviceKey)?.[name];
  }

  /** Replaces one context object (e.g. the playback state a ReportPlaybackState carried). */
  setContext(deviceKey: string, name: string, payload: Record<string, unknown>): void {
    const [namespace = "", objectName = ""] = name.split(".");
    this.see(deviceKey, { [name]: payload });
    this.store
      .update(deviceKey, [{ header: { namespace, name: objectName }, payload }])
      .catch(() => {});
  }

  setLanguage(deviceKey: string, language: Language): Promise<void> {
    return this.store.setLanguage(deviceKey, language);
  }

  setPlaybackOwner(deviceKey: string, extensionId: string | undefined): Promise<void> {
    return this.store.setPlaybackOwner(deviceKey, extensionId);
  }

  startDialog(deviceKey: string, dialogRequestId: string): Promise<void> {
    return this.store.startDialog(deviceKey, dialogRequestId);
  }

  /**
   * True when a newer dialog started on the device while this one was being processed, as far
   * as this node knows now (no round trip; docs/scale-out.md "The newest dialog").
   */
  superseded(deviceKey: string, dialogRequestId: string): boolean {
    return this.store.superseded(deviceKey, dialogRequestId);
  }

  /** The assistant's view of the device. */
  async deviceInfo(
    deviceKey: string,
    grant: DeviceGrant,
    language?: Language,
  ): Promise<DeviceInfo> {
    const record = await this.store.read(deviceKey);
    this.see(deviceKey, record.context);
    const lang = language ?? record.language ?? this.defaultLanguage;
    const display = record.context["Device.Display"];
    const known = display && DISPLAY_SIZES.has(display["size"] as DisplaySize);
    const playbackPayload = record.context["AudioPlayer.PlaybackState"];
    const info: DeviceInfo = {
      clientId: grant.clientId,
      deviceId: grant.deviceId,
      userId: grant.userId,
      language: lang,
      context: { ...record.context },
      locale: LOCALES[lang],
      display: known
        ? {
            size: display["size"] as DisplaySize,
            ...(display["orientation"]
              ? { orientation: display["orientation"] as "landscape" | "portrait" }
              : {}),
            ...(typeof display["dpi"] === "number" ? { dpi: display["dpi"] } : {}),
            ...contentLayerOf(display),
          }
        : { ...ASSUMED_DISPLAY },
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

/** Device.Display.contentLayer when it holds two numbers (cek-custom-extension.md §3.2). */
function contentLayerOf(display: Record<string, unknown> | undefined) {
  const layer = display?.["contentLayer"] as Record<string, unknown> | undefined;
  return typeof layer?.["width"] === "number" && typeof layer["height"] === "number"
    ? { contentLayer: { width: layer["width"], height: layer["height"] } }
    : {};
}
