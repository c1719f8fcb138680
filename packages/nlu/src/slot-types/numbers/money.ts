// CLOVA.MONEY said in two units: "five dollars and fifty cents", 「5ドル50セント」, "5달러 50센트"
// → 5.5 USD; the hundredth unit alone ("fifty cents", 「50セント」) → 0.5 USD (§5.1: the
// currency is an ISO 4217 code, so cents are a fraction of the currency they belong to).
import type { Candidate, Language, SlotTypeParser } from "../types.js";
import { END, parserOf, START } from "./edges.js";
import { numeralSource, parseNumeral } from "./numerals.js";

/** A hundredth of a currency, by its surface forms, and the currency it is a hundredth of. */
const HUNDREDTHS: readonly { forms: string; of: readonly string[]; alone: string }[] = [
  { forms: "cents|cent|セント|센트", of: ["USD", "EUR"], alone: "USD" },
  { forms: "pence|penny|ペンス|펜스", of: ["GBP"], alone: "GBP" },
];
const FORMS = HUNDREDTHS.map((h) => h.forms).join("|");
/** What may stand between the currency and its hundredths. */
const JOIN: Record<Language, RegExp> = { en: /^(?:,? and |, | )$/, ja: /^(?:と)?$/, ko: /^ ?$/ };

/** The hundredths said in the text: `<number> cents`, `50セント`, `오십 센트`. */
function hundredthsIn(text: string, language: Language) {
  const re = ALONE[language];
  re.lastIndex = 0;
  const out: { start: number; end: number; n: number; entry: (typeof HUNDREDTHS)[number] }[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const n = parseNumeral(m.groups!["num"]!);
    const minor = m.groups!["minor"]!;
    const entry = HUNDREDTHS.find((h) => h.forms.split("|").includes(minor));
    if (n !== undefined && entry && Number.isInteger(n) && n >= 0 && n < 100)
      out.push({ start: m.index, end: m.index + m[0].length, n, entry });
  }
  return out;
}

const ALONE = Object.fromEntries(
  (["en", "ja", "ko"] as const).map((language) => {
    const sp = language === "ja" ? "" : " ?";
    const amount = `(?<num>${numeralSource(language)})${sp}(?<minor>${FORMS})${END[language]}`;
    return [language, new RegExp(`${START[language]}${amount}`, "gu")];
  }),
) as Record<Language, RegExp>;

const amount = (major: number, cents: number) => String((Math.round(major * 100) + cents) / 100);

export function moneyParser(base: SlotTypeParser): SlotTypeParser {
  const scan = (text: string, language: Language): Candidate[] => {
    const minors = hundredthsIn(text, language);
    // The currency before the hundredths is read with them out of the way (「5ドル50セント」:
    // a Japanese amount may not be followed by a digit).
    let masked = text;
    for (const m of minors)
      masked = masked.slice(0, m.start) + " ".repeat(m.end - m.start) + masked.slice(m.end);
    const found: Candidate[] = [];
    const used = new Set<(typeof minors)[number]>();
    for (const c of base.scan(masked, { language })) {
      const unit = c.resolved.unit ?? "";
      const major = Number(c.resolved.value);
      const minor = minors.find(
        (m) => m.start >= c.end && JOIN[language].test(text.slice(c.end, m.start)),
      );
      if (!minor?.entry.of.includes(unit) || !Number.isInteger(major)) {
        found.push(c);
        continue;
      }
      used.add(minor);
      found.push({
        start: c.start,
        end: minor.end,
        resolved: { value: amount(major, minor.n), unit },
      });
    }
    for (const m of minors)
      if (!used.has(m))
        found.push({
          start: m.start,
          end: m.end,
          resolved: { value: amount(0, m.n), unit: m.entry.alone },
        });
    return found.sort((a, b) => a.start - b.start);
  };
  return parserOf(scan);
}
