// One suite for the newest dialog of a device (cic.md §7.3) on every DeviceStateStore: two
// nodes, A and B (in memory one store plays both; on Redis two backends as openRedisBackend
// wires them, each with its bus). A dialog started on B supersedes the older one started on A,
// and A knows it without asking Redis (docs/scale-out.md "The newest dialog").
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pino from "pino";
import { type DeviceStateStore, MemoryDeviceStateStore } from "../../src/cic/device-state.js";
import { openRedisBackend, type RedisBackend } from "../../src/store/redis/index.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";

const unique = () => `client:${Math.random().toString(36).slice(2)}`;

/** Polls `check` until it holds, for at most `ms` of this process's time. */
async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = performance.now() + ms;
  while (!check()) {
    assert.ok(performance.now() < until, `not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function newestDialogSuite(
  name: string,
  nodes: () => Promise<{ a: DeviceStateStore; b: DeviceStateStore; close(): Promise<void> }>,
  skip?: string,
) {
  describe(`newest dialog: ${name}`, { skip }, () => {
    let a: DeviceStateStore;
    let b: DeviceStateStore;
    let close: () => Promise<void>;
    before(async () => {
      ({ a, b, close } = await nodes());
    });
    after(() => close?.());

    it("supersedes an older dialog started on the same node once the newer one is stored", async () => {
      const device = unique();
      await a.startDialog(device, "d-1");
      assert.equal(a.superseded(device, "d-1"), false);
      await a.startDialog(device, "d-2");
      assert.equal(a.superseded(device, "d-1"), true, "known without asking the store");
      assert.equal(a.superseded(device, "d-2"), false);
      assert.equal(a.superseded(unique(), "d-9"), true, "a dialog never started is not current");
    });

    it("tells the node of the older dialog when another node starts a newer one", async () => {
      const device = unique();
      await a.startDialog(device, "d-old");
      assert.equal(a.superseded(device, "d-old"), false);
      await b.startDialog(device, "d-new");
      assert.equal(b.superseded(device, "d-new"), false);
      await eventually(() => a.superseded(device, "d-old"), "A learns that d-old was replaced");
      // And back: A's newest replaces B's.
      await a.startDialog(device, "d-newer");
      await eventually(() => b.superseded(device, "d-new"), "B learns that d-new was replaced");
      assert.equal(a.superseded(device, "d-newer"), false);
    });

    it("leaves a node's newer dialog alone when an older one it started is replaced", async () => {
      const device = unique();
      await a.startDialog(device, "d-1");
      await b.startDialog(device, "d-2");
      await a.startDialog(device, "d-3");
      await eventually(() => b.superseded(device, "d-2"), "B learns that d-2 was replaced");
      await new Promise((resolve) => setTimeout(resolve, 50)); // any late message has come
      assert.equal(a.superseded(device, "d-3"), false);
    });
  });
}

newestDialogSuite("in memory", async () => {
  const store = new MemoryDeviceStateStore();
  return { a: store, b: store, close: () => store.close() };
});

let redis: TestRedis | undefined;
newestDialogSuite(
  "Redis",
  async () => {
    redis = await startRedis();
    const log = pino({ level: "silent" });
    const backends: RedisBackend[] = [];
    for (const id of ["node-a", "node-b"])
      backends.push(await openRedisBackend(redis.url, id, log));
    const [a, b] = backends as [RedisBackend, RedisBackend];
    return {
      a: a.deviceStates,
      b: b.deviceStates,
      close: async () => {
        for (const backend of backends) {
          await backend.bus.close();
          await backend.close();
        }
        await redis?.stop();
      },
    };
  },
  redisAvailable ? undefined : "redis-server is not installed",
);
