// One suite for every DirectiveBus: in process (one node) and on Redis (three nodes, each with
// its own connections). A push from any node reaches the node holding the device's downchannel,
// exactly once; a device without a downchannel is reported as such.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type DirectiveBus,
  InProcessDirectiveBus,
  type PushedAttachment,
} from "../../src/cic/bus.js";
import { type CicDirective, createDirective } from "../../src/cic/multipart-writer.js";
import { RedisDirectiveBus } from "../../src/store/redis/bus.js";
import { openRedis } from "../../src/store/redis/connection.js";
import { describeWait, stopwatch } from "../helpers/cpu-wait.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";

const directive = (n: number) => createDirective("Notifier", "SetIndicator", { n });
const unique = () => `client:${Math.random().toString(36).slice(2)}`;

function collector() {
  const received: CicDirective[] = [];
  const attachments: (PushedAttachment | undefined)[] = [];
  return {
    received,
    attachments,
    listener: (d: CicDirective, a?: PushedAttachment) => {
      received.push(d);
      attachments.push(a);
    },
  };
}

function busSuite(name: string, nodes: () => Promise<DirectiveBus[]>, skip?: string) {
  describe(`DirectiveBus: ${name}`, { skip }, () => {
    let buses: DirectiveBus[];
    before(async () => {
      buses = await nodes();
    });
    after(async () => {
      for (const bus of new Set(buses ?? [])) await bus.close();
    });

    it("delivers a push from every node to the one holding the downchannel, once each", async () => {
      const [a, b, c] = buses as [DirectiveBus, DirectiveBus, DirectiveBus];
      const device = unique();
      const held = collector();
      const unsubscribe = a.subscribe(device, held.listener);
      await new Promise((r) => setTimeout(r, 20)); // the directory entry is written
      assert.ok(await a.locate(device));
      assert.equal(await a.publish(device, directive(1)), true);
      assert.equal(await b.publish(device, directive(2)), true);
      assert.equal(await c.publish(device, directive(3)), true);
      assert.deepEqual(
        held.received.map((d) => d.payload["n"]).sort(),
        [1, 2, 3],
        "each push arrives exactly once",
      );
      // A pushed Speak carries its audio along, byte for byte.
      const audio = Buffer.from([0xff, 0xfb, 0x90, 0x00, 0x01, 0x02]);
      assert.equal(
        await c.publish(device, directive(5), { contentId: "speech-1", body: audio }),
        true,
      );
      assert.equal(held.attachments.at(-1)?.contentId, "speech-1");
      assert.deepEqual(held.attachments.at(-1)?.body, audio);
      unsubscribe();
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(await c.publish(device, directive(4)), false, "no downchannel any more");
      assert.equal(await b.locate(device), undefined);
      assert.equal(held.received.length, 4);
    });

    it("reports a device without a downchannel", async () => {
      assert.equal(await buses[2]!.publish(unique(), directive(0)), false);
    });

    it("follows the device to its newest downchannel", async () => {
      const [a, b, c] = buses as [DirectiveBus, DirectiveBus, DirectiveBus];
      const device = unique();
      const first = collector();
      const second = collector();
      const leaveFirst = a.subscribe(device, first.listener);
      await new Promise((r) => setTimeout(r, 20));
      const leaveSecond = b.subscribe(device, second.listener);
      await new Promise((r) => setTimeout(r, 20));
      leaveFirst(); // the old stream closes after the new one opened
      await new Promise((r) => setTimeout(r, 20));
      assert.equal(await c.publish(device, directive(7)), true);
      assert.equal(second.received.length, 1);
      assert.equal(first.received.length, 0);
      leaveSecond();
    });
  });
}

busSuite("in process", async () => {
  const bus = new InProcessDirectiveBus();
  return [bus, bus, bus];
});

let redis: TestRedis | undefined;
const redisNode = async (url: string, nodeId: string, extra = {}) => {
  const bus = new RedisDirectiveBus(await openRedis(url), await openRedis(url), {
    nodeId,
    ...extra,
  });
  await bus.start();
  return bus;
};
const skip = redisAvailable ? undefined : "redis-server is not installed";
busSuite(
  "Redis",
  async () => {
    redis = await startRedis();
    const url = redis.url;
    return Promise.all(["a", "b", "c"].map((id) => redisNode(url, `node-${id}`)));
  },
  skip,
);

describe("DirectiveBus on Redis: failures", { skip }, () => {
  it("answers false at once for a device whose node died, and restores entries after Redis lost them", async () => {
    const url = redis!.url;
    const a = await redisNode(url, "dying", { heartbeatMs: 50 });
    const b = await redisNode(url, "survivor", { heartbeatMs: 50 });
    const device = unique();
    const held = collector();
    b.subscribe(device, held.listener);
    // Redis forgets everything (restart without persistence): the heartbeat writes it back.
    const admin = await openRedis(url);
    await admin.flushall();
    assert.equal(await a.locate(device), undefined);
    // Written back by the next heartbeat (every 50 ms): waited for, as a loaded machine may
    // run the timer late.
    while ((await a.locate(device)) === undefined) await new Promise((r) => setTimeout(r, 20));
    assert.equal(await a.locate(device), "survivor");
    assert.equal(await a.publish(device, directive(1)), true);
    // The holder dies without releasing: its channel has no listener, the push fails fast.
    const watch = stopwatch();
    (b as unknown as { subscriber: { disconnect(): void } }).subscriber.disconnect();
    clearInterval((b as unknown as { heartbeat: NodeJS.Timeout }).heartbeat);
    assert.equal(await a.publish(device, directive(2)), false);
    // Not the acknowledgement timeout (the CPU wait of a loaded machine is not counted).
    assert.ok(
      watch.ownMs() < 500,
      `no wait for the acknowledgement timeout: ${describeWait(watch.elapsedMs(), watch.waitedMs())}`,
    );
    assert.equal(held.received.length, 1);
    await admin.quit();
    await a.close();
    await b.close();
  });
});
after(async () => redis?.stop());
