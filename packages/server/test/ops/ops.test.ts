// Operations through real HTTP: /healthz, /readyz (database, Redis, draining) and /metrics of a
// node on Redis, on the main port and on the ops port; a graceful drain that lets the turn in
// flight finish while refusing new connections.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { deviceKeyOf } from "../../src/cic/device-key.js";
import type { CloverServer } from "../../src/main.js";
import { openRedis } from "../../src/store/redis/connection.js";
import { RedisRateLimiter } from "../../src/store/redis/rate-limits.js";
import { stopwatch } from "../helpers/cpu-wait.js";
import { answer, type TestExtension } from "../helpers/extension-server.js";
import { freePort, redisAvailable, type TestRedis } from "../helpers/redis.js";
import { type NodeRig, startNodeRig } from "./node-rig.js";
import { sampleOf } from "./samples.js";

describe("operations endpoints and drain", {
  skip: !redisAvailable && "redis-server is not installed",
}, () => {
  let rig: NodeRig;
  let redis: TestRedis;
  let server: CloverServer;
  let ext: TestExtension;
  let device: DeviceClient;
  let opsPort: number;
  let delayMs = 0;
  let accessToken: string;

  before(async () => {
    opsPort = await freePort();
    rig = await startNodeRig({
      nodeId: "ops-node",
      extension: () => ({ body: answer("We open at seven."), delayMs }),
      env: {
        CLOVER_OPS_PORT: String(opsPort),
        CLOVER_RATE_DEVICE_PER_SECOND: "2",
        CLOVER_RATE_DEVICE_BURST: "1000",
      },
    });
    ({ redis, server, ext, device, accessToken } = rig);
  });
  after(async () => rig?.close());

  it("answers /healthz and /readyz without credentials, on both ports", async () => {
    for (const base of [server.url, `http://127.0.0.1:${opsPort}`]) {
      const health = await fetch(`${base}/healthz`);
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { status: "alive", node: "ops-node" });
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200);
      const body = (await ready.json()) as {
        status: string;
        checks: Record<string, { ok: boolean }>;
      };
      assert.equal(body.status, "ready");
      assert.equal(body.checks["database"]?.ok, true);
      assert.equal(body.checks["redis"]?.ok, true);
    }
    const refused = await fetch(`${server.url}/metrics`, { method: "POST", body: "x" });
    assert.equal(refused.status, 405);
    const other = await fetch(`http://127.0.0.1:${opsPort}/api/v1/extensions`);
    assert.equal(other.status, 404, "the ops port serves nothing else");
  });

  it("counts turns, stages, pushes and downchannels in /metrics", async () => {
    const turn = await device.sendText("ask bakery bot when are you open");
    assert.equal(turn.status, 200);
    const grant = await server.authority.verifyAccessToken(accessToken);
    const pushed = await server.gateway.push(deviceKeyOf(grant!), {
      header: { namespace: "Notifier", name: "SetIndicator", messageId: "m-1" },
      payload: {},
    });
    assert.equal(pushed, true);
    const metrics = await fetch(`${server.url}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(String(metrics.headers.get("content-type")), /^text\/plain/);
    const text = await metrics.text();
    if (process.env["CLOVER_TEST_VERBOSE"]) console.log(text);
    const value = (name: string, labels: Record<string, string> = {}) =>
      sampleOf(text, name, { node: "ops-node", ...labels });
    assert.equal(value("clover_turns_total", { kind: "text" }), 1);
    for (const stage of ["nlu", "extension", "total"])
      assert.equal(value("clover_turn_stage_seconds_count", { stage }), 1, `one ${stage} time`);
    assert.ok(value("clover_turn_stage_seconds_sum", { stage: "total" }) > 0);
    assert.equal(value("clover_downchannels_open"), 1);
    // The SetIndicator above and the ExpectReportState every device gets on connecting (§13.1).
    assert.equal(value("clover_pushes_total", { delivered: "true" }), 2);
    assert.ok(value("clover_nodejs_eventloop_lag_seconds") >= 0);
    assert.ok(value("clover_dependency_seconds_count", { dependency: "redis" }) >= 1);
    assert.ok(value("clover_dependency_seconds_count", { dependency: "database" }) >= 1);
  });

  it("keeps the turn log on Redis: the API reads it with the answering node", async () => {
    const dialogRequestId = "ops-logged-dialog";
    const turn = await device.sendText("ask bakery bot when are you open", { dialogRequestId });
    assert.equal(turn.status, 200);
    const redisClient = await openRedis(redis.url);
    try {
      const clock = stopwatch();
      while ((await redisClient.llen("clover:turns")) < 2)
        assert.ok(clock.ownMs() < 3000, "the turns reached Redis");
      const stored = JSON.parse((await redisClient.lindex("clover:turns", 0))!) as {
        dialogRequestId?: string;
      };
      assert.equal(stored.dialogRequestId, dialogRequestId);
    } finally {
      redisClient.disconnect();
    }
    const listed = await fetch(
      `${server.url}/api/v1/conversations?dialogRequestId=${dialogRequestId}`,
      { headers: { authorization: `Bearer ${rig.admin}` } },
    );
    assert.equal(listed.status, 200);
    const { turns } = (await listed.json()) as { turns: Record<string, unknown>[] };
    assert.equal(turns.length, 1);
    assert.equal(turns[0]!["node"], "ops-node");
    assert.equal(turns[0]!["extensionId"], "com.example.bakery");
  });

  it("draws the device's rate limit from Redis, shared with other nodes, and counts refusals", async () => {
    const grant = await server.authority.verifyAccessToken(accessToken);
    // Another node (its own limiter on the same Redis) empties this device's bucket.
    const elsewhere = new RedisRateLimiter(
      await openRedis(redis.url),
      {
        perSecond: 2,
        burst: 1000,
      },
      "device",
    );
    for (const cost of [100, 10, 1])
      while ((await elsewhere.take(deviceKeyOf(grant!), cost)).allowed);
    await elsewhere.close();
    assert.equal(await device.ping(), 429);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    assert.ok(
      sampleOf(text, "clover_rate_limit_refusals_total", { node: "ops-node", scope: "device" }) >=
        1,
    );
    // The bucket refills (the configured 2/s): the device is let through again.
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(await device.ping(), 204);
  });

  it("is not ready while Redis is away and ready again when it is back, without a restart", async () => {
    await redis.kill();
    await server.ops.readiness.probe();
    const down = await fetch(`${server.url}/readyz`);
    assert.equal(down.status, 503);
    const body = (await down.json()) as { checks: Record<string, { ok: boolean; error?: string }> };
    assert.equal(body.checks["redis"]?.ok, false);
    assert.ok(body.checks["redis"]?.error);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200, "still alive");
    await redis.start();
    const clock = stopwatch();
    for (;;) {
      await server.ops.readiness.probe();
      if ((await fetch(`${server.url}/readyz`)).status === 200) break;
      assert.ok(clock.ownMs() < 5000, "ready again within 5 s");
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  it("drains: the turn in flight finishes, new connections are refused, then it stops", async () => {
    delayMs = 400;
    const inFlight = device.sendText("ask bakery bot when are you open");
    await ext.waitFor(ext.received.length + 1, 3000).catch(() => {});
    const drained = server.drain(5000);
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(
      new Promise((resolve, reject) => {
        const socket = connect(server.port, "127.0.0.1", () => resolve(socket.destroy()));
        socket.once("error", reject);
      }),
      /ECONNREFUSED/,
      "no new connections",
    );
    const answered = await inFlight;
    assert.equal(answered.status, 200);
    assert.ok(answered.directives.some((d) => d.header.name === "RenderText"));
    await drained;
    assert.equal(server.gateway.requestsInFlight, 0);
  });
});
