// Model warm-up on a real node: the abilities' models compile on a worker thread, so the
// node's event loop keeps answering (health checks, requests) meanwhile; /readyz says 503
// "compiling the abilities' models" until every model is in, then 200; the recognizers the
// worker made are the ones the abilities use (one compile per model and options).
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { after, before, describe, it } from "node:test";
import { ALERTS_MODELS, alertsRecognizer } from "../../src/abilities/alerts/index.js";
import { compiledRecognizer } from "../../src/abilities/models/compiled.js";
import {
  SCHEDULE_MODEL_OPTIONS,
  SCHEDULE_MODELS,
  scheduleRecognizer,
} from "../../src/abilities/schedule/index.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { deviceAt, loginDevice, registerClient } from "../helpers/devices.js";
import { tempDir } from "../helpers/platform.js";

const ADMIN = "warm-admin-token";

describe("model warm-up on a worker thread", () => {
  const dataDir = tempDir("clover-warm-");
  let server: CloverServer;
  const lag = monitorEventLoopDelay({ resolution: 10 });
  let startedAt = 0;

  before(async () => {
    const config = testCloverConfig(dataDir, ADMIN, {
      CLOVER_EXAMPLES: "off",
      CLOVER_WARM_MODELS: "true",
      CLOVER_WARM_LANGUAGES: "en",
      // The compile itself is the subject: no model from an earlier process (model-cache).
      CLOVER_MODEL_CACHE_DIR: "off",
    });
    lag.enable();
    startedAt = performance.now();
    server = await startClover({ config });
  });
  after(async () => {
    lag.disable();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("is not ready while compiling, stays alive and responsive, then is ready", async () => {
    const first = await fetch(`${server.url}/readyz`);
    const body = (await first.json()) as {
      checks: Record<string, { ok: boolean; error?: string }>;
    };
    assert.equal(first.status, 503, JSON.stringify(body));
    assert.equal(body.checks["models"]?.ok, false);
    assert.match(String(body.checks["models"]?.error), /compiling the abilities' models \(\d\/7\)/);
    // Meanwhile the node answers /healthz and management requests.
    let answered = 0;
    let readyAt = 0;
    const deadline = Date.now() + 120_000;
    while (!readyAt) {
      assert.ok(Date.now() < deadline, "warm-up finished");
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
      answered++;
      if ((await fetch(`${server.url}/readyz`)).status === 200) readyAt = performance.now();
      else await new Promise((r) => setTimeout(r, 20));
    }
    lag.disable();
    const warmMs = readyAt - startedAt;
    const maxLagMs = lag.max / 1e6;
    assert.ok(answered > 5, `health checks answered during warm-up (${answered})`);
    // On the main thread, one model (schedule, alerts) alone is a quarter or more of the
    // warm-up: the loop would stall that long. On the worker it never does.
    assert.ok(
      maxLagMs < warmMs / 4,
      `event loop held up ${maxLagMs.toFixed(0)} ms during a ${warmMs.toFixed(0)} ms warm-up`,
    );
    assert.deepEqual(server.platform.abilities.warmup(), { done: 7, total: 7, finished: true });
  });

  it("gives the abilities the recognizers it compiled, with their options", async () => {
    const schedule = compiledRecognizer({
      name: "schedule",
      model: SCHEDULE_MODELS.en!,
      options: SCHEDULE_MODEL_OPTIONS,
    });
    assert.ok(schedule, "the schedule's model, compiled with its own threshold");
    assert.equal(scheduleRecognizer("en"), schedule);
    assert.equal(
      alertsRecognizer("en"),
      compiledRecognizer({ name: "alerts", model: ALERTS_MODELS.en }),
    );
    // A turn through the real CIC API uses them.
    const login = await loginDevice(server.url, await registerClient(server.url, ADMIN), "warm-1");
    const device = deviceAt(server.url, login);
    try {
      await device.openDownchannel();
      const answer = await device.sendText("set a timer for 5 minutes");
      assert.equal(answer.status, 200);
      assert.ok(
        answer.directives.some((d) => d.header.namespace === "Alerts"),
        JSON.stringify(answer.directives.map((d) => d.header)),
      );
    } finally {
      device.close();
    }
  });
});
