// Intent classifier: multiclass averaged perceptron over sparse features, with a softmax whose
// temperature is fitted on held-out examples so that scores become calibrated probabilities.
import { AveragedWeights, type FrozenWeights, rng, shuffle } from "./weights.js";

export interface ClassifierExample {
  features: number[];
  label: number;
}

function argmax(scores: Float64Array): number {
  let best = 0;
  for (let k = 1; k < scores.length; k++)
    if ((scores[k] as number) > (scores[best] as number)) best = k;
  return best;
}

export function trainClassifier(
  examples: readonly ClassifierExample[],
  classes: number,
  epochs: number,
  seed: number,
): FrozenWeights {
  const weights = new AveragedWeights();
  const random = rng(seed);
  const order = [...examples];
  const scores = new Float64Array(classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    let errors = 0;
    for (const ex of shuffle(order, random)) {
      scores.fill(0);
      weights.score(ex.features, scores);
      // ties count as errors, so the first epoch learns something from every example
      scores[ex.label] -= 1e-6;
      const predicted = argmax(scores);
      if (predicted !== ex.label) {
        errors++;
        for (const f of ex.features) {
          weights.update(f, ex.label, 1);
          weights.update(f, predicted, -1);
        }
      }
      weights.clock++;
    }
    if (errors === 0) break;
  }
  return weights.freeze();
}

export function softmax(scores: Float64Array, temperature: number): Float64Array {
  let max = Number.NEGATIVE_INFINITY;
  for (const s of scores) max = Math.max(max, s);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp(((scores[k] as number) - max) / temperature);
    out[k] = e;
    sum += e;
  }
  for (let k = 0; k < out.length; k++) out[k] = (out[k] as number) / sum;
  return out;
}

/** Temperature minimizing the negative log-likelihood of held-out examples (grid search). */
export function fitTemperature(
  weights: { score(features: readonly number[], scores: Float64Array): void },
  heldOut: readonly ClassifierExample[],
  classes: number,
): number {
  const all = heldOut.map((ex) => {
    const scores = new Float64Array(classes);
    weights.score(ex.features, scores);
    return { scores, label: ex.label };
  });
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let t = 0.05; t < 20; t *= 1.15) {
    let loss = 0;
    for (const { scores, label } of all)
      loss -= Math.log(Math.max(softmax(scores, t)[label] as number, 1e-12));
    if (loss < bestLoss) {
      bestLoss = loss;
      best = t;
    }
  }
  return best;
}
