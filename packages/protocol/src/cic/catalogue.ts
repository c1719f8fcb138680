// The catalogue of CIC interfaces (cic.md §9): for each namespace, its events and directives,
// as data, plus the payload/message types keyed by namespace and name.
import type { CicMessageOf, CicPayloadOf } from "./envelope.js";
import { CicAlerts } from "./interfaces/alerts.js";
import { CicAudioPlayer } from "./interfaces/audio-player.js";
import { CicClova } from "./interfaces/clova.js";
import { CicDeviceControl } from "./interfaces/device-control.js";
import { CicDeviceControlBtRequestToCancelPinCodeInput } from "./interfaces/device-control-bluetooth.js";
import { CicNotifier } from "./interfaces/notifier.js";
import { CicPlaybackController } from "./interfaces/playback-controller.js";
import { CicSettings } from "./interfaces/settings.js";
import { CicSpeechRecognizer } from "./interfaces/speech-recognizer.js";
import { CicSpeechSynthesizer } from "./interfaces/speech-synthesizer.js";
import { CicSystem } from "./interfaces/system.js";
import { CicTemplateRuntime } from "./interfaces/template-runtime.js";
import { CicTextRecognizer } from "./interfaces/text-recognizer.js";

/** Every interface with its event and directive codecs, by name. */
export const CIC_INTERFACES = {
  Alerts: CicAlerts,
  AudioPlayer: CicAudioPlayer,
  Clova: CicClova,
  DeviceControl: CicDeviceControl,
  Notifier: CicNotifier,
  PlaybackController: CicPlaybackController,
  Settings: CicSettings,
  SpeechRecognizer: CicSpeechRecognizer,
  SpeechSynthesizer: CicSpeechSynthesizer,
  System: CicSystem,
  TemplateRuntime: CicTemplateRuntime,
  TextRecognizer: CicTextRecognizer,
} as const;

type Interfaces = typeof CIC_INTERFACES;
export type CicNamespace = keyof Interfaces;

export interface CicCatalogueEntry {
  readonly events: readonly string[];
  readonly directives: readonly string[];
}

/** Namespace → event names and directive names (the §9 tables). */
export const CIC_CATALOGUE: Readonly<Record<CicNamespace, CicCatalogueEntry>> = Object.fromEntries(
  Object.entries(CIC_INTERFACES).map(([namespace, messages]) => [
    namespace,
    { events: Object.keys(messages.events), directives: Object.keys(messages.directives) },
  ]),
) as unknown as Record<CicNamespace, CicCatalogueEntry>;

/** Older spellings accepted on input: `namespace.name` → codec (§9.4). */
export const CIC_EVENT_ALIASES = {
  "DeviceControl.BtRequestToCancelPinCodeInput": CicDeviceControlBtRequestToCancelPinCodeInput,
} as const;

export function isCicNamespace(namespace: unknown): namespace is CicNamespace {
  return typeof namespace === "string" && Object.hasOwn(CIC_INTERFACES, namespace);
}

/** The codec of an event or directive, or undefined when the catalogue has no such message. */
export function findCicCodec(kind: "event" | "directive", namespace: string, name: string) {
  if (!isCicNamespace(namespace)) return undefined;
  const group: Record<string, unknown> =
    kind === "event" ? CIC_INTERFACES[namespace].events : CIC_INTERFACES[namespace].directives;
  if (Object.hasOwn(group, name)) return group[name] as CicAnyCodec;
  if (kind === "event") {
    const key = `${namespace}.${name}`;
    if (Object.hasOwn(CIC_EVENT_ALIASES, key))
      return CIC_EVENT_ALIASES[key as keyof typeof CIC_EVENT_ALIASES] as CicAnyCodec;
  }
  return undefined;
}

type EventsOf<N extends CicNamespace> = Interfaces[N]["events"];
type DirectivesOf<N extends CicNamespace> = Interfaces[N]["directives"];
type AnyCodecOf<G> = G[keyof G];
type CicAnyCodec =
  | AnyCodecOf<EventsOf<CicNamespace>>
  | AnyCodecOf<DirectivesOf<CicNamespace>>
  | (typeof CIC_EVENT_ALIASES)[keyof typeof CIC_EVENT_ALIASES];

/** `CicEventPayloads["TextRecognizer"]["Recognize"]` is that event's payload type. */
export type CicEventPayloads = {
  [N in CicNamespace]: { [M in keyof EventsOf<N>]: CicPayloadOf<EventsOf<N>[M]> };
};
/** `CicDirectivePayloads["SpeechSynthesizer"]["Speak"]` is that directive's payload type. */
export type CicDirectivePayloads = {
  [N in CicNamespace]: { [M in keyof DirectivesOf<N>]: CicPayloadOf<DirectivesOf<N>[M]> };
};
/** The full message type of one event / directive. */
export type CicEventOf<N extends CicNamespace, M> = M extends keyof EventsOf<N>
  ? CicMessageOf<EventsOf<N>[M]>
  : never;
export type CicDirectiveOf<N extends CicNamespace, M> = M extends keyof DirectivesOf<N>
  ? CicMessageOf<DirectivesOf<N>[M]>
  : never;
/** Union of every known event message / directive message. */
export type CicKnownEvent = {
  [N in CicNamespace]: {
    [M in keyof EventsOf<N>]: CicMessageOf<EventsOf<N>[M]>;
  }[keyof EventsOf<N>];
}[CicNamespace];
export type CicKnownDirective = {
  [N in CicNamespace]: {
    [M in keyof DirectivesOf<N>]: CicMessageOf<DirectivesOf<N>[M]>;
  }[keyof DirectivesOf<N>];
}[CicNamespace];
