// Dictionary-backed built-in types (places, holidays, order and relative-time words).
// Value = the entry's canonical written form in the model's language (§13 #5): the official
// name for places (東京都, Tokyo, 도쿄도), falling back to another language's form when an
// entry has no name in that language. No valueType, no unit.
import { KO_PARTICLES } from "../normalize.js";
import type { Candidate, Language, SlotTypeParser } from "../types.js";
import { alternation } from "../units/index.js";

/** "ja|en|ko|alias,alias,…" — any field may be empty. */
export type EntryLine = string;

export interface GazetteerOptions {
  /** extra aliases derived from a canonical name, e.g. 八王子市 → 八王子 */
  derive?: (name: string, language: Language) => string[];
}

interface Entry {
  names: Record<Language, string>;
}

const LATIN = /^[\p{Script=Latin}\p{N}\s.'’&-]+$/u;
const HANGUL = /[가-힣]/;

export function gazetteer(
  lines: readonly EntryLine[],
  options: GazetteerOptions = {},
): SlotTypeParser {
  const entries: Entry[] = [];
  const forms = new Map<string, number>();
  const add = (form: string, index: number): void => {
    const key = form.normalize("NFKC").toLowerCase().trim();
    if (key && !forms.has(key)) forms.set(key, index);
  };
  for (const line of lines) {
    const [ja = "", en = "", ko = "", aliases = ""] = line.split("|");
    const pick = (first: string): string => first || ja || en || ko;
    const index = entries.length;
    entries.push({ names: { ja: pick(ja), en: pick(en), ko: pick(ko) } });
    for (const [name, lang] of [
      [ja, "ja"],
      [en, "en"],
      [ko, "ko"],
    ] as const) {
      if (!name) continue;
      add(name, index);
      for (const d of options.derive?.(name, lang) ?? []) add(d, index);
    }
    for (const a of aliases.split(",")) add(a, index);
  }
  const latin: string[] = [];
  const hangul: string[] = [];
  const other: string[] = [];
  const single: string[] = [];
  for (const f of forms.keys()) {
    (LATIN.test(f) ? latin : HANGUL.test(f) ? hangul : f.length === 1 ? single : other).push(f);
  }
  const parts: string[] = [];
  if (latin.length) parts.push(`(?<![\\p{L}\\p{N}])${alternation(latin)}(?![\\p{L}\\p{N}])`);
  if (hangul.length)
    parts.push(`(?<![가-힣])${alternation(hangul)}(?=${KO_PARTICLES}?(?![가-힣]))`);
  if (other.length) parts.push(alternation(other));
  // a one-character word (前, 次) must not be part of a longer kanji word (名前, 午前)
  if (single.length) parts.push(`(?<![\u4e00-\u9fff])${alternation(single)}(?![\u4e00-\u9fff])`);
  const re = new RegExp(parts.join("|"), "gu");
  const squeezed = new Map<string, number>();
  for (const [f, i] of forms)
    if (!squeezed.has(f.replace(/ /g, ""))) squeezed.set(f.replace(/ /g, ""), i);
  const lookup = (said: string): number | undefined =>
    forms.get(said) ?? squeezed.get(said.replace(/ /g, ""));
  const scan = (text: string, language: Language): Candidate[] => {
    const out: Candidate[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const index = lookup(m[0]);
      if (index !== undefined) {
        out.push({
          start: m.index,
          end: m.index + m[0].length,
          resolved: { value: entries[index]!.names[language] },
        });
      }
    }
    return out;
  };
  return {
    resolve(span, opts) {
      const index = lookup(span);
      return index === undefined ? undefined : { value: entries[index]!.names[opts.language] };
    },
    scan: (text, opts) => scan(text, opts.language),
  };
}
