// The NLU and protocol benches as docs/benchmarks.md shows them, at a smoke size through their
// own knobs: they still compile, recognize and validate for real and print every row the docs'
// tables read, with a figure in each cell. The figures themselves come from full runs.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { FIGURE, figuresOf, REPO, runBench } from "../helpers/bench.js";

const DATASETS = process.env["CLOVER_DATASETS"] ?? `${REPO}../shared/datasets`;
const snips = existsSync(`${DATASETS}/snips2017`) || "the SNIPS 2017 data set is not here";

describe("the NLU and protocol benches, at a smoke size", () => {
  it("protocol: compiled validators against Ajv, one short round", async () => {
    const out = await runBench("protocol", ["1"], { MEASURE_MS: "20" });
    for (const [message, schema] of [
      ["IntentRequest", "cek-request"],
      ["IntentRequest", "cek-request-accepted"],
      ["response", "cek-response"],
      ["response", "cek-response-accepted"],
    ]) {
      for (const side of ["typebox", "ajv    "])
        assert.match(out, new RegExp(`^${message}\\s+${side} ${schema}\\s+${FIGURE} `, "m"));
      assert.match(out, new RegExp(`^  ${message}\\s+${schema}\\s+\\d+\\.\\d+x$`, "m"));
    }
    for (const message of ["IntentRequest", "0.1.0 request"])
      assert.match(out, new RegExp(`^${message}\\s+normalizeCekRequest\\s+${FIGURE} `, "m"));
  });

  it("nlu: SNIPS 2017, Clover beside nlp.js, 5 utterances per intent", {
    skip: snips !== true && snips,
  }, async () => {
    const out = await runBench("nlu", [], { PER_INTENT: "5", CLOVER_DATASETS: DATASETS });
    assert.match(out, /# SNIPS 2017 NLU benchmark \(train 35, test 35, /);
    for (const row of [
      "intent accuracy (35 utterances)",
      "slot F1 (exact span + label)",
      "recognize p50 (wall)",
      "recognize p99 (wall)",
      "recognize CPU time per call (mean)",
      "compile / train time (wall)",
      "retained heap after compile",
    ])
      assert.equal(figuresOf(out, row, 2).length, 2, row); // Clover, nlp.js (then the ratio in words)
  });

  it("nlu-scaling: many intents, then one large intent beside a reference", async () => {
    const many = await runBench("nlu-scaling", ["20", "5"]);
    assert.match(many, /# Scaling benchmark \(20 intents, /);
    for (const row of ["compile time (wall)", "retained heap after compile"])
      assert.equal(figuresOf(many, row).length, 1, row);
    assert.match(many, /\| intent accuracy on \d+ generated unseen utterances \| [\d.]+% \|/);

    const large = await runBench("nlu-scaling", ["slots", "4", "60"], {
      REFERENCE: "2,40",
      ROUNDS: "1",
    });
    assert.match(
      large,
      /# One large intent \(4 slots, 60 examples; .* vs a SNIPS-sized one \(2 slots, 40 examples\), 1 interleaved rounds/,
    );
    for (const row of [
      "recognize p50 (wall, median of rounds)",
      "recognize p99 (wall, median of rounds)",
      "compile time (wall)",
      "slot F1 (exact span + label)",
    ])
      assert.equal(figuresOf(large, row).length, 3, row); // large, reference, ratio
  });

  it("nlu-stability: one example added back to the clock's models", async () => {
    const out = await runBench("nlu-stability", ["1"], { ABILITIES: "clock" });
    for (const language of ["en", "ja", "ko"])
      assert.match(
        out,
        new RegExp(
          `^clock ${language}: \\d+ examples, \\d+ held-out utterances; changed per added example: \\d+ \\(mean [\\d.]+\\)$`,
          "m",
        ),
      );
    assert.match(out, /^all: \d+ of \d+ answers changed \([\d.]+%\)$/m);
  });
});
