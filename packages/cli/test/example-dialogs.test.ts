// Every example's dialog tests, in each of its languages, played through the platform's NLU
// (clover test): a model that misses what its prompts invite ("large", "two") fails here.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { clover, REPO } from "./helpers.js";

const EXAMPLES = ["dice", "pizza", "audio"];

describe("the examples' dialog tests", () => {
  it("pass in every language of every example", async () => {
    const dirs = EXAMPLES.map((e) => join(REPO, "examples", e, "test", "dialogs"));
    for (const [i, dir] of dirs.entries()) {
      const files = readdirSync(dir).sort();
      const models = readdirSync(join(REPO, "examples", EXAMPLES[i]!, "models"))
        .filter((f) => f.endsWith(".json"))
        .map((f) => f.replace(".json", ".test.yaml"))
        .sort();
      assert.deepEqual(files, models, `${EXAMPLES[i]}: one dialog test file per model language`);
    }
    const result = await clover(["--json", "test", ...dirs], { timeoutMs: 120_000 });
    const report = JSON.parse(result.stdout) as { passed: number; failed: number };
    assert.equal(report.failed, 0, result.stdout);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(report.passed >= 14, `${report.passed} passed`);
  });
});
