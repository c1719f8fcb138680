// CLOVA.DATETIME (now or later) and CLOVA.DATETIME_RECENT (now or earlier), §5.2.
import type { Candidate, Language, SlotResolveOptions, SlotTypeParser } from "../types.js";
import { type AtomRule, scanAtoms } from "./atoms.js";
import { localNow } from "./clock.js";
import { compose, type Mention } from "./compose.js";
import { EN_RULES } from "./lexicon-en.js";
import { JA_RULES } from "./lexicon-ja.js";
import { KO_RULES } from "./lexicon-ko.js";
import type { Ctx } from "./model.js";

const RULES: Record<Language, readonly AtomRule[]> = { en: EN_RULES, ja: JA_RULES, ko: KO_RULES };
const GAP = /^[\s,、]*$/;
/** Words around a span that do not change its meaning ("at", "に", "에"). */
const LEAD: Record<Language, RegExp> = {
  en: /^(?:(?:at|on|in|for|by|from|until|till|around|about) )*$/,
  ja: /^$/,
  ko: /^$/,
};
const TRAIL: Record<Language, RegExp> = {
  en: /^$/,
  ja: /^(?:に|は|も|で|まで|から|頃|ごろ|くらい|ぐらい|の)*$/,
  ko: /^(?:에|에는|은|는|도|부터|까지|쯤|에서|경|이|가|을|를)*$/,
};
const EPOCH = new Date(0);

function context(options: SlotResolveOptions, dir: 1 | -1): Ctx {
  const timeZone = options.timeZone ?? "UTC";
  const { today, seconds } = localNow(options.referenceTime ?? EPOCH, timeZone);
  return { today, now: seconds, dir, timeZone };
}

function mentions(text: string, options: SlotResolveOptions, dir: 1 | -1): Mention[] {
  const atoms = scanAtoms(text, RULES[options.language]);
  if (atoms.length === 0) return [];
  const adjacent = (i: number): boolean => GAP.test(text.slice(atoms[i - 1]!.end, atoms[i]!.start));
  return compose(atoms, adjacent, context(options, dir));
}

export function dateTimeParser(dir: 1 | -1): SlotTypeParser {
  return {
    resolve(span, options) {
      const lang = options.language;
      for (const m of mentions(span, options, dir)) {
        const before = span.slice(0, m.start).trimEnd();
        const after = span.slice(m.end).trimStart();
        if (LEAD[lang].test(before ? `${before} ` : "") && TRAIL[lang].test(after))
          return m.resolved;
      }
      return undefined;
    },
    scan: (text, options): Candidate[] => mentions(text, options, dir),
  };
}

export const DATETIME_TYPES: Record<string, SlotTypeParser> = {
  "CLOVA.DATETIME": dateTimeParser(1),
  "CLOVA.DATETIME_RECENT": dateTimeParser(-1),
};
