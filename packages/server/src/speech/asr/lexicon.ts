// Pronunciations for the grammar's words: the CMU dictionary shipped with pocketsphinx-en-us,
// and for words it lacks (brand names, "margherita") eSpeak NG's letter-to-sound rules mapped
// onto the same phone set.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";

/** eSpeak NG English phoneme mnemonics → CMU/ARPAbet phones. */
const ESPEAK_TO_CMU: Record<string, string> = {
  a: "AE",
  aa: "AE",
  a2: "AH",
  "a#": "AH",
  "A:": "AA",
  A: "AA",
  "A@": "AA R",
  "@": "AH",
  "@2": "AH",
  "@5": "AH",
  "@L": "AH L",
  "@r": "ER",
  "3": "ER",
  "3:": "ER",
  V: "AH",
  E: "EH",
  e: "EH",
  "e@": "EH R",
  I: "IH",
  I2: "IH",
  "I#": "IH",
  i: "IY",
  "i:": "IY",
  "i@": "IH R",
  "i@3": "IH R",
  oU: "OW",
  "O:": "AO",
  O: "AO",
  "O@": "AO R",
  "o@": "AO R",
  "0": "AA",
  U: "UH",
  "U@": "UH R",
  "u:": "UW",
  u: "UW",
  aI: "AY",
  aI3: "AY ER",
  "aI@": "AY ER",
  aU: "AW",
  OI: "OY",
  eI: "EY",
  p: "P",
  b: "B",
  t: "T",
  "t#": "T",
  d: "D",
  k: "K",
  g: "G",
  f: "F",
  v: "V",
  T: "TH",
  D: "DH",
  s: "S",
  z: "Z",
  S: "SH",
  Z: "ZH",
  h: "HH",
  m: "M",
  n: "N",
  "n-": "N",
  N: "NG",
  l: "L",
  "l-": "L",
  r: "R",
  "r-": "R",
  w: "W",
  j: "Y",
  tS: "CH",
  dZ: "JH",
  x: "K",
  "?": "",
};

export class Lexicon {
  private entries: Map<string, string[]> | undefined;
  private readonly guessed = new Map<string, string | null>();

  constructor(
    private readonly dictionaryPath: string,
    private readonly espeakCommand = "espeak-ng",
  ) {}

  private async load(): Promise<Map<string, string[]>> {
    if (this.entries) return this.entries;
    const text = await readFile(this.dictionaryPath, "utf8");
    const entries = new Map<string, string[]>();
    for (const line of text.split("\n")) {
      const space = line.indexOf(" ");
      if (space <= 0) continue;
      const word = line.slice(0, space).replace(/\(\d+\)$/, "");
      const phones = line.slice(space + 1).trim();
      const list = entries.get(word);
      if (list) list.push(phones);
      else entries.set(word, [phones]);
    }
    this.entries = entries;
    return entries;
  }

  /** Dictionary lines for the words; words nobody can pronounce are returned in `missing`. */
  async dictionaryFor(words: Iterable<string>): Promise<{ lines: string[]; missing: string[] }> {
    const entries = await this.load();
    const lines: string[] = [];
    const missing: string[] = [];
    const unknown: string[] = [];
    for (const word of new Set(words)) {
      const known = entries.get(word);
      if (!known) {
        unknown.push(word);
        continue;
      }
      for (const [i, phones] of known.entries()) {
        lines.push(`${word}${i ? `(${i + 1})` : ""} ${phones}`);
      }
    }
    const guesses = await Promise.all(unknown.map((w) => this.guess(w)));
    unknown.forEach((word, i) => {
      const phones = guesses[i];
      if (phones) lines.push(`${word} ${phones}`);
      else missing.push(word);
    });
    return { lines, missing };
  }

  async has(word: string): Promise<boolean> {
    return (await this.load()).has(word);
  }

  private async guess(word: string): Promise<string | null> {
    const cached = this.guessed.get(word);
    if (cached !== undefined) return cached;
    const phones = await new Promise<string | null>((resolve) => {
      execFile(
        this.espeakCommand,
        ["-q", "-x", "-v", "en-us", "--sep=_", word],
        { timeout: 5000 },
        (error, stdout) => resolve(error ? null : espeakToCmu(stdout)),
      );
    });
    this.guessed.set(word, phones);
    return phones;
  }
}

/** "m_,A@_g_3_r_'i:_t#_@" → "M AA R G ER R IY T AH" (null when a phoneme is unknown). */
export function espeakToCmu(mnemonics: string): string | null {
  const phones: string[] = [];
  for (const raw of mnemonics.trim().split(/[_\s]+/)) {
    const symbol = raw.replace(/[',%=]/g, "");
    if (!symbol) continue;
    const cmu = ESPEAK_TO_CMU[symbol];
    if (cmu === undefined) return null;
    if (cmu) phones.push(...cmu.split(" "));
  }
  return phones.length > 0 ? phones.join(" ") : null;
}
