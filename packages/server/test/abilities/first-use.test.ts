// Without warm-up (tests, `CLOVER_WARM_MODELS=false`) an ability's model compiles on its first
// turn; that compile runs on the shared worker thread, so the turn waits for it but the node's
// event loop keeps answering everyone else meanwhile (a compile is seconds of CPU at load).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { ALERTS_MODELS } from "../../src/abilities/alerts/index.js";
import { compiledRecognizer } from "../../src/abilities/models/compiled.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { deviceAt, loginDevice, registerClient } from "../helpers/devices.js";
import { tempDir } from "../helpers/platform.js";

const ADMIN = "first-use-admin-token";

describe("an ability's model compiled on first use", () => {
  const dataDir = tempDir("clover-first-use-");
  let server: CloverServer;

  before(async () => {
    const config = testCloverConfig(dataDir, ADMIN, {
      CLOVER_EXAMPLES: "off",
      CLOVER_WARM_MODELS: "false",
      // The compile itself is the subject: no model from an earlier process (model-cache).
      CLOVER_MODEL_CACHE_DIR: "off",
    });
    server = await startClover({ config });
  });
  after(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is compiled off the event loop while the first turn waits for it", async () => {
    const login = await loginDevice(server.url, await registerClient(server.url, ADMIN), "fu-1");
    const device = deviceAt(server.url, login);
    try {
      await device.openDownchannel();
      assert.equal(compiledRecognizer({ name: "alerts", model: ALERTS_MODELS.en }), undefined);
      // The longest gap between ticks of a 10 ms timer: how long the loop was held up.
      let last = performance.now();
      let maxLagMs = 0;
      const ticker = setInterval(() => {
        const now = performance.now();
        maxLagMs = Math.max(maxLagMs, now - last);
        last = now;
      }, 10);
      const started = performance.now();
      const answer = await device.sendText("set a timer for 5 minutes").finally(() => {
        clearInterval(ticker);
      });
      const turnMs = performance.now() - started;
      assert.equal(answer.status, 200);
      assert.ok(
        answer.directives.some((d) => d.header.namespace === "Alerts"),
        JSON.stringify(answer.directives.map((d) => d.header)),
      );
      assert.ok(compiledRecognizer({ name: "alerts", model: ALERTS_MODELS.en }), "kept");
      // The alerts and schedule models alone are most of this turn; compiled on the main
      // thread, the loop would stall for at least a quarter of it.
      assert.ok(
        maxLagMs < turnMs / 4,
        `event loop held up ${maxLagMs.toFixed(0)} ms during a ${turnMs.toFixed(0)} ms first turn`,
      );
    } finally {
      device.close();
    }
  });
});
