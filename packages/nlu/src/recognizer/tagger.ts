// Slot tagger: first-order structured perceptron over BIO labels (label 0 = O, slot k has
// B = 1 + 2k and I = 2 + 2k), decoded with Viterbi restricted to the labels of one intent's
// slots; an I label may only follow B or I of the same slot.
import { AveragedWeights, type FrozenWeights, rng, shuffle } from "./weights.js";

export interface TaggerExample {
  /** Feature ids per unit; `optional` ids may be dropped during training (dictionary dropout). */
  features: number[][];
  optional: number[][];
  labels: number[];
  allowed: number[];
}

interface Scorer {
  emission(features: readonly number[], scores: Float64Array): void;
  transition(prev: number, cur: number): number;
}

const slotOf = (label: number) => (label - 1) >> 1;
const isInside = (label: number) => label > 0 && label % 2 === 0;

export function viterbi(
  scorer: Scorer,
  features: readonly (readonly number[])[],
  allowed: readonly number[],
  labelCount: number,
): number[] {
  const n = features.length;
  const a = allowed.length;
  if (n === 0) return [];
  const start = labelCount; // the transition row used before the first unit
  const delta = new Float64Array(n * a);
  const back = new Int32Array(n * a);
  const scores = new Float64Array(labelCount);
  for (let i = 0; i < n; i++) {
    scores.fill(0);
    scorer.emission(features[i] as readonly number[], scores);
    for (let j = 0; j < a; j++) {
      const cur = allowed[j] as number;
      const em = scores[cur] as number;
      if (i === 0) {
        delta[j] = isInside(cur) ? Number.NEGATIVE_INFINITY : em + scorer.transition(start, cur);
        continue;
      }
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let k = 0; k < a; k++) {
        const prev = allowed[k] as number;
        if (isInside(cur) && (prev === 0 || slotOf(prev) !== slotOf(cur))) continue;
        const s = (delta[(i - 1) * a + k] as number) + scorer.transition(prev, cur);
        if (s > best) {
          best = s;
          arg = k;
        }
      }
      delta[i * a + j] = best + em;
      back[i * a + j] = arg;
    }
  }
  let arg = 0;
  for (let j = 1; j < a; j++)
    if ((delta[(n - 1) * a + j] as number) > (delta[(n - 1) * a + arg] as number)) arg = j;
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = allowed[arg] as number;
    arg = back[i * a + arg] as number;
  }
  return path;
}

export interface FrozenTagger {
  emission: FrozenWeights;
  transitions: Map<number, number>;
  labelCount: number;
}

export function trainTagger(
  examples: readonly TaggerExample[],
  labelCount: number,
  epochs: number,
  dropout: number,
  seed: number,
): FrozenTagger {
  const emission = new AveragedWeights();
  const transition = new AveragedWeights();
  const start = labelCount;
  const random = rng(seed);
  const order = [...examples];
  const scorer: Scorer = {
    emission: (f, scores) => emission.score(f, scores),
    transition: (prev, cur) => transition.get(prev, cur),
  };
  for (let epoch = 0; epoch < epochs; epoch++) {
    let errors = 0;
    for (const ex of shuffle(order, random)) {
      const drop = random() < dropout;
      const features = drop
        ? ex.features
        : ex.features.map((f, i) => f.concat(ex.optional[i] ?? []));
      const predicted = viterbi(scorer, features, ex.allowed, labelCount);
      let wrong = false;
      for (let i = 0; i < predicted.length; i++) {
        const gold = ex.labels[i] as number;
        const pred = predicted[i] as number;
        const goldPrev = i === 0 ? start : (ex.labels[i - 1] as number);
        const predPrev = i === 0 ? start : (predicted[i - 1] as number);
        if (gold !== pred) {
          wrong = true;
          for (const f of features[i] as number[]) {
            emission.update(f, gold, 1);
            emission.update(f, pred, -1);
          }
        }
        if (gold !== pred || goldPrev !== predPrev) {
          transition.update(goldPrev, gold, 1);
          transition.update(predPrev, pred, -1);
        }
      }
      if (wrong) errors++;
      emission.clock++;
      transition.clock++;
    }
    if (errors === 0) break;
  }
  const frozenTransition = transition.freeze();
  const transitions = new Map<number, number>();
  for (let prev = 0; prev <= labelCount; prev++) {
    const end = frozenTransition.rowStart[prev + 1];
    if (end === undefined) break;
    for (let k = frozenTransition.rowStart[prev] as number; k < end; k++)
      transitions.set(
        prev * (labelCount + 1) + (frozenTransition.labels[k] as number),
        frozenTransition.weights[k] as number,
      );
  }
  return { emission: emission.freeze(), transitions, labelCount };
}

export function decode(
  tagger: FrozenTagger,
  features: readonly (readonly number[])[],
  allowed: readonly number[],
): number[] {
  const width = tagger.labelCount + 1;
  return viterbi(
    {
      emission: (f, scores) => tagger.emission.score(f, scores),
      transition: (prev, cur) => tagger.transitions.get(prev * width + cur) ?? 0,
    },
    features,
    allowed,
    tagger.labelCount,
  );
}
