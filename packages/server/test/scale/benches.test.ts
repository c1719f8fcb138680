// The scale-out benches as docs/benchmarks.md shows them (`npm run bench -- scale`,
// `scale-alloc`, `scale-downchannels`), run at a tiny size: each still starts its nodes, Redis
// and devices, and prints the figures the docs read (throughput ratio and added p99, allocation
// per turn, downchannels per node). The figures themselves are the bench's, on a quiet machine.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runBench } from "../helpers/bench.js";

const bench = (name: string, env: Record<string, string>) => runBench(name, [], env);

// The benches run side by side: only the lines they print are checked here, never their figures.
describe("the scale-out benches, at a tiny size", { concurrency: true }, () => {
  it("scale: memory node against Redis node, and pushes across nodes", async () => {
    const out = await bench("scale", {
      ROUNDS: "1",
      TURNS: "80",
      BLOCKS: "2",
      CLIENTS: "4",
      PACED: "40",
      PUSHES: "10",
      PIN: "0",
    });
    assert.match(out, /paced at \d+\/s per side \(.*\) each side alone in 2 alternating blocks/);
    assert.match(out, /median throughput ratio redis-a\/memory \d+\.\d+ \(target ≥ 0\.85\)/);
    assert.match(out, /added p99 at \d+ turns\/s per side: median of rounds -?\d+\.\d+ ms/);
    assert.match(out, /Redis commands sent per turn \(median of rounds\) \d+\.\d+/);
    assert.match(out, /p99 local \d+\.\d+ ms, cross-node \d+\.\d+ ms \(target ≤ local \+ 5 ms\)/);
  });

  it("scale-alloc: what a text turn allocates on each side", async () => {
    const out = await bench("scale-alloc", { ROUNDS: "1", TURNS: "40", WARMUP: "10" });
    assert.match(out, /\| memory \| \d+\.\d+ /);
    assert.match(out, /\| redis \| \d+\.\d+ /);
  });

  it("scale-downchannels: downchannels over three nodes and the directory in Redis", async () => {
    const out = await bench("scale-downchannels", { DEVICES: "30" });
    assert.match(out, /opened 30 \(refused 0\)/);
    for (const node of ["node1", "node2", "node3"])
      assert.match(out, new RegExp(`\\| ${node} \\| 10 \\| 10 \\|`));
    assert.match(out, /directory in Redis: 30 entries/);
  });
});
