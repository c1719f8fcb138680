// The built-in abilities' benches as docs/benchmarks.md shows them (alerts, the week's schedule,
// home control), at a smoke size through their own knobs: each still runs a whole platform
// (and Radicale, for CalDAV) and prints every line the docs read, with figures.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIGURE, figuresOf, missingProgram, runBench } from "../helpers/bench.js";

const MS = `${FIGURE} ms`;

// The benches run side by side: only the lines they print are checked here, never their figures.
describe("the abilities' benches, at a smoke size", { concurrency: true }, () => {
  it("alerts: setting a timer beside a turn setting nothing, and timers firing on time", async () => {
    const out = await runBench("alerts", [
      ...["--users", "20", "--per-user", "2", "--rounds", "1", "--turns", "4"],
      ...["--warm", "2", "--fire", "4", "--fire-over", "400"],
    ]);
    assert.match(out, /^seeded 40 alerts for 20 users in [\d.]+ s \(sqlite\)$/m);
    assert.match(
      out,
      new RegExp(
        `median ${MS}; same routing, nothing set: ${MS}; added by setting: ${MS} \\(medians of 1 rounds × 4 turns\\)`,
      ),
    );
    assert.match(
      out,
      /scheduler: 4\/4 action timers fired over 0.4 s among 40 alerts; lateness median -?\d+ ms, p99 -?\d+ ms, max -?\d+ ms/,
    );
    assert.match(out, /^memory: RSS \d+ MiB, heap used \d+ MiB; database on disk [\d.]+ MiB/m);
  });

  it("schedule: the week's events from SQLite and from Radicale, the same answer", {
    skip: missingProgram("radicale"),
  }, async () => {
    const out = await runBench("schedule", ["2", "60"]);
    assert.match(
      out,
      /^60 events: answers agree true; .* measured turns answered "not answering": embedded 0, CalDAV 0 of 2$/m,
    );
    for (const calendar of [
      "empty (baseline)",
      "embedded (SQLite), 60 events",
      "CalDAV (Radicale, loopback), 60 events",
    ])
      assert.equal(figuresOf(out, calendar).length, 4, calendar);
  });

  it("home: a home turn beside a custom one, recognition at 500 appliances, a group", async () => {
    const out = await runBench("home", [], {
      SAMPLES: "10",
      WARMUP: "3",
      RECOGNITIONS: "1",
      GROUPS: "4",
    });
    const quantiles = `p50 ${MS}  p90 ${MS}  p99 ${MS}  max ${MS}`;
    for (const path of [
      "custom turn \\(ask bakery bot …\\)",
      "home turn \\(turn on/off the kitchen …\\)",
      "500 appliances, 50 rooms",
      "3 appliances",
      "vocabulary build, 500 appliances",
      "turn on/off all the hallway lights",
    ])
      assert.match(out, new RegExp(`^  ${path}\\s+${quantiles}  \\(n=\\d+\\)$`, "m"), path);
    assert.match(
      out,
      new RegExp(
        `home / custom: p50 ${FIGURE}×, p99 ${FIGURE}×; home - custom: p50 ${MS}, p99 ${MS}`,
      ),
    );
    assert.match(
      out,
      new RegExp(`group - slowest device's delay \\(\\d+ ms\\): p50 ${MS}, p99 ${MS}`),
    );
  });
});
