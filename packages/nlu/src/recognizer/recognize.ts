// The compiled recognizer: exact templates first, then the statistical layer; confidence is
// the calibrated classifier probability scaled by how much of the input the model knows.
import type { ModelLanguage } from "@clover/protocol";
import { type BuiltinSpan, findBuiltinSpans, resolveBuiltin } from "./builtins.js";
import { softmax } from "./classifier.js";
import {
  intentFeatures,
  slotContextKeys,
  slotViewFeatures,
  unitHashes,
  vocabularyKeys,
} from "./features.js";
import { longestCover, type SpanMatch } from "./gazetteer.js";
import type { IntentScorer } from "./logistic.js";
import type { ModelInfo } from "./prepare.js";
import { spanFeatures, unitFeatures } from "./tag-features.js";
import { decode, type FrozenTagger } from "./tagger.js";
import type { TemplateIndex, TemplateMatch } from "./templates.js";
import type {
  Recognition,
  RecognizedSlot,
  RecognizeOptions,
  Recognizer as RecognizerApi,
} from "./types.js";
import { toUnits, type Unit, unitKey, widenToKatakana } from "./units.js";
import type { FeatureIndex } from "./weights.js";

/** The keys seen in training and what each one says (compile.ts vocabularyWeights). */
export interface Vocabulary {
  weights: Map<string, number>;
  /** The weight of a key never seen. */
  unknown: number;
}

export interface Trained {
  language: ModelLanguage;
  info: ModelInfo;
  classFeatures: FeatureIndex;
  tagFeatures: FeatureIndex;
  /** Intent classifier over the words as said plus one intent's slot reading (features.ts). */
  classifier: IntentScorer;
  temperature: number;
  tagger: FrozenTagger;
  templates: TemplateIndex;
  vocabulary: Vocabulary;
  allowedOf: number[][];
  threshold: number;
}

const MAX_ALTERNATIVES = 3;
/** How many intents the classifier proposes for slot-aware reranking. */
const RERANK = 8;
const RERANK_MIN_PROBABILITY = 0.03;

interface Context {
  /** Tagger feature ids per unit, computed once per utterance. */
  tagFeatures?: number[][];
  text: string;
  units: Unit[];
  /** Word hashes of the units (features.ts). */
  words: number[];
  spans: SpanMatch[];
  options: RecognizeOptions;
}

export class Recognizer implements RecognizerApi {
  readonly language: ModelLanguage;
  readonly intents: readonly string[];
  readonly #m: Trained;
  /** Per intent: its slots of a closed type no other slot of the intent has (#resolveAll). */
  readonly #soleSlots: { name: string; type: string }[][];

