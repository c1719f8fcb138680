// SNIPS 2017 benchmark: Clover's recognizer and nlp.js trained on the same data, side by side.
//   node --expose-gc --conditions=@clover/source --import tsx bench/nlu/snips.ts [snips2017 dir]
// PER_INTENT=<n>: only the first n training and n test utterances of each intent (a smoke run);
// SKIP_NLPJS=1: Clover's column only.
import { createRequire } from "node:module";
import { compileModel } from "@clover/nlu";
import {
  datasetDir,
  type Figures,
  fmt,
  latencyRounds,
  memory,
  percentile,
  SlotScore,
  slotKey,
  timed,
} from "./measure.js";
import { loadSnips, type SnipsUtterance, snipsModel } from "./snips-data.js";

interface NlpEntity {
  entity: string;
  sourceText?: string;
  utteranceText?: string;
}
interface NlpManagerLike {
  addNamedEntityText(entity: string, option: string, languages: string[], texts: string[]): void;
  addDocument(language: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(language: string, text: string): Promise<{ intent: string; entities: NlpEntity[] }>;
}
const require = createRequire(import.meta.url);
const { NlpManager } = require("node-nlp") as {
  NlpManager: new (settings: object) => NlpManagerLike;
};

const dir = datasetDir("snips2017");
/** Rounds of recognize calls over the test set for Clover's latency (nlp.js: one round). */
const LATENCY_ROUNDS = 5;
const { train, test } = loadSnips(dir, Number(process.env.PER_INTENT ?? Number.POSITIVE_INFINITY));
const LABELS = new Set(train.flatMap((u) => u.slots.map((s) => s.label)));
const goldSlots = (u: SnipsUtterance) => u.slots.map((s) => slotKey(s.label, s.text));

async function clover(): Promise<Figures> {
  const model = snipsModel(train);
  const before = memory();
  const {
    value: recognizer,
    wall: compileMs,
    cpu: compileCpuMs,
  } = await timed(() => compileModel(model));
  const after = memory();
  for (const u of test) recognizer.recognize(u.text); // warm-up
  const slots = new SlotScore();
  let correct = 0;
  for (const u of test) {
    const r = recognizer.recognize(u.text);
    if (r.intent === u.intent) correct++;
    slots.add(
      goldSlots(u),
      Object.values(r.slots).map((s) => slotKey(s.name, s.raw)),
    );
  }
  // latency: several rounds over the test set, median of each round's percentiles
  const latency = latencyRounds(
    test.map((u) => u.text),
    LATENCY_ROUNDS,
    (text) => recognizer.recognize(text),
  );
  return {
    intentAccuracy: correct / test.length,
    slotF1: slots.f1,
    ...latency,
    compileMs,
    compileCpuMs,
    heapMb: after.heap - before.heap,
    rssMb: after.rss - before.rss,
  };
}

async function nlpjs(): Promise<Figures> {
  const before = memory();
  const manager = new NlpManager({ languages: ["en"], forceNER: true, nlu: { log: false } });
  const { wall: compileMs, cpu: compileCpuMs } = await timed(async () => {
    const seen = new Set<string>();
    for (const u of train) {
      manager.addDocument("en", u.text, u.intent);
      for (const s of u.slots) {
        const key = slotKey(s.label, s.text);
        if (seen.has(key)) continue;
        seen.add(key);
        manager.addNamedEntityText(s.label, s.text, ["en"], [s.text]);
      }
    }
    progress("nlp.js: training");
    await manager.train();
  });
  progress(`nlp.js: trained in ${fmt.s(compileMs)}`);
  const after = memory();
  for (const u of test.slice(0, 50)) await manager.process("en", u.text); // warm-up
  const times: number[] = [];
  const slots = new SlotScore();
  let correct = 0;
  const c0 = process.cpuUsage();
  for (const u of test) {
    const t = performance.now();
    const r = await manager.process("en", u.text);
    times.push(performance.now() - t);
    if (times.length % 100 === 0) progress(`nlp.js: ${times.length} utterances`);
    if (r.intent === u.intent) correct++;
    const predicted = r.entities
      .filter((e) => LABELS.has(e.entity))
      .map((e) => slotKey(e.entity, e.utteranceText ?? e.sourceText ?? ""));
    slots.add(goldSlots(u), predicted);
  }
  const cpu = process.cpuUsage(c0);
  times.sort((a, b) => a - b);
  return {
    intentAccuracy: correct / test.length,
    slotF1: slots.f1,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    cpuPerCall: (cpu.user + cpu.system) / 1000 / test.length,
    compileMs,
    compileCpuMs,
    heapMb: after.heap - before.heap,
    rssMb: after.rss - before.rss,
  };
}

/** Progress on stderr, so stdout stays a clean Markdown table. */
function progress(message: string): void {
  process.stderr.write(`[${new Date().toISOString()}] ${message}\n`);
}

progress("Clover: compiling");
const ours = await clover();
progress("Clover: done; nlp.js: adding documents");
const theirs = process.env.SKIP_NLPJS ? undefined : await nlpjs();
const rows: [string, (f: Figures) => string, (f: Figures) => number, boolean][] = [
  [
    `intent accuracy (${test.length} utterances)`,
    (f) => fmt.pct(f.intentAccuracy),
    (f) => f.intentAccuracy,
    true,
  ],
  ["slot F1 (exact span + label)", (f) => fmt.f1(f.slotF1), (f) => f.slotF1, true],
  ["recognize p50 (wall)", (f) => fmt.ms(f.p50), (f) => f.p50, false],
  ["recognize p99 (wall)", (f) => fmt.ms(f.p99), (f) => f.p99, false],
  [
    "recognize p99, each utterance's fastest round",
    (f) => (f.p99Best === undefined ? "—" : fmt.ms(f.p99Best)),
    (f) => f.p99Best ?? Number.NaN,
    false,
  ],
  ["recognize CPU time per call (mean)", (f) => fmt.ms(f.cpuPerCall), (f) => f.cpuPerCall, false],
  ["compile / train time (wall)", (f) => fmt.s(f.compileMs), (f) => f.compileMs, false],
  ["compile / train time (CPU)", (f) => fmt.s(f.compileCpuMs), (f) => f.compileCpuMs, false],
  ["retained heap after compile", (f) => fmt.mb(f.heapMb), (f) => f.heapMb, false],
  ["RSS growth during compile", (f) => fmt.mb(f.rssMb), (f) => f.rssMb, false],
];
const load = (await import("node:os")).loadavg()[0]?.toFixed(1);
console.log(
  `# SNIPS 2017 NLU benchmark (train ${train.length}, test ${test.length}, load ${load})\n`,
);
console.log("| metric | Clover | nlp.js 4.27 | ratio |");
console.log("|---|---|---|---|");
for (const [name, show, value, higherIsBetter] of rows) {
  let ratio = "—";
  const [a, b] = theirs ? [value(ours), value(theirs)] : [Number.NaN, Number.NaN];
  if (Number.isFinite(a) && Number.isFinite(b)) {
    const cloverBetter = higherIsBetter ? a >= b : a <= b;
    const factor = higherIsBetter
      ? Math.max(a, b) / Math.min(a, b)
      : Math.max(a, b) / Math.min(a, b);
    ratio = `${cloverBetter ? "Clover" : "nlp.js"} ${factor.toFixed(factor < 10 ? 2 : 0)}× better`;
  }
  console.log(`| ${name} | ${show(ours)} | ${theirs ? show(theirs) : "—"} | ${ratio} |`);
}
