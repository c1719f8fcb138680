// Launch and one-shot phrasings around an invocation name (interaction-model.md §9.3, §13 #13).
// Each pattern is matched as `head` + NAME + `tail`: `head` must match everything before the
// name and `tail` everything after it; a `rest` group, in either, is the command of a one-shot.
import type { ModelLanguage as Language } from "@clover/protocol";

export interface InvocationPattern {
  kind: "launch" | "oneshot";
  head: RegExp;
  tail: RegExp;
  /** How sure the phrasing alone makes us (multiplied with the name similarity). */
  weight: number;
  /** False for the bare name: only exact (or near-exact long) names count. */
  fuzzy: boolean;
}

/** Wake words removed before matching ("Clova, open dice" = "open dice"). */
export const WAKE_WORDS: Readonly<Record<Language, readonly string[]>> = {
  en: ["hey clova", "ok clova", "okay clova", "hi clova", "clova", "clover", "hey clover"],
  ja: [
    "ねぇclova",
    "ねえclova",
    "ねぇクローバ",
    "ねえクローバ",
    "ねぇクロバ",
    "clova",
    "クローバ",
    "クロバ",
  ],
  ko: ["헤이 클로바", "클로바", "clova"],
};

/** Verbs that start an extension (launch), per language; also reserved in invocation names. */
export const LAUNCH_VERBS: Readonly<Record<Language, readonly string[]>> = {
  en: [
    "open",
    "start",
    "launch",
    "run",
    "begin",
    "load",
    "play",
    "use",
    "talk to",
    "speak to",
    "connect to",
    "switch to",
    "start up",
    "open up",
    "fire up",
    "let me talk to",
    "i want to talk to",
    "i'd like to use",
    "let's play",
  ],
  ja: [
    "起動して",
    "起動",
    "開いて",
    "ひらいて",
    "開けて",
    "あけて",
    "つないで",
    "繋いで",
    "スタートして",
    "始めて",
    "はじめて",
    "呼んで",
    "よんで",
  ],
  ko: ["시작해", "시작", "열어", "실행해", "실행", "동작해", "동작시켜", "켜", "불러", "연결해"],
};

const EDGE_PUNCTUATION = /^[\s\p{P}]+|[\s\p{P}]+$/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** The wake words in NFKC, normalized once (they are compared with every utterance). */
const WAKE_KEYS = Object.fromEntries(
  Object.entries(WAKE_WORDS).map(([language, words]) => [
    language,
    words.map((w) => w.normalize("NFKC")),
  ]),
) as unknown as Readonly<Record<Language, readonly string[]>>;

/** NFKC, single spaces, no leading wake word, no punctuation at the edges. */
export function stripWakeWord(text: string, language: Language): string {
  let t = text.normalize("NFKC").replace(/\s+/g, " ").replace(EDGE_PUNCTUATION, "");
  const lower = t.toLowerCase();
  for (const w of WAKE_KEYS[language]) {
    if (lower.startsWith(w) && !LETTER_OR_DIGIT.test(lower.charAt(w.length))) {
      t = t.slice(w.length).replace(EDGE_PUNCTUATION, "");
      break;
    }
  }
  return t;
}

const alt = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("|");

const EN_LAUNCH = alt(LAUNCH_VERBS.en);
const EN_POLITE = "(?:\\s+(?:please|now|for me|up))*";
// "can you", "please", "i want to" before the verb
const EN_LEAD =
  "(?:(?:can|could|would|will)\\s+you\\s+|please\\s+|i\\s+want\\s+to\\s+|i'd\\s+like\\s+to\\s+)*";
// an honorific after a Japanese name (「ピザ屋さん」)
const JA_HONORIFIC = "(?:さん|ちゃん|くん)?";
const JA_LAUNCH = alt(LAUNCH_VERBS.ja);
const JA_POLITE = "(?:ください|下さい|くれる|くれ|ちょうだい|もらえる|くれますか|くれない)?";
const KO_LAUNCH = alt(LAUNCH_VERBS.ko);
const KO_POLITE = "(?:\\s*(?:줘요|줘|주세요|줄래|줄래요|봐|봐요|요))?";

