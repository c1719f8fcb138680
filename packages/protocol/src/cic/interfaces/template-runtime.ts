// TemplateRuntime (cic.md §9.11): player UI metadata (queue, artwork, lyrics, like/subscribe).
import { type Static, Type } from "@sinclair/typebox";
import { CicEmptyPayload, Enum, Id, Str } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";

const ns = "TemplateRuntime";

// ── events ──────────────────────────────────────────────────────────────────────────────

/** Payload of the like/unlike/more/subscribe/unsubscribe/select events. */
export const CicMediaTokenPayload = Type.Object({
  token: Id("RenderPlayerInfo.playableItems[].token (RenderPlaylist.items[].token for Select)."),
});
export type CicMediaTokenPayload = Static<typeof CicMediaTokenPayload>;
const tokenEvent = <M extends string>(name: M) => cicEvent(ns, name, CicMediaTokenPayload);

export const CicTemplateRuntimeLikeCommandIssued = tokenEvent("LikeCommandIssued");
export type CicTemplateRuntimeLikeCommandIssued = CicMessageOf<
  typeof CicTemplateRuntimeLikeCommandIssued
>;
export const CicTemplateRuntimeMoreCommandIssued = tokenEvent("MoreCommandIssued");
export type CicTemplateRuntimeMoreCommandIssued = CicMessageOf<
  typeof CicTemplateRuntimeMoreCommandIssued
>;
export const CicTemplateRuntimeSelectCommandIssued = tokenEvent("SelectCommandIssued");
export type CicTemplateRuntimeSelectCommandIssued = CicMessageOf<
  typeof CicTemplateRuntimeSelectCommandIssued
>;
export const CicTemplateRuntimeSubscribeCommandIssued = tokenEvent("SubscribeCommandIssued");
export type CicTemplateRuntimeSubscribeCommandIssued = CicMessageOf<
  typeof CicTemplateRuntimeSubscribeCommandIssued
>;
export const CicTemplateRuntimeUnlikeCommandIssued = tokenEvent("UnlikeCommandIssued");
export type CicTemplateRuntimeUnlikeCommandIssued = CicMessageOf<
  typeof CicTemplateRuntimeUnlikeCommandIssued
>;
export const CicTemplateRuntimeUnsubscribeCommandIssued = tokenEvent("UnsubscribeCommandIssued");
export type CicTemplateRuntimeUnsubscribeCommandIssued = CicMessageOf<
  typeof CicTemplateRuntimeUnsubscribeCommandIssued
>;

const RangeCount = (description: string) => Type.Integer({ minimum: 1, description });
export const CicTemplateRuntimeRequestPlayerInfoPayload = Type.Object({
  token: Id("Reference item: a playableItems[].token."),
  range: Type.Optional(
    Type.Object(
      {
        before: Type.Optional(RangeCount("Items before the reference.")),
        after: Type.Optional(RangeCount("Items after the reference.")),
      },
      { description: "Absent: the server chooses how many items." },
    ),
  ),
});
export type CicTemplateRuntimeRequestPlayerInfoPayload = Static<
  typeof CicTemplateRuntimeRequestPlayerInfoPayload
>;
export const CicTemplateRuntimeRequestPlayerInfo = cicEvent(
  ns,
  "RequestPlayerInfo",
  CicTemplateRuntimeRequestPlayerInfoPayload,
);
export type CicTemplateRuntimeRequestPlayerInfo = CicMessageOf<
  typeof CicTemplateRuntimeRequestPlayerInfo
>;

// ── directives ──────────────────────────────────────────────────────────────────────────

export const CicTemplateRuntimeExpectRequestPlayerInfo = cicDirective(
  ns,
  "ExpectRequestPlayerInfo",
  CicEmptyPayload,
  { channel: "resp/down" },
);
export type CicTemplateRuntimeExpectRequestPlayerInfo = CicMessageOf<
  typeof CicTemplateRuntimeExpectRequestPlayerInfo
>;

const control = <const T extends string[]>(names: [...T]) =>
  Type.Object({
    name: Enum(names),
    enabled: Type.Boolean(),
    selected: Type.Boolean(),
    type: Type.Literal("BUTTON"),
  });
const NullableStr = Type.Union([Type.String(), Type.Null()]);

export const CicPlayableItem = Type.Object({
  token: Id("Item token (like/subscribe/more/play)."),
  titleText: Str("Title."),
  titleSubText1: Str("Usually the artist."),
  titleSubText2: Type.Optional(Str("Usually the album.")),
  headerText: Type.Optional(Str("Usually the playlist title.")),
  artImageUrl: Type.Optional(Str("Artwork.")),
  isLive: Type.Optional(Type.Boolean({ description: "Live content: show a live badge." })),
  showAdultIcon: Type.Boolean(),
  lyrics: Type.Optional(
    Type.Array(
      Type.Object({
        format: Enum(["LRC", "PLAIN"]),
        data: Type.Optional(NullableStr),
        url: Type.Optional(NullableStr),
      }),
    ),
  ),
  controls: Type.Optional(
    Type.Array(
      control([
        "BACKWARD_15S",
        "BACKWARD_30S",
        "BACKWARD_60S",
        "FORWARD_15S",
        "FORWARD_30S",
        "FORWARD_60S",
        "LIKE_DISLIKE",
        "MORE",
        "NEXT",
        "PLAY_PAUSE",
        "PREVIOUS",
        "PROGRESS_BAR",
        "REPEAT",
        "SUBSCRIBE_UNSUBSCRIBE",
      ]),
    ),
  ),
});
export type CicPlayableItem = Static<typeof CicPlayableItem>;

