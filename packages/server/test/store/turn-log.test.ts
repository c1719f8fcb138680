// One suite for every TurnLog: in memory and on Redis, where three nodes write one log that
// each of them reads (the console sees every node's turns). Caps hold in total, per device,
// per user and per extension; a chatty device cannot push a quiet one's turns out.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  DIALOG_INDEX_MS,
  type LoggedTurn,
  MemoryTurnLog,
  type TurnLog,
  type TurnLogLimits,
} from "../../src/insight/conversation-log.js";
import { openRedis } from "../../src/store/redis/connection.js";
import { RedisTurnLog } from "../../src/store/redis/turn-log.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";

const LIMITS: TurnLogLimits = { total: 20, perDevice: 5, perUser: 8, perExtension: 6 };

let serial = 0;
function entry(overrides: Partial<LoggedTurn> = {}): Omit<LoggedTurn, "id"> {
  serial++;
  return {
    at: new Date().toISOString(),
    deviceKey: `c|${overrides.deviceId ?? "d"}|${overrides.userId ?? "u"}`,
    clientId: "c",
    deviceId: "d",
    userId: "u",
    kind: "text",
    input: `utterance ${serial}`,
    speech: "answer",
    expectSpeech: false,
    durationMs: 3,
    ...overrides,
  };
}

/** Records `e` on `log`: the turn as the log gives it back, with the id it was given. */
async function recorded(log: TurnLog, e: Omit<LoggedTurn, "id">): Promise<LoggedTurn> {
  return { id: await log.record(e), ...e };
}

