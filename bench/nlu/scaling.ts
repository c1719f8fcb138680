// Scaling benchmarks on generated models (node --expose-gc --conditions=@clover/source
// --import tsx bench/nlu/scaling.ts …, or npm run bench -- nlu-scaling …):
//   [intents] [examples per intent]   many intents (default 1000 50)
//   slots [slots] [examples]          one large intent (default 60 3000) against a
//                                     SNIPS-sized one (7 slots, 2,000 examples), interleaved
//   grid [slots,…] [examples,…]       how cost grows (default 10,30,60,120 × 500,3000,10000)
// CLOVER_NLU_BEFORE=<an older checkout's packages/nlu/src> adds that build's recognizer on the
// same large model to the `slots` rounds (before/after in one run). ROUNDS=<n> changes the
// rounds of `slots` (7) and `grid` (5); REFERENCE=<slots>,<examples> the SNIPS-sized intent.
import { pathToFileURL } from "node:url";
import { compileModel, type Recognizer } from "@clover/nlu";
import { largeIntentModel } from "./large-intent-model.js";
import {
  fmt,
  LatencyRounds,
  latencyRounds,
  load,
  memory,
  SlotScore,
  slotKey,
  timed,
} from "./measure.js";
import { scalingModel } from "./scaling-model.js";

const [mode, a, b] = process.argv.slice(2);
if (mode === "slots") await largeIntent(Number(a ?? 60), Number(b ?? 3000));
else if (mode === "grid") await grid(list(a, [10, 30, 60, 120]), list(b, [500, 3000, 10000]));
else await manyIntents(Number(mode ?? 1000), Number(a ?? 50));

function list(arg: string | undefined, fallback: number[]): number[] {
  return arg ? arg.split(",").map(Number) : fallback;
}

async function manyIntents(intents: number, perIntent: number): Promise<void> {
  const { model, test } = scalingModel(intents, perIntent);
  const examples = model.intents.reduce((n, i) => n + i.utterances.length, 0);
  const before = memory();
  const {
    value: recognizer,
    wall,
    cpu,
  } = await timed(() => compileModel(model, { validate: false }));
  const after = memory();
  for (const t of test.slice(0, 200)) recognizer.recognize(t.text); // warm-up
  let correct = 0;
  for (const t of test) if (recognizer.recognize(t.text).intent === t.intent) correct++;
  // latency: rounds over the test utterances, median of each round's percentiles
  const rounds = 5;
  const latency = latencyRounds(
    test.map((t) => t.text),
    rounds,
    (text) => recognizer.recognize(text),
  );
  console.log(
    `# Scaling benchmark (${intents} intents, ${examples} utterance examples, load ${load()})\n`,
  );
  console.log("| metric | value |");
  console.log("|---|---|");
  console.log(`| compile time (wall) | ${fmt.s(wall)} |`);
  console.log(`| compile time (CPU) | ${fmt.s(cpu)} |`);
  console.log(`| retained heap after compile | ${fmt.mb(after.heap - before.heap)} |`);
  console.log(`| RSS growth during compile | ${fmt.mb(after.rss - before.rss)} |`);
  console.log(`| recognize p50 (wall, median of ${rounds} rounds) | ${fmt.ms(latency.p50)} |`);
  console.log(`| recognize p99 (wall, median of ${rounds} rounds) | ${fmt.ms(latency.p99)} |`);
  console.log(
    `| recognize p99, each utterance's fastest of ${rounds} rounds | ${fmt.ms(latency.p99Best)} |`,
  );
  console.log(`| recognize CPU time per call (mean) | ${fmt.ms(latency.cpuPerCall)} |`);
  console.log(
    `| intent accuracy on ${test.length} generated unseen utterances | ${fmt.pct(correct / test.length)} |`,
  );
}

interface Compiled {
  label: string;
  recognizer: Recognizer;
  test: ReturnType<typeof largeIntentModel>["test"];
  examples: number;
  compileWall: number;
  compileCpu: number;
  heapMb: number;
  rssMb: number;
  intentAccuracy: number;
  slotF1: number;
}

type Compile = typeof compileModel;

async function compileLarge(
  slots: number,
  examples: number,
  compile: Compile = compileModel,
): Promise<Compiled> {
  const { model, test } = largeIntentModel(slots, examples);
  const before = memory();
  const { value: recognizer, wall, cpu } = await timed(() => compile(model, { validate: false }));
  const after = memory();
  const score = new SlotScore();
  let correct = 0;
  for (const t of test) {
    const r = recognizer.recognize(t.text);
    if (r.intent === t.intent) correct++;
    score.add(
      t.slots.map((s) => slotKey(s.name, s.text)),
      Object.values(r.slots).map((s) => slotKey(s.name, s.raw)),
    );
  }
  return {
    label: `${slots} slots, ${(model.intents[0]?.utterances.length ?? 0).toLocaleString("en")} examples`,
    recognizer,
    test,
    examples: model.intents.reduce((n, i) => n + i.utterances.length, 0),
    compileWall: wall,
    compileCpu: cpu,
    heapMb: after.heap - before.heap,
    rssMb: after.rss - before.rss,
    intentAccuracy: correct / test.length,
    slotF1: score.f1,
  };
}

