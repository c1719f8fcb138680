// The request message envelope: version, session, context, request
// (cek-custom-extension.md §3.1–§3.3; seed 0.1.0 "Request message").
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { defineMessage } from "../core/codec.js";
import {
  AcceptedAudioPlayerContext,
  CekAudioPlayerContext,
  NormalizedAudioPlayerContext,
} from "./audio.js";
import { JsonObject, oneOf, TolerantString } from "./common.js";
import {
  AcceptedCekRequestBody,
  CekRequestBody,
  NormalizedCekRequestBody,
} from "./request-types.js";

const nullable = <T extends TSchema>(schema: T) => Type.Optional(Type.Union([schema, Type.Null()]));

/** Platform user; accessToken only when account linking is done (§3.2, §8.7). */
export const CekUser = Type.Object({
  userId: Type.String({ description: "Opaque platform user ID." }),
  accessToken: Type.Optional(Type.String({ description: "Linked account's access token." })),
});
export type CekUser = Static<typeof CekUser>;
export const AcceptedCekUser = Type.Object({ userId: Type.String(), accessToken: TolerantString });

export const CekDisplaySize = oneOf(["none", "s100", "m100", "l100", "xl100", "custom"]);
export type CekDisplaySize = Static<typeof CekDisplaySize>;
export const CekDisplayOrientation = oneOf(["landscape", "portrait"]);

export const CekContentLayer = Type.Object({ width: Type.Number(), height: Type.Number() });

/** orientation, dpi and contentLayer are omitted when size is "none" (§3.2). */
export const CekDisplay = Type.Object({
  size: CekDisplaySize,
  orientation: Type.Optional(CekDisplayOrientation),
  dpi: Type.Optional(Type.Number()),
  contentLayer: Type.Optional(CekContentLayer),
});
export type CekDisplay = Static<typeof CekDisplay>;
export const AcceptedDisplay = Type.Object({
  size: CekDisplaySize,
  orientation: nullable(CekDisplayOrientation),
  dpi: nullable(Type.Number()),
  contentLayer: nullable(CekContentLayer),
});

export const CekApplication = Type.Object({
  applicationId: Type.String({ minLength: 1, description: "The registered extension ID." }),
});
export type CekApplication = Static<typeof CekApplication>;

const deviceId = Type.String({ description: "Opaque device identifier." });

export const CekSystem = Type.Object({
  application: CekApplication,
  device: Type.Object({ deviceId, display: CekDisplay }),
  user: CekUser,
});
export type CekSystem = Static<typeof CekSystem>;

/** application and display did not exist in 0.1.0 (§12.1). */
export const NormalizedCekSystem = Type.Object({
  application: Type.Optional(CekApplication),
  device: Type.Object({ deviceId, display: Type.Optional(CekDisplay) }),
  user: CekUser,
});
export type NormalizedCekSystem = Static<typeof NormalizedCekSystem>;

export const AcceptedCekSystem = Type.Object({
  application: nullable(CekApplication),
  device: Type.Object({ deviceId, display: nullable(AcceptedDisplay) }),
  user: AcceptedCekUser,
});

export const CekContext = Type.Object({
  AudioPlayer: Type.Optional(CekAudioPlayerContext),
  System: CekSystem,
});
export type CekContext = Static<typeof CekContext>;

export const NormalizedCekContext = Type.Object({
  AudioPlayer: Type.Optional(NormalizedAudioPlayerContext),
  System: NormalizedCekSystem,
});
export type NormalizedCekContext = Static<typeof NormalizedCekContext>;

/** Session; `user` is missing in the guide's audio EventRequests (§7.7). */
export const CekSession = Type.Object({
  new: Type.Boolean({ description: "true for the first message of a session." }),
  sessionAttributes: JsonObject,
  sessionId: Type.String(),
  user: Type.Optional(CekUser),
});
export type CekSession = Static<typeof CekSession>;

export const AcceptedCekSession = Type.Object({
  new: Type.Boolean(),
  sessionAttributes: nullable(JsonObject),
  sessionId: Type.String(),
  user: nullable(AcceptedCekUser),
});

/** The request message as our platform sends it (newest, strict). */
export const CekRequest = Type.Object(
  {
    version: Type.String({ description: '"1.0" (latest) or "0.1.0" (§12).' }),
    session: CekSession,
    context: CekContext,
    request: CekRequestBody,
  },
  { description: "CEK request message, newest shape (cek-custom-extension.md §3)." },
);
export type CekRequest = Static<typeof CekRequest>;

/** The newest shape as an extension sees it after normalizeCekRequest. */
export const NormalizedCekRequest = Type.Object({
  version: Type.String(),
  session: CekSession,
  context: NormalizedCekContext,
  request: NormalizedCekRequestBody,
});
export type NormalizedCekRequest = Static<typeof NormalizedCekRequest>;

/** Every request message an extension must accept: 0.1.0 and 1.0 (§12.2). */
export const AcceptedCekRequest = Type.Object(
  {
    version: Type.String(),
    session: AcceptedCekSession,
    context: Type.Object({
      AudioPlayer: nullable(AcceptedAudioPlayerContext),
      System: AcceptedCekSystem,
    }),
    request: AcceptedCekRequestBody,
  },
  { description: "CEK request message as accepted on the wire (0.1.0 and 1.0)." },
);
export type AcceptedCekRequest = Static<typeof AcceptedCekRequest>;

export const CekRequestMessage = defineMessage("cek-request", CekRequest);
export const AcceptedCekRequestMessage = defineMessage("cek-request-accepted", AcceptedCekRequest);
export const NormalizedCekRequestMessage = defineMessage(
  "cek-request-normalized",
  NormalizedCekRequest,
);
