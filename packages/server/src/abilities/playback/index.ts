// The player's own controls by voice (cic.md §9.6): "repeat this song" → SetRepeatMode,
// "start this song over" → Replay, "mute" → Mute (no spoken confirmation for the speaker's
// own output, §9.4), "stop the music" → Stop. Next/previous/pause/resume go to the extension
// owning the player first (routing order); this ability answers them with the player's own
// directive when no extension does and something is playing (or paused), and says that
// nothing is playing when the player is idle (or stopped, for "pause" and "stop").
import { platformAbility } from "../../assistant/platform-phrases.js";
import type { Language, SpeechItem } from "../../assistant/turn.js";
import type { Ability, AbilityAnswer } from "../ability.js";
import { playbackModels, TRANSPORT } from "./models.js";

export { TRANSPORT } from "./models.js";

const SAY: Record<string, Record<Language, string>> = {
  repeatOn: {
    en: "Repeating this song.",
    ja: "この曲をリピートします。",
    ko: "이 곡을 반복 재생할게요.",
  },
  repeatOff: { en: "Repeat is off.", ja: "リピートをオフにしました。", ko: "반복 재생을 껐어요." },
  nothing: {
    en: "Nothing is playing right now.",
    ja: "今は何も再生していません。",
    ko: "지금 재생 중인 것이 없어요.",
  },
};

const speech = (key: string, language: Language): SpeechItem[] => [
  { type: "PlainText", lang: language, value: SAY[key]![language] },
];

const directive = (name: string, payload: Record<string, unknown> = {}) => ({
  namespace: "PlaybackController",
  name,
  messageId: crypto.randomUUID(),
  payload,
});

export function playbackAbility(): Ability {
  return {
    id: "ability:playback",
    models: playbackModels,
    async handle(turn): Promise<AbilityAnswer | undefined> {
      const language = turn.device.language;
      const playback = turn.device.playback;
      const active = playback !== undefined && playback.playerActivity !== "IDLE";
      // A stopped player can resume or move on in its queue, but has nothing to pause or stop.
      const running = active && playback.playerActivity !== "STOPPED";
      const transport = TRANSPORT[turn.recognition.intent ?? ""];
      // "wait", "go back", "continue"… are only the player's words while there is one.
      // The platform's stop phrases ("stop", 「ストップ」) stop the player, never pause it (the
      // platform answers them after the abilities).
      if (transport && platformAbility(turn.text, language) === "stop") return undefined;
      if (transport) {
        const playing = transport === "Pause" || transport === "Stop" ? running : active;
        if (!playing) return { speech: speech("nothing", language) };
        return { speech: [], directives: [directive(transport)] };
      }
      switch (turn.recognition.intent) {
        case "MuteIntent":
          return { speech: [], directives: [directive("Mute")] };
        case "UnmuteIntent":
          return { speech: [], directives: [directive("Unmute")] };
        case "RepeatOneIntent":
        case "RepeatOffIntent": {
          if (!active) return { speech: speech("nothing", language) };
          const on = turn.recognition.intent === "RepeatOneIntent";
          return {
            speech: speech(on ? "repeatOn" : "repeatOff", language),
            directives: [directive("SetRepeatMode", { repeatMode: on ? "REPEAT_ONE" : "NONE" })],
          };
        }
        case "ReplayIntent":
          if (!active) return { speech: speech("nothing", language) };
          return { speech: [], directives: [directive("Replay")] };
        default:
          return undefined;
      }
    },
  };
}
