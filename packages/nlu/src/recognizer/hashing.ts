// Feature hashing: a feature is a 31-bit integer built from the hashes of its parts (template,
// words, labels) instead of a string such as "w2play|some". Nothing is concatenated, so
// computing features allocates no strings, and the ids index a Map<number, number> cheaply.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of text[from, to) (UTF-16 code units), continuing from `seed`. */
export function hashText(text: string, seed = FNV_OFFSET, from = 0, to = text.length): number {
  let h = seed | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** Combines a hash with one more part (murmur3 finalizer steps: order matters). */
export function mix(h: number, part: number): number {
  let x = Math.imul(h ^ Math.imul(part, 0xcc9e2d51), 0x1b873593);
  x ^= x >>> 15;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return x;
}

/** A feature id from a finished hash: 31 bits, so V8 keeps it a small integer. */
export function featureId(h: number): number {
  return h >> 1;
}

/** Seed of one feature template, from its short name. */
export function template(name: string): number {
  return hashText(name, 0x9747b28c);
}

/** Hash of a word (normalized unit). */
export function wordHash(word: string): number {
  return hashText(word);
}

/** Feature of a template and one part. */
export function f1(t: number, a: number): number {
  return featureId(mix(t, a));
}

/** Feature of a template and two parts. */
export function f2(t: number, a: number, b: number): number {
  return featureId(mix(mix(t, a), b));
}

/** Feature of a template and three parts. */
export function f3(t: number, a: number, b: number, c: number): number {
  return featureId(mix(mix(mix(t, a), b), c));
}
