// The newest dialog across two nodes sharing Redis and PostgreSQL (cic.md §7.3): a device's
// question is held by its extension on node A while the same device starts a newer dialog on
// node B; A's answer to the older dialog is dropped (204, no directives, nothing synthesized),
// although A never asks Redis for it: B's start tells A (docs/scale-out.md "The newest dialog").
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { DeviceClient, logIn } from "@clover/device";
import type { CloverServer } from "../../src/main.js";
import { answer, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { managementApi } from "../helpers/management-api.js";
import { bakeryModel } from "../helpers/models.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";
import { startSharedNodes } from "../helpers/shared-nodes.js";

const ADMIN = "admin-newest-dialog";

describe("the newest dialog across nodes", {
  skip: !(postgresAvailable && redisAvailable) && "PostgreSQL or redis-server is not installed",
  timeout: 60_000,
}, () => {
  let postgres: TestPostgres;
  let redis: TestRedis;
  let ext: TestExtension;
  const nodes: CloverServer[] = [];
  const dirs: string[] = [];
  const clients: DeviceClient[] = [];

  before(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    ext = await startExtension((request) => ({
      body: answer(`answer to ${request.request.intent?.name ?? request.request.type}`),
    }));
    await startSharedNodes(
      ["dialog-a", "dialog-b"],
      { postgres, redis, adminToken: ADMIN },
      { nodes, dirs },
    );
    const [a, b] = nodes as [CloverServer, CloverServer];
    const api = managementApi(a.url, ADMIN);
    const created = await api("POST", "/api/v1/extensions", {
      id: "com.example.bakery",
      displayName: "Bakery",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en") },
    });
    assert.equal(created.status, 201);
    const deadline = Date.now() + 10_000;
    while (
      (await managementApi(b.url, ADMIN)("GET", "/api/v1/extensions/com.example.bakery")).status !==
      200
    )
      assert.ok(Date.now() < deadline, "node B sees the extension");
  });
  after(async () => {
    for (const client of clients) client.close();
    for (const node of nodes) await node.close();
    await ext?.close();
    await redis?.stop();
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("drops node A's answer to a dialog that a newer one on node B superseded", async () => {
    const [a, b] = nodes as [CloverServer, CloverServer];
    const client = (
      await managementApi(a.url, ADMIN)("POST", "/api/v1/device-clients", {
        name: "newest dialog",
      })
    ).body as { clientId: string; clientSecret: string };
    const tokens = await logIn({ url: a.url, ...client, deviceId: "nd-1", modelId: "ND-1" });
    const onA = new DeviceClient({ url: a.url, accessToken: tokens.access_token });
    const onB = new DeviceClient({ url: b.url, accessToken: tokens.access_token });
    clients.push(onA, onB);
    await onA.openDownchannel();

    // The extension holds the older dialog's question until the newer dialog was answered.
    const normal = ext.respond;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    ext.respond = async (request, received) => {
      if (request.request.intent?.name === "StoreHours") await held;
      return normal(request, received);
    };
    const from = ext.received.length;
    try {
      const older = onA.sendText("ask bakery bot when are you open", { dialogRequestId: "d-a" });
      await ext.waitForRequest((body) => body.request.intent?.name === "StoreHours", from);
      // Also answered by the platform on its own, so the two dialogs differ.
      const newer = await onB.sendText("open bakery bot", { dialogRequestId: "d-b" });
      assert.equal(newer.status, 200);
      assert.ok(JSON.stringify(newer.directives).includes("answer to LaunchRequest"));
      release();
      const dropped = await older;
      assert.equal(
        dropped.status,
        204,
        `the older dialog's answer is dropped: ${JSON.stringify(dropped.directives)}`,
      );
      // A dialog nobody replaced is answered on A as always.
      const later = await onA.sendText("ask bakery bot when are you open", {
        dialogRequestId: "d-a2",
      });
      assert.equal(later.status, 200);
      assert.ok(JSON.stringify(later.directives).includes("answer to StoreHours"));
    } finally {
      release();
      ext.respond = normal;
    }
  });
});
