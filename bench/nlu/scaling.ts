// Scaling benchmark: a generated model with many intents and utterance examples.
//   node --expose-gc --conditions=@clover/source --import tsx bench/nlu/scaling.ts [intents] [examples per intent]
import { loadavg } from "node:os";
import { compileModel } from "@clover/nlu";
import { fmt, median, memory, percentile, timed } from "./measure.js";
import { scalingModel } from "./scaling-model.js";

const intents = Number(process.argv[2] ?? 1000);
const perIntent = Number(process.argv[3] ?? 50);
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
const p50s: number[] = [];
const p99s: number[] = [];
const rounds = 5;
// each utterance's fastest round: its own cost without the time slices another process on a
// shared machine took in the middle of a call
const best = new Array<number>(test.length).fill(Number.POSITIVE_INFINITY);
const c0 = process.cpuUsage();
for (let round = 0; round < rounds; round++) {
  const times: number[] = [];
  test.forEach((t, i) => {
    const t0 = performance.now();
    recognizer.recognize(t.text);
    const ms = performance.now() - t0;
    times.push(ms);
    best[i] = Math.min(best[i] as number, ms);
  });
  times.sort((a, b) => a - b);
  p50s.push(percentile(times, 0.5));
  p99s.push(percentile(times, 0.99));
}
const c1 = process.cpuUsage(c0);
const cpuPerCall = (c1.user + c1.system) / 1000 / (rounds * test.length);
console.log(
  `# Scaling benchmark (${intents} intents, ${examples} utterance examples, load ${loadavg()[0]?.toFixed(1)})\n`,
);
console.log("| metric | value |");
console.log("|---|---|");
console.log(`| compile time (wall) | ${fmt.s(wall)} |`);
console.log(`| compile time (CPU) | ${fmt.s(cpu)} |`);
console.log(`| retained heap after compile | ${fmt.mb(after.heap - before.heap)} |`);
console.log(`| RSS growth during compile | ${fmt.mb(after.rss - before.rss)} |`);
console.log(`| recognize p50 (wall, median of ${rounds} rounds) | ${fmt.ms(median(p50s))} |`);
console.log(`| recognize p99 (wall, median of ${rounds} rounds) | ${fmt.ms(median(p99s))} |`);
console.log(
  `| recognize p99, each utterance's fastest of ${rounds} rounds | ${fmt.ms(
    percentile(
      best.sort((a, b) => a - b),
      0.99,
    ),
  )} |`,
);
console.log(`| recognize CPU time per call (mean) | ${fmt.ms(cpuPerCall)} |`);
console.log(
  `| intent accuracy on ${test.length} generated unseen utterances | ${fmt.pct(correct / test.length)} |`,
);