/** Latency of several compiled models, their rounds taking turns. */
function interleaved(models: readonly Compiled[], rounds: number) {
  const measured = models.map(
    (m) =>
      new LatencyRounds(
        m.test.map((t) => t.text),
        (text) => m.recognizer.recognize(text),
      ),
  );
  for (const m of measured) m.round(); // warm-up round, not counted
  const counted = models.map(
    (m) =>
      new LatencyRounds(
        m.test.map((t) => t.text),
        (text) => m.recognizer.recognize(text),
      ),
  );
  for (let r = 0; r < rounds; r++) for (const m of counted) m.round();
  return counted.map((m) => m.result());
}

async function largeIntent(slots: number, examples: number): Promise<void> {
  const large = await compileLarge(slots, examples);
  const [refSlots, refExamples] = (process.env.REFERENCE ?? "7,2000").split(",").map(Number);
  const reference = await compileLarge(refSlots ?? 7, refExamples ?? 2000);
  const beforeDir = process.env.CLOVER_NLU_BEFORE;
  const older = beforeDir
    ? await compileLarge(
        slots,
        examples,
        ((await import(pathToFileURL(`${beforeDir}/index.ts`).href)) as { compileModel: Compile })
          .compileModel,
      )
    : undefined;
  const rounds = Number(process.env.ROUNDS ?? 7);
  const models = older ? [large, reference, older] : [large, reference];
  const [l, r, o] = interleaved(models, rounds);
  console.log(
    `# One large intent (${large.label}; ${large.examples} examples in the model) vs a SNIPS-sized one (${reference.label})${older ? " and the older build on the large one" : ""}, ${rounds} interleaved rounds, load ${load()}\n`,
  );
  console.log(
    `| metric | ${large.label} | ${reference.label} | ratio |${older ? " older build, large | older / this |" : ""}`,
  );
  console.log(`|---|---|---|---|${older ? "---|---|" : ""}`);
  type Result = ReturnType<LatencyRounds["result"]>;
  const row = <T>(name: string, pick: (c: T) => number, show: (v: number) => string, xs: T[]) => {
    const [x, y, z] = xs.map(pick) as [number, number, number | undefined];
    const extra = z === undefined ? "" : ` ${show(z)} | ${(z / x).toFixed(2)} |`;
    console.log(`| ${name} | ${show(x)} | ${show(y)} | ${(x / y).toFixed(2)} |${extra}`);
  };
  const times = [l, r, o].filter((x) => x !== undefined) as Result[];
  row("recognize p50 (wall, median of rounds)", (x: Result) => x.p50, fmt.ms, times);
  row("recognize p99 (wall, median of rounds)", (x: Result) => x.p99, fmt.ms, times);
  row("recognize p99, each utterance's fastest round", (x: Result) => x.p99Best, fmt.ms, times);
  row("recognize CPU time per call (mean)", (x: Result) => x.cpuPerCall, fmt.ms, times);
  row("compile time (wall)", (c: Compiled) => c.compileWall, fmt.s, models);
  row("compile time (CPU)", (c: Compiled) => c.compileCpu, fmt.s, models);
  row("retained heap after compile", (c: Compiled) => c.heapMb, fmt.mb, models);
  row(
    `intent accuracy (${large.test.length} / ${reference.test.length} held-out utterances)`,
    (c: Compiled) => c.intentAccuracy,
    fmt.pct,
    models,
  );
  row("slot F1 (exact span + label)", (c: Compiled) => c.slotF1, fmt.f1, models);
}

async function grid(slotCounts: number[], exampleCounts: number[]): Promise<void> {
  console.log(
    `# How recognition cost grows with one intent's slots and examples (load at start ${load()})\n`,
  );
  console.log(
    "| slots | examples | recognize p50 | p99 | p99 fastest round | CPU per call | compile (CPU) | heap | intent acc. | slot F1 | load |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const examples of exampleCounts) {
    for (const slots of slotCounts) {
      const m = await compileLarge(slots, examples);
      const [x] = interleaved([m], Number(process.env.ROUNDS ?? 5)) as [
        ReturnType<LatencyRounds["result"]>,
      ];
      console.log(
        `| ${slots} | ${examples.toLocaleString("en")} | ${fmt.ms(x.p50)} | ${fmt.ms(x.p99)} | ${fmt.ms(x.p99Best)} | ${fmt.ms(x.cpuPerCall)} | ${fmt.s(m.compileCpu)} | ${fmt.mb(m.heapMb)} | ${fmt.pct(m.intentAccuracy)} | ${fmt.f1(m.slotF1)} | ${load().split(" ")[0]} |`,
      );
    }
  }
}
