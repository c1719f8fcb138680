// Audio playback through CEK: stream information, the AudioPlayer / PlaybackController
// directive payloads and the AudioPlayer event payloads (cek-custom-extension.md §5).
import { type Static, Type } from "@sinclair/typebox";
import { defineMessage } from "../core/codec.js";
import { oneOf } from "./common.js";

const nullableMs = (description: string) =>
  Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description }));

export const CekProgressReport = Type.Object(
  {
    progressReportDelayInMilliseconds: nullableMs("Report once this long after start."),
    progressReportIntervalInMilliseconds: nullableMs("Report every this many ms."),
    progressReportPositionInMilliseconds: nullableMs("Report when passing this position."),
  },
  { description: "When the client sends progress events (§5.3)." },
);
export type CekProgressReport = Static<typeof CekProgressReport>;

const streamFields = {
  token: Type.String({ description: "The extension's handle, echoed in playback events." }),
  url: Type.String({ description: "Stream URL; a placeholder when urlPlayable is false." }),
  urlPlayable: Type.Boolean({ description: "false: the client asks with StreamRequested." }),
  beginAtInMilliseconds: Type.Number({ minimum: 0 }),
  durationInMilliseconds: Type.Optional(Type.Number({ minimum: 0 })),
  progressReport: Type.Optional(CekProgressReport),
  customData: Type.Optional(Type.String()),
};

/** Stream information (§5.3; `AudioStreamObject` in 0.1.0). Extra provider keys are kept. */
export const AudioStreamInfoObject = Type.Object(streamFields, {
  description: "Stream information (AudioStreamInfoObject, §5.3).",
});
export type AudioStreamInfoObject = Static<typeof AudioStreamInfoObject>;
/** Name of AudioStreamInfoObject in message version 0.1.0. */
export const AudioStreamObject = AudioStreamInfoObject;
export type AudioStreamObject = AudioStreamInfoObject;

/** As received in a playback context: every field may be missing (§5.7, doc glitches). */
export const PartialAudioStreamInfoObject = Type.Partial(AudioStreamInfoObject);
export type PartialAudioStreamInfoObject = Static<typeof PartialAudioStreamInfoObject>;

/** In a Play directive CEK requires only url and urlPlayable of the stream (§5.2, §13 #11). */
export const CekPlayStream = Type.Object({
  ...Type.Partial(AudioStreamInfoObject).properties,
  url: streamFields.url,
  urlPlayable: streamFields.urlPlayable,
});
export type CekPlayStream = Static<typeof CekPlayStream>;

export const CekAudioItem = Type.Object({
  audioItemId: Type.String({ minLength: 1, description: "Clients drop duplicate Plays by it." }),
  stream: CekPlayStream,
  titleText: Type.Optional(Type.String()),
  titleSubText1: Type.Optional(Type.String()),
  titleSubText2: Type.Optional(Type.String()),
  headerText: Type.Optional(Type.String()),
  artImageUrl: Type.Optional(Type.String()),
});
export type CekAudioItem = Static<typeof CekAudioItem>;

export const CekPlayBehavior = oneOf(["REPLACE_ALL", "ENQUEUE"]);
export type CekPlayBehavior = Static<typeof CekPlayBehavior>;

/** `AudioPlayer.Play` payload (§5.2). Other keys are forwarded to the client unchanged. */
export const AudioPlayerPlayPayload = Type.Object(
  {
    audioItem: CekAudioItem,
    playBehavior: CekPlayBehavior,
    source: Type.Optional(
      Type.Object({ name: Type.String(), logoUrl: Type.Optional(Type.String()) }),
    ),
  },
  { description: "Payload of AudioPlayer.Play (§5.2)." },
);
export type AudioPlayerPlayPayload = Static<typeof AudioPlayerPlayPayload>;

