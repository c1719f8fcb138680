// The device side of CIC (cic.md §9): what the server does with each interface's events beyond
// conversations — the play queue, player screens, remote control, device state sharing,
// settings, delegation, speech requests. One file per interface holds its reactions; this
// class keeps what they share (the user's known devices, pushes, the play queue).
import type { DeviceInfo, TurnResult } from "../../assistant/turn.js";
import type { DeviceSideStore, UserProfile } from "../../store/device-side.js";
import type { DeviceGrant } from "../auth/authority.js";
import type { ContextObject, DeviceStates } from "../device-state.js";
import type { DirectivePart } from "../turn-directives.js";
import { PlayerQueues } from "./player-queue.js";
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
  payload?: Record<string, unknown>;
}

/** Shapes a turn result before it is sent (queue tracking, player screen, repeat…). */
export type Shaper = (cause: TurnCause, result: TurnResult, side: DeviceSide) => void;

export interface DeviceSideOptions {
  /** PlaybackController.CustomCommandIssued buttons → the utterance they stand for. */
  customButtons?: Record<string, string>;
  /** Settings, profiles (time zone, location), notifications; in memory only without it. */
  store?: DeviceSideStore;
  /** IANA zone when nothing else says (config `defaultTimeZone`, default UTC). */
  defaultTimeZone?: string;
  /** Settings.UpdateVersionSpec table (settings.ts has the built-in one). */
  versionSpecs?: VersionSpec[];
  /** Client ids that get SpeechRecognizer.ShowRecognizedText. */
  showRecognizedTextClients?: string[];
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

  /** Keeps a value in `memory`, forgetting the oldest entries beyond a bound. */
  keep(key: string, value: unknown): void {
    this.memory.delete(key);
    this.memory.set(key, value);
    if (this.memory.size > MAX_MEMORY) this.memory.delete(this.memory.keys().next().value!);
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
      defaultTimeZone: this.options.defaultTimeZone ?? "UTC",
    });
    return device;
  }

  async react(event: InterfaceEvent): Promise<DirectivePart[] | undefined> {
    this.remember(event.grant, event.deviceKey);
    const reaction = this.reactions.get(event.name);
    return reaction ? reaction(event, this) : undefined;
  }

  shape(cause: TurnCause, result: TurnResult): void {
    for (const shaper of this.shapers) shaper(cause, result, this);
  }

  /** A device opened its downchannel (or sent an event): it belongs to its user's list. */
  remember(grant: DeviceGrant, deviceKey: string): KnownDevice {
    let devices = this.users.get(grant.userId);
    if (!devices) {
      devices = new Map();
      this.users.set(grant.userId, devices);
      if (this.users.size > MAX_USERS) this.users.delete(this.users.keys().next().value!);
    }
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
