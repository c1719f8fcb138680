// Scaling benchmark: a generated model with many intents and utterance examples.
//   node --expose-gc --conditions=@clover/source --import tsx bench/nlu/scaling.ts [intents] [examples per intent]
import { loadavg } from "node:os";
import { compileModel } from "@clover/nlu";
import { fmt, memory, percentile, timed } from "./measure.js";
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
const times: number[] = [];
const cpuTimes: number[] = [];
let correct = 0;
for (const t of test) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = recognizer.recognize(t.text);
  const c1 = process.cpuUsage(c0);
  times.push(performance.now() - t0);
  cpuTimes.push((c1.user + c1.system) / 1000);
  if (r.intent === t.intent) correct++;
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
console.log(
  `# Scaling benchmark (${intents} intents, ${examples} utterance examples, load ${loadavg()[0]?.toFixed(1)})\n`,
);
console.log("| metric | value |");
console.log("|---|---|");
console.log(`| compile time (wall) | ${fmt.s(wall)} |`);
console.log(`| compile time (CPU) | ${fmt.s(cpu)} |`);
console.log(`| retained heap after compile | ${fmt.mb(after.heap - before.heap)} |`);
console.log(`| RSS growth during compile | ${fmt.mb(after.rss - before.rss)} |`);
console.log(`| recognize p50 | ${fmt.ms(percentile(times, 0.5))} |`);
console.log(`| recognize p99 | ${fmt.ms(percentile(times, 0.99))} |`);
console.log(`| recognize p99, CPU time | ${fmt.ms(percentile(cpuTimes, 0.99))} |`);
console.log(
  `| intent accuracy on ${test.length} generated unseen utterances | ${fmt.pct(correct / test.length)} |`,
);