function turnLogSuite(name: string, nodes: () => Promise<TurnLog[]>, skip?: string) {
  describe(`TurnLog: ${name}`, { skip }, () => {
    let logs: TurnLog[];
    const unique = (p: string) => `${p}-${Math.random().toString(36).slice(2)}`;
    before(async () => {
      logs = await nodes();
    });
    after(async () => {
      for (const log of new Set(logs ?? [])) await log.close();
    });

    it("lists newest first, filtered, whichever node wrote or reads", async () => {
      const deviceId = unique("dev");
      const userId = unique("user");
      const written: LoggedTurn[] = [];
      for (let i = 0; i < 3; i++)
        written.push(
          await recorded(
            logs[i % logs.length]!,
            entry({ deviceId, userId, dialogRequestId: `dlg-${deviceId}-${i}` }),
          ),
        );
      assert.ok(written[1]!.id > written[0]!.id && written[2]!.id > written[1]!.id, "ids grow");
      for (const log of logs) {
        const listed = await log.list({ deviceId });
        assert.deepEqual(
          listed.map((t) => t.input),
          written.map((t) => t.input).reverse(),
        );
        assert.deepEqual(await log.list({ userId }), listed);
        const one = await log.list({ dialogRequestId: `dlg-${deviceId}-1` });
        assert.equal(one.length, 1);
        assert.equal(one[0]!.id, written[1]!.id);
        assert.equal((await log.list({ deviceId, limit: 2 })).length, 2);
        assert.deepEqual(await log.list({ deviceId, extensionId: "none" }), []);
      }
    });

    it("gives a turn back as recorded: quotes, escapes and non-ASCII text included", async () => {
      const deviceId = unique("text-dev");
      const text = 'say "hi" \\ then\nnext line — café 日本語 한국어 😀';
      const turn = await recorded(logs[0]!, entry({ deviceId, input: text, speech: text }));
      for (const log of logs) assert.deepEqual(await log.list({ deviceId }), [turn]);
    });

    it("caps each list: a device's own turns outlive a busy log", async () => {
      const quiet = unique("quiet");
      const busy = unique("busy");
      const user = unique("user");
      await logs[0]!.record(entry({ deviceId: quiet, userId: unique("u"), input: "quiet one" }));
      for (let i = 0; i < LIMITS.total + 5; i++)
        await logs[i % logs.length]!.record(entry({ deviceId: busy, userId: user }));
      const all = await logs[1]!.list({ limit: 1000 });
      assert.equal(all.length, LIMITS.total, "total cap");
      assert.ok(!all.some((t) => t.deviceId === quiet), "the quiet turn left the total list");
      const own = await logs[2]!.list({ deviceId: quiet });
      assert.deepEqual(
        own.map((t) => t.input),
        ["quiet one"],
        "but stays in its device's list",
      );
      assert.equal((await logs[0]!.list({ deviceId: busy, limit: 1000 })).length, LIMITS.perDevice);
      assert.equal((await logs[0]!.list({ userId: user, limit: 1000 })).length, LIMITS.perUser);
    });

    it("keeps the order and the caps of turns recorded at once by several nodes", async () => {
      const deviceId = unique("burst");
      const userId = unique("user");
      // 3 × 12 turns sent without waiting (on Redis: batches of several turns per node).
      const written = await Promise.all(
        Array.from({ length: 36 }, (_, i) =>
          recorded(logs[i % logs.length]!, entry({ deviceId, userId, input: `burst ${i}` })),
        ),
      );
      assert.equal(new Set(written.map((t) => t.id)).size, written.length, "distinct ids");
      for (let node = 0; node < logs.length; node++) {
        const own = written.filter((_, i) => i % logs.length === node).map((t) => t.id);
        assert.deepEqual(
          own,
          [...own].sort((a, b) => a - b),
          "one node's turns get growing ids in the order they were recorded",
        );
      }
      const newest = [...written].sort((a, b) => b.id - a.id);
      for (const log of logs) {
        const listed = await log.list({ deviceId, limit: 1000 });
        assert.deepEqual(
          listed.map((t) => t.input),
          newest.slice(0, LIMITS.perDevice).map((t) => t.input),
          "the device's newest turns, newest first",
        );
        assert.deepEqual(
          (await log.list({ userId, limit: 1000 })).map((t) => t.id),
          newest.slice(0, LIMITS.perUser).map((t) => t.id),
        );
        assert.equal((await log.list({ limit: 1000 })).length, LIMITS.total);
      }
    });

    it("finds a dialog's turns through its device, after they left the all-turns list", async () => {
      const deviceId = unique("dlg-dev");
      const dialogRequestId = unique("dialog");
      const first = await recorded(logs[0]!, entry({ deviceId, dialogRequestId, input: "first" }));
      const again = await recorded(logs[1]!, entry({ deviceId, dialogRequestId, input: "again" }));
      // Turns of other devices without a dialog (events): the all-turns list moves on.
      for (let i = 0; i < LIMITS.total + 2; i++)
        await logs[i % logs.length]!.record(entry({ deviceId: unique("busy") }));
      for (const log of logs) {
        assert.ok(
          !(await log.list({ limit: 1000 })).some((t) => t.deviceId === deviceId),
          "no longer in the all-turns list",
        );
        assert.deepEqual(
          (await log.list({ dialogRequestId })).map((t) => t.id),
          [again.id, first.id],
        );
        assert.deepEqual(
          (await log.list({ dialogRequestId, deviceId })).map((t) => t.input),
          ["again", "first"],
        );
        assert.deepEqual(await log.list({ dialogRequestId, deviceId: "someone else" }), []);
      }
      // An unknown dialog: the all-turns list (nothing found).
      assert.deepEqual(await logs[2]!.list({ dialogRequestId: unique("never") }), []);
    });

    it("gives back the result's CEK exchange as the entry's", async () => {
      const deviceId = unique("exchange");
      const exchange = { request: { version: "1.0" }, response: { ok: true }, durationMs: 4 };
      const result = {
        speech: [],
        directives: [],
        expectSpeech: false,
        exchange,
      } as unknown as NonNullable<LoggedTurn["result"]>;
      await logs[0]!.record(entry({ deviceId, exchange, result }));
      for (const log of logs) {
        const [turn] = await log.list({ deviceId });
        assert.deepEqual(turn!.exchange, exchange);
        assert.deepEqual(turn!.result?.exchange, exchange, "the result's exchange is there too");
      }
    });

    it("computes an extension's health over its own capped list", async () => {
      const extensionId = unique("ext");
      const exchange = (ms: number, error?: string) => ({
        request: {},
        response: {},
        durationMs: ms,
        ...(error ? { error } : {}),
      });
      for (let i = 1; i <= 8; i++)
        await logs[i % logs.length]!.record(
          entry({
            deviceId: unique("d"),
            extensionId,
            exchange: exchange(i * 10, i === 7 ? "timeout: no answer in 5000 ms" : undefined),
          }),
        );
      for (const log of logs) {
        const health = await log.health(extensionId);
        assert.equal(health.calls, LIMITS.perExtension, "the newest six calls");
        assert.equal(health.errors, 1);
        assert.equal(health.lastError, "timeout: no answer in 5000 ms");
        assert.equal(health.p50Ms, 60);
        assert.equal(health.p99Ms, 80);
      }
      const none = await logs[0]!.health(unique("ext"));
      assert.equal(none.calls, 0);
      assert.equal(none.errorRate, 0);
    });
  });
}

