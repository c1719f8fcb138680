// Slot tagger: first-order structured perceptron over BIO labels (label 0 = O, slot k has
// B = 1 + 2k and I = 2 + 2k), decoded with Viterbi restricted to the labels of one intent's
// slots; an I label may only follow B or I of the same slot. Emission weights live in a
// hashed table while training and in sparse rows once frozen; transitions in a dense
// (labels + 1) × labels matrix (row `labels` = start).
import { HashedAveragedWeights, hashSlot, rng, rowBase, shuffle, tableBits } from "./weights.js";

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
 * Per allowed label set: the largest transition weight into each of its labels from any label
 * (an upper bound for the search below), cached by the identity of the `allowed` array.
 */
const bounds = new WeakMap<readonly number[], { trans: ArrayLike<number>; max: Float64Array }>();

function transitionBound(
  allowed: readonly number[],
  trans: ArrayLike<number>,
  width: number,
): Float64Array {
  const cached = bounds.get(allowed);
  if (cached && cached.trans === trans) return cached.max;
  const max = new Float64Array(allowed.length).fill(Number.NEGATIVE_INFINITY);
  for (let j = 0; j < allowed.length; j++) {
    const cur = allowed[j] as number;
    for (const prev of allowed)
      max[j] = Math.max(max[j] as number, trans[prev * width + cur] as number);
  }
  // training changes the matrix in place: only a frozen one is worth caching
  if (!(trans instanceof Float64Array)) bounds.set(allowed, { trans, max });
  return max;
}

/**
 * Best label path. `em` holds emission scores (n × allowed), `trans` the transition matrix
 * with `width` = label count columns and row `width` for the start of the utterance.
 *
 * O and B labels may follow any label. Instead of trying every previous label (a² per unit,
 * which dominates with many slots), the previous labels are visited best score first and the
 * search stops once even the largest transition into the label cannot beat the best found:
 * the same path as the full search (ties go to the lower label index, as there), in about
 * a + (labels visited)·log a per unit instead of a².
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
  const order = bestFirst;
  const bound = transitionBound(allowed, trans, width);
  for (let j = 0; j < a; j++) {
    const cur = allowed[j] as number;
    delta[j] = isInside(cur)
      ? Number.NEGATIVE_INFINITY
      : (em[j] as number) + (trans[width * width + cur] as number);
  }
  for (let i = 1; i < n; i++) {
    const prevRow = (i - 1) * a;
    order.reset(delta, prevRow, a);
    for (let j = 0; j < a; j++) {
      const cur = allowed[j] as number;
      const inside = isInside(cur);
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      if (!inside) {
        const top = bound[j] as number;
        for (let q = 0; q < a; q++) {
          const k = order.get(q);
          const d = delta[prevRow + k] as number;
          if (d + top < best || d === Number.NEGATIVE_INFINITY) break;
          const s = d + (trans[(allowed[k] as number) * width + cur] as number);
          if (s > best || (s === best && k < arg)) {
            best = s;
            arg = k;
          }
        }
      } else {
        // an I label only follows its own B or I: with allowed = [O, B, I, B, I, …] those are
        // the two entries before it
        const pairs = j > 0 && allowed[j - 1] === cur - 1;
        for (let k = pairs ? j - 1 : 0; k < (pairs ? j + 1 : a); k++) {
          const prev = allowed[k] as number;
          if (prev === 0 || slotOf(prev) !== slotOf(cur)) continue;
          const s = (delta[prevRow + k] as number) + (trans[prev * width + cur] as number);
          if (s > best) {
            best = s;
            arg = k;
          }
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

/**
 * The labels of one unit best score first, produced lazily: a binary max-heap over the
 * scores, popped only as far as some label's search goes (most stop after a few).
 */
class BestFirst {
  heap = new Int32Array(256);
  order = new Int32Array(256);
  size = 0;
  ready = 0;
  score: Float64Array = new Float64Array(0);
  at = 0;

  reset(score: Float64Array, at: number, a: number): void {
    if (this.heap.length < a) {
      this.heap = new Int32Array(2 ** Math.ceil(Math.log2(a)));
      this.order = new Int32Array(this.heap.length);
    }
    this.score = score;
    this.at = at;
    this.size = a;
    this.ready = 0;
    for (let k = 0; k < a; k++) this.heap[k] = k;
    for (let k = (a >> 1) - 1; k >= 0; k--) this.#down(k);
  }

  /** The q-th best label (q < a). */
  get(q: number): number {
    while (this.ready <= q) {
      const top = this.heap[0] as number;
      this.size--;
      this.heap[0] = this.heap[this.size] as number;
      this.#down(0);
      this.order[this.ready++] = top;
    }
    return this.order[q] as number;
  }

