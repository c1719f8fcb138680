// Finding atoms in a normalized utterance: every rule is a global regex compiled at load.
import { parseNumeral } from "../numbers/numerals.js";
import type { Atom, Located, Part } from "./model.js";

export interface AtomRule {
  re: RegExp;
  make: (g: Record<string, string | undefined>) => Atom | undefined;
}

const EN_EDGE_START = String.raw`(?<![\p{L}\p{N}])`;
const EN_EDGE_END = String.raw`(?![\p{L}\p{N}])`;

/** A rule from a regex source; `words` = en-style word boundaries around the match. */
export function rule(source: string, make: AtomRule["make"], words = false): AtomRule {
  const src = words ? `${EN_EDGE_START}(?:${source})${EN_EDGE_END}` : source;
  return { re: new RegExp(src, "gu"), make };
}

/** Rules for fixed words: `table` maps each word to the atom it stands for. */
export function wordRule(table: Record<string, Atom>, words = false): AtomRule {
  const keys = Object.keys(table).sort((a, b) => b.length - a.length);
  const alt = keys
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, " ?"))
    .join("|");
  return rule(
    `(?<w>${alt})`,
    (g) => table[g["w"]!] ?? table[g["w"]!.replace(/ /g, "")] ?? spaced(table, g["w"]!),
    words,
  );
}

function spaced(table: Record<string, Atom>, said: string): Atom | undefined {
  const squeezed = said.replace(/ /g, "");
  for (const [k, v] of Object.entries(table)) if (k.replace(/ /g, "") === squeezed) return v;
  return undefined;
}

export function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = parseNumeral(s);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** A clock time atom; undefined when out of range. */
export function clock(
  hour: number | undefined,
  minute = 0,
  second = 0,
  part?: Part,
): Atom | undefined {
  if (hour === undefined || hour > 24 || minute > 59 || second > 59) return undefined;
  if (hour === 24 && (minute > 0 || second > 0)) return undefined;
  return {
    k: "time",
    seconds: hour * 3600 + minute * 60 + second,
    explicit: part !== undefined,
    part,
  };
}

/** All atoms, earliest first; of overlapping atoms the longest wins. */
export function scanAtoms(text: string, rules: readonly AtomRule[]): Located[] {
  const found: Located[] = [];
  for (const r of rules) {
    r.re.lastIndex = 0;
    for (let m = r.re.exec(text); m; m = r.re.exec(text)) {
      if (m[0].length === 0) {
        r.re.lastIndex++;
        continue;
      }
      const atom = r.make(m.groups ?? {});
      if (atom) found.push({ start: m.index, end: m.index + m[0].length, atom });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Located[] = [];
  let lastEnd = 0;
  for (const a of found) {
    if (a.start < lastEnd) continue;
    out.push(a);
    lastEnd = a.end;
  }
  return out;
}
