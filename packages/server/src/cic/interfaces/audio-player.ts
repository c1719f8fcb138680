// AudioPlayer (cic.md §9.2): the server's mirror of each device's play queue, the reports the
// server asks for (ExpectReportPlaybackState → ReportPlaybackState) and the legacy cross-device
// state query (RequestPlaybackState → SynchronizePlaybackState). Playback events themselves go
// on to the extension owning the stream (the assistant), with the full playback context.
import { isPlay } from "../../assistant/directives.js";
import type { Language, TurnResult } from "../../assistant/turn.js";
import type { DeviceSide, InterfaceEvent, Reaction, Shaper } from "./device-side.js";
import { object, part, text } from "./parts.js";
import { playAgain } from "./player-queue.js";

const PENDING = "audio:pending-report:";

/** Who asked for a device's playback state (RequestPlaybackState), until it answers. */
function pendingKey(deviceKey: string): string {
  return `${PENDING}${deviceKey}`;
}

const playbackEvents = new Set([
  "AudioPlayer.PlayStarted",
  "AudioPlayer.PlayResumed",
  "AudioPlayer.PlayPaused",
  "AudioPlayer.PlayStopped",
  "AudioPlayer.PlayFinished",
]);

export const audioPlayerReactions: Record<string, Reaction> = {
  "AudioPlayer.PlaybackQueueCleared": (event, side) => {
    side.queues.clear(event.deviceKey, event.payload["clearBehavior"]);
    return [];
  },
  "AudioPlayer.ReportPlaybackState": (event, side) => reportPlaybackState(event, side),
  "AudioPlayer.RequestPlaybackState": async (event, side) => {
    const wanted = text(event.payload, "deviceId");
    for (const device of side.devicesOf(event.grant.userId)) {
      if (device.deviceKey === event.deviceKey) continue;
      if (wanted && device.deviceId !== wanted) continue;
      side.keep(pendingKey(device.deviceKey), event.deviceKey, device.deviceKey);
      const asked = await side.push(
        device.deviceKey,
        part("AudioPlayer", "ExpectReportPlaybackState"),
      );
      if (!asked) side.forget(pendingKey(device.deviceKey), device.deviceKey);
    }
    return [];
  },
};

/** Stores the reported state as the device's PlaybackState and answers whoever asked. */
async function reportPlaybackState(event: InterfaceEvent, side: DeviceSide) {
  const { payload } = event;
  const state: Record<string, unknown> = { ...payload };
  if (state["playerActivity"] === "PAUSE") state["playerActivity"] = "PAUSED";
  side.deps.devices.setContext(event.deviceKey, "AudioPlayer.PlaybackState", state);
  const token = text(payload, "token");
  if (token) side.queues.started(event.deviceKey, token);
  const requester = side.memory.get(pendingKey(event.deviceKey));
  if (typeof requester === "string") {
    side.forget(pendingKey(event.deviceKey), event.deviceKey);
    await side.push(
      requester,
      part("AudioPlayer", "SynchronizePlaybackState", {
        deviceId: event.grant.deviceId,
        playbackState: { token: token ?? "", ...state },
      }),
    );
  }
  return [];
}

const NO_AUDIO = {
  en: "This device can't play audio content.",
  ja: "このデバイスではオーディオコンテンツを再生できません。",
  ko: "이 기기에서는 오디오 콘텐츠를 재생할 수 없어요.",
} as const;

/**
 * cic.md §8 and §9.2: a device receives audio content only when its context has `Device.Audio`
 * (the formats it can play). A device that never sent it gets no `AudioPlayer.Play`; it says so
 * instead, after whatever the answer said.
 */
export const audioContentOnly: Shaper = (cause, result, side) => {
  if (side.contextOf(cause.deviceKey, "Device.Audio")) return;
  const kept = result.directives.filter((d) => !isPlay(d));
  if (kept.length === result.directives.length) return;
  result.directives = kept;
  const language: Language = cause.language ?? "en";
  result.speech = [
    ...result.speech,
    { type: "PlainText", lang: language, value: NO_AUDIO[language] },
  ];
};

/** Tracks what the device is told to play and how far it got; repeats with REPEAT_ONE. */
export const trackQueue: Shaper = (cause, result, side) => {
  const { deviceKey } = cause;
  const payload = cause.payload ?? {};
  if (cause.event && playbackEvents.has(cause.event) && typeof payload["token"] === "string")
    side.queues.started(deviceKey, payload["token"]);
  if (cause.event === "AudioPlayer.PlayFinished") repeatOne(cause.deviceKey, payload, result, side);
  for (const directive of result.directives) {
    const name = `${directive.namespace}.${directive.name}`;
    if (name === "AudioPlayer.Play")
      side.queues.play(deviceKey, directive.payload, result.extensionId);
    else if (name === "AudioPlayer.ClearQueue")
      side.queues.clear(deviceKey, directive.payload["clearBehavior"]);
    else if (name === "AudioPlayer.StreamDeliver")
      side.queues.deliver(deviceKey, directive.payload);
  }
};

/**
 * With repeat mode REPEAT_ONE (the device reports it in its PlaybackState after
 * PlaybackController.SetRepeatMode) a finished item is played again from its start instead
 * of whatever the owner answered (cic.md §8.2, §9.6).
 */
function repeatOne(
  deviceKey: string,
  payload: Record<string, unknown>,
  result: TurnResult,
  side: DeviceSide,
): void {
  const state = side.contextOf(deviceKey, "AudioPlayer.PlaybackState");
  if (state?.["repeatMode"] !== "REPEAT_ONE") return;
  const item =
    typeof payload["token"] === "string"
      ? side.queues.find(deviceKey, payload["token"])
      : undefined;
  if (!item) return;
  const stream = object(item.audioItem["stream"]) ?? {};
  result.directives = [
    {
      namespace: "AudioPlayer",
      name: "Play",
      messageId: crypto.randomUUID(),
      payload: playAgain(item, { ...item.audioItem, stream }),
    },
  ];
  result.speech = [];
}
