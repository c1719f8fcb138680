#!/usr/bin/env node
// `npm run bench -- <name> [args]`: runs one benchmark (see docs/benchmarks.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BENCHMARKS = {
  protocol: "bench/protocol/validate.ts",
  nlu: "bench/nlu/snips.ts",
  "nlu-scaling": "bench/nlu/scaling.ts",
  "nlu-stability": "bench/nlu/stability.ts",
  sdk: "bench/sdk/dice.ts",
  dispatch: "bench/dispatch/dispatch.ts",
  "cic-turns": "bench/cic/turns.ts",
  "cic-downchannels": "bench/cic/downchannels.ts",
  speech: "bench/speech/speech.ts",
  "speech-answer": "bench/speech/answer.ts",
  "speech-first-piece": "bench/speech/first-piece.ts",
  "speech-pauses": "bench/speech/pauses.ts",
  "speech-endpoint": "bench/speech/endpoint.ts",
  alerts: "bench/alerts/alerts.ts",
  scale: "bench/scale/scale.ts",
  "scale-alloc": "bench/scale/alloc.ts",
  "scale-downchannels": "bench/scale/downchannels.ts",
  schedule: "bench/schedule/week.ts",
  home: "bench/home/home.ts",
  "robustness-memory": "bench/robustness/memory.ts",
};

const [name, ...args] = process.argv.slice(2);
const file = BENCHMARKS[name];
if (!file) {
  console.error(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}> [args]`);
  process.exit(2);
}
const root = fileURLToPath(new URL("..", import.meta.url));
const result = spawnSync(
  process.execPath,
  ["--expose-gc", "--conditions=@clover/source", "--import", "tsx", `${root}${file}`, ...args],
  { cwd: root, stdio: "inherit" },
);
process.exit(result.status ?? 1);
