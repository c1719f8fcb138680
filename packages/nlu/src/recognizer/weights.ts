// Sparse averaged perceptron weights, shared by the intent classifier and the slot tagger.
// Training keeps, per feature, a small map label → weight (only labels the feature was ever
// updated for); freeze() turns it into compact typed arrays (CSR rows) for fast scoring.

/** Maps hashed features (hashing.ts) to dense ids, in order of first sight. */
export class FeatureIndex {
  readonly ids = new Map<number, number>();
  id(feature: number): number {
    let id = this.ids.get(feature);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(feature, id);
    }
    return id;
  }
  /** Ids of known features; unknown ones are left out (inference never grows the index). */
  known(features: readonly number[], out: number[] = []): number[] {
    for (let k = 0; k < features.length; k++) {
      const id = this.ids.get(features[k] as number);
      if (id !== undefined) out.push(id);
    }
    return out;
  }
}

export class AveragedWeights {
  readonly rows: Map<number, number>[] = [];
  #w = new Float64Array(1024);
  #total = new Float64Array(1024);
  #stamp = new Float64Array(1024);
  #size = 0;
  /** Number of training instances seen (the averaging clock). */
  clock = 1;

  #slot(feature: number, label: number): number {
    let row = this.rows[feature];
    if (!row) this.rows[feature] = row = new Map();
    let slot = row.get(label);
    if (slot === undefined) {
      if (this.#size === this.#w.length) {
        const grow = (a: Float64Array) => {
          const b = new Float64Array(a.length * 2);
          b.set(a);
          return b;
        };
        this.#w = grow(this.#w);
        this.#total = grow(this.#total);
        this.#stamp = grow(this.#stamp);
      }
      slot = this.#size++;
      row.set(label, slot);
      this.#stamp[slot] = this.clock;
    }
    return slot;
  }

  update(feature: number, label: number, delta: number): void {
    const s = this.#slot(feature, label);
    this.#total[s] += (this.clock - (this.#stamp[s] as number)) * (this.#w[s] as number);
    this.#stamp[s] = this.clock;
    this.#w[s] += delta;
  }

  /** Current weight of one (feature, label) pair. */
  get(feature: number, label: number): number {
    const s = this.rows[feature]?.get(label);
    return s === undefined ? 0 : (this.#w[s] as number);
  }

  /** Adds the current weights of `features` to `scores` (indexed by label). */
  score(features: readonly number[], scores: Float64Array): void {
    for (const f of features) {
      const row = this.rows[f];
      if (!row) continue;
      for (const [label, s] of row) scores[label] += this.#w[s] as number;
    }
  }

  /** Averaged weights as CSR rows. */
  freeze(): FrozenWeights {
    let count = 0;
    for (const row of this.rows) count += row ? row.size : 0;
    const rowStart = new Uint32Array(this.rows.length + 1);
    const labels = new Uint32Array(count);
    const weights = new Float32Array(count);
    let k = 0;
    for (let f = 0; f < this.rows.length; f++) {
      rowStart[f] = k;
      for (const [label, s] of this.rows[f] ?? []) {
        const total =
          (this.#total[s] as number) +
          (this.clock - (this.#stamp[s] as number)) * (this.#w[s] as number);
        const avg = total / this.clock;
        if (Math.abs(avg) < 1e-9) continue;
        labels[k] = label;
        weights[k++] = avg;
      }
    }
    rowStart[this.rows.length] = k;
    return new FrozenWeights(rowStart, labels.slice(0, k), weights.slice(0, k));
  }
}

export class FrozenWeights {
  /** One weight (linear scan of a short row). */
  get(feature: number, label: number): number {
    if (feature < 0 || feature + 1 >= this.rowStart.length) return 0;
    const end = this.rowStart[feature + 1] as number;
    for (let k = this.rowStart[feature] as number; k < end; k++)
      if (this.labels[k] === label) return this.weights[k] as number;
    return 0;
  }

  constructor(
    readonly rowStart: Uint32Array,
    readonly labels: Uint32Array,
    readonly weights: Float32Array,
  ) {}

  score(features: readonly number[], scores: Float64Array): void {
    for (const f of features) {
      if (f < 0 || f + 1 >= this.rowStart.length) continue;
      const end = this.rowStart[f + 1] as number;
      for (let k = this.rowStart[f] as number; k < end; k++)
        scores[this.labels[k] as number] += this.weights[k] as number;
    }
  }
}

/** Small deterministic PRNG (mulberry32), so compiling the same model gives the same result. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Start of a feature's row in a hashed weight table (feature hashing). A (feature, label) pair
 * lives at `(rowBase(feature) + label) & mask`: the labels of one feature are neighbours, so
 * scoring every label of a feature touches a cache line or two instead of one line per label.
 */
export function rowBase(feature: number): number {
  return Math.imul(feature + 1, 0x9e3779b1) >>> 0;
}

/** Slot of a (feature, label) pair in a hashed weight table. */
export function hashSlot(feature: number, label: number, mask: number): number {
  return (rowBase(feature) + label) & mask;
}

/** Table size (bits) for a number of distinct features: about 8 slots per feature. */
export function tableBits(features: number): number {
  return Math.min(22, Math.max(14, Math.ceil(Math.log2(Math.max(1, features) * 8))));
}

/**
 * Averaged perceptron weights in a hashed table: constant-time access to any
 * (feature, label) pair, which the tagger needs for every allowed label of every unit.
 * Averaging uses the "sum of clock × update" trick: avg = w − Σ(t·Δ)/T.
 */
export class HashedAveragedWeights {
  readonly mask: number;
  /** Perceptron updates are whole numbers, exact in 32 bits; half the memory to read. */
  readonly #w: Float32Array;
  readonly #wc: Float64Array;
  clock = 1;

  constructor(bits: number) {
    this.mask = (1 << bits) - 1;
    this.#w = new Float32Array(1 << bits);
    this.#wc = new Float64Array(1 << bits);
  }

  /** The current (not averaged) weights, indexed by hashSlot. */
  get current(): Float32Array {
    return this.#w;
  }

  update(feature: number, label: number, delta: number): void {
    const s = hashSlot(feature, label, this.mask);
    this.#w[s] += delta;
    this.#wc[s] += this.clock * delta;
  }

  freeze(): Float32Array {
    const out = new Float32Array(this.#w.length);
    for (let s = 0; s < out.length; s++)
      out[s] = (this.#w[s] as number) - (this.#wc[s] as number) / this.clock;
    return out;
  }
}
