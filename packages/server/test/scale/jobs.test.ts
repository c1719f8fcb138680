// Claimed jobs across three nodes on one PostgreSQL (FOR UPDATE SKIP LOCKED): every job runs
// exactly once, counted over many rounds, and a job whose node died after claiming it runs
// once on another node when the claim's lease ends. Rounds: CLOVER_SCALE_ROUNDS (default 5;
// `npm run test:scale` runs 50).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { pino } from "pino";
import { JobRunner } from "../../src/jobs/runner.js";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.js";
import { type Job, SqlJobQueue } from "../../src/store/jobs.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

const ROUNDS = Number(process.env["CLOVER_SCALE_ROUNDS"] ?? 5);
const JOBS_PER_ROUND = 60;
const clock = { now: () => Date.now() };
const log = pino({ level: "silent" });

describe("claimed jobs on three nodes sharing PostgreSQL", {
  skip: !postgresAvailable && "PostgreSQL is not installed",
}, () => {
  let postgres: TestPostgres;
  const databases: DatabaseHandle[] = [];
  const runners: JobRunner[] = [];
  const queues: SqlJobQueue[] = [];
  const runs = new Map<string, string[]>();

  before(async () => {
    postgres = await startPostgres();
    for (const node of ["node1", "node2", "node3"]) {
      const database = await openDatabase({ databaseUrl: postgres.url, dataDir: ":memory:" });
      databases.push(database);
      const queue = new SqlJobQueue(database);
      queues.push(queue);
      const runner = new JobRunner(queue, {
        node,
        clock,
        log,
        pollMs: 20,
        leaseMs: 1500,
        batch: 10,
      });
      runner.handle("count", async (job: Job) => {
        runs.set(job.id, [...(runs.get(job.id) ?? []), node]);
        await new Promise((r) => setTimeout(r, Math.random() * 5));
      });
      runner.start();
      runners.push(runner);
    }
  });
  after(async () => {
    for (const runner of runners) await runner.stop();
    for (const database of databases) await database.close();
    await postgres?.stop();
  });

  const drained = async (ids: string[], timeoutMs = 20_000) => {
    const deadline = Date.now() + timeoutMs;
    while (ids.some((id) => !runs.has(id)) || (await queues[0]!.nextRunAt()) !== undefined) {
      assert.ok(Date.now() < deadline, "every job ran in time");
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100)); // a late duplicate would show up now
  };

  it(`runs each job exactly once over ${ROUNDS} rounds of ${JOBS_PER_ROUND} jobs`, async () => {
    const byNode = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      const now = Date.now();
      const ids = await Promise.all(
        Array.from({ length: JOBS_PER_ROUND }, (_, i) =>
          queues[i % 3]!.schedule({
            kind: "count",
            runAt: now + (i % 7) * 3,
            payload: { round, i },
          }),
        ),
      );
      await drained(ids);
      for (const id of ids) {
        const ran = runs.get(id)!;
        assert.equal(ran.length, 1, `job ${id} ran ${ran.length} times (${ran.join(", ")})`);
        byNode.set(ran[0]!, (byNode.get(ran[0]!) ?? 0) + 1);
      }
    }
    assert.equal(
      [...byNode.values()].reduce((a, b) => a + b, 0),
      ROUNDS * JOBS_PER_ROUND,
    );
    assert.ok(byNode.size >= 2, `the nodes share the work: ${[...byNode].join(" ")}`);
  });

  it("runs a job once on a live node when the node that claimed it died", async () => {
    // A fourth node claims a due job and dies before completing it (its process is gone: the
    // claim is simply never completed nor released).
    const dead = new SqlJobQueue(databases[0]!);
    for (const runner of runners) await runner.stop();
    const id = await dead.schedule({ kind: "count", runAt: Date.now() });
    const [claimed] = await dead.claimDue("node-that-dies", Date.now(), 1, 500);
    assert.equal(claimed?.id, id);
    for (const runner of runners) runner.start();
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(runs.has(id), false, "nobody takes it while the lease holds");
    await drained([id], 10_000);
    assert.equal(runs.get(id)?.length, 1, "taken over once the lease ended, and run once");
    assert.notEqual(runs.get(id)?.[0], "node-that-dies");
  });
});
