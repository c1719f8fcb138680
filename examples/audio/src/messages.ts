// What the music box says, per language.
import type { Language } from "@clover/sdk";
import type { Genre } from "./catalog.js";

/** Korean object particle: 을 after a final consonant, 를 after a vowel. */
function objectParticle(word: string): string {
  const code = word.charCodeAt(word.length - 1) - 0xac00;
  return code >= 0 && code < 11172 && code % 28 !== 0 ? "을" : "를";
}

export interface AudioMessages {
  genres: Record<Genre, string>;
  welcome: string;
  askGenre: string;
  playing(genre: string): string;
  nothingPlaying: string;
  lastTrack: string;
  firstTrack: string;
  bye: string;
  guide: string;
}

export const messages: Record<Language, AudioMessages> = {
  en: {
    genres: { jazz: "jazz", classical: "classical", rock: "rock", pop: "pop", lofi: "lo-fi" },
    welcome:
      "Welcome to music box. Which genre would you like: jazz, classical, rock, pop or lo-fi?",
    askGenre: "Say a genre, for example: play some jazz.",
    playing: (genre) => `Playing ${genre}.`,
    nothingPlaying: "Nothing is playing right now. Say a genre to start.",
    lastTrack: "That was the last track of this playlist.",
    firstTrack: "This is the first track of this playlist.",
    bye: "Stopping the music. Goodbye.",
    guide: "I play music by genre. Say play jazz, and then next, previous, pause or resume.",
  },
  ja: {
    genres: {
      jazz: "ジャズ",
      classical: "クラシック",
      rock: "ロック",
      pop: "ポップ",
      lofi: "ローファイ",
    },
    welcome:
      "ミュージックボックスへようこそ。ジャズ、クラシック、ロック、ポップ、ローファイのどれを聴きますか？",
    askGenre: "「ジャズをかけて」のように、ジャンルを言ってください。",
    playing: (genre) => `${genre}を再生します。`,
    nothingPlaying: "いまは何も再生していません。ジャンルを言ってください。",
    lastTrack: "このプレイリストの最後の曲です。",
    firstTrack: "このプレイリストの最初の曲です。",
    bye: "音楽を止めます。またどうぞ。",
    guide:
      "ジャンルを選んで音楽を再生します。「ジャズをかけて」のあと、次へ、前へ、一時停止、再開が使えます。",
  },
  ko: {
    genres: { jazz: "재즈", classical: "클래식", rock: "록", pop: "팝", lofi: "로파이" },
    welcome: "뮤직 박스에 오신 것을 환영합니다. 재즈, 클래식, 록, 팝, 로파이 중 어떤 걸 들을까요?",
    askGenre: "재즈 틀어 줘 처럼 장르를 말해 주세요.",
    playing: (genre) => `${genre}${objectParticle(genre)} 재생할게요.`,
    nothingPlaying: "지금은 재생 중인 음악이 없어요. 장르를 말해 주세요.",
    lastTrack: "이 재생 목록의 마지막 곡이에요.",
    firstTrack: "이 재생 목록의 첫 곡이에요.",
    bye: "음악을 멈출게요. 안녕히 가세요.",
    guide:
      "장르별로 음악을 틀어 드려요. 재즈 틀어 줘 라고 말한 다음 다음 곡, 이전 곡, 일시 정지, 다시 재생을 쓸 수 있어요.",
  },
};