/** `AudioPlayer.StreamDeliver` payload: merged over the Play's stream, url always set (§5.4). */
export const AudioPlayerStreamDeliverPayload = Type.Object(
  {
    audioItemId: Type.String({ minLength: 1 }),
    audioStream: Type.Object({
      ...Type.Partial(AudioStreamInfoObject).properties,
      url: Type.String({ minLength: 1, description: "Always a playable URL." }),
    }),
  },
  { description: "Payload of AudioPlayer.StreamDeliver (§5.4)." },
);
export type AudioPlayerStreamDeliverPayload = Static<typeof AudioPlayerStreamDeliverPayload>;

/** `PlaybackController.Pause` / `Resume` / `Stop`: no fields, `{}` (§5.5). */
export const PlaybackControllerPayload = Type.Object({}, { description: "Always {} (§5.5)." });
export type PlaybackControllerPayload = Static<typeof PlaybackControllerPayload>;

/** Payload of PlayStarted … ProgressReportPositionPassed (§5.6). */
export const PlaybackEventPayload = Type.Object({
  token: Type.String(),
  offsetInMilliseconds: Type.Number({ minimum: 0 }),
});
export type PlaybackEventPayload = Static<typeof PlaybackEventPayload>;
/** Accepted: one guide example sends `{}` for PlayStopped (§3.8 doc glitch). */
export const AcceptedPlaybackEventPayload = Type.Partial(PlaybackEventPayload);

/** Payload of StreamRequested: the Play's audioItemId and stream (§5.6). */
export const StreamRequestedPayload = Type.Object({
  audioItemId: Type.String(),
  audioStream: AudioStreamInfoObject,
});
export type StreamRequestedPayload = Static<typeof StreamRequestedPayload>;
export const AcceptedStreamRequestedPayload = Type.Object({
  audioItemId: Type.String(),
  audioStream: PartialAudioStreamInfoObject,
});

export const CekPlayerActivity = oneOf(["IDLE", "PLAYING", "PAUSED", "STOPPED"]);
export type CekPlayerActivity = Static<typeof CekPlayerActivity>;

/** `context.AudioPlayer` (§3.2, §5.7). repeatMode and token may appear (§3.3). */
export const CekAudioPlayerContext = Type.Object({
  playerActivity: CekPlayerActivity,
  offsetInMilliseconds: Type.Optional(Type.Number()),
  totalInMilliseconds: Type.Optional(Type.Number()),
  stream: Type.Optional(AudioStreamInfoObject),
  repeatMode: Type.Optional(oneOf(["NONE", "REPEAT_ONE"])),
});
export type CekAudioPlayerContext = Static<typeof CekAudioPlayerContext>;
export const AcceptedAudioPlayerContext = Type.Object({
  playerActivity: CekPlayerActivity,
  offsetInMilliseconds: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  totalInMilliseconds: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  stream: Type.Optional(Type.Union([PartialAudioStreamInfoObject, Type.Null()])),
  repeatMode: Type.Optional(Type.String()),
});
export type AcceptedAudioPlayerContext = Static<typeof AcceptedAudioPlayerContext>;
/** After normalization: nulls dropped, the stream as far as it was sent. */
export const NormalizedAudioPlayerContext = Type.Object({
  playerActivity: CekPlayerActivity,
  offsetInMilliseconds: Type.Optional(Type.Number()),
  totalInMilliseconds: Type.Optional(Type.Number()),
  stream: Type.Optional(PartialAudioStreamInfoObject),
  repeatMode: Type.Optional(Type.String()),
});
export type NormalizedAudioPlayerContext = Static<typeof NormalizedAudioPlayerContext>;

export const AudioStreamInfoObjectMessage = defineMessage(
  "cek-audio-stream-info-object",
  AudioStreamInfoObject,
);
export const AudioPlayerPlayPayloadMessage = defineMessage(
  "cek-audioplayer-play-payload",
  AudioPlayerPlayPayload,
);
export const AudioPlayerStreamDeliverPayloadMessage = defineMessage(
  "cek-audioplayer-streamdeliver-payload",
  AudioPlayerStreamDeliverPayload,
);
export const PlaybackControllerPayloadMessage = defineMessage(
  "cek-playbackcontroller-payload",
  PlaybackControllerPayload,
);
