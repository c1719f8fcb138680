// What the platform itself understands and says, in the three languages it speaks.
import { normalizeText } from "@clover/nlu";
import type { Language } from "./turn.js";

/** Requests for help outside any extension ("what can you do"). */
const HELP: Record<Language, string[]> = {
  en: [
    "help",
    "help me",
    "what can you do",
    "what can i say",
    "what can i ask",
    "what can i do",
    "how do i use this",
    "what are my options",
  ],
  ja: [
    "ヘルプ",
    "使い方を教えて",
    "使い方",
    "何ができるの",
    "何ができる",
    "何ができますか",
    "助けて",
  ],
  ko: ["도움말", "도와줘", "뭐 할 수 있어", "뭘 할 수 있어", "무엇을 할 수 있어", "사용법 알려줘"],
};

/** Stop requests outside a session (also stops the player). */
const STOP: Record<Language, string[]> = {
  en: ["stop", "cancel", "never mind", "quit", "exit", "be quiet", "shut up", "stop playing"],
  ja: ["止めて", "とめて", "ストップ", "やめて", "キャンセル", "終了", "静かにして", "停止"],
  ko: ["그만", "멈춰", "정지", "취소", "종료", "조용히 해", "그만해"],
};

export type PlatformAbility = "help" | "stop";

const index = new Map<string, PlatformAbility>();
for (const [ability, table] of [
  ["help", HELP],
  ["stop", STOP],
] as const)
  for (const language of ["en", "ja", "ko"] as const)
    for (const phrase of table[language])
      index.set(`${language}:${key(phrase, language)}`, ability);

function key(text: string, language: Language): string {
  return normalizeText(text, language)
    .replace(/[\s.!?。、！？]+/g, " ")
    .trim();
}

export function platformAbility(text: string, language: Language): PlatformAbility | undefined {
  return index.get(`${language}:${key(text, language)}`);
}

const list = (names: string[], language: Language) => {
  if (language === "ja") return names.join("、");
  if (language === "ko") return names.join(", ");
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
};

/** Every sentence the platform speaks, per language. */
export const SAY = {
  help: (language: Language, names: string[]) => {
    // What the platform itself does (the built-in abilities), then the extensions.
    const own = {
      en: "I can tell you the time and the date, set alarms, timers and reminders, keep your schedule and control your home.",
      ja: "時刻や日付のご案内、アラーム・タイマー・リマインダー、予定の管理、家電の操作ができます。",
      ko: "시간과 날짜 안내, 알람·타이머·리마인더, 일정 관리, 가전 제어를 할 수 있어요.",
    }[language];
    if (names.length === 0)
      return `${own} ${
        {
          en: "No extensions are available yet. Ask your administrator to add some.",
          ja: "まだ使えるスキルがありません。管理者に追加を頼んでください。",
          ko: "아직 사용할 수 있는 스킬이 없습니다. 관리자에게 추가를 요청하세요.",
        }[language]
      }`;
    return `${own} ${
      {
        en: `You can also talk to ${list(names, language)}. For example, say "open ${names[0]}".`,
        ja: `ほかに${list(names, language)}が使えます。たとえば「${names[0]}を起動して」と言ってください。`,
        ko: `${list(names, language)}도 사용할 수 있어요. 예를 들어 "${names[0]} 시작해줘"라고 말해 보세요.`,
      }[language]
    }`;
  },
  stopped: (language: Language) =>
    ({ en: "OK.", ja: "わかりました。", ko: "알겠습니다." })[language],
  fallback: (language: Language) =>
    ({
      en: 'Sorry, I didn\'t catch that. You can say "help" to hear what I can do.',
      ja: "すみません、よくわかりませんでした。「ヘルプ」と言うと、できることをご案内します。",
      ko: '죄송해요, 잘 이해하지 못했어요. "도움말"이라고 말하면 할 수 있는 일을 알려 드릴게요.',
    })[language],
  extensionFailed: (language: Language, name: string) =>
    ({
      en: `Sorry, ${name} isn't responding right now. Please try again later.`,
      ja: `すみません、${name}が今応答していません。しばらくしてからもう一度お試しください。`,
      ko: `죄송해요, 지금 ${name}이 응답하지 않아요. 잠시 후 다시 시도해 주세요.`,
    })[language],
  notEnabled: (language: Language, name: string) =>
    ({
      en: `${name} isn't enabled for your account. You can enable it in the app.`,
      ja: `${name}はまだ有効になっていません。アプリで有効にしてください。`,
      ko: `${name}이 아직 사용 설정되지 않았어요. 앱에서 사용 설정해 주세요.`,
    })[language],
  logIn: (language: Language) =>
    ({
      en: "Please log in with your account to use that.",
      ja: "それを使うには、アカウントでログインしてください。",
      ko: "그 기능을 사용하려면 계정으로 로그인해 주세요.",
    })[language],
  linkAccount: (language: Language, name: string) =>
    ({
      en: `To use ${name}, please link your account in the app first.`,
      ja: `${name}を使うには、まずアプリでアカウントを連携してください。`,
      ko: `${name}을 사용하려면 먼저 앱에서 계정을 연결해 주세요.`,
    })[language],
};
