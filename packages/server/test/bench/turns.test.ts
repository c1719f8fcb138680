// The turn-path benches as docs/benchmarks.md shows them (extension SDK, dispatch, CIC text
// turns and downchannels, memory per turn), at a smoke size through their own knobs: each still
// starts its servers and devices and prints every line the docs' tables read, with figures.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIGURE, figuresOf, missingProgram, runBench, tableRow } from "../helpers/bench.js";

const MS = `${FIGURE} ms`;

// The benches run side by side (wrk and h2load run for fixed times): only the lines they print
// are checked here, never their figures.
describe("the turn-path benches, at a smoke size", { concurrency: true }, () => {
  it("sdk: ours, LINE's SDK, a bare and a JSON server under wrk, one round of a second", {
    skip: missingProgram("wrk"),
  }, async () => {
    const out = await runBench("sdk", ["1", "1"]);
    for (const server of ["clover", "line", "bare", "json"])
      assert.match(out, new RegExp(`^${server}\\s+\\d+\\s+${FIGURE}\\s+${FIGURE}$`, "m"));
    assert.match(out, /^throughput: clover\/line \d+\.\d+x/m);
    assert.match(
      out,
      /^CPU per request vs clover: line \d+\.\d+x, bare \d+\.\d+x, json \d+\.\d+x$/m,
    );
  });

  it("dispatch: a full turn beside a direct POST, then open and closed loops", async () => {
    const out = await runBench("dispatch", [], {
      SAMPLES: "30",
      WARMUP: "5",
      RATE: "50",
      SECONDS: "0.2",
      ROUNDS: "1",
    });
    assert.match(out, new RegExp(`RSA-2048 SHA-256 signature: ${MS} each`));
    for (const path of ["direct", "dispatch", "turn"])
      assert.match(out, new RegExp(`^${path}\\s+p50 ${MS}  p90 ${MS}  p99 ${MS}  max ${MS}$`, "m"));
    assert.match(
      out,
      new RegExp(`added by the platform \\(turn - direct\\): p50 ${MS}, p99 ${MS}`),
    );
    for (const signing of ["signing inline", "1 signing worker"]) {
      assert.match(
        out,
        new RegExp(`open loop, ${signing}\\s*: 50 turns/s, 1 rounds of 0.2 s; turn p50 ${MS}`),
      );
      assert.match(out, new RegExp(`max, ${signing}\\s*: \\d+ turns/s .*; CPU ${MS} per turn`));
    }
  });

  it("cic-turns: Clover beside the bare chain under h2load, one small round", {
    skip: missingProgram("h2load"),
  }, async () => {
    const out = await runBench("cic-turns", [], { ROUNDS: "1", REQUESTS: "60", CLIENTS: "2" });
    for (const chain of [
      "bare chain (parse, sign, POST)",
      "Clover (CIC → assistant → NLU → CEK)",
    ]) {
      assert.equal(figuresOf(out, chain, 3).length, 3, chain); // turns/s, p50, p99
      assert.equal(`${tableRow(out, chain)[3]}`, "60/60", `${chain}: every turn answered`);
    }
    assert.match(out, /^throughput ratio \d+\.\d+ \(target >= 0\.85\), p99 ratio \d+\.\d+ /m);
  });

  it("cic-downchannels: 200 open downchannels on each server, 20 pushes", async () => {
    const out = await runBench("cic-downchannels", ["200"], { PUSHES: "20" });
    for (const open of ["0", "200"]) assert.equal(figuresOf(out, open).length, 3, open);
    assert.match(
      out,
      new RegExp(`push to one of 200 open downchannels: p50 ${MS}, p99 ${MS} \\(20 pushes\\)`),
    );
  });

  it("robustness-memory: RSS over refused and answered turns", async () => {
    const out = await runBench("robustness-memory", [], { TURNS: "6", DEVICES: "2" });
    assert.match(out, /baseline \(after warm-up, GC\): RSS \d+ MB, heap \d+ MB/);
    const phases = [
      ["200 KB texts (over the limit)", '{"413":6}'],
      ["1,990-character texts (under it)", '{"200":6}'],
      ["200 KB texts again", '{"413":6}'],
    ];
    for (const [phase, statuses] of phases) {
      const [seen, ...rest] = tableRow(out, phase!);
      assert.equal(seen, statuses, phase);
      for (const cell of rest) assert.match(cell, new RegExp(`^[+]?${FIGURE}( MB)?$`), phase);
    }
  });
});
