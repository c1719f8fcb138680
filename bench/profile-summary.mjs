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
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
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
      `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`,
    );
  }
};
console.log(`${(total / 1000).toFixed(0)} ms sampled`);
show("by file or package (self time)", files);
show("by function (self time)", functions);
