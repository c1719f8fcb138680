// Multinomial logistic regression (softmax) trained by averaged SGD, with (feature, class)
// weights in a dense feature × class matrix (one row per feature id, so scoring a feature reads
// one cache line). Used as the intent classifier when a model has few enough intents for dense
// per-class scoring; larger models use the sparse perceptron (classifier.ts).
import type { ClassifierExample } from "./classifier.js";
import { rng, shuffle } from "./weights.js";

/** Scores every class for a set of feature ids. */
export interface IntentScorer {
  score(features: readonly number[], scores: Float64Array): void;
  get(feature: number, label: number): number;
}

/** Above this many intents the perceptron is used (its sparse rows scale with intents). */
export const LOGISTIC_MAX_CLASSES = 64;

export class DenseLinear implements IntentScorer {
  constructor(
    /** featureCount × classes, row-major. */
    readonly weights: Float32Array,
    readonly classes: number,
  ) {}

  score(features: readonly number[], scores: Float64Array): void {
    const { weights, classes } = this;
    for (let k = 0; k < features.length; k++) {
      const base = (features[k] as number) * classes;
      for (let c = 0; c < classes; c++) scores[c] += weights[base + c] as number;
    }
  }

  get(feature: number, label: number): number {
    return (this.weights[feature * this.classes + label] as number | undefined) ?? 0;
  }

  /** The mean of several models over the same features (a bagged ensemble). */
  static mean(models: readonly DenseLinear[]): DenseLinear {
    const first = models[0] as DenseLinear;
    const out = new Float32Array(first.weights.length);
    for (const m of models) for (let s = 0; s < out.length; s++) out[s] += m.weights[s] as number;
    for (let s = 0; s < out.length; s++) out[s] = (out[s] as number) / models.length;
    return new DenseLinear(out, first.classes);
  }
}

export function trainLogistic(
  examples: readonly ClassifierExample[],
  classes: number,
  featureCount: number,
  epochs: number,
  seed: number,
): DenseLinear {
  const w = new Float64Array(featureCount * classes);
  const wc = new Float64Array(featureCount * classes); // Σ t·Δ for averaging
  const random = rng(seed);
  const order = [...examples];
  const scores = new Float64Array(classes);
  const deltas = new Float64Array(classes);
  const active = new Int32Array(classes);
  // balanced class weights (square-rooted): an intent with 5 examples is not drowned by one
  // with 200 built-in phrases
  const counts = new Float64Array(classes);
  for (const ex of examples) counts[ex.label] += 1;
  const weightOf = Array.from(counts, (n) =>
    n === 0 ? 0 : Math.sqrt(examples.length / (classes * n)),
  );
  let t = 1;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rate = 0.2 / (1 + epoch * 0.5);
    for (const ex of shuffle(order, random)) {
      const features = ex.features;
      scores.fill(0);
      for (let k = 0; k < features.length; k++) {
        const base = (features[k] as number) * classes;
        for (let c = 0; c < classes; c++) scores[c] += w[base + c] as number;
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c++) max = Math.max(max, scores[c] as number);
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        const e = Math.exp((scores[c] as number) - max);
        scores[c] = e;
        sum += e;
      }
      const scale = -rate * (weightOf[ex.label] as number);
      // only classes with a gradient worth applying (most, once an example is learned, have none)
      let touched = 0;
      for (let c = 0; c < classes; c++) {
        const g = (scores[c] as number) / sum - (c === ex.label ? 1 : 0);
        if (Math.abs(g) < 1e-4) continue;
        active[touched] = c;
        deltas[touched++] = scale * g;
      }
      for (let k = 0; touched > 0 && k < features.length; k++) {
        const base = (features[k] as number) * classes;
        for (let q = 0; q < touched; q++) {
          const delta = deltas[q] as number;
          const s = base + (active[q] as number);
          w[s] += delta;
          wc[s] += t * delta;
        }
      }
      t++;
    }
  }
  const averaged = new Float32Array(w.length);
  for (let s = 0; s < w.length; s++) averaged[s] = (w[s] as number) - (wc[s] as number) / t;
  return new DenseLinear(averaged, classes);
}
