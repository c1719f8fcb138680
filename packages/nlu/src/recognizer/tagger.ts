// Slot tagger: first-order structured perceptron over BIO labels (label 0 = O, slot k has
// B = 1 + 2k and I = 2 + 2k), decoded with Viterbi restricted to the labels of one intent's
// slots; an I label may only follow B or I of the same slot. Emission weights live in a
// hashed table, transitions in a dense (labels + 1) × labels matrix (row `labels` = start).
import { HashedAveragedWeights, rng, rowBase, shuffle, tableBits } from "./weights.js";

export interface TaggerExample {
  /** Feature ids per unit; `optional` ids may be dropped during training (dictionary dropout). */
  features: number[][];
  optional: number[][];
  labels: number[];
  allowed: number[];
}

const slotOf = (label: number) => (label - 1) >> 1;
const isInside = (label: number) => label > 0 && label % 2 === 0;

// Scratch buffers reused across calls (decoding is synchronous and nothing keeps them), so a
// decode allocates only its result path.
let emScratch = new Float64Array(4096);
let deltaScratch = new Float64Array(4096);
let backScratch = new Int32Array(4096);

function grow(size: number): void {
  if (emScratch.length >= size) return;
  const next = 2 ** Math.ceil(Math.log2(size));
  emScratch = new Float64Array(next);
  deltaScratch = new Float64Array(next);
  backScratch = new Int32Array(next);
}

function addUnit(
  em: Float64Array,
  at: number,
  weights: Float32Array,
  mask: number,
  unit: readonly number[],
  allowed: readonly number[],
): void {
  const a = allowed.length;
  for (let k = 0; k < unit.length; k++) {
    const base = rowBase(unit[k] as number);
    for (let j = 0; j < a; j++)
      em[at + j] += weights[(base + (allowed[j] as number)) & mask] as number;
  }
}

/**
 * Emission scores, n × allowed, from a hashed weight table (`extra`: more ids per unit), in a
 * scratch buffer valid until the next call.
 */
export function emissions(
  weights: Float32Array,
  mask: number,
  features: readonly (readonly number[])[],
  allowed: readonly number[],
  extra?: readonly (readonly number[])[],
): Float64Array {
  const a = allowed.length;
  grow(features.length * a);
  const em = emScratch;
  em.fill(0, 0, features.length * a);
  for (let i = 0; i < features.length; i++) {
    addUnit(em, i * a, weights, mask, features[i] as readonly number[], allowed);
    if (extra) addUnit(em, i * a, weights, mask, extra[i] as readonly number[], allowed);
  }
  return em;
}

/**
 * Best label path. `em` holds emission scores (n × allowed), `trans` the transition matrix
 * with `width` = label count columns and row `width` for the start of the utterance.
 */
export function viterbi(
  em: Float64Array,
  n: number,
  allowed: readonly number[],
  trans: ArrayLike<number>,
  width: number,
): number[] {
  const a = allowed.length;
  if (n === 0) return [];
  grow(n * a);
  const delta = deltaScratch;
  const back = backScratch;
  for (let j = 0; j < a; j++) {
    const cur = allowed[j] as number;
    delta[j] = isInside(cur)
      ? Number.NEGATIVE_INFINITY
      : (em[j] as number) + (trans[width * width + cur] as number);
  }
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < a; j++) {
      const cur = allowed[j] as number;
      const inside = isInside(cur);
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      // an I label only follows its own B or I: with allowed = [O, B, I, B, I, …] those are
      // the two entries before it
      const pairs = inside && j > 0 && allowed[j - 1] === cur - 1;
      for (let k = pairs ? j - 1 : 0; k < (pairs ? j + 1 : a); k++) {
        const prev = allowed[k] as number;
        if (inside && (prev === 0 || slotOf(prev) !== slotOf(cur))) continue;
        const s = (delta[(i - 1) * a + k] as number) + (trans[prev * width + cur] as number);
        if (s > best) {
          best = s;
          arg = k;
        }
      }
      delta[i * a + j] = best + (em[i * a + j] as number);
      back[i * a + j] = arg;
    }
  }
  let arg = 0;
  const last = (n - 1) * a;
  for (let j = 1; j < a; j++)
    if ((delta[last + j] as number) > (delta[last + arg] as number)) arg = j;
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = allowed[arg] as number;
    arg = back[i * a + arg] as number;
  }
  return path;
}

export interface FrozenTagger {
  emission: Float32Array;
  mask: number;
  transitions: Float32Array;
  labelCount: number;
}

export function trainTagger(
  examples: readonly TaggerExample[],
  labelCount: number,
  featureCount: number,
  epochs: number,
  dropout: number,
  seed: number,
): FrozenTagger {
  const emission = new HashedAveragedWeights(tableBits(featureCount));
  const width = labelCount;
  const tw = new Float64Array((labelCount + 1) * width);
  const twc = new Float64Array((labelCount + 1) * width);
  const start = labelCount;
  const random = rng(seed);
  const order = [...examples];
  const bump = (prev: number, cur: number, delta: number) => {
    tw[prev * width + cur] += delta;
    twc[prev * width + cur] += emission.clock * delta;
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    let errors = 0;
    for (const ex of shuffle(order, random)) {
      const extra = random() < dropout ? undefined : ex.optional;
      const em = emissions(emission.current, emission.mask, ex.features, ex.allowed, extra);
      const predicted = viterbi(em, ex.features.length, ex.allowed, tw, width);
      let wrong = false;
      for (let i = 0; i < predicted.length; i++) {
        const gold = ex.labels[i] as number;
        const pred = predicted[i] as number;
        const goldPrev = i === 0 ? start : (ex.labels[i - 1] as number);
        const predPrev = i === 0 ? start : (predicted[i - 1] as number);
        if (gold !== pred) {
          wrong = true;
          for (const f of ex.features[i] as number[]) {
            emission.update(f, gold, 1);
            emission.update(f, pred, -1);
          }
          for (const f of extra?.[i] ?? []) {
            emission.update(f, gold, 1);
            emission.update(f, pred, -1);
          }
        }
        if (gold !== pred || goldPrev !== predPrev) {
          bump(goldPrev, gold, 1);
          bump(predPrev, pred, -1);
        }
      }
      if (wrong) errors++;
      emission.clock++;
    }
    if (errors === 0) break;
  }
  const transitions = new Float32Array(tw.length);
  for (let s = 0; s < tw.length; s++)
    transitions[s] = (tw[s] as number) - (twc[s] as number) / emission.clock;
  return { emission: emission.freeze(), mask: emission.mask, transitions, labelCount };
}

export function decode(
  tagger: FrozenTagger,
  features: readonly (readonly number[])[],
  allowed: readonly number[],
): number[] {
  const em = emissions(tagger.emission, tagger.mask, features, allowed);
  return viterbi(em, features.length, allowed, tagger.transitions, tagger.labelCount);
}
