// PlaybackController (cic.md §9.6): button presses are reported, the server decides. A press
// while an extension owns the player goes to that extension as a built-in intent (the
// assistant); without an owner the server answers from the device's own queue. A press that
// names another device (remote control from an app) becomes Expect*Command on that device's
// downchannel; SetRepeatModeCommandIssued becomes SetRepeatMode; PlayCommandIssued plays the
// chosen queue item or takes playback over from another device (hand-over).
import type { DeviceSide, InterfaceEvent, Reaction, Shaper, TurnCause } from "./device-side.js";
import { object, part, text } from "./parts.js";
import { playAgain } from "./player-queue.js";

/** Button events → the Expect*Command that makes the target device press that button. */
const REMOTE: Record<string, string> = {
  "PlaybackController.NextCommandIssued": "ExpectNextCommand",
  "PlaybackController.PauseCommandIssued": "ExpectPauseCommand",
  "PlaybackController.PreviousCommandIssued": "ExpectPreviousCommand",
  "PlaybackController.ResumeCommandIssued": "ExpectResumeCommand",
  "PlaybackController.StopCommandIssued": "ExpectStopCommand",
};

/** What a press does when no extension answers it (the device's own queue). */
const DIRECT: Record<string, string> = {
  "PlaybackController.PauseCommandIssued": "Pause",
  "PlaybackController.ResumeCommandIssued": "Resume",
  "PlaybackController.StopCommandIssued": "Stop",
  "PlaybackController.NextCommandIssued": "Next",
  "PlaybackController.PreviousCommandIssued": "Previous",
};

/** The other device of the same user a press names, if it names one. */
function remoteTarget(event: InterfaceEvent, side: DeviceSide) {
  const deviceId = text(event.payload, "deviceId");
  if (!deviceId || deviceId === event.grant.deviceId) return undefined;
  return side.device(event.grant.userId, deviceId) ?? { deviceKey: "", deviceId };
}

const remoteControl: Reaction = async (event, side) => {
  const target = remoteTarget(event, side);
  if (!target) return undefined;
  const source = object(event.payload["source"]);
  const payload = source ? { target: { namespace: source["namespace"] } } : {};
  if (target.deviceKey)
    await side.push(target.deviceKey, part("PlaybackController", REMOTE[event.name]!, payload));
  return [];
};

export const playbackControllerReactions: Record<string, Reaction> = {
  ...Object.fromEntries(Object.keys(REMOTE).map((name) => [name, remoteControl])),
  "PlaybackController.SetRepeatModeCommandIssued": async (event, side) => {
    const repeatMode = event.payload["repeatMode"] === "REPEAT_ONE" ? "REPEAT_ONE" : "NONE";
    const directive = part(
      "PlaybackController",
      "SetRepeatMode",
      { repeatMode },
      event.dialogRequestId,
    );
    const target = remoteTarget(event, side);
    if (!target) return [directive];
    if (target.deviceKey)
      await side.push(
        target.deviceKey,
        part("PlaybackController", "SetRepeatMode", { repeatMode }),
      );
    return [];
  },
  "PlaybackController.PlayCommandIssued": async (event, side) => {
    const handover = object(event.payload["handover"]);
    const token = text(event.payload, "token");
    if (handover) return takeOver(event, side, handover, token);
    const item = token ? side.queues.find(event.deviceKey, token) : undefined;
    if (!item) return undefined; // the owning extension decides (Clova.ResumeIntent)
    return [part("AudioPlayer", "Play", playAgain(item), event.dialogRequestId)];
  },
  "PlaybackController.CustomCommandIssued": async (event, side) => {
    const button = text(event.payload, "button");
    const utterance = button ? side.options.customButtons?.[button] : undefined;
    if (!utterance) return [];
    return event.converse(utterance);
  },
};

/**
 * ExpectPlayCommand.handover (cic.md §9.6): the device continues what another device of the
 * same user was playing, where it was, and that device stops.
 */
async function takeOver(
  event: InterfaceEvent,
  side: DeviceSide,
  handover: Record<string, unknown>,
  token: string | undefined,
) {
  const from = side.device(event.grant.userId, String(handover["deviceId"] ?? ""));
  if (!from) return [];
  const item = token
    ? side.queues.find(from.deviceKey, token)
    : side.queues.current(from.deviceKey);
  if (!item) return [];
  const state = side.contextOf(from.deviceKey, "AudioPlayer.PlaybackState");
  const offset =
    typeof state?.["offsetInMilliseconds"] === "number" ? state["offsetInMilliseconds"] : 0;
  const stream = { ...(object(item.audioItem["stream"]) ?? {}), beginAtInMilliseconds: offset };
  await side.push(
    from.deviceKey,
    part("PlaybackController", "Stop", { target: { namespace: "AudioPlayer" } }),
  );
  return [
    part(
      "AudioPlayer",
      "Play",
      playAgain(item, { ...item.audioItem, stream }),
      event.dialogRequestId,
    ),
  ];
}

/**
 * What a Pause, Resume or Stop press controls (cic.md §9.6): the button's `source`; without one
 * the server chooses, and speech wins over music ("TTS normally wins"): while the device speaks
 * (SpeechSynthesizer.SpeechState PLAYING, §8.9) the directive has no `target`, which a device
 * applies to its speech; otherwise the player, `AudioPlayer`.
 */
function pressTarget(cause: TurnCause, side: DeviceSide): { target?: { namespace: string } } {
  const source = object(cause.payload?.["source"]);
  if (typeof source?.["namespace"] === "string")
    return { target: { namespace: source["namespace"] } };
  const speech = side.contextOf(cause.deviceKey, "SpeechSynthesizer.SpeechState");
  return speech?.["playerActivity"] === "PLAYING" ? {} : { target: { namespace: "AudioPlayer" } };
}

/**
 * A press nobody answered: pause/resume the player, next/previous in its queue. Stop is always
 * the platform's (cek-custom-extension.md §5.8: "handle Stop in the platform"): the extension
 * owning the player is not asked and stays its owner — the device's PlayStopped goes to it,
 * and so does a later Resume, the stopped stream being kept (cic.md §8.2).
 */
export const answerButtons: Shaper = (cause, result, side) => {
  const direct = cause.event ? DIRECT[cause.event] : undefined;
  if (!direct || result.directives.length > 0 || result.speech.length > 0) return;
  if (direct === "Next" && !side.queues.relative(cause.deviceKey, 1)) return;
  if (direct === "Previous" && !side.queues.relative(cause.deviceKey, -1)) return;
  result.directives.push({
    namespace: "PlaybackController",
    name: direct,
    messageId: crypto.randomUUID(),
    payload: direct === "Next" || direct === "Previous" ? {} : pressTarget(cause, side),
  });
};
