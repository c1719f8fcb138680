// The device side of CIC (cic.md §9): what the server does with each interface's events beyond
// conversations — the play queue, player screens, remote control, device state sharing,
// settings, delegation, speech requests. One file per interface holds its reactions; this
// class keeps what they share (the user's known devices, pushes, the play queue).
import type { DeviceInfo, Language, PlaybackState, TurnResult } from "../../assistant/turn.js";
import type { DeviceSideStore, UserProfile } from "../../store/device-side.js";
import type { DeviceGrant } from "../auth/authority.js";
import type { ContextObject, DeviceStates } from "../device-state.js";
import type { DirectivePart } from "../turn-directives.js";
import { type DeviceQueue, PlayerQueues, type QueueItem } from "./player-queue.js";
import type { SideMemoryStore, SideScope } from "./side-memory.js";
import { placeDevice } from "./time-zone.js";

/** A device that opened a downchannel (its user's device list, cic.md §9.4 RenderDeviceList). */
export interface KnownDevice {
  deviceKey: string;
  userId: string;
  deviceId: string;
  clientId: string;
  modelId?: string;
  /** When the device first connected for this user (RenderDeviceList.bindTime). */
  boundAt: number;
  /** The latest Settings.Report configuration (cic.md §9.7). */
  settings?: Record<string, string>;
}

/** One device event as the reactions see it. */
export interface InterfaceEvent {
  deviceKey: string;
  grant: DeviceGrant;
  /** "Namespace.Name". */
  name: string;
  payload: Record<string, unknown>;
  context: readonly ContextObject[];
  dialogRequestId?: string;
  /** Runs an utterance as if the user had said it on this device (answer without dialog id). */
  converse(text: string): Promise<DirectivePart[]>;
  /** A turn result as directives (speech synthesized) answering this event. */
  answer(result: TurnResult): Promise<DirectivePart[]>;
}

/** undefined: not handled here; the event goes on to the assistant. */
export type Reaction = (
  event: InterfaceEvent,
  side: DeviceSide,
) => Promise<DirectivePart[] | undefined> | DirectivePart[] | undefined;

/** What the platform said for a device event or an utterance, before it becomes directives. */
export interface TurnCause {
  deviceKey: string;
  grant: DeviceGrant;
  /** The event's "Namespace.Name", or undefined for an utterance. */
  event?: string;
  /** The device's language for this turn (what the platform says itself is in it). */
  language?: Language;
  payload?: Record<string, unknown>;
}

/** Shapes a turn result before it is sent (queue tracking, player screen, repeat…). */
export type Shaper = (cause: TurnCause, result: TurnResult, side: DeviceSide) => void;

export interface DeviceSideOptions {
  /** PlaybackController.CustomCommandIssued buttons → the utterance they stand for. */
  customButtons?: Record<string, string>;
  /** Settings, profiles (time zone, location), notifications; in memory only without it. */
  store?: DeviceSideStore;
  /**
   * IANA zone when nothing else says, for every language (config `defaultTimeZone`); absent:
   * the language's own zone (time-zone.ts `LANGUAGE_TIME_ZONES`).
   */
  defaultTimeZone?: string;
  /** Settings.UpdateVersionSpec table (settings.ts has the built-in one). */
  versionSpecs?: VersionSpec[];
  /** Client ids that get SpeechRecognizer.ShowRecognizedText. */
  showRecognizedTextClients?: string[];
  /**
   * Where the memory per device and user is shared with other nodes (Redis); without it, it
   * stays in this process (side-memory.ts).
   */
  shared?: SideMemoryStore;
  /** A failed write to `shared` (the event is answered anyway). */
  onSharedError?: (error: unknown) => void;
}

/** One row of the version-spec table (cic.md §9.7 UpdateVersionSpec). */
export interface VersionSpec {
  /** Client id (or "*") and the lowest firmware version the spec applies to. */
  clientId: string;
  clientName: string;
  deviceVersion: string;
  os: string;
  specVersion: string;
  spec: Record<string, unknown>;
}

export interface DeviceSideDependencies {
  devices: DeviceStates;
  /** Writes one part on a device's downchannel; false when it is not connected. */
  publish(deviceKey: string, part: DirectivePart): Promise<boolean>;
  online(deviceKey: string): boolean;
  now?: () => number;
  options?: DeviceSideOptions;
}

