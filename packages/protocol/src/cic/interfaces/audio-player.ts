// AudioPlayer (cic.md §9.2): long-form media from stream URLs and its progress reports.
import { type Static, Type } from "@sinclair/typebox";
import { CicAudioStreamDelivery, CicAudioStreamInfoObject } from "../audio-stream.js";
import {
  CIC_PLAYER_ACTIVITIES,
  CicEmptyPayload,
  CicRepeatMode,
  Enum,
  Id,
  Int,
  Str,
  Token2048,
} from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";

const ns = "AudioPlayer";

export const CicClearBehavior = Enum(["CLEAR_ALL", "CLEAR_ENQUEUED"], {
  description: "CLEAR_ALL also stops the current stream; CLEAR_ENQUEUED lets it play on.",
});

// ── directives ──────────────────────────────────────────────────────────────────────────

export const CicAudioPlayerPlayPayload = Type.Object({
  audioItem: Type.Object(
    {
      audioItemId: Id("Lets a client drop duplicate Play directives."),
      stream: CicAudioStreamInfoObject,
      titleText: Str("Track title."),
      titleSubText1: Str("Usually the artist."),
      titleSubText2: Type.Optional(Str("Usually the album.")),
      headerText: Type.Optional(Str("Usually the playlist title.")),
      artImageUrl: Type.Optional(Str("Cover image URL.")),
      type: Str("Deprecated provider/service identifier."),
    },
    { description: "Metadata and stream; providers may add fields." },
  ),
  playBehavior: Enum(["REPLACE_ALL", "ENQUEUE"]),
  source: Type.Object({
    name: Str("Provider name, shown when no logo can be."),
    logoUrl: Type.Optional(Str("Provider logo, preferred over the name.")),
  }),
});
export type CicAudioPlayerPlayPayload = Static<typeof CicAudioPlayerPlayPayload>;
export const CicAudioPlayerPlay = cicDirective(ns, "Play", CicAudioPlayerPlayPayload, {
  channel: "resp",
});
export type CicAudioPlayerPlay = CicMessageOf<typeof CicAudioPlayerPlay>;

export const CicAudioPlayerClearQueuePayload = Type.Object({ clearBehavior: CicClearBehavior });
export type CicAudioPlayerClearQueuePayload = Static<typeof CicAudioPlayerClearQueuePayload>;
export const CicAudioPlayerClearQueue = cicDirective(
  ns,
  "ClearQueue",
  CicAudioPlayerClearQueuePayload,
  { channel: "resp/down" },
);
export type CicAudioPlayerClearQueue = CicMessageOf<typeof CicAudioPlayerClearQueue>;

export const CicAudioPlayerExpectReportPlaybackState = cicDirective(
  ns,
  "ExpectReportPlaybackState",
  CicEmptyPayload,
  { channel: "down" },
);
export type CicAudioPlayerExpectReportPlaybackState = CicMessageOf<
  typeof CicAudioPlayerExpectReportPlaybackState
>;

export const CicAudioPlayerStreamDeliverPayload = Type.Object({
  audioItemId: Id("From Play.audioItem.audioItemId."),
  audioStream: CicAudioStreamDelivery,
});
export type CicAudioPlayerStreamDeliverPayload = Static<typeof CicAudioPlayerStreamDeliverPayload>;
export const CicAudioPlayerStreamDeliver = cicDirective(
  ns,
  "StreamDeliver",
  CicAudioPlayerStreamDeliverPayload,
  { channel: "resp" },
);
export type CicAudioPlayerStreamDeliver = CicMessageOf<typeof CicAudioPlayerStreamDeliver>;

