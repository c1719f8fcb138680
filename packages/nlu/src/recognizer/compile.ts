// compileModel: validates the model, trains both layers and returns an immutable recognizer.
import type { InteractionModel } from "@clover/protocol";
import { validateModel } from "../model/index.js";
import { findBuiltinSpans } from "./builtins.js";
import { type ClassifierExample, fitTemperature, trainClassifier } from "./classifier.js";
import {
  intentFeatures,
  slotContextKeys,
  slotViewFeatures,
  unitHashes,
  vocabularyKeys,
} from "./features.js";
import { longestCover, type SpanMatch } from "./gazetteer.js";
import { DenseLinear, type IntentScorer, LOGISTIC_MAX_CLASSES, trainLogistic } from "./logistic.js";
import { prepare } from "./prepare.js";
import { Recognizer as CompiledRecognizer, type Trained, type Vocabulary } from "./recognize.js";
import { spanFeatures, unitFeatures } from "./tag-features.js";
import { type TaggerExample, trainTagger } from "./tagger.js";
import { TemplateIndex, type TemplatePart } from "./templates.js";
import type { CompileOptions, Recognizer } from "./types.js";
import { toUnits, unitRange } from "./units.js";
import { FeatureIndex, rng, shuffle } from "./weights.js";

const DEFAULT_THRESHOLD = 0.5;
const TAGGER_EPOCHS = 4;
const LOGISTIC_EPOCHS = 4;
/** Logistic models (different shuffles) averaged into the intent classifier: less variance. */
const BAGGED_MODELS = 3;

export function compileModel(model: InteractionModel, options?: CompileOptions): Recognizer {
  const issues = options?.validate === false ? [] : validateModel(model);
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length > 0) {
    const list = errors.map((e) => `${e.path ? `${e.path}: ` : ""}${e.message}`).join("; ");
    throw new Error(`invalid interaction model: ${list}`);
  }
  const language = model.language;
  const info = prepare(model);
  const classFeatures = new FeatureIndex();
  const tagFeatures = new FeatureIndex();
  const templates = new TemplateIndex();
  const seenIn = new Map<string, number>();
  const labelOf = new Map(info.slotNames.map((name, k) => [name, k]));
  const labelCount = 1 + 2 * info.slotNames.length;
  const allowedOf = info.slotTypes.map((types) => [
    0,
    ...[...types.keys()].flatMap((name) => {
      const k = labelOf.get(name) as number;
      return [1 + 2 * k, 2 + 2 * k];
    }),
  ]);
  const classExamples: ClassifierExample[] = [];
  const tagExamples: TaggerExample[] = [];
  const context = { language };

  for (const ex of info.examples) {
    const units = toUnits(ex.text, language);
    if (units.length === 0) continue;
    const spans: SpanMatch[] = [
      ...info.gazetteer.findAll(units),
      ...findBuiltinSpans(info.builtinTypes, ex.text, units, context),
    ];
    for (const v of new Set(vocabularyKeys(units, language)))
      seenIn.set(v, (seenIn.get(v) ?? 0) + 1);

    const types = info.slotTypes[ex.intent] as Map<string, string>;
    const labels = new Array<number>(units.length).fill(0);
    const ranges: { slot: string; type: string; range: [number, number] }[] = [];
    for (const s of ex.slots) {
      const range = unitRange(units, s.start, s.end);
      const type = types.get(s.name);
      const k = labelOf.get(s.name);
      if (!range || type === undefined || k === undefined) continue;
      ranges.push({ slot: s.name, type, range });
      for (const key of slotContextKeys(units, s.name, range[0], range[1]))
        seenIn.set(key, (seenIn.get(key) ?? 0) + 1);
      for (let i = range[0]; i < range[1]; i++) labels[i] = i === range[0] ? 1 + 2 * k : 2 + 2 * k;
    }
    if (!ex.synthetic) templates.add(templateParts(units, ranges), ex.intent);
    const words = unitHashes(units);
    const features = intentFeatures(units, words, longestCover(spans), language);
    const view = slotViewFeatures(
      words,
      ranges.map((r) => ({ slot: r.slot, start: r.range[0], end: r.range[1] })),
    );
    classExamples.push({
      features: [...features, ...view].map((f) => classFeatures.id(f)),
      label: ex.intent,
    });
    if (types.size === 0) continue;
    const base = unitFeatures(units, words, language);
    const optional = spanFeatures(units.length, spans);
    tagExamples.push({
      features: base.map((f) => f.map((x) => tagFeatures.id(x))),
      optional: optional.map((f) => f.map((x) => tagFeatures.id(x))),
      labels,
      allowed: allowedOf[ex.intent] as number[],
    });
  }

  const classes = info.intents.length;
  const epochs = classExamples.length > 20000 ? 6 : 10;
  // small models get more passes (same number of updates, roughly), large ones at least 6
  const logisticEpochs = Math.round(
    Math.min(40, Math.max(LOGISTIC_EPOCHS, 60000 / Math.max(1, classExamples.length))),
  );
  if (classes > LOGISTIC_MAX_CLASSES) pruneCommonFeatures(classExamples, classes);
  const train = (examples: ClassifierExample[], seed: number, bagged: number): IntentScorer => {
    if (classes > LOGISTIC_MAX_CLASSES) return trainClassifier(examples, classes, epochs, seed);
    const models = Array.from({ length: bagged }, (_, k) =>
      trainLogistic(examples, classes, classFeatures.ids.size, logisticEpochs, seed + 100 * k),
    );
    return models.length === 1 ? (models[0] as DenseLinear) : DenseLinear.mean(models);
  };
  const calibrate = (examples: ClassifierExample[]) => {
    if (examples.length < 100) return 1;
    // hold out a tenth to fit the softmax temperature (confidence calibration)
    const shuffled = shuffle([...examples], rng(11));
    const cut = Math.max(1, Math.floor(shuffled.length / 10));
    const probe = train(shuffled.slice(cut), 3, 1);
    return fitTemperature(probe, shuffled.slice(0, cut), classes);
  };
  const temperature = calibrate(classExamples);
  const classifier = train(classExamples, 5, BAGGED_MODELS);
  const tagger = trainTagger(tagExamples, labelCount, tagFeatures.ids.size, TAGGER_EPOCHS, 0.4, 9);

  const trained: Trained = {
    language,
    info,
    classFeatures,
    tagFeatures,
    classifier,
    temperature,
    tagger,
    templates,
    vocabulary: vocabularyWeights(seenIn, classExamples.length),
    allowedOf,
    threshold: options?.threshold ?? DEFAULT_THRESHOLD,
  };
  return Object.freeze(new CompiledRecognizer(trained));
}

