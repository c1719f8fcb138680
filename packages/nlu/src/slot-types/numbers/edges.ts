// Where a number may begin and end in each language, and what may follow a resolved span.
import { KO_PARTICLES } from "../normalize.js";
import type { Candidate, Language, SlotTypeParser } from "../types.js";

export const END: Record<Language, string> = {
  en: String.raw`(?![\p{L}\p{N}])`,
  ja: `(?![0-9])`,
  ko: `(?=${KO_PARTICLES}?(?![가-힣0-9]))`,
};
export const START: Record<Language, string> = {
  en: String.raw`(?<![\p{L}\p{N}.,-])`,
  ja: `(?<![0-9.,-])`,
  ko: `(?<![가-힣0-9.,-])`,
};
/** What may follow a resolved span without changing it ("세 개를", "3個を"). */
export const TRAILING: Record<Language, RegExp> = {
  en: /^$/,
  ja: /^(?:を|は|が|も|で|に|の|ください)$/,
  ko: new RegExp(`^ ?${KO_PARTICLES}$`),
};

/** A parser from a scan: a span resolves to the candidate covering it whole (or with a particle). */
export function parserOf(scan: (text: string, language: Language) => Candidate[]): SlotTypeParser {
  return {
    resolve(span, options) {
      const found = scan(span, options.language).find(
        (c) =>
          c.start === 0 &&
          (c.end === span.length || TRAILING[options.language].test(span.slice(c.end))),
      );
      return found?.resolved;
    },
    scan: (text, options) => scan(text, options.language),
  };
}
