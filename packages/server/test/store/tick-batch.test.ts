// The stores' plain commands of one tick go to Redis as one script call (store/redis/batch.ts):
// what each caller gets is what the command alone would answer, in order, errors included.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Redis } from "ioredis";
import { tickBatch } from "../../src/store/redis/batch.js";
import { closeRedis, openRedis } from "../../src/store/redis/connection.js";
import { RedisRateLimiter } from "../../src/store/redis/rate-limits.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";

describe("Redis tick batch", { skip: !redisAvailable && "redis-server is not installed" }, () => {
  let redis: TestRedis;
  let connection: Redis;
  let other: Redis;
  /** Names of the commands handed to the connection (a script call is one EVALSHA). */
  const sent: string[] = [];

  before(async () => {
    redis = await startRedis();
    connection = await openRedis(redis.url);
    other = await openRedis(redis.url);
    const send = connection.sendCommand.bind(connection);
    connection.sendCommand = ((command: { name: string; args: unknown[] }, ...rest: unknown[]) => {
      sent.push(command.name);
      return (send as (...args: unknown[]) => unknown)(command, ...rest);
    }) as typeof connection.sendCommand;
  });
  after(async () => {
    await closeRedis(connection);
    await closeRedis(other);
    await redis.stop();
  });

  it("sends one tick's commands as one script call; each answers as if sent alone, in order", async () => {
    const batch = tickBatch(connection);
    assert.equal(tickBatch(connection), batch, "one batch per connection, shared by the stores");
    await other.hset("h:read", "a", "1", "b", "2");
    sent.length = 0;
    // Values as stores write them (JSON with quotes, escapes, non-ASCII): kept byte for byte.
    const odd = JSON.stringify({ text: 'say "hi"\\n', name: "café 日本", n: 1e21 });
    const results = await Promise.all([
      batch.hset("h:new", ["x", "1", "y", odd]),
      batch.set("s:new", "v", 60_000),
      batch.pexpire("h:new", 60_000),
      batch.hgetall("h:new"), // sees the HSET queued before it
      batch.hgetall("h:read"),
      batch.hgetall("h:missing"),
      batch.hget("h:read", "b"),
      batch.hget("h:read", "zz"),
      batch.get("s:new"),
      batch.get("s:missing"),
      batch.hdel("h:read", "a"),
    ]);
    assert.deepEqual(sent, ["evalsha"], "eleven commands, one script call");
    assert.deepEqual(results, [
      2,
      "OK",
      1,
      { x: "1", y: odd },
      { a: "1", b: "2" },
      {},
      "2",
      null,
      "v",
      null,
      1,
    ]);
    assert.ok((await other.pttl("s:new")) > 50_000, "SET … PX took its expiry");
    assert.ok((await other.pttl("h:new")) > 50_000, "PEXPIRE ran");
    assert.deepEqual(await other.hgetall("h:read"), { b: "2" });
  });

  it("stores a lone surrogate as U+FFFD, as a command sent alone does, failing nothing else", async () => {
    const batch = tickBatch(connection);
    const lone = "dialog-\ud800-end";
    const [, , , alone] = await Promise.all([
      batch.hset("h:lone", [`context:${lone}`, lone]),
      batch.set("s:lone", lone, 60_000),
      batch.hgetall("h:lone"),
      // The same value as its own command (not through the batch), as ioredis writes it.
      connection.set("s:lone-alone", lone).then(() => connection.get("s:lone-alone")),
    ]);
    assert.equal(alone, "dialog-\ufffd-end");
    assert.deepEqual(await batch.hgetall("h:lone"), { "context:dialog-\ufffd-end": alone });
    assert.equal(await batch.get("s:lone"), alone);
  });

  it("fails only the command Redis refuses (a wrong type), not the others of its tick", async () => {
    const batch = tickBatch(connection);
    await other.set("a:string", "x");
    const [wrong, right] = await Promise.allSettled([
      batch.hgetall("a:string"),
      batch.hset("h:fine", ["f", "v"]),
    ]);
    assert.equal(wrong.status, "rejected");
    assert.match(String((wrong as PromiseRejectedResult).reason), /WRONGTYPE/);
    assert.deepEqual(right, { status: "fulfilled", value: 1 });
    assert.equal(await other.hget("h:fine", "f"), "v");
  });

  it("sends a tick's only command as itself, and commands of later ticks in later calls", async () => {
    const batch = tickBatch(connection);
    await other.hset("h:alone", "k", "v");
    sent.length = 0;
    assert.deepEqual(await batch.hgetall("h:alone"), { k: "v" });
    assert.deepEqual(sent, ["hgetall"]);
    sent.length = 0;
    const first = batch.get("a");
    await Promise.resolve(); // a microtask later, still the same tick
    const second = batch.get("b");
    await Promise.all([first, second]);
    assert.deepEqual(sent, ["evalsha"], "both commands of the tick in one call");
    sent.length = 0;
    await batch.get("a");
    await batch.get("b");
    assert.deepEqual(sent, ["get", "get"]);
  });

  it("takes a turn's rate limits in its tick's call and skips the commands of a refused turn, whatever other turns share the call", async () => {
    // Two limiters on the connection, as the gateway's device and client buckets.
    const device = new RedisRateLimiter(
      connection,
      { burst: 1, perSecond: 1 },
      "device",
      "t:",
      false,
    );
    const client = new RedisRateLimiter(
      connection,
      { burst: 10, perSecond: 1 },
      "client",
      "t:",
      false,
    );
    const batch = tickBatch(connection);
    const now = Date.now();
    const turn = (id: string) =>
      device.takeBefore(
        [
          { limiter: device, key: id },
          { limiter: client, key: "the-client" },
        ],
        now,
        () => [batch.hset(`t:ctx:${id}`, ["n", "1"]), batch.set(`t:dialog:${id}`, "d", 60_000)],
      )!;
    await Promise.all(turn("spent").result); // its one token
    sent.length = 0;
    const refused = turn("spent");
    const allowed = turn("fresh");
    const alone = batch.hset("t:ctx:other", ["n", "1"]); // no turn's: not gated
    assert.deepEqual(await refused.refused, { index: 0, retryAfterMs: 1000 });
    assert.equal(await allowed.refused, null);
    assert.deepEqual(sent, ["evalsha"], "two turns' takes and commands in one call");
    for (const skipped of await Promise.allSettled(refused.result)) {
      assert.equal(skipped.status, "rejected");
      assert.match(String((skipped as PromiseRejectedResult).reason), /refused by its rate limits/);
    }
    assert.deepEqual(await Promise.all(allowed.result), [1, "OK"]);
    assert.equal(await alone, 1);
    assert.equal(await other.exists("t:ctx:fresh", "t:dialog:fresh", "t:ctx:other"), 3);
    await other.del("t:ctx:spent", "t:dialog:spent");
    await Promise.all(turn("spent").result.map((p) => p.catch(() => {})));
    assert.equal(
      await other.exists("t:ctx:spent", "t:dialog:spent"),
      0,
      "a refused turn writes nothing",
    );
    // The client's bucket gave a token to each allowed turn only (10 - 2), none to a refusal
    // (every take here at one instant: no refill).
    assert.equal(Number(await other.hget("t:rate:client:the-client", "tokens")), 8);
  });

  it("sends its script again when Redis has lost it, and values larger than its scratch", async () => {
    const batch = tickBatch(connection);
    await other.script("FLUSH"); // as after a restart: the SHA answers NOSCRIPT
    const big = "é".repeat(40_000); // 80,000 bytes, more than the node's first scratch
    assert.deepEqual(
      await Promise.all([batch.hset("h:big", ["v", big]), batch.hget("h:big", "v")]),
      [1, big],
    );
    assert.deepEqual(
      await Promise.all([batch.set("s:after", "w", 60_000), batch.get("s:after")]),
      ["OK", "w"],
      "and the next call finds it again",
    );
  });

  it("fails every command of a tick at once while Redis is away", async () => {
    const batch = tickBatch(connection);
    await redis.kill();
    try {
      const results = await Promise.allSettled([batch.get("a"), batch.hgetall("h:new")]);
      for (const result of results) assert.equal(result.status, "rejected");
    } finally {
      await redis.start();
    }
  });
});
