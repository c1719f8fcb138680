// clover model validate / export / import / types and clover nlu --model, as the real binary.
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { clover, REPO, tempDir } from "./helpers.js";

const DICE_EN = join(REPO, "examples/dice/models/en.json");

describe("clover model and clover nlu --model", { concurrency: true }, () => {
  const dir = tempDir("model");
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("validates good models and places errors at file:line:column", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(
      bad,
      `{
  "language": "en",
  "invocation": { "main": "demo" },
  "intents": [
    { "name": "RollIntent", "utterances": ["roll"] },
    { "name": "BadIntent", "utterances": 5 }
  ]
}
`,
    );
    const result = await clover(["model", "validate", DICE_EN, bad]);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /✔ .*dice\/models\/en\.json: valid/);
    assert.match(result.stdout, /✖ .*bad\.json: invalid/);
    assert.match(result.stderr, /bad\.json:6:42: intents\[1\]\.utterances: expected array/);
  });

  it("reports semantic errors with their line in --json", async () => {
    const bad = join(dir, "slot.yaml");
    writeFileSync(
      bad,
      [
        "language: en",
        "invocation: { main: demo }",
        "intents:",
        "  - name: RollIntent",
        "    slots: [{ name: count, type: CLOVA.NO_SUCH_TYPE }]",
        "    utterances: ['roll <count>two</count> dice']",
      ].join("\n"),
    );
    const result = await clover(["--json", "model", "validate", bad]);
    assert.equal(result.code, 1);
    const [report] = JSON.parse(result.stdout);
    assert.equal(report.valid, false);
    const error = report.issues.find((i: { severity: string }) => i.severity === "error");
    assert.equal(error.file, bad);
    assert.equal(error.line, 5);
    assert.match(error.message, /CLOVA\.NO_SUCH_TYPE/);
  });

  it("exports TSV files and imports them back to the same model", async () => {
    const tsv = join(dir, "tsv");
    const exported = await clover(["model", "export", DICE_EN, tsv]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.deepEqual(readdirSync(tsv).sort(), ["ThrowDiceIntent.tsv", "model.json"]);
    assert.match(readFileSync(join(tsv, "ThrowDiceIntent.tsv"), "utf8"), /\[INTENT EXPRESSION\]/);
    const out = join(dir, "back.json");
    const imported = await clover(["model", "import", tsv, "--out", out]);
    assert.equal(imported.code, 0, imported.stderr);
    const original = JSON.parse(readFileSync(DICE_EN, "utf8"));
    const back = JSON.parse(readFileSync(out, "utf8"));
    assert.deepEqual(back.intents, original.intents);
    assert.deepEqual(back.invocation, original.invocation);
    // A broken TSV line is reported where it is.
    writeFileSync(
      join(tsv, "ThrowDiceIntent.tsv"),
      "[INTENT EXPRESSION]\nroll <diceCount>two dice\n",
    );
    const broken = await clover(["model", "validate", tsv]);
    assert.equal(broken.code, 1);
    assert.match(broken.stderr, /ThrowDiceIntent\.tsv:2:\d+: /);
  });

  it("imports a console TSV export without model.json, enabling the built-in slot types it uses", async () => {
    const tsv = join(dir, "console-export");
    mkdirSync(tsv, { recursive: true });
    writeFileSync(
      join(tsv, "ThrowDiceIntent.tsv"),
      "[INTENT SLOT]\ndiceCount\tCLOVA.NUMBER\n[INTENT EXPRESSION]\nroll <diceCount>two</diceCount> dice\nroll the dice\n",
    );
    const out = join(dir, "from-console.json");
    const imported = await clover([
      "model",
      "import",
      tsv,
      "--language",
      "en",
      "--invocation",
      "dice",
      "--out",
      out,
    ]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(
      imported.stderr,
      /built-in slot type CLOVA\.NUMBER enabled because slot diceCount/,
    );
    const model = JSON.parse(readFileSync(out, "utf8"));
    assert.deepEqual(model.builtinSlotTypes, ["CLOVA.NUMBER"]);
  });

  it("places a whole-model error of a TSV directory on the line of its slot (§8.3)", async () => {
    const tsv = join(dir, "undeclared-type");
    mkdirSync(tsv, { recursive: true });
    writeFileSync(join(tsv, "TEA.tsv"), "sencha\nassam\n");
    writeFileSync(
      join(tsv, "OrderTea.tsv"),
      "[INTENT SLOT]\ntea\tTEA\nsize\tCUP_SIZE\n\n[INTENT EXPRESSION]\nbrew <tea>sencha</tea>\n<size>big</size> <tea>assam</tea> please\n",
    );
    const result = await clover([
      "model",
      "validate",
      tsv,
      "--language",
      "en",
      "--invocation",
      "tea shop",
    ]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(
      result.stderr,
      /OrderTea\.tsv:3:1: intent OrderTea: slot size: slot type CUP_SIZE is not declared/,
    );
  });

  it("generates TypeScript types for the SDK", async () => {
    const result = await clover(["model", "types", DICE_EN, "--name", "DiceModel"]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /export interface DiceModel \{/);
    assert.match(
      result.stdout,
      /"ThrowDiceIntent": \{\s+\/\*\* CLOVA\.NUMBER \*\/\s+"diceCount": string;/,
    );
  });

  it("shows what the NLU understands, and refuses a wrong command line with exit 2", async () => {
    const result = await clover(["nlu", "throw four dice", "--model", DICE_EN]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /intent\s+ThrowDiceIntent\s+\d+\.\d%/);
    assert.match(result.stdout, /slot\s+diceCount = "4"/);
    const usage = await clover(["nlu", "hello"]);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /give one of --model <file> or --ext <id>/);
    const unknown = await clover(["model", "validate", "--no-such-flag", DICE_EN]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option '--no-such-flag'/);
  });
});
