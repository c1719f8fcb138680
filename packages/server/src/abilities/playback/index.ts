// The player's own controls by voice (cic.md §9.6): "repeat this song" → SetRepeatMode,
// "start this song over" → Replay, "mute" → Mute (no spoken confirmation for the speaker's
// own output, §9.4), "stop the music" → Stop, "what's playing" → the title and artist the
// player screen shows (the queued Play's audioItem, cic.md §9.11). Next/previous/pause/resume go to the extension
// owning the player first (routing order); this ability answers them with the player's own
// directive when no extension does and something is playing (or paused), and says that
// nothing is playing when the player is idle (or stopped, for "pause" and "stop").
import { platformAbility } from "../../assistant/platform-phrases.js";
import type { Language, PlaybackState, SpeechItem } from "../../assistant/turn.js";
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
  untitled: {
    en: "I don't know the name of what's playing.",
    ja: "再生中の曲名はわかりません。",
    ko: "재생 중인 곡의 정보를 알 수 없어요.",
  },
  nothing: {
    en: "Nothing is playing right now.",
    ja: "今は何も再生していません。",
    ko: "지금 재생 중인 것이 없어요.",
  },
};

/** "What's playing": the title, with its artist when the audio item has one. */
const NOW_PLAYING: Record<
  "PLAYING" | "PAUSED" | "STOPPED",
  Record<Language, (title: string, artist?: string) => string>
> = {
  PLAYING: {
    en: (t, a) => `This is ${t}${a ? ` by ${a}` : ""}.`,
    ja: (t, a) => `再生中の曲は、${a ? `${a}の` : ""}『${t}』です。`,
    ko: (t, a) => `지금 재생 중인 곡은 ${a ? `${a}의 ` : ""}'${t}'입니다.`,
  },
  PAUSED: {
    en: (t, a) => `Paused on ${t}${a ? ` by ${a}` : ""}.`,
    ja: (t, a) => `一時停止中の曲は、${a ? `${a}の` : ""}『${t}』です。`,
    ko: (t, a) => `일시 정지된 곡은 ${a ? `${a}의 ` : ""}'${t}'입니다.`,
  },
  STOPPED: {
    en: (t, a) => `The last one played was ${t}${a ? ` by ${a}` : ""}.`,
    ja: (t, a) => `最後に再生した曲は、${a ? `${a}の` : ""}『${t}』です。`,
    ko: (t, a) => `마지막으로 재생한 곡은 ${a ? `${a}의 ` : ""}'${t}'입니다.`,
  },
};

/** Words a question about the music has ("playing", 曲, 노래). */
const NOW_PLAYING_CUES: Record<Language, RegExp> = {
  en: /\bwhat(?:'s| is) playing\b|\b(song|track|listening to|sings|singing)\b/i,
  ja: /曲|歌/,
  ko: /노래|곡/,
};

function nowPlaying(playback: PlaybackState, language: Language): SpeechItem[] {
  const item = playback.nowPlaying;
  if (!item || playback.playerActivity === "IDLE") return speech("untitled", language);
  const value = NOW_PLAYING[playback.playerActivity][language](item.titleText, item.titleSubText1);
  return [{ type: "PlainText", lang: language, value }];
}

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
        case "NowPlayingIntent":
          // A question about something else ("what's up", "what's the weather") is not one.
          if (!NOW_PLAYING_CUES[language].test(turn.text)) return undefined;
          if (!active) return { speech: speech("nothing", language) };
          return { speech: nowPlaying(playback, language) };
        case "ReplayIntent":
          if (!active) return { speech: speech("nothing", language) };
          return { speech: [], directives: [directive("Replay")] };
        default:
          return undefined;
      }
    },
  };
}