export const PATTERNS: Readonly<Record<Language, readonly InvocationPattern[]>> = {
  en: [
    // "open dice", "please start the pizza shop now"
    {
      kind: "launch",
      head: new RegExp(`^${EN_LEAD}(?:${EN_LAUNCH})\\s+(?:the\\s+)?$`, "i"),
      tail: new RegExp(`^${EN_POLITE}$`, "i"),
      weight: 1,
      fuzzy: true,
    },
    // "ask pizza shop to order a large pepperoni", "tell dice roll three"
    {
      kind: "oneshot",
      head: new RegExp(`^${EN_LEAD}(?:ask|tell)\\s+(?:the\\s+)?$`, "i"),
      tail: /^\s*,?\s+(?:to\s+|for\s+|that\s+)?(?<rest>\S.*)$/i,
      weight: 0.95,
      fuzzy: true,
    },
    // "open music box and play jazz"
    {
      kind: "oneshot",
      head: new RegExp(`^${EN_LEAD}(?:${EN_LAUNCH})\\s+(?:the\\s+)?$`, "i"),
      tail: /^\s*,?\s+(?:and|to)\s+(?<rest>\S.*)$/i,
      weight: 0.95,
      fuzzy: true,
    },
    // "roll two dice with dice roller", "play jazz on music box"
    {
      kind: "oneshot",
      head: /^(?<rest>\S.*?)\s+(?:with|on|using|via|from|in)\s+(?:the\s+)?$/i,
      tail: /^(?:\s+please)?$/i,
      weight: 0.85,
      fuzzy: true,
    },
    // "ask dice" → a launch
    {
      kind: "launch",
      head: new RegExp(`^${EN_LEAD}(?:ask|tell)\\s+(?:the\\s+)?$`, "i"),
      tail: /^$/,
      weight: 0.9,
      fuzzy: true,
    },
    // "pizza shop, two large margheritas"
    { kind: "oneshot", head: /^$/, tail: /^\s*,\s*(?<rest>\S.*)$/, weight: 0.8, fuzzy: true },
    // the bare name (§9.3: works only when it clashes with nothing)
    { kind: "launch", head: /^$/, tail: /^$/, weight: 0.7, fuzzy: false },
  ],
  ja: [
    // 「サイコロを起動して」「サイコロを開いてください」「サイコロにつないで」
    {
      kind: "launch",
      head: /^$/,
      tail: new RegExp(`^${JA_HONORIFIC}\\s*(?:を|お|に|へ)?\\s*(?:${JA_LAUNCH})${JA_POLITE}$`),
      weight: 1,
      fuzzy: true,
    },
    // 「ピザ屋に、マルゲリータがあるかって聞いて」
    {
      kind: "oneshot",
      head: /^$/,
      tail: /^(?:さん|ちゃん|くん)?\s*(?:に|へ)\s*[、,]?\s*(?<rest>\S.*?)\s*(?:って|と)\s*(?:聞いて|きいて|伝えて|つたえて|言って|いって|頼んで|たのんで)(?:ください|下さい|くれる|ちょうだい)?$/,
      weight: 0.95,
      fuzzy: true,
    },
    // 「サイコロを使ってサイコロを2つ振って」「サイコロを起動して3つ振って」
    {
      kind: "oneshot",
      head: /^$/,
      tail: new RegExp(
        `^${JA_HONORIFIC}\\s*(?:を|お)\\s*(?:使って|つかって|${JA_LAUNCH})\\s*[、,]?\\s*(?<rest>\\S.*)$`,
      ),
      weight: 0.95,
      fuzzy: true,
    },
    // 「ミュージックボックスでジャズをかけて」
    {
      kind: "oneshot",
      head: /^$/,
      tail: /^(?:さん|ちゃん|くん)?\s*(?:で|から)\s*[、,]?\s*(?<rest>\S.*)$/,
      weight: 0.85,
      fuzzy: true,
    },
    { kind: "launch", head: /^$/, tail: /^$/, weight: 0.7, fuzzy: false },
  ],
  ko: [
    // 「주사위 시작해줘」「피자 가게 열어 주세요」「뮤직 박스를 실행해」
    {
      kind: "launch",
      head: /^$/,
      tail: new RegExp(`^\\s*(?:을|를|좀)?\\s*(?:${KO_LAUNCH})${KO_POLITE}$`),
      weight: 1,
      fuzzy: true,
    },
    // 「주사위한테 몇 개 던질 수 있는지 물어봐」
    {
      kind: "oneshot",
      head: /^$/,
      tail: /^\s*(?:한테|에게|께)\s+(?<rest>\S.*?)\s*(?:(?:이?라고|고)\s*)?(?:물어봐|물어 봐|물어봐줘|물어봐 줘|물어봐 주세요|전해줘|전해 줘|말해줘|말해 줘)$/,
      weight: 0.95,
      fuzzy: true,
    },
    // 「주사위에서 두 개 던져줘」「피자 가게한테 페퍼로니 주문해줘」「뮤직 박스로 재즈 틀어줘」
    {
      kind: "oneshot",
      head: /^$/,
      tail: /^\s*(?:에서|에게|한테|께|으로|로|를 통해서|을 통해서|를 통해|을 통해|통해서)\s+(?<rest>\S.*)$/,
      weight: 0.9,
      fuzzy: true,
    },
    // 「주사위 시작해서 세 개 던져줘」
    {
      kind: "oneshot",
      head: /^$/,
      tail: /^\s*(?:을|를)?\s*(?:시작해서|열어서|실행해서|켜서)\s+(?<rest>\S.*)$/,
      weight: 0.9,
      fuzzy: true,
    },
    { kind: "launch", head: /^$/, tail: /^$/, weight: 0.7, fuzzy: false },
  ],
};
