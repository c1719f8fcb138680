// Session-ending phrases (interaction-model.md §3.4, §9.3, §13 #13): not intents — the
// platform turns them into a SessionEndedRequest. "cancel" is not among them (→ CancelIntent).
import type { ModelLanguage as Language } from "@clover/protocol";
import { stripWakeWord } from "../invocation/patterns.js";
import { compareKey } from "../model/normalize.js";

export const EXIT_PHRASES: Readonly<Record<Language, readonly string[]>> = {
  en: [
    "stop",
    "stop it",
    "stop this",
    "stop the skill",
    "stop the session",
    "exit",
    "exit skill",
    "exit the skill",
    "exit this",
    "quit",
    "quit it",
    "quit the skill",
    "end",
    "end it",
    "end session",
    "end the session",
    "close",
    "close it",
    "close the skill",
    "goodbye",
    "good bye",
    "bye",
    "bye bye",
    "that's all",
    "that's it for now",
    "i'm done",
    "we're done",
    "leave",
    "shut down",
    "turn it off",
    "i want to stop",
    "finish",
    "i'm finished",
  ],
  ja: [
    "終了",
    "終了して",
    "終了する",
    "しゅうりょう",
    "終わり",
    "おわり",
    "終わって",
    "終わる",
    "終わりにして",
    "おしまい",
    "やめて",
    "やめる",
    "ストップ",
    "閉じて",
    "とじて",
    "アプリを終了して",
    "スキルを終了して",
    "もう終わり",
    "もうやめる",
    "バイバイ",
    "さようなら",
    "さよなら",
    "終了でお願いします",
  ],
  ko: [
    "종료",
    "종료해",
    "종료해줘",
    "종료해 줘",
    "종료해 주세요",
    "종료할게",
    "그만",
    "그만해",
    "그만해줘",
    "그만할래",
    "그만할게요",
    "그만하자",
    "끝",
    "끝내",
    "끝내줘",
    "끝낼게",
    "끝내자",
    "나가기",
    "나가",
    "나갈래",
    "닫아",
    "닫아줘",
    "꺼",
    "스톱",
    "잘 있어",
    "이만 끝",
    "이제 그만",
    "이제 끝",
  ],
};

// Politeness and filler around an exit phrase that do not change its meaning.
const AFFIXES: Readonly<Record<Language, RegExp>> = {
  en: /^(?:please|ok|okay|now|just)\s+|\s+(?:please|now|thanks|thank you)$/i,
  ja: /(?:ください|下さい|よ|ね|です|ます|もう)$/,
  ko: /(?:요|주세요|줘)$/,
};

const keys = new Map<Language, Set<string>>();
function exitKeys(language: Language): Set<string> {
  let set = keys.get(language);
  if (!set) {
    set = new Set(EXIT_PHRASES[language].map(compareKey));
    keys.set(language, set);
  }
  return set;
}

/** True for a platform-reserved session-ending phrase ("stop", 「終了して」, 「그만」). */
export function isExitPhrase(text: string, language: Language): boolean {
  const set = exitKeys(language);
  let t = stripWakeWord(text, language);
  for (let i = 0; i < 3; i++) {
    if (set.has(compareKey(t))) return true;
    const shorter = t.replace(AFFIXES[language], "").trim();
    if (shorter === t) break;
    t = shorter;
  }
  return false;
}
