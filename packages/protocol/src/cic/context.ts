// Context objects (cic.md §8): the client's state, sent in every event's `context[]`.
import { type Static, Type } from "@sinclair/typebox";
import { CicAudioStreamInfoObject } from "./audio-stream.js";
import {
  CicAlertType,
  CicPlayerActivity,
  CicRepeatMode,
  Enum,
  Id,
  Int,
  IsoDateTime,
  Str,
} from "./common.js";
import { CicDeviceStatePayload } from "./device-state.js";
import { cicContext } from "./envelope.js";

export const CicAlertInfoObject = Type.Object(
  {
    token: Id("Alert token exactly as received in Alerts.SetAlert."),
    type: CicAlertType,
    scheduledTime: IsoDateTime("When it rings, ISO 8601 with zone."),
  },
  { description: "AlertInfoObject (§8.1)." },
);
export type CicAlertInfoObject = Static<typeof CicAlertInfoObject>;

export const CicAlertsStatePayload = Type.Object({
  allAlerts: Type.Array(CicAlertInfoObject, { description: "Every alert set on the device." }),
  activeAlerts: Type.Array(CicAlertInfoObject, { description: "Alerts ringing now." }),
});
export type CicAlertsStatePayload = Static<typeof CicAlertsStatePayload>;
export const CicAlertsState = cicContext(
  "Alerts",
  "AlertsState",
  CicAlertsStatePayload,
  "Alerts set on the device and those ringing now (cic.md §8.1).",
);

export const CicPlaybackStatePayload = Type.Object({
  playerActivity: CicPlayerActivity,
  repeatMode: CicRepeatMode,
  offsetInMilliseconds: Type.Optional(Int("Last playback position; omitted when IDLE.")),
  totalInMilliseconds: Type.Optional(Int("Media length; omitted when IDLE.")),
  stream: Type.Optional(CicAudioStreamInfoObject),
});
export type CicPlaybackStatePayload = Static<typeof CicPlaybackStatePayload>;
export const CicPlaybackState = cicContext(
  "AudioPlayer",
  "PlaybackState",
  CicPlaybackStatePayload,
  "The media player's state and last stream (cic.md §8.2).",
);

const Degrees = (what: string) => Str(`${what} in decimal degrees, as a string.`);

export const CicLocationPayload = Type.Object({
  latitude: Degrees("Latitude"),
  longitude: Degrees("Longitude"),
  refreshedAt: IsoDateTime("When the fix was taken."),
});
export type CicLocationPayload = Static<typeof CicLocationPayload>;
export const CicLocation = cicContext(
  "Clova",
  "Location",
  CicLocationPayload,
  "Current position (cic.md §8.3).",
);

export const CicSavedPlacePayload = Type.Object({
  places: Type.Array(
    Type.Object({
      latitude: Degrees("Latitude"),
      longitude: Degrees("Longitude"),
      name: Str("Place label, e.g. 집 (home) or 회사 (office); any string is accepted."),
      refreshedAt: IsoDateTime("When the place was saved."),
    }),
  ),
});
export type CicSavedPlacePayload = Static<typeof CicSavedPlacePayload>;
export const CicSavedPlace = cicContext(
  "Clova",
  "SavedPlace",
  CicSavedPlacePayload,
  "Saved places (cic.md §8.4).",
);

const FILE_EXTENSION = "(3GP|AAC|M4A|MP3|MP4|TS)";
export const CicDeviceAudioPayload = Type.Object({
  acceptContentType: Type.Array(
    Type.Object({
      mimeType: Enum(["application/vnd.apple.mpegurl", "audio/aac", "audio/mpeg", "audio/mpegurl"]),
      audioCodec: Enum(["AAC", "MP3"]),
      fileExtension: Type.String({
        pattern: `^${FILE_EXTENSION}(,${FILE_EXTENSION})*$`,
        description: "One or more of 3GP, AAC, M4A, MP3, MP4, TS, comma-separated.",
      }),
    }),
    { description: "Playable formats, most preferred first. (`container` is ignored.)" },
  ),
});
export type CicDeviceAudioPayload = Static<typeof CicDeviceAudioPayload>;
export const CicDeviceAudio = cicContext(
  "Device",
  "Audio",
  CicDeviceAudioPayload,
  "Media formats the device plays, by preference (cic.md §8.5).",
);

export const CicDeviceState = cicContext(
  "Device",
  "DeviceState",
  CicDeviceStatePayload,
  "Device features, their states and supported DeviceControl actions (cic.md §8.6).",
);

const screen = {
  orientation: Enum(["landscape", "portrait"]),
  dpi: Int("Screen DPI."),
};
const ContentLayer = Type.Object(
  { width: Int("px"), height: Int("px") },
  { description: "Content area; required when size is custom." },
);
/** Orientation and dpi are required unless `size` is `none`; contentLayer when `custom`. */
export const CicDisplayPayload = Type.Union(
  [
    Type.Object({ size: Type.Literal("none") }),
    ...(["s100", "m100", "l100", "xl100"] as const).map((size) =>
      Type.Object({
        size: Type.Literal(size),
        ...screen,
        contentLayer: Type.Optional(ContentLayer),
      }),
    ),
    Type.Object({ size: Type.Literal("custom"), ...screen, contentLayer: ContentLayer }),
  ],
  { description: "Screen size class (none, s100, m100, l100, xl100, custom), orientation, dpi." },
);
export type CicDisplayPayload = Static<typeof CicDisplayPayload>;
export const CicDisplay = cicContext(
  "Device",
  "Display",
  CicDisplayPayload,
  "Screen description (cic.md §8.7).",
);

export const CicVolumeStatePayload = Type.Object({
  volume: Int("Current volume."),
  muted: Type.Boolean(),
});
export type CicVolumeStatePayload = Static<typeof CicVolumeStatePayload>;
export const CicVolumeState = cicContext(
  "Speaker",
  "VolumeState",
  CicVolumeStatePayload,
  "Speaker volume and mute (cic.md §8.8).",
);

export const CicSpeechStatePayload = Type.Object({
  token: Id("Token of the last SpeechSynthesizer.Speak."),
  playerActivity: Enum(["PLAYING", "STOPPED", "FINISHED"]),
});
export type CicSpeechStatePayload = Static<typeof CicSpeechStatePayload>;
export const CicSpeechState = cicContext(
  "SpeechSynthesizer",
  "SpeechState",
  CicSpeechStatePayload,
  "Whether TTS is playing, stopped or finished (cic.md §8.9).",
);

/** Every context object, by `namespace.name`. */
export const CIC_CONTEXT_OBJECTS = {
  "Alerts.AlertsState": CicAlertsState,
  "AudioPlayer.PlaybackState": CicPlaybackState,
  "Clova.Location": CicLocation,
  "Clova.SavedPlace": CicSavedPlace,
  "Device.Audio": CicDeviceAudio,
  "Device.DeviceState": CicDeviceState,
  "Device.Display": CicDisplay,
  "Speaker.VolumeState": CicVolumeState,
  "SpeechSynthesizer.SpeechState": CicSpeechState,
} as const;
export type CicContextObjectName = keyof typeof CIC_CONTEXT_OBJECTS;
