// TemplateRuntime (cic.md §9.11): the player screen. Devices with a screen get
// RenderPlayerInfo with every AudioPlayer.Play (the queue as playable items, controls,
// provider); when another item starts on its own (an enqueued one) the server asks the device
// to fetch the screen again (ExpectRequestPlayerInfo → RequestPlayerInfo → RenderPlayerInfo).
// Like and subscribe are kept per user and synchronised to the user's other devices.
import { isPlay } from "../../assistant/directives.js";
import { hasScreen } from "../device-state.js";
import type { DeviceSide, InterfaceEvent, Reaction, Shaper } from "./device-side.js";
import { object, part, text } from "./parts.js";
import { playAgain, type QueueItem } from "./player-queue.js";

const button = (name: string, enabled = true, selected = false) => ({
  name,
  enabled,
  selected,
  type: "BUTTON",
});

const likeKey = (userId: string, token: string) => `like:${userId}:${token}`;
const subscribeKey = (userId: string, token: string) => `subscribe:${userId}:${token}`;
const renderedKey = (deviceKey: string) => `rendered:${deviceKey}`;

function playableItem(item: QueueItem, userId: string, side: DeviceSide) {
  const a = item.audioItem;
  const optional = (key: string) => (typeof a[key] === "string" ? { [key]: a[key] } : {});
  return {
    token: item.token,
    titleText: String(a["titleText"] ?? ""),
    titleSubText1: String(a["titleSubText1"] ?? ""),
    ...optional("titleSubText2"),
    ...optional("headerText"),
    ...optional("artImageUrl"),
    ...(a["isLive"] === true ? { isLive: true } : {}),
    showAdultIcon: a["showAdultIcon"] === true,
    controls: [
      button("PLAY_PAUSE"),
      button("PROGRESS_BAR", a["isLive"] !== true),
      button("REPEAT"),
      button("LIKE_DISLIKE", true, side.memory.get(likeKey(userId, item.token)) === true),
      button("MORE"),
    ],
  };
}

/** RenderPlayerInfo for a device's queue, the items `before`/`after` around `token`. */
export function playerInfo(
  side: DeviceSide,
  deviceKey: string,
  userId: string,
  token?: string,
  range: { before?: number; after?: number } = {},
): Record<string, unknown> {
  const items = side.queues.around(deviceKey, token, range.before ?? 0, range.after ?? 9);
  const current = side.queues.current(deviceKey);
  const source = current?.source;
  if (side.memory.get(renderedKey(deviceKey)) !== current?.token) {
    if (current) side.keep(renderedKey(deviceKey), current.token, deviceKey);
    else side.forget(renderedKey(deviceKey), deviceKey);
  }
  return {
    controls: [
      button(
        "PREVIOUS",
        side.queues.relative(deviceKey, -1) !== undefined || current?.ownerId !== undefined,
      ),
      button("PLAY_PAUSE"),
      button(
        "NEXT",
        side.queues.relative(deviceKey, 1) !== undefined || current?.ownerId !== undefined,
      ),
    ],
    displayType: items.length > 1 ? "list" : "single",
    playableItems: items.map((item) => playableItem(item, userId, side)),
    ...(source && typeof source["name"] === "string"
      ? {
          provider: {
            name: source["name"],
            ...(typeof source["logoUrl"] === "string" ? { logoUrl: source["logoUrl"] } : {}),
          },
        }
      : {}),
  };
}

/** Answers a like/subscribe press and tells the user's other devices. */
function toggle(kind: "like" | "subscribe", on: boolean): Reaction {
  return async (event: InterfaceEvent, side: DeviceSide) => {
    const token = text(event.payload, "token");
    if (!token) return [];
    const key =
      kind === "like"
        ? likeKey(event.grant.userId, token)
        : subscribeKey(event.grant.userId, token);
    if (on) side.keep(key, true, event.grant.userId);
    else side.forget(key, event.grant.userId);
    const name = kind === "like" ? "UpdateLike" : "UpdateSubscribe";
    const payload = { [kind]: on, token };
    await side.pushToUser(
      event.grant.userId,
      [part("TemplateRuntime", name, payload)],
      event.deviceKey,
    );
    return [part("TemplateRuntime", name, payload, event.dialogRequestId)];
  };
}

export const templateRuntimeReactions: Record<string, Reaction> = {
  "TemplateRuntime.RequestPlayerInfo": (event, side) => {
    const range = object(event.payload["range"]) ?? {};
    const count = (v: unknown) =>
      typeof v === "number" && v >= 1 ? Math.min(Math.floor(v), 50) : undefined;
    const before = count(range["before"]);
    const after = count(range["after"]);
    const info = playerInfo(
      side,
      event.deviceKey,
      event.grant.userId,
      text(event.payload, "token"),
      {
        ...(before ? { before } : {}),
        ...(after ? { after } : {}),
      },
    );
    return [part("TemplateRuntime", "RenderPlayerInfo", info, event.dialogRequestId)];
  },
  "TemplateRuntime.LikeCommandIssued": toggle("like", true),
  "TemplateRuntime.UnlikeCommandIssued": toggle("like", false),
  "TemplateRuntime.SubscribeCommandIssued": toggle("subscribe", true),
  "TemplateRuntime.UnsubscribeCommandIssued": toggle("subscribe", false),
  "TemplateRuntime.MoreCommandIssued": (event, side) => {
    const items = side.queues.items(event.deviceKey);
    const first = items[0]?.audioItem;
    const title = String(first?.["headerText"] ?? items[0]?.source?.["name"] ?? "");
    return [
      part(
        "TemplateRuntime",
        "RenderPlaylist",
        {
          title,
          items: items.map((item) => ({
            token: item.token,
            titleText: String(item.audioItem["titleText"] ?? ""),
            ...(typeof item.audioItem["titleSubText1"] === "string"
              ? { titleSubText1: item.audioItem["titleSubText1"] }
              : {}),
            ...(typeof item.audioItem["artImageUrl"] === "string"
              ? { imageUri: item.audioItem["artImageUrl"] }
              : {}),
            showAdultIcon: item.audioItem["showAdultIcon"] === true,
            type: item.audioItem["isLive"] === true ? "live" : "track",
          })),
        },
        event.dialogRequestId,
      ),
    ];
  },
  "TemplateRuntime.SelectCommandIssued": (event, side) => {
    const token = text(event.payload, "token");
    const item = token ? side.queues.find(event.deviceKey, token) : undefined;
    if (!item) return [];
    return [part("AudioPlayer", "Play", playAgain(item), event.dialogRequestId)];
  },
};

/** A Play on a screen device brings the player screen along (runs after trackQueue). */
export const renderPlayer: Shaper = (cause, result, side) => {
  if (!hasScreen(side.contextOf(cause.deviceKey, "Device.Display"))) return;
  const plays = result.directives.some(isPlay);
  if (plays) {
    result.directives.push({
      namespace: "TemplateRuntime",
      name: "RenderPlayerInfo",
      messageId: crypto.randomUUID(),
      payload: playerInfo(side, cause.deviceKey, cause.grant.userId),
    });
    return;
  }
  // An enqueued item started on its own: the screen shows an older one; ask for a refresh.
  const token = cause.payload?.["token"];
  if (cause.event === "AudioPlayer.PlayStarted" && typeof token === "string") {
    const shown = side.memory.get(renderedKey(cause.deviceKey));
    if (shown !== undefined && shown !== token && side.queues.find(cause.deviceKey, token))
      void side.push(cause.deviceKey, part("TemplateRuntime", "ExpectRequestPlayerInfo"));
  }
};
