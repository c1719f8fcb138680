// How long a text turn waits on Redis, counted with a real node, a real device and a real
// redis-server behind a TCP proxy that holds every answer from Redis for DELAY ms: a turn slows
// down by DELAY per round trip it waits for (requests sent together share one). The reads at
// the turn's start and its writes travel together (docs/scale-out.md "One turn on Redis"), and
// a session the answer depends on is in Redis before the device has the answer. The proxy
// also reads the commands: the writes and reads of a turn's start go as one script call.
import assert from "node:assert/strict";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import { DeviceClient, logIn } from "@clover/device";
import { deviceKeyOf } from "../../src/cic/device-key.js";
import type { CloverServer } from "../../src/main.js";
import { closeRedis, openRedis } from "../../src/store/redis/connection.js";
import { RedisRateLimiter } from "../../src/store/redis/rate-limits.js";
import { RedisSessionStore } from "../../src/store/redis/sessions.js";
import { answer, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { tempDir } from "../helpers/platform.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";
import { startCloverOver } from "../robustness/protocols.js";

/** The most round trips a text turn to an extension may wait for on Redis. */
const MAX_ROUND_TRIPS = 1;
/**
 * The most commands a text turn may send Redis: one script call for its rate limits and the
 * writes and reads at its start, and its turn-log batch (one per turn at most, as the turns
 * here are one at a time); sent one by one they were nine or ten. The newest-dialog check asks
 * nothing of Redis.
 */
const MAX_COMMANDS = 2;
// Large against a busy machine's timer lateness (each held answer is one timer; a few tens of
// ms late each at a load average of 20), small against the 1 s command deadline.
const DELAY = 450;
const ADMIN = "admin-round-trips";

/**
 * The names of the commands in RESP sent to Redis (arrays of bulk strings), appended to `into`
 * as complete commands arrive, whatever the chunks.
 */
function commandNames(into: string[]) {
  let pending = Buffer.alloc(0);
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      let at = 0;
      const line = () => {
        const end = pending.indexOf("\r\n", at);
        if (end < 0) return undefined;
        const text = pending.toString("latin1", at, end);
        at = end + 2;
        return text;
      };
      const head = line();
      if (head === undefined) return;
      const parts: string[] = [];
      for (let i = 0; i < Number(head.slice(1)); i++) {
        const size = line();
        if (size === undefined || pending.length < at + Number(size.slice(1)) + 2) return;
        parts.push(pending.toString("latin1", at, at + Number(size.slice(1))));
        at += Number(size.slice(1)) + 2;
      }
      into.push(parts[0]!.toLowerCase());
      pending = pending.subarray(at);
    }
  };
}

/**
 * A TCP proxy to Redis holding each chunk Redis answers for `delay.ms` (in order), and noting
 * the name of every command sent through it in `sent`.
 */
