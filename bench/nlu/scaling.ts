// Scaling benchmark: a generated model with many intents and utterance examples.
//   node --expose-gc --conditions=@clover/source --import tsx bench/nlu/scaling.ts [intents] [examples per intent]
import { loadavg } from "node:os";
import { compileModel } from "@clover/nlu";
import { fmt, latencyRounds, memory, timed } from "./measure.js";
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
const rounds = 5;
const latency = latencyRounds(
  test.map((t) => t.text),
  rounds,
  (text) => recognizer.recognize(text),
);
console.log(
  `# Scaling benchmark (${intents} intents, ${examples} utterance examples, load ${loadavg()[0]?.toFixed(1)})\n`,
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