export const CicTemplateRuntimeRenderPlayerInfoPayload = Type.Object({
  controls: Type.Array(control(["NEXT", "PLAY_PAUSE", "PREVIOUS"])),
  displayType: Enum(["list", "single"]),
  playableItems: Type.Array(CicPlayableItem),
  provider: Type.Optional(
    Type.Object({
      name: Str("Provider name."),
      logoUrl: Type.Optional(Str("Preferred logo.")),
      smallLogoUrl: Type.Optional(Str()),
    }),
  ),
});
export type CicTemplateRuntimeRenderPlayerInfoPayload = Static<
  typeof CicTemplateRuntimeRenderPlayerInfoPayload
>;
export const CicTemplateRuntimeRenderPlayerInfo = cicDirective(
  ns,
  "RenderPlayerInfo",
  CicTemplateRuntimeRenderPlayerInfoPayload,
  { channel: "resp" },
);
export type CicTemplateRuntimeRenderPlayerInfo = CicMessageOf<
  typeof CicTemplateRuntimeRenderPlayerInfo
>;

export const CicTemplateRuntimeRenderPlaylistPayload = Type.Object({
  title: Str("Screen title."),
  items: Type.Array(
    Type.Object({
      token: Id("Sent in SelectCommandIssued when chosen."),
      titleText: Str(),
      titleSubText1: Type.Optional(Str("Usually the artist.")),
      titleSubText2: Type.Optional(Str("Usually the album.")),
      imageUri: Type.Optional(Str("Artwork.")),
      showAdultIcon: Type.Boolean(),
      type: Enum(["playlist", "track", "live"]),
    }),
  ),
});
export type CicTemplateRuntimeRenderPlaylistPayload = Static<
  typeof CicTemplateRuntimeRenderPlaylistPayload
>;
export const CicTemplateRuntimeRenderPlaylist = cicDirective(
  ns,
  "RenderPlaylist",
  CicTemplateRuntimeRenderPlaylistPayload,
  { channel: "resp" },
);
export type CicTemplateRuntimeRenderPlaylist = CicMessageOf<
  typeof CicTemplateRuntimeRenderPlaylist
>;

export const CicTemplateRuntimeUpdateLikePayload = Type.Object({
  like: Type.Boolean(),
  token: Id(),
});
export type CicTemplateRuntimeUpdateLikePayload = Static<
  typeof CicTemplateRuntimeUpdateLikePayload
>;
export const CicTemplateRuntimeUpdateLike = cicDirective(
  ns,
  "UpdateLike",
  CicTemplateRuntimeUpdateLikePayload,
  { channel: "resp/down" },
);
export type CicTemplateRuntimeUpdateLike = CicMessageOf<typeof CicTemplateRuntimeUpdateLike>;

export const CicTemplateRuntimeUpdateSubscribePayload = Type.Object({
  subscribe: Type.Boolean(),
  token: Id(),
});
export type CicTemplateRuntimeUpdateSubscribePayload = Static<
  typeof CicTemplateRuntimeUpdateSubscribePayload
>;
export const CicTemplateRuntimeUpdateSubscribe = cicDirective(
  ns,
  "UpdateSubscribe",
  CicTemplateRuntimeUpdateSubscribePayload,
  { channel: "resp/down" },
);
export type CicTemplateRuntimeUpdateSubscribe = CicMessageOf<
  typeof CicTemplateRuntimeUpdateSubscribe
>;

export const CicTemplateRuntime = {
  events: {
    LikeCommandIssued: CicTemplateRuntimeLikeCommandIssued,
    MoreCommandIssued: CicTemplateRuntimeMoreCommandIssued,
    RequestPlayerInfo: CicTemplateRuntimeRequestPlayerInfo,
    SelectCommandIssued: CicTemplateRuntimeSelectCommandIssued,
    SubscribeCommandIssued: CicTemplateRuntimeSubscribeCommandIssued,
    UnlikeCommandIssued: CicTemplateRuntimeUnlikeCommandIssued,
    UnsubscribeCommandIssued: CicTemplateRuntimeUnsubscribeCommandIssued,
  },
  directives: {
    ExpectRequestPlayerInfo: CicTemplateRuntimeExpectRequestPlayerInfo,
    RenderPlayerInfo: CicTemplateRuntimeRenderPlayerInfo,
    RenderPlaylist: CicTemplateRuntimeRenderPlaylist,
    UpdateLike: CicTemplateRuntimeUpdateLike,
    UpdateSubscribe: CicTemplateRuntimeUpdateSubscribe,
  },
} as const;
