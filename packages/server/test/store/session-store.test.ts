// One suite for every SessionStore: in memory (one node) and on Redis (several nodes, each
// with its own connection to one server). The rules: expiry order, "ended exactly once",
// sweep claims that one node wins and that lapse when the claimer dies.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openRedis } from "../../src/store/redis/connection.js";
import { RedisSessionStore } from "../../src/store/redis/sessions.js";
import {
  type DialogSession,
  MemorySessionStore,
  type SessionStore,
} from "../../src/store/sessions.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";

function session(key: string, sessionId: string, expiresAt: number): DialogSession {
  return {
    key,
    clientId: "c-1",
    userId: `u-${key}`,
    deviceId: `d-${key}`,
    extensionId: "com.example.dice",
    sessionId,
    language: "en",
    device: {
      clientId: "c-1",
      deviceId: `d-${key}`,
      userId: `u-${key}`,
      language: "en",
      locale: "en-US",
      display: { size: "none" },
    },
    sessionAttributes: { count: 3, nested: { list: [1, "two"] } },
    reprompt: [{ type: "PlainText", lang: "en", value: "Still there?" }],
    repromptUsed: false,
    expiresAt,
  };
}

/** `nodes()` gives stores sharing one state, as several nodes would. */
function sessionStoreSuite(name: string, nodes: () => Promise<SessionStore[]>, skip?: string) {
  describe(`SessionStore: ${name}`, { skip }, () => {
    let stores: SessionStore[];
    let a: SessionStore;
    let b: SessionStore;
    const unique = () => `k-${Math.random().toString(36).slice(2)}`;
    before(async () => {
      stores = await nodes();
      [a, b] = stores as [SessionStore, SessionStore];
    });
    after(async () => {
      for (const store of stores ?? []) await store.close();
    });

    it("keeps a session whole, replaced on put, seen by every node", async () => {
      const key = unique();
      const first = session(key, "s1", Date.now() + 60_000);
      await a.put(first);
      assert.deepEqual(await b.get(key), first);
      await b.put({ ...first, sessionAttributes: { count: 4 } });
      assert.deepEqual((await a.get(key))?.sessionAttributes, { count: 4 });
      assert.equal(await a.get(unique()), undefined);
    });

    it("deletes only the named sessionId, and exactly once under concurrency", async () => {
      const key = unique();
      await a.put(session(key, "s2", Date.now() + 60_000));
      assert.equal(await b.delete(key, "another-session"), false);
      assert.ok(await a.get(key));
      const outcomes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).delete(key, "s2")),
      );
      assert.equal(outcomes.filter(Boolean).length, 1);
      assert.equal(await a.get(key), undefined);
      assert.equal(await a.delete(key), false);
    });

    it("lists expired keys in order of expiry and hides claimed ones until the lease ends", async () => {
      const now = Date.now() + 3_600_000; // far ahead: earlier tests' sessions count too
      const early = unique();
      const late = unique();
      const open = unique();
      await a.put(session(late, "s-late", now - 10));
      await a.put(session(early, "s-early", now - 1000));
      await a.put(session(open, "s-open", now + 5000));
      const expired = await b.expiredKeys(now);
      assert.ok(expired.includes(early) && expired.includes(late) && !expired.includes(open));
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).claimExpired(early, now, 1000)),
      );
      const won = claims.filter((c) => c !== undefined);
      assert.equal(won.length, 1, "one sweeper wins the session");
      assert.equal(won[0]?.sessionId, "s-early");
      assert.ok(!(await a.expiredKeys(now)).includes(early), "hidden while claimed");
      assert.equal(await a.claimExpired(open, now, 1000), undefined, "not expired yet");
      // The claimer died: after the lease another node takes it over.
      assert.ok((await b.expiredKeys(now + 1000)).includes(early));
      assert.equal((await b.claimExpired(early, now + 1000, 1000))?.sessionId, "s-early");
      // A put (the reprompt reopened the window) ends the lease.
      await a.put(session(early, "s-early", now + 2000));
      assert.ok((await b.expiredKeys(now + 2000)).includes(early));
      assert.ok(await a.delete(early, "s-early"));
      assert.ok(!(await b.expiredKeys(now + 10_000)).includes(early));
      assert.equal(await b.claimExpired(early, now + 10_000, 1000), undefined);
      assert.deepEqual(
        (await a.expiredKeys(now, 1)).length,
        1,
        "the limit bounds one sweep's batch",
      );
      await a.delete(late);
      await a.delete(open);
    });

    it("remembers the extension owning a device's playback", async () => {
      const device = unique();
      assert.equal(await a.getPlaybackOwner(device), undefined);
      await a.setPlaybackOwner(device, "com.example.audio");
      assert.equal(await b.getPlaybackOwner(device), "com.example.audio");
      await b.setPlaybackOwner(device, undefined);
      assert.equal(await a.getPlaybackOwner(device), undefined);
    });
  });
}

sessionStoreSuite("memory", async () => {
  const store = new MemorySessionStore();
  const shared: SessionStore = { ...bind(store), close: async () => {} };
  return [store, shared];
});

let redis: TestRedis | undefined;
sessionStoreSuite(
  "Redis",
  async () => {
    redis = await startRedis();
    const url = redis.url;
    return Promise.all([0, 1, 2].map(async () => new RedisSessionStore(await openRedis(url))));
  },
  redisAvailable ? undefined : "redis-server is not installed",
);
after(async () => redis?.stop());

/** The same memory store seen twice (one node: both "nodes" are the one process). */
function bind(store: MemorySessionStore): SessionStore {
  return {
    get: (k) => store.get(k),
    put: (s) => store.put(s),
    delete: (k, id) => store.delete(k, id),
    expiredKeys: (n, l) => store.expiredKeys(n, l),
    claimExpired: (k, n, l) => store.claimExpired(k, n, l),
    getPlaybackOwner: (d) => store.getPlaybackOwner(d),
    setPlaybackOwner: (d, e) => store.setPlaybackOwner(d, e),
    close: () => store.close(),
  };
}
