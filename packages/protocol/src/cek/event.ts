// Events an extension receives in an EventRequest (cek-custom-extension.md §3.8, §5.6, §6).
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import {
  AcceptedPlaybackEventPayload,
  AcceptedStreamRequestedPayload,
  PlaybackEventPayload,
  StreamRequestedPayload,
} from "./audio.js";
import { JsonObject } from "./common.js";

/** AudioPlayer events whose payload is `{token, offsetInMilliseconds}` (§5.6). */
export const CEK_PLAYBACK_EVENT_NAMES = [
  "PlayStarted",
  "PlayPaused",
  "PlayResumed",
  "PlayStopped",
  "PlayFinished",
  "ProgressReportDelayPassed",
  "ProgressReportIntervalPassed",
  "ProgressReportPositionPassed",
] as const;
export type PlaybackEventName = (typeof CEK_PLAYBACK_EVENT_NAMES)[number];

function event<N extends string, M extends string, P extends TSchema>(
  namespace: N,
  name: M,
  payload: P,
) {
  return Type.Object({ namespace: Type.Literal(namespace), name: Type.Literal(name), payload });
}

/** ClovaSkill payloads: `null` in the examples, `{}` tolerated (§3.8). */
const SkillPayload = Type.Union([Type.Null(), JsonObject]);

export const SkillEnabledEvent = event("ClovaSkill", "SkillEnabled", SkillPayload);
export const SkillDisabledEvent = event("ClovaSkill", "SkillDisabled", SkillPayload);
export const StreamRequestedEvent = event("AudioPlayer", "StreamRequested", StreamRequestedPayload);

function events<P extends TSchema, S extends TSchema, R extends TSchema>(
  playback: P,
  skill: S,
  streamRequested: R,
) {
  return [
    event("ClovaSkill", "SkillEnabled", skill),
    event("ClovaSkill", "SkillDisabled", skill),
    ...CEK_PLAYBACK_EVENT_NAMES.map((name) => event("AudioPlayer", name, playback)),
    event("AudioPlayer", "StreamRequested", streamRequested),
  ];
}

/** Every event the platform sends to custom extensions. */
export const CekEvent = Type.Union(
  events(PlaybackEventPayload, SkillPayload, StreamRequestedPayload),
  {
    description: "ClovaSkill SkillEnabled/SkillDisabled or an AudioPlayer event (§3.8).",
  },
);
export type CekEvent = Static<typeof CekEvent>;

/** As received: PlayStopped with `{}` (doc glitch), ClovaSkill without payload. */
export const AcceptedCekEvent = Type.Union(
  events(AcceptedPlaybackEventPayload, Type.Optional(SkillPayload), AcceptedStreamRequestedPayload),
);
export type AcceptedCekEvent = Static<typeof AcceptedCekEvent>;
