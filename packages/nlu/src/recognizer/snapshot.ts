// A compiled recognizer as plain data: typed arrays, Maps, Sets and arrays only, so it crosses
// a worker thread's message port (structured clone) and its weights move without a copy
// (transfer). Compiling takes seconds of CPU; a server compiles in a worker and rebuilds the
// recognizer from the snapshot on its main thread in a few milliseconds.
import { Gazetteer, type GazetteerState } from "./gazetteer.js";
import { DenseLinear, type IntentScorer } from "./logistic.js";
import type { ModelInfo } from "./prepare.js";
import { Recognizer as CompiledRecognizer, type Trained } from "./recognize.js";
import { TemplateIndex, type TemplateIndexState } from "./templates.js";
import type { Recognizer } from "./types.js";
import { FeatureIndex, FrozenWeights } from "./weights.js";

type ScorerSnapshot =
  | { kind: "dense"; weights: Float32Array; classes: number }
  | { kind: "sparse"; rowStart: Uint32Array; labels: Uint32Array; weights: Float32Array };

export interface RecognizerSnapshot {
  format: 1;
  trained: Omit<Trained, "info" | "classFeatures" | "tagFeatures" | "classifier" | "templates"> & {
    info: Omit<ModelInfo, "gazetteer" | "examples"> & { gazetteer: GazetteerState };
    /** Hashed features in id order (a feature's id is its index). */
    classFeatures: Float64Array;
    tagFeatures: Float64Array;
    classifier: ScorerSnapshot;
    templates: TemplateIndexState;
  };
}

const featuresOf = (index: FeatureIndex): Float64Array => Float64Array.from(index.ids.keys());

function featureIndex(features: Float64Array): FeatureIndex {
  const index = new FeatureIndex();
  for (const feature of features) index.id(feature);
  return index;
}

function scorerOf(scorer: IntentScorer): ScorerSnapshot {
  if (scorer instanceof DenseLinear)
    return { kind: "dense", weights: scorer.weights, classes: scorer.classes };
  if (scorer instanceof FrozenWeights)
    return {
      kind: "sparse",
      rowStart: scorer.rowStart,
      labels: scorer.labels,
      weights: scorer.weights,
    };
  throw new TypeError("unknown intent scorer");
}

const scorer = (s: ScorerSnapshot): IntentScorer =>
  s.kind === "dense"
    ? new DenseLinear(s.weights, s.classes)
    : new FrozenWeights(s.rowStart, s.labels, s.weights);

/** The recognizer as plain data. Shares its arrays with the recognizer (no copies). */
export function recognizerSnapshot(recognizer: Recognizer): RecognizerSnapshot {
  if (!(recognizer instanceof CompiledRecognizer))
    throw new TypeError("recognizerSnapshot: not a recognizer made by compileModel");
  const m = recognizer.trained();
  // The training examples are not needed to recognize: they stay behind.
  const { gazetteer, examples: _examples, ...info } = m.info;
  return {
    format: 1,
    trained: {
      ...m,
      info: { ...info, gazetteer: gazetteer.state() },
      classFeatures: featuresOf(m.classFeatures),
      tagFeatures: featuresOf(m.tagFeatures),
      classifier: scorerOf(m.classifier),
      templates: m.templates.state(),
    },
  };
}

/** The buffers a snapshot can hand over instead of copying (postMessage's transfer list). */
export function snapshotTransferables(snapshot: RecognizerSnapshot): ArrayBuffer[] {
  const t = snapshot.trained;
  const arrays: ArrayBufferView[] = [
    t.classFeatures,
    t.tagFeatures,
    t.tagger.rowStart,
    t.tagger.rowLabels,
    t.tagger.rowWeights,
    t.tagger.transitions,
    ...(t.classifier.kind === "dense"
      ? [t.classifier.weights]
      : [t.classifier.rowStart, t.classifier.labels, t.classifier.weights]),
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays)
    if (array.buffer instanceof ArrayBuffer && array.byteLength === array.buffer.byteLength)
      buffers.add(array.buffer);
  return [...buffers];
}

/** Rebuilds a recognizer from its snapshot (the snapshot's data is used, not copied). */
export function recognizerFromSnapshot(snapshot: RecognizerSnapshot): Recognizer {
  if (snapshot?.format !== 1) throw new TypeError("recognizerFromSnapshot: unknown format");
  const t = snapshot.trained;
  const trained: Trained = {
    ...t,
    info: { ...t.info, gazetteer: Gazetteer.fromState(t.info.gazetteer), examples: [] },
    classFeatures: featureIndex(t.classFeatures),
    tagFeatures: featureIndex(t.tagFeatures),
    classifier: scorer(t.classifier),
    templates: TemplateIndex.fromState(t.templates),
  };
  return Object.freeze(new CompiledRecognizer(trained));
}
