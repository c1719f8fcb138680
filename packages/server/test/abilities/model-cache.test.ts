// The model cache: a process starting with models another process compiled loads them in
// milliseconds instead of compiling them again (seconds of CPU each; at a load of 20 the first
// turn after a start waited past the 30 s answer deadline for them). Checked on two real
// `clover serve` processes through /metrics and /readyz, and on the cache's own rules: an entry
// that does not read back is compiled again, a changed model is another entry, a directory
// others may write is not used.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { compileModel } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { exited, serveLocal } from "../../../cli/test/helpers.js";
import {
  compileCached,
  modelCacheStats,
  setModelCacheDir,
} from "../../src/abilities/models/cache.js";
import { describeWait, stopwatch } from "../helpers/cpu-wait.js";
import { tempDir } from "../helpers/platform.js";

const model = (words: string): InteractionModel => ({
  language: "en",
  invocation: { main: "cache test" },
  intents: [
    { name: "Roll", utterances: [`roll ${words}`, "roll the dice", "throw a die"] },
    { name: "Stop", utterances: ["stop", "that is enough"] },
  ],
});

/** `clover serve` warming its English models with `cacheDir`; what /metrics counted once ready. */
async function startAndCount(cacheDir: string) {
  const { child, info } = await serveLocal(tempDir("clover-model-cache-data-"), {
    env: {
      CLOVER_WARM_MODELS: "true",
      CLOVER_WARM_LANGUAGES: "en",
      CLOVER_MODEL_CACHE_DIR: cacheDir,
      CLOVER_EXAMPLES: "off",
    },
  });
  try {
    const url = String(info["url"]);
    const watch = stopwatch();
    // Ready once every English model is in (the warm-up's check, /readyz "models").
    for (;;) {
      const ready = await fetch(`${url}/readyz`);
      await ready.arrayBuffer();
      if (ready.status === 200) break;
      assert.ok(watch.elapsedMs() - watch.waitedMs() < 120_000, "ready within 120 s");
      await new Promise((r) => setTimeout(r, 100));
    }
    const readyMs = watch.elapsedMs();
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const count = (source: string) =>
      Number(
        new RegExp(`^clover_models_total\\{[^}]*source="${source}"[^}]*\\} (\\d+)`, "m").exec(
          metrics,
        )?.[1],
      );
    return { compiled: count("compiled"), cached: count("cache"), readyMs, watch };
  } finally {
    child.kill("SIGTERM");
    await exited(child);
  }
}

describe("the model cache", () => {
  it("gives a second process the models the first compiled: it compiles none", async () => {
    const cacheDir = join(tempDir("clover-model-cache-"), "models");
    const first = await startAndCount(cacheDir);
    assert.ok(first.compiled >= 5, `the first process compiled its models (${first.compiled})`);
    assert.equal(first.cached, 0);
    assert.equal(
      readdirSync(cacheDir).filter((f) => f.endsWith(".snapshot")).length,
      first.compiled,
    );
    const second = await startAndCount(cacheDir);
    assert.equal(second.compiled, 0, "the second process compiled nothing");
    assert.equal(second.cached, first.compiled, "and loaded every model from the cache");
    console.log(
      `ready after the warm-up: compiling ${first.readyMs.toFixed(0)} ms, from the cache ` +
        `${second.readyMs.toFixed(0)} ms (${describeWait(second.readyMs, second.watch.waitedMs())})`,
    );
  });

  it("compiles again an entry that does not read back, and a changed model is another entry", () => {
    const dir = join(tempDir("clover-model-cache-"), "models");
    setModelCacheDir(dir);
    try {
      const before = { ...modelCacheStats };
      const fresh = compileCached(model("a die"));
      assert.equal(modelCacheStats.compiled, before.compiled + 1);
      const [entry] = readdirSync(dir);
      assert.ok(entry?.endsWith(".snapshot"));
      const again = compileCached(model("a die"));
      assert.equal(modelCacheStats.loaded, before.loaded + 1, "the second compile is a load");
      const expected = compileModel(model("a die"));
      for (const text of ["roll a die", "that is enough", "what"])
        assert.deepEqual(again.recognize(text), expected.recognize(text), text);
      assert.deepEqual(fresh.recognize("roll a die"), expected.recognize("roll a die"));

      writeFileSync(join(dir, entry), "not a snapshot");
      const repaired = compileCached(model("a die"));
      assert.equal(modelCacheStats.failures, before.failures + 1);
      assert.equal(modelCacheStats.compiled, before.compiled + 2, "compiled again");
      assert.deepEqual(repaired.recognize("roll a die"), expected.recognize("roll a die"));
      assert.equal(compileCached(model("a die")) !== undefined, true);
      assert.equal(modelCacheStats.loaded, before.loaded + 2, "the entry was written again");

      compileCached(model("two dice"));
      assert.equal(modelCacheStats.compiled, before.compiled + 3, "a changed model compiles");
      assert.equal(readdirSync(dir).length, 2);
    } finally {
      setModelCacheDir(undefined);
    }
  });

  it("does not use a directory that others may write", () => {
    const dir = join(tempDir("clover-model-cache-"), "shared");
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    setModelCacheDir(dir);
    try {
      const before = { ...modelCacheStats };
      compileCached(model("shared dice"));
      compileCached(model("shared dice"));
      assert.equal(modelCacheStats.compiled, before.compiled + 2, "compiled each time");
      assert.equal(readdirSync(dir).length, 0, "nothing written there");
    } finally {
      setModelCacheDir(undefined);
    }
  });
});
