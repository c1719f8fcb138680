// Numerals in English, Japanese and Korean → JavaScript numbers (interaction-model.md §5.4).
// Each language exposes a regex source matching one numeral and a parser for what it matched.
import type { Language } from "../types.js";

const EN_UNITS: Record<string, number> = {
  zero: 0,
  oh: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const EN_TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const EN_SCALES: Record<string, number> = {
  hundred: 100,
  dozen: 12,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
};
const EN_WORD = `(?:${[...Object.keys(EN_UNITS), ...Object.keys(EN_TENS), ...Object.keys(EN_SCALES)]
  .filter((w) => w !== "oh")
  .sort((a, b) => b.length - a.length)
  .join("|")})`;
// Repetitions are bounded everywhere so that scanning stays linear in the text length.
const DIGITS = String.raw`\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,9})?|\d{1,24}(?:\.\d{1,9})?|\.\d{1,9}`;

/** English numeral: digits, words, or digits + scale word ("1.5 million"); optional sign. */
export const EN_NUMERAL = String.raw`(?:(?:minus|negative) |-)?(?:(?:${DIGITS})(?: (?:hundred|thousand|million|billion))?|(?:an? )?${EN_WORD}(?:(?:[ -]|\sand\s)${EN_WORD}){0,8}(?: point(?: ${EN_WORD}){1,8})?(?: and an? half)?)`;

const JA_DIGIT: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  壱: 1,
  弐: 2,
  参: 3,
};
const JA_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 拾: 10 };
const JA_BIG: Record<string, number> = { 万: 1e4, 億: 1e8, 兆: 1e12 };
/** Japanese numeral: ASCII digits and/or kanji numerals ("3千", "二十五", "1万2千"). */
export const JA_NUMERAL = `(?:マイナス|-)?(?:[0-9〇零一二三四五六七八九十百千万億兆壱弐参拾]|(?<=[0-9])[.,](?=[0-9])){1,24}`;

const KO_DIGIT: Record<string, number> = {
  영: 0,
  공: 0,
  일: 1,
  이: 2,
  삼: 3,
  사: 4,
  오: 5,
  육: 6,
  륙: 6,
  칠: 7,
  팔: 8,
  구: 9,
};
const KO_SMALL: Record<string, number> = { 십: 10, 백: 100, 천: 1000 };
const KO_BIG: Record<string, number> = { 만: 1e4, 억: 1e8, 조: 1e12 };
const KO_NATIVE_TENS: Record<string, number> = {
  열: 10,
  스물: 20,
  스무: 20,
  서른: 30,
  마흔: 40,
  쉰: 50,
  예순: 60,
  일흔: 70,
  여든: 80,
  아흔: 90,
};
const KO_NATIVE_ONES: Record<string, number> = {
  하나: 1,
  한: 1,
  둘: 2,
  두: 2,
  셋: 3,
  세: 3,
  석: 3,
  넷: 4,
  네: 4,
  넉: 4,
  다섯: 5,
  닷: 5,
  여섯: 6,
  엿: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
};
/** Sino-Korean (digits may mix in: "3천", "1만 2천"). */
export const KO_SINO = `(?:마이너스 ?|-)?(?=[0-9영공일이삼사오육륙칠팔구십백천만억조])(?:[0-9영공일이삼사오육륙칠팔구십백천만억조]|(?<=[0-9])[.,](?=[0-9])|(?<=[만억조]) (?=[0-9일이삼사오육칠팔구십백천])){1,24}(?: ?점 ?[영공일이삼사오육칠팔구0-9]{1,9})?`;
/** Native Korean counting words; the short forms (한, 두, 세, 네, 스무) only before counters. */
export const KO_NATIVE_FULL = `(?:(?:열|스물|서른|마흔|쉰|예순|일흔|여든|아흔)(?:하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)?|하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)`;
export const KO_NATIVE_ADNOMINAL = `(?:(?:열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?|한|두|세|석|네|넉|다섯|닷|여섯|엿|일곱|여덟|아홉)`;

export function numeralSource(language: Language): string {
  if (language === "en") return EN_NUMERAL;
  if (language === "ja") return JA_NUMERAL;
  return `(?:${KO_SINO}|${KO_NATIVE_FULL})`;
}

/** Parses a numeral of any of the three languages (the scripts do not collide). */
export function parseNumeral(raw: string): number | undefined {
  const s = raw.trim();
  if (s === "") return undefined;
  let sign = 1;
  let body = s;
  const neg = /^(?:minus |negative |マイナス|마이너스 ?|-|−)/.exec(body);
  if (neg) {
    sign = -1;
    body = body.slice(neg[0].length);
  }
  const n = /[a-z]/.test(body)
    ? parseEnglish(body)
    : /[가-힣]/.test(body) && !/^[0-9.,]+$/.test(body)
      ? parseKorean(body)
      : parseCjk(body, JA_DIGIT, JA_SMALL, JA_BIG);
  return n === undefined ? undefined : tidy(sign * n);
}

function tidy(n: number): number {
  return Number(n.toPrecision(15));
}

function parseDigits(s: string): number | undefined {
  const t = s.replace(/,/g, "");
  if (!/^(?:\d+(?:\.\d+)?|\.\d+)$/.test(t)) return undefined;
  return Number(t);
}

