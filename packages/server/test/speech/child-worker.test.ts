// A speech helper process works in a scratch directory of its own, which is gone once the
// process is: after close, after a job ran past its limit, and when it is recycled — the
// process is killed then and could not clean up itself (the directories used to pile up in
// the system's temporary directory, one per server start).
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { SerialChildWorker } from "../../src/speech/tts/child-worker.js";

// Answers each job with its scratch directory, after writing a file there; "hang" sends it as
// a part of the answer and never finishes.
const SOURCE = `
const fs = require("node:fs");
const path = require("node:path");
process.on("message", (job) => {
  fs.writeFileSync(path.join(process.env.CLOVER_HELPER_DIR, "work.wav"), "x");
  if (job === "hang") process.send({ chunk: process.env.CLOVER_HELPER_DIR });
  else process.send({ ok: true, value: process.env.CLOVER_HELPER_DIR });
});
`;

/** Waits until the directory is gone (the parent removes it when the process has exited). */
async function gone(dir: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (existsSync(dir)) {
    assert.ok(Date.now() < deadline, `${dir} still there`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("speech helper processes", () => {
  it("remove their scratch directory when closed, timed out or recycled", async () => {
    const worker = new SerialChildWorker<string>("Test Helper", SOURCE, [], 60_000, 2);
    const first = await worker.run("a");
    assert.match(first, /clover-test-helper-/);
    assert.ok(existsSync(first));
    assert.equal(await worker.run("b"), first, "one directory per process");
    // The third job starts a new process (maxJobs 2): the first one's directory goes.
    const second = await worker.run("c");
    assert.notEqual(second, first);
    await gone(first);
    await worker.close();
    // Gone when close returns: a stopping server may exit before the process's exit event.
    assert.equal(existsSync(second), false);

    const limited = new SerialChildWorker<string>("Test Helper", SOURCE, [], 1_000);
    let hungIn = "";
    const hung = limited.run("hang", (dir) => {
      hungIn = dir;
    });
    await assert.rejects(hung, /took longer than 1000 ms/);
    assert.match(hungIn, /clover-test-helper-/);
    await gone(hungIn);
    await limited.close();
  });
});
