// Unit lookup per category and language, compiled once at module load (§5.1 unit types).
import type { Language } from "../types.js";
import {
  GENERAL_COUNTERS,
  MEASURE_UNITS,
  SPEED_NAMED,
  SPEED_TIMES,
  type UnitCategory,
  type UnitRow,
} from "./unit-data.js";

export type { UnitCategory } from "./unit-data.js";

export interface UnitTable {
  /** folded surface form → canonical name */
  readonly forms: ReadonlyMap<string, string>;
  /** regex source matching any form, longest first */
  readonly source: string;
}

const LANGS: readonly Language[] = ["en", "ja", "ko"];
const CATEGORIES: readonly UnitCategory[] = [
  "general",
  "currency",
  "area",
  "information",
  "length",
  "ratio",
  "speed",
  "temperature",
  "volume",
  "weight",
];

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface TrieNode {
  terminal: boolean;
  children: Map<string, TrieNode>;
}

/**
 * Regex source matching any of the literal strings, longest first, factored as a trie so that
 * big vocabularies cost one character test per position. A space also matches "no space".
 */
export function alternation(words: Iterable<string>): string {
  const root: TrieNode = { terminal: false, children: new Map() };
  for (const w of words) {
    let node = root;
    for (const ch of w) {
      let next = node.children.get(ch);
      if (!next) {
        next = { terminal: false, children: new Map() };
        node.children.set(ch, next);
      }
      node = next;
    }
    node.terminal = true;
  }
  return `(?:${emit(root)})`;
}

function emit(node: TrieNode): string {
  const alts: string[] = [];
  for (const [ch, child] of node.children) {
    alts.push((ch === " " ? " ?" : escapeRegex(ch)) + emit(child));
  }
  if (alts.length === 0) return "";
  const body = alts.length === 1 ? alts[0]! : `(?:${alts.join("|")})`;
  return node.terminal ? `(?:${body})?` : body;
}

function rowIndex(language: Language): 0 | 1 | 2 {
  return language === "en" ? 0 : language === "ja" ? 1 : 2;
}

function addRows(map: Map<string, string>, rows: readonly UnitRow[], language: Language): void {
  for (const row of rows) {
    for (const form of row[3].split("|"))
      if (!map.has(form)) map.set(form, row[rowIndex(language)]);
  }
}

/** "kilometer" + "hour" → "kilometer per hour"; ja "キロメートル毎時"; ko "킬로미터매시". */
export function speedName(
  length: string,
  time: "hour" | "minute" | "second",
  language: Language,
): string {
  const t = SPEED_TIMES.find((x) => x.en === time)!;
  if (language === "en") return `${length} per ${time}`;
  return language === "ja" ? `${length}毎${t.ja}` : `${length}매${t.ko}`;
}

function speedRows(language: Language): Map<string, string> {
  const map = new Map<string, string>();
  addRows(map, SPEED_NAMED, language);
  for (const len of MEASURE_UNITS.length) {
    const lengthName = len[rowIndex(language)];
    for (const time of SPEED_TIMES) {
      const name = speedName(lengthName, time.en, language);
      for (const lf of len[3].split("|")) {
        for (const tf of time.forms) {
          const ascii = /^[a-z]/.test(lf) && /^[a-z]/.test(tf);
          if (ascii) {
            map.set(`${lf}/${tf}`, name);
            if (tf.length > 2) map.set(`${lf} per ${tf}`, name);
            if (tf.length > 2) map.set(`${lf} an ${tf}`, name);
          } else if (!/^[a-z]/.test(lf) && !/^[a-z]/.test(tf)) {
            map.set(`${lf}毎${tf}`, name);
            map.set(`${lf}매${tf}`, name);
          }
        }
      }
    }
  }
  return map;
}

function buildTable(category: UnitCategory, language: Language): UnitTable {
  let forms: Map<string, string>;
  if (category === "general") {
    forms = new Map();
    for (const entry of GENERAL_COUNTERS[language]) {
      const [canon, ...rest] = entry.split("|");
      for (const f of [canon!, ...rest]) forms.set(f, canon!);
    }
  } else if (category === "speed") forms = speedRows(language);
  else {
    forms = new Map();
    addRows(forms, MEASURE_UNITS[category], language);
  }
  return { forms, source: alternation(forms.keys()) };
}

const TABLES = new Map<string, UnitTable>();
for (const c of CATEGORIES) for (const l of LANGS) TABLES.set(`${c}/${l}`, buildTable(c, l));
const ALL = new Map<Language, UnitTable>();
for (const l of LANGS) {
  const forms = new Map<string, string>();
  for (const c of CATEGORIES) {
    for (const [f, canon] of TABLES.get(`${c}/${l}`)!.forms) if (!forms.has(f)) forms.set(f, canon);
  }
  ALL.set(l, { forms, source: alternation(forms.keys()) });
}

export function unitTable(category: UnitCategory | "all", language: Language): UnitTable {
  return category === "all" ? ALL.get(language)! : TABLES.get(`${category}/${language}`)!;
}

/** Canonical unit name for a matched surface form (spaces optional in the match). */
export function canonicalUnit(table: UnitTable, surface: string): string | undefined {
  return (
    table.forms.get(surface) ?? table.forms.get(surface.replace(/ /g, "")) ?? spaced(table, surface)
  );
}

function spaced(table: UnitTable, surface: string): string | undefined {
  const squeezed = surface.replace(/ /g, "");
  for (const [form, canon] of table.forms) if (form.replace(/ /g, "") === squeezed) return canon;
  return undefined;
}

export { SPEED_TIMES };