  constructor(trained: Trained) {
    this.#m = trained;
    this.language = trained.language;
    this.intents = Object.freeze([...trained.info.intents]);
    this.#soleSlots = trained.info.slotTypes.map((types) => {
      const count = new Map<string, number>();
      for (const type of types.values()) count.set(type, (count.get(type) ?? 0) + 1);
      return [...types]
        .filter(([, type]) => count.get(type) === 1 && !trained.info.openTypes.has(type))
        .map(([name, type]) => ({ name, type }));
    });
  }

  /** What the recognizer was trained into (snapshot.ts turns it into plain data). */
  trained(): Readonly<Trained> {
    return this.#m;
  }

  recognize(text: string, options: RecognizeOptions = {}): Recognition {
    if (typeof text !== "string") throw new TypeError("recognize(text): text must be a string");
    const m = this.#m;
    const threshold = options.threshold ?? m.threshold;
    const units = toUnits(text, m.language);
    if (units.length === 0) return none(0, []);
    const builtin = findBuiltinSpans(m.info.builtinTypes, text, units, {
      language: m.language,
      referenceTime: options.referenceTime,
      timeZone: options.timeZone,
    });
    const ctx: Context = {
      text,
      units,
      words: unitHashes(units),
      spans: [...m.info.gazetteer.findAll(units), ...builtin],
      options,
    };
    const classes = m.info.intents.length;
    const scores = new Float64Array(classes);
    m.classifier.score(
      m.classFeatures.known(intentFeatures(units, ctx.words, longestCover(ctx.spans), m.language)),
      scores,
    );
    const exact = m.templates.match(units, ctx.spans);
    if (exact.length > 0)
      return this.#fromTemplate(ctx, exact, softmax(scores, m.temperature), threshold);

    // rerank the best candidates, each on its own slot reading of the utterance
    const raw = softmax(scores, m.temperature);
    const ranked = [...scores.keys()].sort((a, b) => (scores[b] as number) - (scores[a] as number));
    // intents the words alone make very unlikely are not worth a tagging pass
    const candidates = ranked
      .slice(0, RERANK)
      .filter((c, k) => k === 0 || (raw[c] as number) >= RERANK_MIN_PROBABILITY);
    const readings = candidates.map((c) => {
      const slots = this.#tag(ctx, c);
      const view = m.classFeatures.known(
        slotViewFeatures(
          ctx.words,
          slots.map((s) => ({ slot: s.slot, start: s.span.start, end: s.span.end })),
        ),
      );
      let score = scores[c] as number;
      for (const f of view) score += m.classifier.get(f, c);
      return { intent: c, slots, score };
    });
    const probs = softmax(Float64Array.from(readings.map((r) => r.score)), m.temperature);
    const order = [...readings.keys()].sort((a, b) => (probs[b] as number) - (probs[a] as number));
    const top = readings[order[0] as number] as (typeof readings)[number];
    const coverage = this.#coverage(ctx, top.slots);
    const confidence = (probs[order[0] as number] as number) * coverage;
    const alternatives = order
      .slice(1, 1 + MAX_ALTERNATIVES)
      .map((k) => ({
        intent: m.info.intents[(readings[k] as (typeof readings)[number]).intent] as string,
        confidence: (probs[k] as number) * coverage,
      }))
      .filter((a) => a.confidence >= 0.01);
    const name = m.info.intents[top.intent] as string;
    if (confidence < threshold)
      return none(confidence, [{ intent: name, confidence }, ...alternatives]);
    return {
      intent: name,
      confidence,
      slots: this.#resolveAll(ctx, top.intent, top.slots),
      alternatives,
      layer: "statistical",
    };
  }

  #fromTemplate(
    ctx: Context,
    matches: TemplateMatch[],
    probs: Float64Array,
    threshold: number,
  ): Recognition {
    const m = this.#m;
    const custom = m.info.customCount;
    // several templates may match: most probable intent wins (ties → custom intent, §3.5)
    const intents = [...new Set(matches.map((x) => x.end.intent))];
    intents.sort(
      (a, b) =>
        (probs[b] as number) - (probs[a] as number) || Number(b < custom) - Number(a < custom),
    );
    const best = intents[0] as number;
    const mass = intents.reduce((sum, k) => sum + (probs[k] as number), 0);
    const confidence =
      intents.length === 1 ? 1 : mass > 0 ? (probs[best] as number) / mass : 1 / intents.length;
    const chosen = matches
      .filter((x) => x.end.intent === best)
      .sort((a, b) => b.end.count - a.end.count)[0] as TemplateMatch;
    const tagged = chosen.spans.map((span, k) => ({
      slot: chosen.end.slotNames[k] as string,
      span,
    }));
    const alternatives = intents.slice(1, 1 + MAX_ALTERNATIVES).map((k) => ({
      intent: m.info.intents[k] as string,
      confidence: mass > 0 ? (probs[k] as number) / mass : 0,
    }));
    if (confidence < threshold) return none(confidence, alternatives);
    return {
      intent: m.info.intents[best] as string,
      confidence,
      slots: this.#resolveAll(ctx, best, tagged),
      alternatives,
      layer: "exact",
    };
  }

  /** Slot spans from the tagger, restricted to the intent's slots. */
  #tag(ctx: Context, intent: number): { slot: string; span: SpanMatch }[] {
    const m = this.#m;
    const allowed = m.allowedOf[intent] as number[];
    if (allowed.length <= 1) return [];
    if (!ctx.tagFeatures) {
      const base = unitFeatures(ctx.units, ctx.words, m.language);
      const extra = spanFeatures(ctx.units.length, ctx.spans);
      ctx.tagFeatures = base.map((f, i) =>
        m.tagFeatures.known(extra[i] as number[], m.tagFeatures.known(f)),
      );
    }
    const labels = decode(m.tagger, ctx.tagFeatures, allowed);
    const out: { slot: string; span: SpanMatch }[] = [];
    const types = m.info.slotTypes[intent] as Map<string, string>;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i] as number;
      if (label === 0 || label % 2 === 0) continue;
      let end = i + 1;
      while (end < labels.length && labels[end] === label + 1) end++;
      const slot = m.info.slotNames[(label - 1) >> 1] as string;
      const span =
        m.language === "ja"
          ? widenToKatakana(ctx.units, i, end, (k) => labels[k] === 0)
          : { start: i, end };
      out.push({ slot, span: { type: types.get(slot) as string, ...span } });
      i = span.end - 1;
    }
    return out;
  }

  /**
   * Share of the input the model has seen in training or recognized as a slot value in a
   * context seen in training (slotContextKeys), each key weighed by what it says: a new word
   * counts more than a known filler word.
   */
  #coverage(ctx: Context, slots: { slot: string; span: SpanMatch }[]): number {
    const m = this.#m;
    const units = ctx.units;
    // numbers, dates and other built-in values are known words only as understood slot values
    const builtin = ctx.spans.filter((s) => s.type.startsWith("CLOVA."));
    const understood = slots.filter((s) =>
      slotContextKeys(units, s.slot, s.span.start, s.span.end).some((k) =>
        m.vocabulary.weights.has(k),
      ),
    );
    let total = 0;
    let known = 0;
    for (let i = 0; i < units.length; i++) {
      const own = vocabularyKeys(
        m.language === "ja" ? units.slice(Math.max(0, i - 1), i + 1) : [units[i] as Unit],
        m.language,
      );
      const keys = m.language === "ja" ? own.slice(-1) : own;
      const inside = (s: { span: SpanMatch }) => i >= s.span.start && i < s.span.end;
      const slot = understood.some(inside);
      if (!slot && builtin.some((span) => inside({ span }))) continue;
      for (const k of keys) {
        const weight = m.vocabulary.weights.get(k);
        total += weight ?? m.vocabulary.unknown;
        if (slot) known += weight ?? m.vocabulary.unknown;
        else if (weight !== undefined) known += weight;
      }
    }
    return total === 0 ? 0 : known / total;
  }

  #resolveAll(
    ctx: Context,
    intent: number,
    tagged: { slot: string; span: SpanMatch }[],
  ): Record<string, RecognizedSlot> {
    const slots: Record<string, RecognizedSlot> = {};
    for (const { slot, span } of tagged) {
      if (slots[slot]) continue; // first occurrence wins
      const resolved = this.#resolve(ctx, slot, span);
      if (resolved) slots[slot] = resolved;
    }
    // a dictionary or built-in value the tagger missed fills a slot that is still empty when
    // exactly one of the intent's slots has its type (closed types only)
    const sole = this.#soleSlots[intent] as { name: string; type: string }[];
    if (sole.length === 0 || ctx.spans.length === 0) return slots;
    const found = new Set(ctx.spans.map((s) => s.type));
    const taken = Object.values(slots);
    for (const { name, type } of sole) {
      if (slots[name] || !found.has(type)) continue;
      const candidates = longestCover(ctx.spans.filter((s) => s.type === type));
      const free = candidates.filter((s) =>
        taken.every((t) => t.type === type || !overlaps(ctx, s, t)),
      );
      if (free.length !== 1) continue;
      const resolved = this.#resolve(ctx, name, free[0] as SpanMatch);
      if (resolved) slots[name] = resolved;
    }
    return slots;
  }

  #resolve(ctx: Context, name: string, span: SpanMatch): RecognizedSlot | undefined {
    const m = this.#m;
    const first = ctx.units[span.start] as Unit;
    const last = ctx.units[span.end - 1] as Unit;
    const raw = ctx.text.slice(first.start, last.end);
    const base = { name, type: span.type, raw };
    if ("resolved" in span) return { ...base, ...(span as BuiltinSpan).resolved };
    if (span.type.startsWith("CLOVA.")) {
      const resolved = resolveBuiltin(span.type, raw, {
        language: m.language,
        referenceTime: ctx.options.referenceTime,
        timeZone: ctx.options.timeZone,
      });
      return resolved ? { ...base, ...resolved } : undefined;
    }
    const entry =
      span.entry ?? m.info.gazetteer.lookup(span.type, unitKey(ctx.units, span.start, span.end));
    if (entry)
      return entry.synonym
        ? { ...base, value: entry.value, resolvedFrom: raw }
        : { ...base, value: entry.value };
    if (m.info.openTypes.has(span.type)) return { ...base, value: raw };
    // closed type: keep a dictionary word inside the tagged span, if any
    const inner = longestCover(
      ctx.spans.filter(
        (s) => s.type === span.type && s.entry && s.start >= span.start && s.end <= span.end,
      ),
    )[0];
    return inner ? this.#resolve(ctx, name, inner) : undefined;
  }
}

function overlaps(ctx: Context, span: SpanMatch, slot: RecognizedSlot): boolean {
  const start = (ctx.units[span.start] as Unit).start;
  const end = (ctx.units[span.end - 1] as Unit).end;
  const at = ctx.text.indexOf(slot.raw);
  return at >= 0 && start < at + slot.raw.length && at < end;
}

function none(
  confidence: number,
  alternatives: { intent: string; confidence: number }[],
): Recognition {
  return { intent: null, confidence, slots: {}, alternatives, layer: "none" };
}
