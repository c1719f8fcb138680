#!/usr/bin/env node
// What a sampling heap profile (`HeapProfiler.stopSampling`, bench/scale/node-probe.ts) says was
// allocated: bytes by function and by file (package), largest first, and per turn when the
// number of turns is given.  node bench/heap-profile-summary.mjs <file.heapprofile>… [--turns N] [--top N]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return Number(value);
};
const turns = option("--turns", 0);
const top = option("--top", 25);
if (args.length === 0) {
  console.error(
    "usage: node bench/heap-profile-summary.mjs <file.heapprofile>… [--turns N] [--top N]",
  );
  process.exit(2);
}
const functions = new Map();
const files = new Map();
let total = 0;
const add = (map, key, bytes) => map.set(key, (map.get(key) ?? 0) + bytes);
for (const file of args) {
  const walk = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url
      ? url
          .replace(/^.*\/node_modules\//, "")
          .replace(/^.*\/packages\//, "packages/")
          .replace(/^file:\/\//, "")
      : "(native)";
    if (node.selfSize > 0) {
      total += node.selfSize;
      add(functions, `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`, node.selfSize);
      add(
        files,
        where.replace(/^(@[^/]+\/[^/]+|[^/]+)\/.*$/, (m, pkg) =>
          url.includes("node_modules") ? pkg : m,
        ),
        node.selfSize,
      );
    }
    for (const child of node.children) walk(child);
  };
  walk(JSON.parse(readFileSync(file, "utf8")).head);
}
const per = (bytes) =>
  turns ? `${(bytes / turns / 1024).toFixed(2)} KB/turn` : `${(bytes / 1e6).toFixed(2)} MB`;
console.log(`allocated (sampled): ${per(total)}`);
for (const [title, map] of [
  ["by function", functions],
  ["by file", files],
]) {
  console.log(`\n${title}:`);
  for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((bytes / total) * 100).toFixed(1).padStart(5)}%  ${per(bytes).padStart(16)}  ${key}`,
    );
}
