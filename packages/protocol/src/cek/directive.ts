// Directives an extension returns in `response.directives` (cek-custom-extension.md §4.2,
// §4.7, §5.1). The generic shape is what every directive looks like; the known ones also
// get typed payloads, checked by normalizeCekResponse.
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { defineMessage, type MessageCodec } from "../core/codec.js";
import {
  AudioPlayerPlayPayload,
  AudioPlayerPlayPayloadMessage,
  AudioPlayerStreamDeliverPayload,
  AudioPlayerStreamDeliverPayloadMessage,
  PlaybackControllerPayload,
  PlaybackControllerPayloadMessage,
} from "./audio.js";
import { JsonObject } from "./common.js";

export const CekDirectiveHeader = Type.Object({
  namespace: Type.String({ minLength: 1, description: 'For example "AudioPlayer".' }),
  name: Type.String({ minLength: 1, description: 'For example "Play".' }),
  messageId: Type.String({ minLength: 1, description: "UUID; CEK generates one if missing." }),
});
export type CekDirectiveHeader = Static<typeof CekDirectiveHeader>;

export const CekDirective = Type.Object(
  { header: CekDirectiveHeader, payload: JsonObject },
  { description: "A directive for the client (§4.2)." },
);
export type CekDirective = Static<typeof CekDirective>;

/** messageId may be missing (every guide example omits it), payload may be missing. */
export const AcceptedDirective = Type.Object({
  header: Type.Object({
    namespace: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    messageId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  }),
  payload: Type.Optional(Type.Union([JsonObject, Type.Null()])),
});
export type AcceptedDirective = Static<typeof AcceptedDirective>;

/** `{"directive": {...}}`, seen once in an old guide example: unwrapped on receipt (§4.2). */
export const WrappedDirective = Type.Object({ directive: AcceptedDirective });
export const AcceptedDirectiveItem = Type.Union([AcceptedDirective, WrappedDirective]);
export type AcceptedDirectiveItem = Static<typeof AcceptedDirectiveItem>;

function typed<N extends string, M extends string, P extends TSchema>(
  namespace: N,
  name: M,
  payload: P,
) {
  return Type.Object({
    header: Type.Object({
      namespace: Type.Literal(namespace),
      name: Type.Literal(name),
      messageId: CekDirectiveHeader.properties.messageId,
    }),
    payload,
  });
}

export const AudioPlayerPlayDirective = typed("AudioPlayer", "Play", AudioPlayerPlayPayload);
export type AudioPlayerPlayDirective = Static<typeof AudioPlayerPlayDirective>;
export const AudioPlayerStreamDeliverDirective = typed(
  "AudioPlayer",
  "StreamDeliver",
  AudioPlayerStreamDeliverPayload,
);
export type AudioPlayerStreamDeliverDirective = Static<typeof AudioPlayerStreamDeliverDirective>;
export const PlaybackControllerPauseDirective = typed(
  "PlaybackController",
  "Pause",
  PlaybackControllerPayload,
);
export const PlaybackControllerResumeDirective = typed(
  "PlaybackController",
  "Resume",
  PlaybackControllerPayload,
);
export const PlaybackControllerStopDirective = typed(
  "PlaybackController",
  "Stop",
  PlaybackControllerPayload,
);
export type PlaybackControllerDirective = Static<
  | typeof PlaybackControllerPauseDirective
  | typeof PlaybackControllerResumeDirective
  | typeof PlaybackControllerStopDirective
>;

/** The directives the latest guide supports for custom extensions (§4.7). */
export const CekKnownDirective = Type.Union(
  [
    AudioPlayerPlayDirective,
    AudioPlayerStreamDeliverDirective,
    PlaybackControllerPauseDirective,
    PlaybackControllerResumeDirective,
    PlaybackControllerStopDirective,
  ],
  { description: "A directive the platform supports for custom extensions (§4.7)." },
);
export type CekKnownDirective = Static<typeof CekKnownDirective>;

/** Payload codec of every known directive, by `namespace.name`. */
export const CEK_KNOWN_DIRECTIVES: ReadonlyMap<string, MessageCodec<TSchema>> = new Map<
  string,
  MessageCodec<TSchema>
>([
  ["AudioPlayer.Play", AudioPlayerPlayPayloadMessage],
  ["AudioPlayer.StreamDeliver", AudioPlayerStreamDeliverPayloadMessage],
  ["PlaybackController.Pause", PlaybackControllerPayloadMessage],
  ["PlaybackController.Resume", PlaybackControllerPayloadMessage],
  ["PlaybackController.Stop", PlaybackControllerPayloadMessage],
]);

export const CekDirectiveMessage = defineMessage("cek-directive", CekDirective);
export const CekKnownDirectiveMessage = defineMessage("cek-known-directive", CekKnownDirective);
