// What users say to the player itself (not to the extension playing): repeat, replay, mute.
import type { Language } from "../../assistant/turn.js";
import type { AbilityModel } from "../ability.js";

const PHRASES: Record<Language, Record<string, string[]>> = {
  en: {
    RepeatOneIntent: [
      "repeat this song",
      "repeat this track",
      "repeat the song",
      "play this song on repeat",
      "put this song on repeat",
      "loop this song",
      "keep playing this song",
      "turn on repeat",
    ],
    RepeatOffIntent: [
      "stop repeating",
      "turn off repeat",
      "repeat off",
      "stop repeating this song",
      "no more repeat",
      "don't repeat this song",
    ],
    ReplayIntent: [
      "play it again from the start",
      "start this song over",
      "restart this song",
      "play this song from the beginning",
      "start over",
      "replay this song",
    ],
    MuteIntent: [
      "mute",
      "mute the sound",
      "mute the speaker",
      "turn the sound off",
      "silence the speaker",
    ],
    UnmuteIntent: [
      "unmute",
      "unmute the sound",
      "unmute the speaker",
      "turn the sound back on",
      "sound on",
    ],
  },
  ja: {
    RepeatOneIntent: [
      "この曲をリピートして",
      "この曲を繰り返して",
      "リピート再生して",
      "この曲をもう一度繰り返して",
      "一曲リピート",
      "リピートをオンにして",
    ],
    RepeatOffIntent: [
      "リピートをやめて",
      "繰り返しをやめて",
      "リピートをオフにして",
      "リピート解除",
    ],
    ReplayIntent: [
      "最初から再生して",
      "この曲を最初から",
      "もう一度最初から流して",
      "頭から再生して",
    ],
    MuteIntent: ["ミュートして", "消音して", "音を消して", "ミュート"],
    UnmuteIntent: ["ミュートを解除して", "消音を解除して", "音を戻して", "ミュート解除"],
  },
  ko: {
    RepeatOneIntent: [
      "이 노래 반복해 줘",
      "이 곡 반복 재생해 줘",
      "한 곡 반복",
      "반복 재생 켜 줘",
      "이 노래 계속 틀어 줘",
    ],
    RepeatOffIntent: ["반복 꺼 줘", "반복 재생 그만", "반복 해제", "반복하지 마"],
    ReplayIntent: ["처음부터 다시 재생해 줘", "이 노래 처음부터", "처음부터 다시 틀어 줘"],
    MuteIntent: ["음소거 해 줘", "음소거", "소리 꺼 줘", "무음으로 해 줘"],
    UnmuteIntent: ["음소거 해제해 줘", "음소거 해제", "소리 다시 켜 줘"],
  },
};

export const playbackModels: Partial<Record<Language, AbilityModel>> = Object.fromEntries(
  (Object.keys(PHRASES) as Language[]).map((language) => [
    language,
    {
      language,
      intents: Object.entries(PHRASES[language]).map(([name, utterances]) => ({
        name,
        slots: [],
        utterances,
      })),
    },
  ]),
);
