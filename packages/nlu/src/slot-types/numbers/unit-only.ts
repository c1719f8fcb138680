// CLOVA.UNIT and CLOVA.UNIT_* (interaction-model.md §5.1, §5.5): the unit alone, normalized
// (「7冊」 → 冊, 「500ドル」 → USD). In whole utterances a unit counts when a number precedes
// it; longer unit words (ドル, "dollars", 킬로그램) also count on their own. The reported span
// is the unit only, as the spec asks slots of these types to be annotated.
import { KO_PARTICLES } from "../normalize.js";
import type { Candidate, Language, SlotTypeParser } from "../types.js";
import { canonicalUnit, type UnitCategory, unitTable } from "../units/index.js";
import { numeralSource } from "./numerals.js";

type Category = UnitCategory | "all";

const SYMBOLS = /^[$¥€£₩%°]$/;

function pattern(category: Category, language: Language): RegExp {
  const table = unitTable(category, language);
  const num =
    language === "ko"
      ? `${numeralSource(language)}|한|두|세|네|스무|열한|열두`
      : numeralSource(language);
  const start = language === "en" ? "(?<![\\p{L}\\p{N}])" : language === "ko" ? "(?<![가-힣])" : "";
  const end =
    language === "en"
      ? "(?![\\p{L}\\p{N}])"
      : language === "ko"
        ? `(?=${KO_PARTICLES}?(?![가-힣]))`
        : "";
  const sp = language === "ja" ? "" : " ?";
  return new RegExp(
    `(?:(?<sym>[$¥€£₩])(?=\\d))|${start}(?:(?<num>${num})${sp})?(?<unit>${table.source})${end}`,
    "dgu",
  );
}

export function unitOnlyParser(category: Category): SlotTypeParser {
  const patterns = new Map<Language, RegExp>();
  for (const l of ["en", "ja", "ko"] as const) patterns.set(l, pattern(category, l));
  const scan = (text: string, language: Language): Candidate[] => {
    const re = patterns.get(language)!;
    const table = unitTable(category, language);
    const out: Candidate[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const said = m.groups!["sym"] ?? m.groups!["unit"]!;
      const [s, e] = m.indices!.groups!["sym"] ?? m.indices!.groups!["unit"]!;
      const standalone = !m.groups!["num"] && !m.groups!["sym"];
      // a lone counter (本, 개, "time") or symbol is only a unit right after a number
      if (standalone && (category === "general" || said.length < 2 || SYMBOLS.test(said))) continue;
      const value = canonicalUnit(table, said);
      if (value) out.push({ start: s, end: e, resolved: { value } });
    }
    return out;
  };
  return {
    resolve(span, options) {
      const re = patterns.get(options.language)!;
      re.lastIndex = 0;
      const m = re.exec(span);
      if (m?.index !== 0 || m[0].length !== span.length) return undefined;
      const value = canonicalUnit(
        unitTable(category, options.language),
        m.groups!["sym"] ?? m.groups!["unit"]!,
      );
      return value ? { value } : undefined;
    },
    scan: (text, options) => scan(text, options.language),
  };
}

export const UNIT_TYPES: Record<string, SlotTypeParser> = {
  "CLOVA.UNIT": unitOnlyParser("all"),
  "CLOVA.UNIT_GENERAL": unitOnlyParser("general"),
  "CLOVA.UNIT_AREA": unitOnlyParser("area"),
  "CLOVA.UNIT_CURRENCY": unitOnlyParser("currency"),
  "CLOVA.UNIT_INFORMATION": unitOnlyParser("information"),
  "CLOVA.UNIT_LENGTH": unitOnlyParser("length"),
  "CLOVA.UNIT_RATIO": unitOnlyParser("ratio"),
  "CLOVA.UNIT_SPEED": unitOnlyParser("speed"),
  "CLOVA.UNIT_TEMPERATURE": unitOnlyParser("temperature"),
  "CLOVA.UNIT_VOLUME": unitOnlyParser("volume"),
  "CLOVA.UNIT_WEIGHT": unitOnlyParser("weight"),
};