function parseEnglish(s: string): number | undefined {
  let text = s;
  let extra = 0;
  if (text.endsWith(" and a half") || text.endsWith(" and an half")) {
    extra = 0.5;
    text = text.replace(/ and an? half$/, "");
  }
  let decimals = "";
  const point = text.indexOf(" point ");
  if (point >= 0) {
    for (const w of text.slice(point + 7).split(" ")) {
      const d = EN_UNITS[w];
      if (d === undefined || d > 9) return undefined;
      decimals += String(d);
    }
    text = text.slice(0, point);
  }
  const words = text.split(/[\s-]+/).filter((w) => w !== "and");
  // "one two three" → digit-by-digit (a phone number read out)
  if (words.length >= 2 && words.every((w) => (EN_UNITS[w] ?? 99) <= 9)) {
    return Number(words.map((w) => EN_UNITS[w]).join("")) + extra;
  }
  let total = 0;
  let current = 0;
  let seen = false;
  for (const [i, w] of words.entries()) {
    if ((w === "a" || w === "an") && i === 0) {
      current = 1;
      continue;
    }
    const digits = parseDigits(w);
    if (digits !== undefined) {
      current += digits;
      seen = true;
    } else if (w in EN_UNITS && w !== "oh" && EN_UNITS[w]! < 10) {
      current += EN_UNITS[w]!;
      seen = true;
    } else if (w in EN_TENS || (w in EN_UNITS && EN_UNITS[w]! >= 10)) {
      // "nineteen eighty four", "twenty twenty": read in hundreds, as years are
      if (current >= 10 && current < 100 && total === 0) current *= 100;
      current += EN_TENS[w] ?? EN_UNITS[w]!;
      seen = true;
    } else if (w === "hundred" || w === "dozen") {
      current = (current || 1) * EN_SCALES[w]!;
      seen = true;
    } else if (w in EN_SCALES) {
      total += (current || 1) * EN_SCALES[w]!;
      current = 0;
      seen = true;
    } else return undefined;
  }
  if (!seen) return undefined;
  const whole = total + current;
  return (decimals ? Number(`${whole}.${decimals}`) : whole) + extra;
}

function parseCjk(
  s: string,
  digits: Record<string, number>,
  small: Record<string, number>,
  big: Record<string, number>,
): number | undefined {
  let total = 0;
  let section = 0;
  let buf = "";
  let any = false;
  const flush = (): number | undefined => {
    if (buf === "") return 0;
    const v = parseDigits(buf);
    buf = "";
    return v;
  };
  for (const ch of s.replace(/[\s,]/g, "")) {
    if (ch >= "0" && ch <= "9") buf += ch;
    else if (ch === ".") buf += ch;
    else if (ch in digits) buf += String(digits[ch]);
    else if (ch in small) {
      const n = buf === "" ? 1 : flush();
      if (n === undefined) return undefined;
      section += n * small[ch]!;
    } else if (ch in big) {
      const n = flush();
      if (n === undefined) return undefined;
      const block = section + n;
      total += (block === 0 ? 1 : block) * big[ch]!;
      section = 0;
    } else return undefined;
    any = true;
  }
  if (!any) return undefined;
  const rest = flush();
  if (rest === undefined) return undefined;
  return total + section + rest;
}

function parseKorean(s: string): number | undefined {
  const t = s.replace(/\s+/g, "");
  const native =
    /^(열|스물|스무|서른|마흔|쉰|예순|일흔|여든|아흔)?(하나|한|둘|두|셋|세|석|넷|네|넉|다섯|닷|여섯|엿|일곱|여덟|아홉)?$/.exec(
      t,
    );
  if (native && (native[1] || native[2])) {
    return (
      (native[1] ? KO_NATIVE_TENS[native[1]]! : 0) + (native[2] ? KO_NATIVE_ONES[native[2]]! : 0)
    );
  }
  const point = t.indexOf("점");
  if (point > 0) {
    const whole = parseCjk(t.slice(0, point), KO_DIGIT, KO_SMALL, KO_BIG);
    let frac = "";
    for (const ch of t.slice(point + 1)) {
      const d = ch >= "0" && ch <= "9" ? Number(ch) : KO_DIGIT[ch];
      if (d === undefined) return undefined;
      frac += String(d);
    }
    return whole === undefined || frac === "" ? undefined : Number(`${whole}.${frac}`);
  }
  return parseCjk(t, KO_DIGIT, KO_SMALL, KO_BIG);
}

/** Digit string for WHOLE_NUMBER: keeps leading zeros of digit sequences (§5.4). */
const DIGIT_CHARS: Record<string, string> = {
  〇: "0",
  零: "0",
  一: "1",
  二: "2",
  三: "3",
  四: "4",
  五: "5",
  六: "6",
  七: "7",
  八: "8",
  九: "9",
  영: "0",
  공: "0",
  일: "1",
  이: "2",
  삼: "3",
  사: "4",
  오: "5",
  육: "6",
  칠: "7",
  팔: "8",
  구: "9",
};

/** Digit sequences read one digit at a time ("〇三一二", "공일공 일이삼사"), for WHOLE_NUMBER. */
export const DIGIT_SEQUENCE: Record<"ja" | "ko", string> = {
  ja: "[〇零一二三四五六七八九]{2,16}(?:[ -][〇零一二三四五六七八九]{1,16}){0,6}",
  ko: "[영공일이삼사오육칠팔구]{3,16}(?: [영공일이삼사오육칠팔구]{3,16}){0,6}",
};

/** Digit string for WHOLE_NUMBER: keeps leading zeros of digit sequences (§5.4). */
export function digitString(raw: string): string | undefined {
  const compact = raw.replace(/[\s\-‐–]/g, "");
  if (/^\d+$/.test(compact) && /^\d/.test(raw)) return compact;
  if (compact.length >= 2 && [...compact].every((ch) => ch in DIGIT_CHARS)) {
    return [...compact].map((ch) => DIGIT_CHARS[ch]).join("");
  }
  return undefined;
}
