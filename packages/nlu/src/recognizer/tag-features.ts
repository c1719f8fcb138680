// Slot tagger features, hashed (hashing.ts): per unit, lexical, shape and context features
// (unitFeatures) and dictionary / built-in span features (spanFeatures).
import type { ModelLanguage } from "@clover/protocol";
import type { SpanMatch } from "./gazetteer.js";
import { f1, f2, f3, hashText, mix, template, wordHash } from "./hashing.js";
import type { Unit } from "./units.js";

const START = wordHash("^");
const END = wordHash("$");
const BIAS = f1(template("*"), 0);
const T = {
  w: template("w"),
  p: template("p"),
  n: template("n"),
  pp: template("pp"),
  nn: template("nn"),
  pw: template("pw"),
  wn: template("wn"),
  pn: template("pn"),
  s: template("s"),
  x3: template("x3"),
  x2: template("x2"),
  b3: template("b3"),
  kp: template("kp"),
  t: template("t"),
  tt: template("tt"),
  ppw: template("ppw"),
  wnn: template("wnn"),
  g: template("g"),
  gm: template("gm"),
  gn: template("gn"),
  gp: template("gp"),
};

/** Hash of a word's shape: upper → X, lower → x, digit → d, runs capped at two. */
function shapeHash(word: string): number {
  let h = T.s;
  let prev = -1;
  let run = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const ch = word[i] as string;
    let k = c;
    if (c >= 48 && c <= 57) k = 100;
    else if (c >= 97 && c <= 122) k = 120;
    else if (c >= 65 && c <= 90) k = 88;
    else if (c > 127) {
      if (ch !== ch.toLowerCase()) k = 88;
      else if (ch !== ch.toUpperCase()) k = 120;
    }
    run = k === prev ? run + 1 : 1;
    prev = k;
    if (run <= 2) h = mix(h, k);
  }
  return h >> 1;
}

function script(ch: string): string {
  if (/[0-9]/.test(ch)) return "d";
  if (/\p{Script=Hiragana}/u.test(ch)) return "h";
  if (/[\p{Script=Katakana}ー]/u.test(ch)) return "k";
  if (/\p{Script=Han}/u.test(ch)) return "c";
  if (/\p{Script=Hangul}/u.test(ch)) return "g";
  if (/\p{L}/u.test(ch)) return "l";
  return "o";
}

/** Lexical/context features of each unit (no dictionary features). */
export function unitFeatures(
  units: readonly Unit[],
  words: readonly number[],
  language: ModelLanguage,
): number[][] {
  const n = units.length;
  const w = (i: number) => (i < 0 ? START : i >= n ? END : (words[i] as number));
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const cur = w(i);
    const f = [BIAS, f1(T.w, cur), f1(T.p, w(i - 1)), f1(T.n, w(i + 1))];
    f.push(f1(T.pp, w(i - 2)), f1(T.nn, w(i + 2)));
    f.push(f2(T.pw, w(i - 1), cur), f2(T.wn, cur, w(i + 1)));
    f.push(f2(T.pn, w(i - 1), w(i + 1)));
    if (language === "ja") {
      const s = (k: number) => (k < 0 || k >= n ? "_" : script((units[k] as Unit).norm));
      f.push(f1(T.t, hashText(s(i))), f1(T.tt, hashText(s(i - 1) + s(i) + s(i + 1))));
      f.push(f3(T.ppw, w(i - 2), w(i - 1), cur), f3(T.wnn, cur, w(i + 1), w(i + 2)));
    } else {
      const unit = units[i] as Unit;
      const norm = unit.norm;
      const len = norm.length;
      f.push(shapeHash(unit.text));
      f.push(f1(T.x3, hashText(norm, undefined, Math.max(0, len - 3))));
      f.push(f1(T.x2, hashText(norm, undefined, Math.max(0, len - 2))));
      f.push(f1(T.b3, hashText(norm, undefined, 0, Math.min(3, len))));
      if (language === "ko") {
        const first = norm.codePointAt(0) ?? 0;
        f.push(f1(T.kp, first));
      }
    }
    out.push(f);
  }
  return out;
}

/** Position of unit i inside a span: B(egin), I(nside), L(ast), U(nit). */
function spanPosition(span: SpanMatch, i: number): number {
  if (span.end - span.start === 1) return 3;
  if (i === span.start) return 0;
  return i === span.end - 1 ? 2 : 1;
}

/** Gazetteer and built-in span features of each unit. */
export function spanFeatures(n: number, spans: readonly SpanMatch[]): number[][] {
  const out: number[][] = Array.from({ length: n }, () => []);
  const add = (i: number, feature: number) => {
    const list = out[i] as number[];
    if (!list.includes(feature)) list.push(feature);
  };
  for (const span of spans) {
    const type = hashText(span.type);
    for (let i = span.start; i < span.end; i++) {
      add(i, f2(T.g, type, spanPosition(span, i)));
      if (span.end - span.start > 1) add(i, f1(T.gm, type));
    }
    if (span.start > 0) add(span.start - 1, f1(T.gn, type));
    if (span.end < n) add(span.end, f1(T.gp, type));
  }
  return out;
}