const NullableInt = Type.Union([Int(), Type.Null()]);
export const CicAudioPlayerSynchronizePlaybackStatePayload = Type.Object({
  deviceId: Id("Device whose state this is."),
  event: Type.Optional(
    Enum(["PlayFinished", "PlayPaused", "PlayResumed", "PlayStarted", "PlayStopped"]),
  ),
  playbackState: Type.Optional(
    Type.Object({
      playerActivity: Enum(["IDLE", "PLAYING", "PAUSED", "STOPPED"]),
      repeatMode: CicRepeatMode,
      offsetInMilliseconds: Type.Optional(NullableInt),
      stream: Type.Optional(CicAudioStreamInfoObject),
      token: Type.Optional(Str("May be empty.")),
      totalInMilliseconds: Type.Optional(NullableInt),
    }),
  ),
});
export type CicAudioPlayerSynchronizePlaybackStatePayload = Static<
  typeof CicAudioPlayerSynchronizePlaybackStatePayload
>;
export const CicAudioPlayerSynchronizePlaybackState = cicDirective(
  ns,
  "SynchronizePlaybackState",
  CicAudioPlayerSynchronizePlaybackStatePayload,
  { channel: "down", status: "legacy" },
);
export type CicAudioPlayerSynchronizePlaybackState = CicMessageOf<
  typeof CicAudioPlayerSynchronizePlaybackState
>;

// ── events ──────────────────────────────────────────────────────────────────────────────

/** Payload of the Play* and ProgressReport* events (§9.2.4). */
export const CicPlayPositionPayload = Type.Object({
  token: Token2048("audioItem.stream.token of the stream concerned."),
  offsetInMilliseconds: Int("Current position in the stream."),
});
export type CicPlayPositionPayload = Static<typeof CicPlayPositionPayload>;
const positionEvent = <M extends string>(name: M) => cicEvent(ns, name, CicPlayPositionPayload);

export const CicAudioPlayerPlayFinished = positionEvent("PlayFinished");
export type CicAudioPlayerPlayFinished = CicMessageOf<typeof CicAudioPlayerPlayFinished>;
export const CicAudioPlayerPlayPaused = positionEvent("PlayPaused");
export type CicAudioPlayerPlayPaused = CicMessageOf<typeof CicAudioPlayerPlayPaused>;
export const CicAudioPlayerPlayResumed = positionEvent("PlayResumed");
export type CicAudioPlayerPlayResumed = CicMessageOf<typeof CicAudioPlayerPlayResumed>;
export const CicAudioPlayerPlayStarted = positionEvent("PlayStarted");
export type CicAudioPlayerPlayStarted = CicMessageOf<typeof CicAudioPlayerPlayStarted>;
export const CicAudioPlayerPlayStopped = positionEvent("PlayStopped");
export type CicAudioPlayerPlayStopped = CicMessageOf<typeof CicAudioPlayerPlayStopped>;
export const CicAudioPlayerProgressReportDelayPassed = positionEvent("ProgressReportDelayPassed");
export type CicAudioPlayerProgressReportDelayPassed = CicMessageOf<
  typeof CicAudioPlayerProgressReportDelayPassed
>;
export const CicAudioPlayerProgressReportIntervalPassed = positionEvent(
  "ProgressReportIntervalPassed",
);
export type CicAudioPlayerProgressReportIntervalPassed = CicMessageOf<
  typeof CicAudioPlayerProgressReportIntervalPassed
>;
export const CicAudioPlayerProgressReportPositionPassed = positionEvent(
  "ProgressReportPositionPassed",
);
export type CicAudioPlayerProgressReportPositionPassed = CicMessageOf<
  typeof CicAudioPlayerProgressReportPositionPassed
>;

export const CicAudioPlayerPlaybackQueueClearedPayload = Type.Object({
  clearBehavior: CicClearBehavior,
});
export type CicAudioPlayerPlaybackQueueClearedPayload = Static<
  typeof CicAudioPlayerPlaybackQueueClearedPayload
>;
export const CicAudioPlayerPlaybackQueueCleared = cicEvent(
  ns,
  "PlaybackQueueCleared",
  CicAudioPlayerPlaybackQueueClearedPayload,
);
export type CicAudioPlayerPlaybackQueueCleared = CicMessageOf<
  typeof CicAudioPlayerPlaybackQueueCleared
>;