/**
 * How much each known key says (the out-of-domain check of recognize.ts): a key in few examples
 * says more than one in most ("the", "what's", 「は」), so an utterance whose informative words
 * are new ("what's the news" to a model of dates) is not taken for a known one because its
 * filler words are. A smoothed inverse document frequency; a key never seen weighs `unknown`.
 */
function vocabularyWeights(seenIn: Map<string, number>, examples: number): Vocabulary {
  const weight = (count: number) => 1 + Math.log((examples + 1) / (count + 1));
  const weights = new Map<string, number>();
  for (const [key, count] of seenIn) weights.set(key, weight(count));
  return { weights, unknown: weight(0) };
}

/**
 * With many intents, features shared by a large share of them ("please", "for me") say little
 * and make every perceptron row long; they are dropped from the classifier's examples.
 */
function pruneCommonFeatures(examples: ClassifierExample[], classes: number): void {
  const seen = new Map<number, Set<number>>();
  for (const ex of examples) {
    for (const f of ex.features) {
      let set = seen.get(f);
      if (!set) {
        set = new Set();
        seen.set(f, set);
      }
      set.add(ex.label);
    }
  }
  const limit = Math.max(LOGISTIC_MAX_CLASSES, classes * 0.05);
  for (const ex of examples)
    ex.features = ex.features.filter((f) => (seen.get(f)?.size ?? 0) <= limit);
}

function templateParts(
  units: readonly { norm: string }[],
  ranges: readonly { slot: string; type: string; range: [number, number] }[],
): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  for (const r of [...ranges].sort((a, b) => a.range[0] - b.range[0])) {
    if (r.range[0] < i) continue; // overlapping spans after snapping to units
    for (; i < r.range[0]; i++) parts.push({ literal: (units[i] as { norm: string }).norm });
    parts.push({ type: r.type, slot: r.slot });
    i = r.range[1];
  }
  for (; i < units.length; i++) parts.push({ literal: (units[i] as { norm: string }).norm });
  return parts;
}
