import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { viterbi } from "../../src/recognizer/tagger.js";
import { rng } from "../../src/recognizer/weights.js";

const isInside = (label: number) => label > 0 && label % 2 === 0;

/** The plain search: every previous label for every label (the definition of the best path). */
function exhaustive(
  em: Float64Array,
  n: number,
  allowed: readonly number[],
  trans: ArrayLike<number>,
  width: number,
): { path: number[]; score: number } {
  const a = allowed.length;
  const delta = new Float64Array(n * a);
  const back = new Int32Array(n * a);
  for (let j = 0; j < a; j++) {
    const cur = allowed[j] as number;
    delta[j] = isInside(cur)
      ? Number.NEGATIVE_INFINITY
      : (em[j] as number) + (trans[width * width + cur] as number);
  }
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < a; j++) {
      const cur = allowed[j] as number;
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let k = 0; k < a; k++) {
        const prev = allowed[k] as number;
        if (isInside(cur) && (prev === 0 || (prev - 1) >> 1 !== (cur - 1) >> 1)) continue;
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
  for (let j = 1; j < a; j++)
    if ((delta[(n - 1) * a + j] as number) > (delta[(n - 1) * a + arg] as number)) arg = j;
  const score = delta[(n - 1) * a + arg] as number;
  const path = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    path[i] = allowed[arg] as number;
    arg = back[i * a + arg] as number;
  }
  return { path, score };
}

/** Score of a label path under the same model. */
function pathScore(
  path: readonly number[],
  em: Float64Array,
  allowed: readonly number[],
  trans: ArrayLike<number>,
  width: number,
): number {
  let prev = width;
  let score = 0;
  path.forEach((label, i) => {
    score +=
      (trans[prev * width + label] as number) +
      (em[i * allowed.length + allowed.indexOf(label)] as number);
    prev = label;
  });
  return score;
}

describe("slot tagger decoding (best-first search over previous labels)", () => {
  it("finds the path of the exhaustive search, with 1 to 120 slots", () => {
    const random = rng(42);
    for (let trial = 0; trial < 300; trial++) {
      const slots = 1 + Math.floor(random() * (trial < 200 ? 12 : 120));
      const width = 1 + 2 * slots + Math.floor(random() * 6); // labels of other intents too
      const allowed = [
        0,
        ...Array.from({ length: slots }, (_, k) => [1 + 2 * k, 2 + 2 * k]).flat(),
      ];
      const n = 1 + Math.floor(random() * 20);
      // whole-number weights (as perceptron updates give) make ties common, and sparse ones
      // leave most transitions at zero, as training does
      const whole = trial % 2 === 0;
      const value = (scale: number, density: number) =>
        random() < density
          ? whole
            ? Math.round((random() - 0.5) * scale)
            : (random() - 0.5) * scale
          : 0;
      const trans = Float32Array.from({ length: (width + 1) * width }, () => value(6, 0.3));
      const em = new Float64Array(n * allowed.length);
      for (let s = 0; s < em.length; s++) em[s] = value(10, 0.6);
      const fast = viterbi(em, n, allowed, trans, width);
      const reference = exhaustive(em, n, allowed, trans, width);
      assert.equal(pathScore(fast, em, allowed, trans, width), reference.score, `trial ${trial}`);
      assert.deepEqual(fast, reference.path, `trial ${trial}`);
    }
  });

  it("keeps I labels after their own B or I only", () => {
    // I of slot 0 scores best everywhere, but may not start the utterance or follow O
    const allowed = [0, 1, 2];
    const width = 3;
    const trans = new Float32Array((width + 1) * width);
    const em = Float64Array.from([0, 1, 5, 0, 0, 5, 2, 0, 5]);
    assert.deepEqual(viterbi(em, 3, allowed, trans, width), [1, 2, 2]);
  });
});