async function delayingProxy(port: number, delay: { ms: number }, sent: string[] = []) {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection({ port, host: "127.0.0.1" });
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    client.on("data", commandNames(sent));
    // In order, even when the delay changes: a chunk never overtakes one held before it (ioredis
    // pairs answers with commands by their order).
    const held: { at: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | undefined;
    const release = () => {
      timer = undefined;
      while (held.length > 0 && held[0]!.at <= performance.now())
        if (client.writable) client.write(held.shift()!.chunk);
        else held.shift();
      if (held.length > 0)
        timer = setTimeout(release, Math.max(0, held[0]!.at - performance.now()));
    };
    upstream.on("data", (chunk: Buffer) => {
      held.push({ at: performance.now() + delay.ms, chunk });
      if (!timer) release();
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `redis://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("Redis round trips of a text turn", {
  skip: !redisAvailable && "redis-server is not installed",
  timeout: 60_000,
}, () => {
  let redis: TestRedis;
  let proxy: Awaited<ReturnType<typeof delayingProxy>>;
  let node: CloverServer;
  let ext: TestExtension;
  let device: DeviceClient;
  let deviceKey: string;
  const delay = { ms: 0 };
  /** Commands sent to Redis by the node, by name. */
  const sent: string[] = [];
  const dir = tempDir("clover-round-trips-");

  before(async () => {
    redis = await startRedis();
    proxy = await delayingProxy(redis.port, delay, sent);
    // Opening hours end the dialog; a launch keeps it open (a session in Redis).
    ext = await startExtension((request) =>
      request.request.intent?.name === "StoreHours"
        ? { body: answer("We open at seven.") }
        : { body: answer("Bakery here. Ask me anything.", { end: false, attributes: { n: 1 } }) },
    );
    node = await startCloverOver(undefined, dir, ADMIN, {
      CLOVER_EXTENSION_NETWORKS: "loopback",
      CLOVER_EXAMPLES: "off",
      REDIS_URL: proxy.url,
      CLOVER_BEHIND_LOAD_BALANCER: "true",
    });
    const call = async (path: string, body: unknown) =>
      (await (
        await fetch(`${node.url}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as Record<string, string>;
    await call("/api/v1/extensions", {
      id: "com.example.bakery",
      displayName: "Bakery",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en") },
    });
    const client = await call("/api/v1/device-clients", { name: "round trips" });
    const tokens = await logIn({
      url: node.url,
      clientId: client["clientId"]!,
      clientSecret: client["clientSecret"]!,
      deviceId: "rt-1",
      modelId: "RT-1",
    });
    device = new DeviceClient({ url: node.url, accessToken: tokens.access_token });
    deviceKey = deviceKeyOf((await node.authority.verifyAccessToken(tokens.access_token))!);
    await device.openDownchannel();
  });

  after(async () => {
    device?.close();
    await node?.close();
    await ext?.close();
    await proxy?.close();
    await redis?.stop();
  });

  const context = [
    { header: { namespace: "Device", name: "Display" }, payload: { size: "none" } },
    { header: { namespace: "Speaker", name: "VolumeState" }, payload: { volume: 5, muted: false } },
  ];
  /** Quickest of `times` one-shot turns ("when are you open": the extension ends the dialog);
   * the quickest, since a busy machine only ever adds time. */
  const oneShot = async (times: number) => {
    const took: number[] = [];
    for (let i = 0; i < times; i++) {
      const started = performance.now();
      const response = await device.sendText("ask bakery bot when are you open", { context });
      took.push(performance.now() - started);
      assert.equal(response.status, 200);
      assert.ok(JSON.stringify(response.directives).includes("We open at seven."));
    }
    return Math.min(...took);
  };

  it(`waits for at most ${MAX_ROUND_TRIPS} round trip to Redis (rate limits, context, newest dialog, side memory, device record and session together)`, async () => {
    delay.ms = 0;
    await oneShot(2); // warm
    const quick = await oneShot(3);
    delay.ms = DELAY;
    const slow = await oneShot(2);
    delay.ms = 0;
    const roundTrips = Math.round((slow - quick) / DELAY);
    assert.ok(
      roundTrips >= 1,
      `the proxy delays Redis (${quick.toFixed(0)} → ${slow.toFixed(0)} ms)`,
    );
    assert.ok(
      roundTrips <= MAX_ROUND_TRIPS,
      `a turn waited for ${roundTrips} round trips (${quick.toFixed(0)} ms → ${slow.toFixed(0)} ms with ${DELAY} ms each)`,
    );
  });

  it(`sends Redis at most ${MAX_COMMANDS} commands per text turn (its writes and reads at the start in one script call)`, async () => {
    delay.ms = 0;
    await oneShot(2); // warm
    const turns = 5;
    sent.length = 0;
    await oneShot(turns);
    // The turn log's last batch leaves at most 10 ms after the last turn.
    await new Promise((resolve) => setTimeout(resolve, 100));
    // What the node does whatever the devices do: session sweeps, directory heartbeats, probes.
    const background = new Set(["zrangebyscore", "ping", "info"]);
    const ofTurns = sent.filter((name) => !background.has(name));
    const plain = ofTurns.filter((name) => name !== "evalsha" && name !== "eval");
    assert.ok(
      ofTurns.length <= MAX_COMMANDS * turns + 1, // + one directory heartbeat, if one fell here
      `${turns} turns sent ${ofTurns.length} commands: ${ofTurns.join(" ")}`,
    );
    assert.deepEqual(plain, [], `a turn sends no plain command: ${ofTurns.join(" ")}`);
  });

  /** Another node's device limiter on the same Redis, to empty this device's bucket with. */
  const otherNodesLimiter = (direct: Awaited<ReturnType<typeof openRedis>>) =>
    new RedisRateLimiter(direct, { perSecond: 20, burst: 100 }, "device", undefined, false);

  /**
   * Empties this device's bucket as of 10 s from now, so it gives no token back before then
   * (at 20 per second, one would come back 50 ms after an emptying at the present, which a
   * loaded machine can let pass before the turn takes its token).
   */
  const emptied = async (elsewhere: RedisRateLimiter) => {
    const later = Date.now() + 10_000;
    for (const cost of [100, 10, 1]) while ((await elsewhere.take(deviceKey, cost, later)).allowed);
  };

  it("answers 429 to a text event over its device's limit, taken in the turn's script call, and writes nothing of it", async () => {
    delay.ms = 0;
    const direct = await openRedis(redis.url);
    const elsewhere = otherNodesLimiter(direct);
    try {
      await oneShot(1);
      // The turn log's batch of that turn leaves within 50 ms.
      await new Promise((resolve) => setTimeout(resolve, 120));
      const dialogBefore = await direct.get(`clover:dialog:${deviceKey}`);
      const volumeBefore = await direct.hget(
        `clover:device:${deviceKey}`,
        "context:Speaker.VolumeState",
      );
      await emptied(elsewhere);
      sent.length = 0;
      const refused = await device.sendText("ask bakery bot when are you open", {
        dialogRequestId: "refused-dialog",
        context: [
          {
            header: { namespace: "Speaker", name: "VolumeState" },
            payload: { volume: 9, muted: true },
          },
        ],
      });
      assert.equal(refused.status, 429);
      assert.equal(refused.directives[0]?.header.name, "Exception");
      assert.equal(refused.directives[0]?.payload["code"], 429);
      assert.match(
        String(refused.directives[0]?.payload["description"]),
        /^rate limit exceeded for this device; retry in \d+ ms$/,
      );
      assert.deepEqual(
        sent.filter((name) => name === "evalsha").length,
        1,
        `one script call: ${sent.join(" ")}`,
      );
      assert.equal(
        await direct.get(`clover:dialog:${deviceKey}`),
        dialogBefore,
        "no newest dialog written",
      );
      assert.equal(
        await direct.hget(`clover:device:${deviceKey}`, "context:Speaker.VolumeState"),
        volumeBefore,
        "no context written",
      );
    } finally {
      await direct.del(`clover:rate:device:${deviceKey}`);
      await closeRedis(direct);
    }
  });

  it("keeps an answer in flight when a newer dialog of the device is refused: a refused dialog replaces nothing, as on a node in memory", async () => {
    delay.ms = 0;
    const direct = await openRedis(redis.url);
    const elsewhere = otherNodesLimiter(direct);
    const normal = ext.respond;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    ext.respond = async (request, received) => {
      await held;
      return normal(request, received);
    };
    const from = ext.received.length;
    try {
      const first = device.sendText("ask bakery bot when are you open", { context });
      await ext.waitForRequest((body) => body.request.type === "IntentRequest", from);
      await emptied(elsewhere);
      const refused = await device.sendText("ask bakery bot when are you open", {
        context,
        dialogRequestId: "refused-while-held",
      });
      assert.equal(refused.status, 429);
      release();
      const answered = await first;
      assert.equal(answered.status, 200);
      assert.ok(
        JSON.stringify(answered.directives).includes("We open at seven."),
        `the answer in flight was not dropped: ${answered.status} ${JSON.stringify(answered.directives)}`,
      );
    } finally {
      release();
      ext.respond = normal;
      await direct.del(`clover:rate:device:${deviceKey}`);
      await closeRedis(direct);
    }
  });

  it("uses a session read ahead only if no turn of the device ran since: a turn sent while the launch is in flight continues its session", async () => {
    delay.ms = 0;
    const direct = await openRedis(redis.url);
    const normal = ext.respond;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The launch is answered once the second turn has been read ahead (below).
    ext.respond = async (request, received) => {
      if (request.request.type === "LaunchRequest") await held;
      return normal(request, received);
    };
    const from = ext.received.length;
    try {
      const launch = device.sendText("open bakery bot", { context });
      await ext.waitForRequest((body) => body.request.type === "LaunchRequest", from);
      const second = `second-${Date.now()}`;
      const asked = device.sendText("when are you open", { context, dialogRequestId: second });
      // The newest dialog is written in the same tick as the read ahead of the session: once
      // Redis has it, the read ahead (no session yet) is on its way, before the launch's write.
      while ((await direct.get(`clover:dialog:${deviceKey}`)) !== second)
        await new Promise((resolve) => setTimeout(resolve, 5));
      release();
      const answered = await asked;
      await launch; // superseded by the second dialog (cic.md §7.3)
      assert.equal(answered.status, 200);
      assert.ok(
        JSON.stringify(answered.directives).includes("We open at seven."),
        `the second turn continued the session the launch opened: ${JSON.stringify(answered.directives)}`,
      );
      const inSession = ext.received
        .slice(from)
        .find((r) => r.body.request.type === "IntentRequest");
      assert.equal(inSession?.body.session.new, false);
    } finally {
      release();
      ext.respond = normal;
      await closeRedis(direct);
    }
  });

  it("has the session in Redis before the device gets the answer that opened it", async () => {
    delay.ms = DELAY; // a write left behind the answer would still be on its way
    const direct = await openRedis(redis.url);
    const sessions = new RedisSessionStore(direct, undefined, false);
    try {
      const response = await device.sendText("open bakery bot", { context });
      assert.equal(response.status, 200);
      const session = await sessions.get(deviceKey);
      assert.ok(session, "another node reading Redis right after the answer finds the session");
      assert.deepEqual(session.sessionAttributes, { n: 1 });
      assert.equal(session.extensionId, "com.example.bakery");
    } finally {
      delay.ms = 0;
      await closeRedis(direct);
    }
  });
});
