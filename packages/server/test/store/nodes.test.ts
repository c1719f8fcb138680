// Two nodes sharing one PostgreSQL database: registry changes made through one node reach the
// other's routing without a restart.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { answer, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { device, say, startPlatform, type TestPlatform } from "../helpers/platform.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

const eventually = async (check: () => Promise<boolean> | boolean, timeoutMs = 3000) => {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe("two nodes on PostgreSQL", {
  skip: !postgresAvailable && "PostgreSQL is not installed",
}, () => {
  let postgres: TestPostgres;
  let a: TestPlatform;
  let b: TestPlatform;
  let ext: TestExtension;

  before(async () => {
    postgres = await startPostgres();
    // Both nodes need the same encryption key (docs/configuration.md).
    const shared = {
      databaseUrl: postgres.url,
      encryptionKey: randomBytes(32).toString("base64"),
      registryRefreshMs: 50,
    };
    a = await startPlatform(shared);
    b = await startPlatform(shared);
    ext = await startExtension((request) => ({
      body: answer(`from ${request.context.System.application.applicationId}`),
    }));
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await ext?.close();
    await postgres?.stop();
  });

  it("sees extensions, models and settings created, changed and deleted elsewhere", async () => {
    assert.equal(
      a.keys.active.publicKeyPem,
      b.keys.active.publicKeyPem,
      "one signing key for all nodes",
    );
    const created = await a.api("POST", "/api/v1/extensions", {
      id: "com.example.shared",
      displayName: "Shared",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en") },
    });
    assert.equal(created.status, 201);
    await eventually(() => b.registry.recognizer("com.example.shared", "en") !== undefined);
    const routed = await b.assistant.handleTurn(
      say("ask bakery bot when are you open", device({ deviceId: "node-b" })),
    );
    assert.equal(routed.speech[0]?.value, "from com.example.shared");

    await a.api("PUT", "/api/v1/extensions/com.example.shared/models/en", {
      ...bakeryModel("en"),
      invocation: { main: "shared oven" },
    });
    await eventually(
      () => b.registry.invocationNames("com.example.shared", "en")[0] === "shared oven",
    );
    await a.api("PATCH", "/api/v1/extensions/com.example.shared", {
      displayName: "Shared Oven",
      enabledForAllUsers: false,
    });
    await eventually(() => b.registry.get("com.example.shared")?.displayName === "Shared Oven");
    const refused = await b.assistant.handleTurn(
      say("open shared oven", device({ deviceId: "node-b2" })),
    );
    assert.match(refused.speech[0]?.value ?? "", /Shared Oven isn't enabled/);

    const rotated = await a.api("POST", "/api/v1/signing-key/rotate");
    await eventually(() => b.keys.active.publicKeyPem === rotated.body.publicKey);

    await a.api("DELETE", "/api/v1/extensions/com.example.shared");
    await eventually(() => b.registry.get("com.example.shared") === undefined);
    const gone = await b.assistant.handleTurn(
      say("open shared oven", device({ deviceId: "node-b3" })),
    );
    assert.equal(gone.extensionId, undefined);
  });
});
