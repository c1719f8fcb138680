// AudioStreamInfoObject (cic.md §9.2.1): what AudioPlayer plays, echoed in events and context.
import { type Static, Type } from "@sinclair/typebox";
import { Enum, Int, Str, Token2048 } from "./common.js";

const NullableInt = (description: string) =>
  Type.Optional(Type.Union([Int(), Type.Null()], { description }));

export const CicProgressReport = Type.Object(
  {
    progressReportDelayInMilliseconds: NullableInt("One report this long after start."),
    progressReportIntervalInMilliseconds: NullableInt("A report every this many ms."),
    progressReportPositionInMilliseconds: NullableInt("One report when passing this position."),
  },
  { description: "When to send progress events (§9.2.5)." },
);
export type CicProgressReport = Static<typeof CicProgressReport>;

/** Stream formats (§9.2.1, §11.3); absent means `audio/mpeg`. */
export const CicStreamFormat = Enum([
  "audio/mpeg",
  "audio/mpegurl",
  "audio/aac",
  "application/vnd.apple.mpegurl",
]);

const streamFields = {
  beginAtInMilliseconds: Int("Start position; 0 = from the beginning."),
  customData: Type.Optional(Str("Opaque provider data, copied unchanged into PlaybackState.")),
  durationInMilliseconds: Type.Optional(Int("Playable window length from beginAtInMilliseconds.")),
  format: Type.Optional(CicStreamFormat),
  progressReport: Type.Optional(CicProgressReport),
  token: Token2048("Stream token."),
  url: Token2048("Stream URL, or a placeholder such as clova:<id> when urlPlayable is false."),
  urlPlayable: Type.Boolean({
    description: "false: send AudioPlayer.StreamRequested right before playing.",
  }),
};

export const CicAudioStreamInfoObject = Type.Object(streamFields, {
  description: "AudioStreamInfoObject (cic.md §9.2.1).",
});
export type CicAudioStreamInfoObject = Static<typeof CicAudioStreamInfoObject>;

/**
 * The `audioStream` of AudioPlayer.StreamDeliver: at least a playable `url`; other members may
 * be left out (or null) and are then kept from Play when merging (§9.2.3).
 */
export const CicAudioStreamDelivery = Type.Object(
  {
    beginAtInMilliseconds: Type.Optional(Type.Union([Int(), Type.Null()])),
    customData: Type.Optional(Type.Union([Str(), Type.Null()])),
    durationInMilliseconds: Type.Optional(Type.Union([Int(), Type.Null()])),
    format: Type.Optional(Type.Union([CicStreamFormat, Type.Null()])),
    progressReport: Type.Optional(Type.Union([CicProgressReport, Type.Null()])),
    token: Type.Optional(Type.Union([Token2048(), Type.Null()])),
    url: Token2048("Playable stream URL."),
    urlPlayable: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
  },
  { description: "StreamDeliver.audioStream, merged field by field into the Play stream." },
);
export type CicAudioStreamDelivery = Static<typeof CicAudioStreamDelivery>;
