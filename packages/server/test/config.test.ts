import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ConfigError, loadConfig } from "../src/config/index.js";

describe("configuration", () => {
  it("uses the spec's defaults", () => {
    const config = loadConfig({}, []);
    assert.equal(config.cek.timeoutMs, 8000);
    assert.equal(config.cek.maxResponseBytes, 1024 * 1024);
    assert.equal(config.cek.maxSessionAttributesBytes, 64 * 1024);
    assert.equal(config.session.timeoutMs, 8000);
    assert.equal(config.session.graceMs, 4000);
    assert.equal(config.databaseUrl, undefined);
    assert.match(config.dataDir, /data$/);
    assert.equal(config.examples, "embedded");
    assert.equal(config.warmModels, false);
    assert.equal(loadConfig({ CLOVER_WARM_MODELS: "true" }, []).warmModels, true);
    assert.equal(
      loadConfig({ CLOVER_WARM_MODELS: "true" }, ["--warm-models", "no"]).warmModels,
      false,
    );
  });

  it("reads the environment, and flags win over it", () => {
    const config = loadConfig(
      {
        CLOVER_CEK_TIMEOUT_MS: "3000",
        DATABASE_URL: "postgres://db/clover",
        CLOVER_PORT: "9000",
        CLOVER_EXAMPLE_DICE_URL: "https://dice.example.org/",
      },
      ["--cek-timeout-ms", "1500", "--session-timeout-ms=20000"],
    );
    assert.equal(config.cek.timeoutMs, 1500);
    assert.equal(config.cek.connectTimeoutMs, 1500, "connect timeout follows the deadline");
    assert.equal(config.session.timeoutMs, 20000);
    assert.equal(config.databaseUrl, "postgres://db/clover");
    assert.equal(config.port, 9000);
    assert.equal(config.publicUrl, "https://localhost:9000");
    assert.deepEqual(config.exampleUrls, { dice: "https://dice.example.org/" });
  });

  it("names the variable or flag at fault", () => {
    assert.throws(
      () => loadConfig({ CLOVER_CEK_TIMEOUT_MS: "soon" }),
      (e: Error) =>
        e instanceof ConfigError &&
        /CLOVER_CEK_TIMEOUT_MS: expected an integer >= 1, got "soon"/.test(e.message),
    );
    assert.throws(() => loadConfig({}, ["--port", "70000"]), /not a TCP port/);
    assert.throws(() => loadConfig({ CLOVER_ENCRYPTION_KEY: "c2hvcnQ=" }), /32 bytes/);
    assert.throws(() => loadConfig({ CLOVER_EXAMPLES: "maybe" }), /CLOVER_EXAMPLES/);
    assert.throws(() => loadConfig({}, ["--no-such-flag"]), /no-such-flag/);
  });
});
