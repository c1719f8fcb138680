// clover test with an in-process platform: the dice example's server started from the YAML,
// passing and failing expectations, the diff, JUnit XML and file:line errors in test files.
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { clover, tempDir } from "./helpers.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

describe("clover test (dialog tests)", { concurrency: true }, () => {
  const dir = tempDir("dialog");
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("passes the dice conversations and writes JUnit XML", async () => {
    const junit = join(dir, "report.xml");
    const result = await clover(["test", join(FIXTURES, "dice.test.yaml"), "--junit", junit]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /✔ rolls two dice in one shot/);
    assert.match(result.stdout, /✔ launch, roll, stop/);
    assert.match(result.stdout, /^2 passed, 0 failed$/m);
    const xml = readFileSync(junit, "utf8");
    assert.match(xml, /<testsuite name="dice" [^>]*tests="2" failures="0"/);
    assert.match(xml, /<testcase name="launch, roll, stop" classname="dice" time="\d+\.\d+"\/>/);
  });

  it("fails with a diff of what differs (exit 1), in text, JSON and JUnit", async () => {
    const junit = join(dir, "failing.xml");
    const failing = join(FIXTURES, "failing.test.yaml");
    const result = await clover(["--json", "test", failing, "--junit", junit]);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.failed, 2);
    const [first, second] = report.results;
    assert.deepEqual(
      first.steps[0].mismatches.map((m: { expectation: string }) => m.expectation),
      ["intent", "speech"],
    );
    assert.equal(first.steps[0].mismatches[0].actual, "ThrowDiceIntent");
    assert.equal(first.notRun, 1);
    const slot = second.steps[0].mismatches[0];
    assert.equal(slot.expectation, "request.request.intent.slots.diceCount.value");
    assert.deepEqual([slot.expected, slot.actual], ["5", "4"]);
    assert.match(
      readFileSync(junit, "utf8"),
      /<failure message="[^"]*failing\.test\.yaml:10:9 user: ask dice/,
    );
  });

  it("says why the extension failed and what a played answer breaks (a plain node:http extension)", async () => {
    const result = await clover(["test", join(FIXTURES, "plain", "plain.test.yaml")]);
    assert.equal(result.code, 1, result.stderr);
    // The server checked SignatureCEK with the key clover test handed it: the first test passed.
    assert.match(result.stdout, /✔ synonyms reach it as the representative word/);
    assert.match(
      result.stdout,
      /✔ a long answer is played, with a warning .*\n.*user: ask plain bakery to tell me everything\n +extension warning: response\.outputSpeech\.values: 600 characters, about 500 at most\n/,
    );
    assert.match(
      result.stdout,
      /✖ an answer labelled text\/html[\s\S]*extension error: content-type: Content-Type "text\/html" is not application\/json/,
    );
    assert.match(result.stdout, /^2 passed, 1 failed$/m);
  });

  it("says how many steps were not run, and makes the --junit folder", async () => {
    const junit = join(dir, "reports", "nested", "dialog.xml");
    const result = await clover(["test", join(FIXTURES, "failing.test.yaml"), "--junit", junit]);
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /^ {6}… 1 more step not run$/m);
    assert.match(readFileSync(junit, "utf8"), /<testsuite /);
  });

  it("names the line of a mistake in a test file (exit 1) before starting anything", async () => {
    const file = join(dir, "typo.test.yaml");
    writeFileSync(
      file,
      [
        "tests:",
        "  - name: typo",
        "    steps:",
        "      - user: open dice",
        "        expect:",
        "          speach: hello",
      ].join("\n"),
    );
    const result = await clover(["test", file]);
    assert.equal(result.code, 1);
    assert.match(
      result.stderr,
      /typo\.test\.yaml:6:11: tests\[0\]\.steps\[0\]\.expect\.speach: unknown expectation \(expected one of intent, slots, speech/,
    );
  });
});