/** Users remembered with their devices; bounded so a flood of accounts cannot grow memory. */
const MAX_USERS = 100_000;
/** Entries of `memory` (likes, delegations, pending reports, modes). */
const MAX_MEMORY = 500_000;
/** Keys of the shared store that are not `memory` entries: play queues and known devices. */
const QUEUE = "queue:";
const KNOWN = "known:";

export class DeviceSide {
  readonly queues = new PlayerQueues();
  /** userId → deviceKey → device. */
  private readonly users = new Map<string, Map<string, KnownDevice>>();
  private readonly reactions = new Map<string, Reaction>();
  private readonly shapers: Shaper[] = [];
  /** Anything an interface keeps per user or device (likes, pending requests…). */
  readonly memory = new Map<string, unknown>();
  readonly options: DeviceSideOptions;

  constructor(readonly deps: DeviceSideDependencies) {
    this.options = deps.options ?? {};
  }

  now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  /** Registers an interface's reactions ("Namespace.Name" → reaction) and shapers. */
  use(reactions: Record<string, Reaction>, ...shapers: Shaper[]): this {
    for (const [name, reaction] of Object.entries(reactions)) this.reactions.set(name, reaction);
    this.shapers.push(...shapers);
    return this;
  }

  /**
   * Keeps a value in `memory`, forgetting the oldest entries beyond a bound; `scope` is the
   * device key or user id it belongs to (written through to the shared store, if any).
   */
  keep(key: string, value: unknown, scope: SideScope): void {
    this.#local(key, value);
    this.#write(this.options.shared?.set(scope, key, value));
  }

  /** Drops a kept value (here and in the shared store). */
  forget(key: string, scope: SideScope): void {
    this.memory.delete(key);
    this.#write(this.options.shared?.delete(scope, key));
  }

