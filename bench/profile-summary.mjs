#!/usr/bin/env node
// Where the time goes in a V8 CPU profile (`node --cpu-prof`): self time by function and by
// file (package), largest first.  node bench/profile-summary.mjs <file.cpuprofile> [top]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/profile-summary.mjs <file.cpuprofile> [top]");
  process.exit(2);
}
const top = Number(topArg ?? 15);
const profile = JSON.parse(readFileSync(file, "utf8"));
// A sampling heap profile (`.heapprofile`: a tree under `head`, bytes allocated per node) is
// summarized the same way, in bytes instead of time.
const heap = profile.head !== undefined;
if (heap) {
  profile.nodes = [];
  const walk = (node) => {
    profile.nodes.push(node);
    for (const child of node.children ?? []) walk(child);
  };
  walk(profile.head);
}
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
if (heap) for (const n of profile.nodes) self.set(n.id, n.selfSize);
else
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(node.id, (self.get(node.id) ?? 0) + dt);
  }
const total = [...self.values()].reduce((a, b) => a + b, 0);
const functions = new Map();
const files = new Map();
for (const [id, us] of self) {
  const { functionName, url, lineNumber } = byId.get(id).callFrame;
  const where = url
    ? url
        .replace(/^.*\/node_modules\//, "")
        .replace(/^.*\/packages\//, "packages/")
        .replace(/^file:\/\//, "")
    : "(native)";
  const fn = `${functionName || "(anonymous)"} ${where}:${lineNumber + 1}`;
  functions.set(fn, (functions.get(fn) ?? 0) + us);
  const group = url
    ? where.replace(/^((?:@[^/]+\/)?[^/]+(?:\/src\/[^/]+)?).*$/, "$1")
    : functionName;
  files.set(group, (files.get(group) ?? 0) + us);
}
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ${heap ? "KB" : "ms"}  ${name}`,
    );
  }
};
console.log(`${(total / 1000).toFixed(0)} ${heap ? "KB allocated" : "ms"} sampled`);
show(`by file or package (self ${heap ? "bytes" : "time"})`, files);
show(`by function (self ${heap ? "bytes" : "time"})`, functions);
