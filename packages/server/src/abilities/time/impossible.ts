// A month and day that no calendar has ("February 31st", 「4月31日」, "6월 31일"). The date
// reader (CLOVA.DATETIME) does not resolve them, so without this check "set an alarm for the
// 31st of February at 7" kept only "at 7" and set tomorrow's; the user is told instead.
import type { Language } from "../../assistant/turn.js";

/** The months' English names, lower case, from the platform's own locale data. */
const MONTHS = Array.from({ length: 12 }, (_, month) =>
  new Date(Date.UTC(2000, month, 1))
    .toLocaleString("en", { month: "long", timeZone: "UTC" })
    .toLowerCase(),
);
const MONTH = `(${MONTHS.map((m) => `${m}|${m.slice(0, 3)}`).join("|")})\\.?`;
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";

/** The longest a month can be (February: 29, which some years have). */
const LONGEST = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export interface ImpossibleDate {
  month: number;
  day: number;
}

const PATTERNS: Record<Language, { re: RegExp; month: number; day: number }[]> = {
  en: [
    { re: new RegExp(`\\b${MONTH}\\s+(?:the\\s+)?${DAY}\\b`, "gi"), month: 1, day: 2 },
    { re: new RegExp(`\\b${DAY}\\s+of\\s+${MONTH}`, "gi"), month: 2, day: 1 },
  ],
  ja: [{ re: /(\d{1,2})\s*月\s*(\d{1,2})\s*日/g, month: 1, day: 2 }],
  ko: [{ re: /(\d{1,2})\s*월\s*(\d{1,2})\s*일/g, month: 1, day: 2 }],
};

/** The first month and day said in the text that does not exist, if any. */
export function impossibleDate(text: string, language: Language): ImpossibleDate | undefined {
  const folded = text.normalize("NFKC");
  for (const { re, month, day } of PATTERNS[language]) {
    for (const m of folded.matchAll(re)) {
      const said = m[month] as string;
      const monthNumber = /^\d+$/.test(said)
        ? Number(said)
        : MONTHS.findIndex((name) => name.startsWith(said.toLowerCase().slice(0, 3))) + 1;
      const dayNumber = Number(m[day]);
      if (monthNumber < 1 || monthNumber > 12) continue;
      if (dayNumber > (LONGEST[monthNumber - 1] as number))
        return { month: monthNumber, day: dayNumber };
    }
  }
  return undefined;
}