turnLogSuite("memory", async () => {
  const log = new MemoryTurnLog(LIMITS);
  return [log, log, log];
});

let redis: TestRedis | undefined;
turnLogSuite(
  "Redis",
  async () => {
    redis = await startRedis();
    const url = redis.url;
    return Promise.all([0, 1, 2].map(async () => new RedisTurnLog(await openRedis(url), LIMITS)));
  },
  redisAvailable ? undefined : "redis-server is not installed",
);

describe("TurnLog on Redis while Redis is away", {
  skip: !redisAvailable && "redis-server is not installed",
}, () => {
  it("refuses reads with a 503 naming Redis, and works again once it is back", async () => {
    const own = await startRedis();
    const log = new RedisTurnLog(await openRedis(own.url), LIMITS);
    try {
      await log.record(entry({ deviceId: "before" }));
      await own.kill();
      await assert.rejects(
        log.list({ deviceId: "before" }),
        (error: Error & { status?: number }) => {
          assert.equal(error.status, 503);
          assert.match(error.message, /Redis/);
          return true;
        },
      );
      await assert.rejects(log.record(entry()));
      await own.start();
      const deadline = Date.now() + 5000;
      for (;;) {
        try {
          await log.record(entry({ deviceId: "after" }));
          break;
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      assert.equal((await log.list({ deviceId: "after" })).length, 1);
    } finally {
      await log.close();
      await own.stop();
    }
  });
});
describe("TurnLog on Redis: what a dialog costs", {
  skip: !redisAvailable && "redis-server is not installed",
}, () => {
  it("one small key naming its device, kept DIALOG_INDEX_MS; the lists a week", async () => {
    const own = await startRedis();
    const connection = await openRedis(own.url);
    const log = new RedisTurnLog(connection, LIMITS);
    try {
      await log.record(entry({ deviceId: "ttl-dev", dialogRequestId: "ttl-dialog" }));
      assert.equal(await connection.get("clover:turns:dialog:ttl-dialog"), "ttl-dev");
      const dialogTtl = await connection.pttl("clover:turns:dialog:ttl-dialog");
      const deviceTtl = await connection.pttl("clover:turns:device:ttl-dev");
      assert.ok(dialogTtl > 0 && dialogTtl <= DIALOG_INDEX_MS, `dialog key ${dialogTtl} ms`);
      assert.ok(deviceTtl > DIALOG_INDEX_MS, `device list ${deviceTtl} ms`);
      // Once the key is gone, a read by dialogRequestId alone scans the all-turns list.
      await connection.del("clover:turns:dialog:ttl-dialog");
      assert.equal((await log.list({ dialogRequestId: "ttl-dialog" })).length, 1);
    } finally {
      await log.close();
      await own.stop();
    }
  });
});

after(async () => redis?.stop());