const reportCommon = {
  repeatMode: CicRepeatMode,
  offsetInMilliseconds: Type.Optional(Int("Current position (playing or paused).")),
  totalInMilliseconds: Type.Optional(Int("Media length (begin + duration when known).")),
};
/** `stream` and `token` are required unless `playerActivity` is IDLE (§9.2.4). */
export const CicAudioPlayerReportPlaybackStatePayload = Type.Union(
  [
    Type.Object({
      playerActivity: Type.Literal("IDLE"),
      ...reportCommon,
      stream: Type.Optional(CicAudioStreamInfoObject),
      token: Type.Optional(Str()),
    }),
    ...CIC_PLAYER_ACTIVITIES.filter((a) => a !== "IDLE").map((activity) =>
      Type.Object({
        playerActivity: Type.Literal(activity),
        ...reportCommon,
        stream: CicAudioStreamInfoObject,
        token: Token2048("Stream token."),
      }),
    ),
  ],
  { description: "The player state; stream and token required unless IDLE." },
);
export type CicAudioPlayerReportPlaybackStatePayload = Static<
  typeof CicAudioPlayerReportPlaybackStatePayload
>;
export const CicAudioPlayerReportPlaybackState = cicEvent(
  ns,
  "ReportPlaybackState",
  CicAudioPlayerReportPlaybackStatePayload,
);
export type CicAudioPlayerReportPlaybackState = CicMessageOf<
  typeof CicAudioPlayerReportPlaybackState
>;

export const CicAudioPlayerRequestPlaybackStatePayload = Type.Object({
  deviceId: Type.Optional(Id("Device to ask; absent = every device of the account.")),
});
export type CicAudioPlayerRequestPlaybackStatePayload = Static<
  typeof CicAudioPlayerRequestPlaybackStatePayload
>;
export const CicAudioPlayerRequestPlaybackState = cicEvent(
  ns,
  "RequestPlaybackState",
  CicAudioPlayerRequestPlaybackStatePayload,
  { status: "legacy" },
);
export type CicAudioPlayerRequestPlaybackState = CicMessageOf<
  typeof CicAudioPlayerRequestPlaybackState
>;

export const CicAudioPlayerStreamRequestedPayload = Type.Object({
  audioItemId: Id("From Play.audioItem.audioItemId."),
  audioStream: CicAudioStreamInfoObject,
});
export type CicAudioPlayerStreamRequestedPayload = Static<
  typeof CicAudioPlayerStreamRequestedPayload
>;
export const CicAudioPlayerStreamRequested = cicEvent(
  ns,
  "StreamRequested",
  CicAudioPlayerStreamRequestedPayload,
);
export type CicAudioPlayerStreamRequested = CicMessageOf<typeof CicAudioPlayerStreamRequested>;

export const CicAudioPlayer = {
  events: {
    PlaybackQueueCleared: CicAudioPlayerPlaybackQueueCleared,
    PlayFinished: CicAudioPlayerPlayFinished,
    PlayPaused: CicAudioPlayerPlayPaused,
    PlayResumed: CicAudioPlayerPlayResumed,
    PlayStarted: CicAudioPlayerPlayStarted,
    PlayStopped: CicAudioPlayerPlayStopped,
    ProgressReportDelayPassed: CicAudioPlayerProgressReportDelayPassed,
    ProgressReportIntervalPassed: CicAudioPlayerProgressReportIntervalPassed,
    ProgressReportPositionPassed: CicAudioPlayerProgressReportPositionPassed,
    ReportPlaybackState: CicAudioPlayerReportPlaybackState,
    RequestPlaybackState: CicAudioPlayerRequestPlaybackState,
    StreamRequested: CicAudioPlayerStreamRequested,
  },
  directives: {
    ClearQueue: CicAudioPlayerClearQueue,
    ExpectReportPlaybackState: CicAudioPlayerExpectReportPlaybackState,
    Play: CicAudioPlayerPlay,
    StreamDeliver: CicAudioPlayerStreamDeliver,
    SynchronizePlaybackState: CicAudioPlayerSynchronizePlaybackState,
  },
} as const;
