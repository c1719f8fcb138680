// What users say to the player itself (not to the extension playing): repeat, replay, mute,
// stop; and the transport controls every language already has as built-in intents (pause,
// resume, next, previous), answered here when no extension owns the player.
import { builtinIntentPhrases, normalizeText, PLAYBACK_INTENTS } from "@clover/nlu";
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
    NowPlayingIntent: [
      "what's playing",
      "what song is this",
      "what's this song",
      "what's the name of this song",
      "what am I listening to",
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
    NowPlayingIntent: ["この曲は何", "今流れている曲は何", "この曲のタイトルは", "これは誰の曲"],
    UnmuteIntent: [
      "ミュートを解除して",
      "消音を解除して",
      "音を戻して",
      "音声を出して",
      "音を戻して",
      "音声を出して",
      "ミュート解除",
      "音が出るようにして",
      "消音をやめて",
    ],
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
    NowPlayingIntent: [
      "이 노래 뭐야",
      "지금 나오는 노래 뭐야",
      "지금 재생 중인 곡이 뭐야",
      "이 곡 제목이 뭐야",
      "이 노래 제목 알려 줘",
      "무슨 노래야",
      "누구 노래야",
      "이 노래 누가 불렀어",
    ],
    UnmuteIntent: ["음소거 해제해 줘", "음소거 해제", "소리 다시 켜 줘"],
  },
};

/** The transport intents (built-in and the ability's own) and the directive each one is. */
export const TRANSPORT: Readonly<Record<string, string>> = {
  "Clova.PauseIntent": "Pause",
  PlayerPauseIntent: "Pause",
  "Clova.ResumeIntent": "Resume",
  PlayerResumeIntent: "Resume",
  "Clova.NextIntent": "Next",
  "Clova.PreviousIntent": "Previous",
  StopPlaybackIntent: "Stop",
};

/**
 * Transport commands said with what they act on ("pause the music", 「曲を再開して」, "노래 꺼
 * 줘"): each language's words for the music, crossed with its verbs per command. The bare
 * commands ("pause", 「次の曲」) are the built-in intents' own phrases.
 */
const TRANSPORT_PHRASES: Record<Language, { objects: string[]; verbs: Record<string, string[]> }> =
  {
    en: {
      objects: ["the music", "the song", "this song", "the track", "playback"],
      verbs: {
        PlayerPauseIntent: ["pause {o}", "pause {o} for a moment", "hold {o}"],
        PlayerResumeIntent: ["resume {o}", "continue {o}", "unpause {o}"],
        StopPlaybackIntent: ["stop {o}", "turn off {o}", "turn {o} off", "end {o}"],
      },
    },
    ja: {
      objects: ["音楽", "曲", "この曲", "再生", "歌"],
      verbs: {
        PlayerPauseIntent: ["{o}を一時停止して", "{o}を一時停止", "{o}をいったん止めて"],
        PlayerResumeIntent: ["{o}を再開して", "{o}を再開", "{o}の続きを流して"],
        // 「音楽を止めて」 stops (interaction-model.md §3.2: the platform has a stop of its
        // own); only 「ちょっと止めて」, 「いったん止めて」 pause.
        StopPlaybackIntent: [
          "{o}を停止して",
          "{o}を終了して",
          "{o}を消して",
          "{o}を止めて",
          "{o}を止めてください",
          "{o}ストップ",
          "{o}を止める",
        ],
      },
    },
    ko: {
      objects: ["음악", "노래", "이 노래", "재생"],
      verbs: {
        PlayerPauseIntent: ["{o} 일시정지해 줘", "{o} 잠깐 멈춰 줘", "{o} 일시 정지"],
        PlayerResumeIntent: ["{o} 다시 시작해 줘", "{o} 이어서 해 줘", "{o} 계속해 줘"],
        // "재생 멈춰" stops; "잠깐 멈춰" pauses (the built-in intent's phrase).
        StopPlaybackIntent: [
          "{o} 꺼 줘",
          "{o} 정지해 줘",
          "{o} 그만해 줘",
          "{o} 멈춰",
          "{o} 멈춰 줘",
          "{o} 중지해 줘",
          "{o} 중지",
          "{o} 정지",
          "{o} 그만 틀어",
        ],
      },
    },
  };

function phrasesOf(language: Language): Record<string, string[]> {
  const { objects, verbs } = TRANSPORT_PHRASES[language];
  // A phrase the built-in intents already have would split the exact match between the two.
  const builtin = new Set(
    PLAYBACK_INTENTS.flatMap((intent) => builtinIntentPhrases(language)[intent] ?? []).map((p) =>
      normalizeText(p, language),
    ),
  );
  const transport = Object.fromEntries(
    Object.entries(verbs).map(([intent, templates]) => [
      intent,
      templates
        .flatMap((t) => objects.map((o) => t.replace("{o}", o)))
        .filter((phrase) => !builtin.has(normalizeText(phrase, language))),
    ]),
  );
  return { ...PHRASES[language], ...transport };
}

export const playbackModels: Partial<Record<Language, AbilityModel>> = Object.fromEntries(
  (Object.keys(PHRASES) as Language[]).map((language) => [
    language,
    {
      language,
      builtinIntents: [...PLAYBACK_INTENTS],
      intents: Object.entries(phrasesOf(language)).map(([name, utterances]) => ({
        name,
        slots: [],
        utterances,
      })),
    },
  ]),
);