  #local(key: string, value: unknown): void {
    this.memory.delete(key);
    this.memory.set(key, value);
    if (this.memory.size > MAX_MEMORY) this.memory.delete(this.memory.keys().next().value!);
  }

  #write(written: Promise<void> | undefined): void {
    written?.catch((error) => this.options.onSharedError?.(error));
  }

  /** The queue last written to the shared store, per device (to write only changes). */
  private readonly savedQueues = new Map<string, string>();

  /**
   * Reads back what other nodes kept for a device and its user (the play queue, known devices,
   * pending reports…) before an event is handled; nothing to do without a shared store.
   */
  async load(deviceKey: string | undefined, userId: string): Promise<void> {
    const shared = this.options.shared;
    if (!shared) return;
    const entries = await shared.load(deviceKey ? [deviceKey, userId] : [userId]);
    for (const [key, value] of entries) {
      if (key.startsWith(QUEUE)) {
        const queueOf = key.slice(QUEUE.length);
        this.queues.restore(queueOf, value as DeviceQueue);
        this.savedQueues.set(queueOf, JSON.stringify(value));
      } else if (key.startsWith(KNOWN)) {
        const known = value as KnownDevice;
        this.#devices(known.userId).set(known.deviceKey, known);
      } else this.#local(key, value);
    }
  }

  /** Writes the device's play queue to the shared store when it changed. */
  saveQueue(deviceKey: string): void {
    const shared = this.options.shared;
    const queue = this.queues.snapshot(deviceKey);
    if (!shared || !queue) return;
    const json = JSON.stringify(queue);
    if (this.savedQueues.get(deviceKey) === json) return;
    this.savedQueues.delete(deviceKey);
    this.savedQueues.set(deviceKey, json);
    if (this.savedQueues.size > MAX_USERS)
      this.savedQueues.delete(this.savedQueues.keys().next().value!);
    this.#write(shared.set(deviceKey, `${QUEUE}${deviceKey}`, queue));
  }

  handles(name: string): boolean {
    return this.reactions.has(name);
  }

  private readonly profiles = new Map<string, { at: number; profile: UserProfile | undefined }>();

  /** The account's profile, cached briefly (it changes through the management API). */
  async profile(userId: string): Promise<UserProfile | undefined> {
    const cached = this.profiles.get(userId);
    if (cached && this.now() - cached.at < 30_000) return cached.profile;
    const profile = await this.options.store?.profile(userId);
    this.profiles.set(userId, { at: this.now(), profile });
    if (this.profiles.size > MAX_USERS) this.profiles.delete(this.profiles.keys().next().value!);
    return profile;
  }

  forgetProfile(userId: string): void {
    this.profiles.delete(userId);
  }

  /** Time zone, location and guest mode of the device a turn comes from. */
  async enrich(device: DeviceInfo, deviceKey: string, guest: boolean): Promise<DeviceInfo> {
    if (guest) device.guest = true;
    if (device.playback?.token)
      nowPlaying(device.playback, this.queues.find(deviceKey, device.playback.token));
    const known = this.device(device.userId, device.deviceId);
    let settings = known?.settings;
    if (!settings && known && this.options.store) {
      settings = await this.options.store.settings(deviceKey);
      if (settings) known.settings = settings;
    }
    const profile = await this.profile(device.userId);
    placeDevice(device, {
      ...(settings ? { settings } : {}),
      ...(profile ? { profile } : {}),
      ...(this.options.defaultTimeZone ? { defaultTimeZone: this.options.defaultTimeZone } : {}),
    });
    return device;
  }

  async react(event: InterfaceEvent): Promise<DirectivePart[] | undefined> {
    this.remember(event.grant, event.deviceKey);
    const reaction = this.reactions.get(event.name);
    try {
      return reaction ? await reaction(event, this) : undefined;
    } finally {
      this.saveQueue(event.deviceKey);
    }
  }

  shape(cause: TurnCause, result: TurnResult): void {
    for (const shaper of this.shapers) shaper(cause, result, this);
    this.saveQueue(cause.deviceKey);
  }

  #devices(userId: string): Map<string, KnownDevice> {
    let devices = this.users.get(userId);
    if (!devices) {
      devices = new Map();
      this.users.set(userId, devices);
      if (this.users.size > MAX_USERS) this.users.delete(this.users.keys().next().value!);
    }
    return devices;
  }

  /** A device opened its downchannel (or sent an event): it belongs to its user's list. */
  remember(grant: DeviceGrant, deviceKey: string): KnownDevice {
    const devices = this.#devices(grant.userId);
    let known = devices.get(deviceKey);
    if (!known) {
      known = {
        deviceKey,
        userId: grant.userId,
        deviceId: grant.deviceId,
        clientId: grant.clientId,
        ...(grant.modelId ? { modelId: grant.modelId } : {}),
        boundAt: this.now(),
      };
      devices.set(deviceKey, known);
      this.#write(this.options.shared?.set(grant.userId, `${KNOWN}${deviceKey}`, known));
    }
    return known;
  }

  devicesOf(userId: string): KnownDevice[] {
    return [...(this.users.get(userId)?.values() ?? [])];
  }

  device(userId: string, deviceId: string): KnownDevice | undefined {
    return this.devicesOf(userId).find((d) => d.deviceId === deviceId);
  }

  online(deviceKey: string): boolean {
    return this.deps.online(deviceKey);
  }

  /** The latest context object of a device, by "Namespace.Name" (cic.md §8). */
  contextOf(deviceKey: string, name: string): Record<string, unknown> | undefined {
    return this.deps.devices.context(deviceKey, name);
  }

  async push(deviceKey: string, ...parts: DirectivePart[]): Promise<boolean> {
    let delivered = false;
    for (const part of parts) delivered = (await this.deps.publish(deviceKey, part)) || delivered;
    return delivered;
  }

  /** Pushes to every connected device of the user (but `except`); resolves with how many. */
  async pushToUser(userId: string, parts: DirectivePart[], except?: string): Promise<number> {
    let reached = 0;
    for (const device of this.devicesOf(userId)) {
      if (device.deviceKey === except) continue;
      if (await this.push(device.deviceKey, ...parts)) reached++;
    }
    return reached;
  }
}

/** The queued item's titles, for "what's playing" (the player screen's own fields). */
function nowPlaying(playback: PlaybackState, item: QueueItem | undefined): void {
  const title = item?.audioItem["titleText"];
  if (typeof title !== "string" || title.trim() === "") return;
  const artist = item?.audioItem["titleSubText1"];
  const provider = item?.source?.["name"];
  playback.nowPlaying = {
    titleText: title,
    ...(typeof artist === "string" && artist.trim() !== "" ? { titleSubText1: artist } : {}),
    ...(typeof provider === "string" && provider !== "" ? { provider } : {}),
  };
}
