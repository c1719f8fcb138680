// Claimed jobs on both engines: due jobs are claimed by one node only, a lease that runs out
// hands the job to another node, a unique key replaces the pending job, the runner retries.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { JobRunner } from "../../src/jobs/runner.js";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.js";
import { type Job, SqlJobQueue } from "../../src/store/jobs.js";
import { tempDir } from "../helpers/platform.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

const silent = pino({ level: "silent" });

function suite(engine: "sqlite" | "postgres") {
  describe(`claimed jobs on ${engine}`, {
    skip: engine === "postgres" && !postgresAvailable,
  }, () => {
    let handle: DatabaseHandle;
    let queue: SqlJobQueue;
    let postgres: TestPostgres | undefined;
    let dir: string | undefined;
    before(async () => {
      if (engine === "postgres") {
        postgres = await startPostgres();
        handle = await openDatabase({ databaseUrl: postgres.url, dataDir: ":memory:" });
      } else {
        dir = tempDir();
        handle = await openDatabase({ dataDir: dir });
      }
      queue = new SqlJobQueue(handle);
    });
    after(async () => {
      await handle.close();
      await postgres?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("gives each due job to exactly one of several concurrent claimers", async () => {
      for (let i = 0; i < 200; i++)
        await queue.schedule({ kind: "count", runAt: 1_000 + i, payload: { i } });
      await queue.schedule({ kind: "count", runAt: 999_999, payload: { later: true } });
      const claims = await Promise.all(
        ["a", "b", "c", "d"].map(async (node) => {
          const got: Job[] = [];
          for (;;) {
            const batch = await queue.claimDue(node, 5_000, 7, 60_000);
            if (batch.length === 0) return got;
            got.push(...batch);
          }
        }),
      );
      const ids = claims.flat().map((job) => job.id);
      assert.equal(ids.length, 200);
      assert.equal(new Set(ids).size, 200);
      for (const [k, got] of claims.entries())
        for (const job of got) await queue.complete(job, ["a", "b", "c", "d"][k]!);
      assert.equal(await queue.nextRunAt(), 999_999);
      assert.equal(await queue.cancel("nothing"), false);
    });

    it("hands a job over when its node's lease runs out", async () => {
      await queue.schedule({ kind: "x", runAt: 10, uniqueKey: "lease" });
      const [first] = await queue.claimDue("dead", 20, 10, 100);
      assert.ok(first);
      assert.deepEqual(await queue.claimDue("alive", 50, 10, 100), []);
      const [again] = (await queue.claimDue("alive", 200, 10, 100)).filter(
        (j) => j.uniqueKey === "lease",
      );
      assert.equal(again?.id, first.id);
      assert.equal(again?.attempts, 2);
      await queue.complete(first, "dead"); // the dead node's late completion does nothing
      assert.equal(await queue.cancel("lease"), true);
    });

    it("replaces the pending job of a unique key", async () => {
      await queue.schedule({ kind: "alarm", runAt: 5_000_000, uniqueKey: "alarm:1", payload: 1 });
      await queue.schedule({ kind: "alarm", runAt: 6_000_000, uniqueKey: "alarm:1", payload: 2 });
      const due = await queue.claimDue("n", 7_000_000, 10, 1000);
      const mine = due.filter((j) => j.uniqueKey === "alarm:1");
      assert.equal(mine.length, 1);
      assert.equal(mine[0]?.payload, 2);
      assert.equal(mine[0]?.runAt, 6_000_000);
      for (const job of due) await queue.complete(job, "n");
    });

    it("runs due jobs through the runner with a moved clock, retrying failures", async () => {
      let now = 10_000_000;
      const runner = new JobRunner(queue, { node: "r", clock: { now: () => now }, log: silent });
      const ran: unknown[] = [];
      let failOnce = true;
      runner.handle("ring", async (job) => {
        if (failOnce) {
          failOnce = false;
          throw new Error("device busy");
        }
        ran.push(job.payload);
      });
      await queue.schedule({ kind: "ring", runAt: now + 60_000, payload: "seven" });
      assert.equal(await runner.runDue(), 0);
      now += 60_000;
      assert.equal(await runner.runDue(), 1); // failed, given back for later
      assert.deepEqual(ran, []);
      now += 5_000;
      assert.equal(await runner.runDue(), 1);
      assert.deepEqual(ran, ["seven"]);
      assert.equal(await runner.runDue(), 0);
    });

    it("fires a job at its time with real timers once started", async () => {
      const runner = new JobRunner(queue, {
        node: "t",
        clock: { now: () => Date.now() },
        log: silent,
        pollMs: 5_000,
      });
      queue.onSchedule = (runAt) => runner.wake(runAt);
      const fired = new Promise<number>((resolve) =>
        runner.handle("soon", async () => resolve(Date.now())),
      );
      // The runner's timers do not hold the process open (a server's sockets do): hold it here.
      const hold = setTimeout(() => {}, 10_000);
      runner.start();
      const due = Date.now() + 150;
      await queue.schedule({ kind: "soon", runAt: due });
      const at = await fired;
      clearTimeout(hold);
      await runner.stop();
      queue.onSchedule = undefined;
      assert.ok(at >= due, "not before its time");
      assert.ok(at - due < 2_000, `fired ${at - due} ms late`);
    });
  });
}

suite("sqlite");
suite("postgres");
