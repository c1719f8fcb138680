// Alerts on two nodes sharing one PostgreSQL: alerts set by voice on one node are listed by
// the other's management API, and action timers due on both at once fire exactly once (the
// claimed job, then the claim on the row), however the two job runners race.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { DeviceClient, logIn } from "@clover/device";
import type { AlertsAbility } from "../../../src/abilities/alerts/index.js";
import { type CloverServer, startClover } from "../../../src/main.js";
import { testCloverConfig } from "../../helpers/clover.js";
import { managementApi } from "../../helpers/management-api.js";
import { tempDir } from "../../helpers/platform.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "../../helpers/postgres.js";
import { ADMIN, TestClock } from "./harness.js";

const TIMERS = 8;

describe("alerts on two nodes sharing PostgreSQL", {
  skip: !postgresAvailable && "PostgreSQL is not installed",
}, () => {
  let postgres: TestPostgres;
  const nodes: CloverServer[] = [];
  const dirs: string[] = [];
  const clock = new TestClock(Date.parse("2026-03-07T10:00:00Z"));
  /** Actions run, per node. */
  const ran: Record<string, string[]> = { a: [], b: [] };
  let device: DeviceClient;
  let userId: string;

  const api = (node: CloverServer, method: string, path: string, body?: unknown) =>
    managementApi(node.url, ADMIN)(method, path, body);

  before(async () => {
    postgres = await startPostgres();
    const key = randomBytes(32).toString("base64");
    for (const name of ["a", "b"]) {
      const dataDir = tempDir(`clover-alerts-${name}-`);
      dirs.push(dataDir);
      const config = testCloverConfig(dataDir, ADMIN, {
        DATABASE_URL: postgres.url,
        CLOVER_ENCRYPTION_KEY: key,
        CLOVER_NODE_ID: `node-${name}`,
        CLOVER_EXAMPLES: "off",
      });
      const node = await startClover({ config, clock: { now: clock.now } });
      nodes.push(node);
      // Count the actions each node runs (then run them as the platform would).
      const alerts = node.platform.abilities.get("ability:alerts") as AlertsAbility;
      const run = alerts.service.runAction!;
      alerts.service.runAction = async (target, text) => {
        ran[name]!.push(text);
        return run(target, text);
      };
    }
    const [a] = nodes as [CloverServer];
    const client = (await api(a, "POST", "/api/v1/device-clients", { name: "speaker" })).body;
    const account = (await api(a, "POST", "/api/v1/accounts", {})).body;
    userId = account.userId;
    const tokens = await logIn(
      { url: a.url, ...client, deviceId: "speaker-1", modelId: "AL-1" },
      account.accountToken,
    );
    device = new DeviceClient({ url: a.url, accessToken: tokens.access_token });
    await device.openDownchannel();
  });
  after(async () => {
    device?.close();
    for (const node of nodes) await node.close().catch(() => {});
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("lists on node B the alerts set by voice on node A", async () => {
    const [, b] = nodes as [CloverServer, CloverServer];
    const set = await device.sendText("set an alarm for 7 am");
    assert.ok(
      set.directives.some((d) => d.header.name === "SetAlert"),
      `${set.status} ${JSON.stringify(set.directives).slice(0, 400)}`,
    );
    for (let i = 1; i <= TIMERS; i++) {
      const answer = await device.sendText(`stop the music in ${10 + i} minutes`);
      const alert = answer.directives.find((d) => d.header.name === "SetAlert");
      assert.equal(alert?.payload["type"], "ACTIONTIMER", `timer ${i}`);
    }
    const listed = await api(b, "GET", `/api/v1/users/${userId}/alerts?deviceId=speaker-1`);
    assert.equal(listed.status, 200);
    const types = listed.body.alerts.map((x: { type: string }) => x.type);
    assert.equal(types.filter((t: string) => t === "ACTIONTIMER").length, TIMERS);
    assert.equal(types.filter((t: string) => t === "ALARM").length, 1);
  });

  it("fires each action timer exactly once while both nodes' runners race", async () => {
    const [a, b] = nodes as [CloverServer, CloverServer];
    clock.advance(30 * 60_000);
    // Both runners claim at the same moment, several times (a retried claim must not re-run).
    for (let round = 0; round < 3; round++)
      await Promise.all([a.platform.jobRunner.runDue(), b.platform.jobRunner.runDue()]);
    const all = [...ran["a"]!, ...ran["b"]!];
    assert.equal(all.length, TIMERS, `ran on a: ${ran["a"]!.length}, on b: ${ran["b"]!.length}`);
    assert.ok(all.every((text) => text === "stop the music"));
    const listed = await api(a, "GET", `/api/v1/users/${userId}/alerts`);
    const fired = await Promise.all(
      listed.body.alerts
        .filter((x: { type: string }) => x.type === "ACTIONTIMER")
        .map((x: { token: string }) =>
          (a.platform.abilities.get("ability:alerts") as AlertsAbility).service.store.get(x.token),
        ),
    );
    assert.ok(
      fired.every((x) => x?.firedAt !== undefined),
      "every timer is marked fired",
    );
  });
});