  #down(k: number): void {
    const { heap, score, at, size } = this;
    const item = heap[k] as number;
    const v = score[at + item] as number;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= size) break;
      if (
        child + 1 < size &&
        (score[at + (heap[child + 1] as number)] as number) >
          (score[at + (heap[child] as number)] as number)
      )
        child++;
      if ((score[at + (heap[child] as number)] as number) <= v) break;
      heap[k] = heap[child] as number;
      k = child;
    }
    heap[k] = item;
  }
}

const bestFirst = new BestFirst();

export interface FrozenTagger {
  /**
   * Emission weights as sparse rows (CSR): feature id f has the (label, weight) pairs
   * rowStart[f]..rowStart[f + 1] — only the labels training updated it for, so scoring a unit
   * reads a few entries per feature instead of one per label of the intent.
   */
  rowStart: Uint32Array;
  rowLabels: Uint32Array;
  rowWeights: Float32Array;
  transitions: Float32Array;
  labelCount: number;
}

/** Sparse rows of the (feature, label) pairs training touched, with their averaged weights. */
function sparseRows(
  weights: Float32Array,
  mask: number,
  touched: ReadonlySet<number>,
  featureCount: number,
  width: number,
): Pick<FrozenTagger, "rowStart" | "rowLabels" | "rowWeights"> {
  const pairs = Float64Array.from(touched).sort();
  const rowStart = new Uint32Array(featureCount + 1);
  const rowLabels = new Uint32Array(pairs.length);
  const rowWeights = new Float32Array(pairs.length);
  let k = 0;
  let f = 0;
  for (const pair of pairs) {
    const feature = Math.floor(pair / width);
    const label = pair - feature * width;
    const w = weights[hashSlot(feature, label, mask)] as number;
    if (Math.abs(w) < 1e-9) continue;
    while (f <= feature) rowStart[f++] = k;
    rowLabels[k] = label;
    rowWeights[k++] = w;
  }
  while (f <= featureCount) rowStart[f++] = k;
  return { rowStart, rowLabels: rowLabels.slice(0, k), rowWeights: rowWeights.slice(0, k) };
}

/** Per allowed label set: label → its position in the set, or -1 (cached by identity). */
const positions = new WeakMap<readonly number[], Int32Array>();

function positionsOf(allowed: readonly number[], width: number): Int32Array {
  let pos = positions.get(allowed);
  if (!pos) {
    pos = new Int32Array(width).fill(-1);
    allowed.forEach((label, j) => {
      (pos as Int32Array)[label] = j;
    });
    positions.set(allowed, pos);
  }
  return pos;
}

/** Emission scores (n × allowed) from the sparse rows, in a scratch buffer. */
function sparseEmissions(
  tagger: FrozenTagger,
  features: readonly (readonly number[])[],
  allowed: readonly number[],
): Float64Array {
  const a = allowed.length;
  const { rowStart, rowLabels, rowWeights } = tagger;
  const pos = positionsOf(allowed, tagger.labelCount);
  grow(features.length * a);
  const em = emScratch;
  em.fill(0, 0, features.length * a);
  for (let i = 0; i < features.length; i++) {
    const unit = features[i] as readonly number[];
    const at = i * a;
    for (let q = 0; q < unit.length; q++) {
      const f = unit[q] as number;
      if (f + 1 >= rowStart.length) continue;
      const end = rowStart[f + 1] as number;
      for (let k = rowStart[f] as number; k < end; k++) {
        const j = pos[rowLabels[k] as number] as number;
        if (j >= 0) em[at + j] += rowWeights[k] as number;
      }
    }
  }
  return em;
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
  // every (feature, label) pair an update touched: the frozen model keeps only those
  const touched = new Set<number>();
  const update = (f: number, label: number, delta: number) => {
    emission.update(f, label, delta);
    touched.add(f * width + label);
  };
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
            update(f, gold, 1);
            update(f, pred, -1);
          }
          for (const f of extra?.[i] ?? []) {
            update(f, gold, 1);
            update(f, pred, -1);
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
  const rows = sparseRows(emission.freeze(), emission.mask, touched, featureCount, width);
  return { ...rows, transitions, labelCount };
}

export function decode(
  tagger: FrozenTagger,
  features: readonly (readonly number[])[],
  allowed: readonly number[],
): number[] {
  const em = sparseEmissions(tagger, features, allowed);
  return viterbi(em, features.length, allowed, tagger.transitions, tagger.labelCount);
}
