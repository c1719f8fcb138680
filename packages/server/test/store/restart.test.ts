// The registry, models, signing key and admin token survive a restart (SQLite data dir and
// PostgreSQL), and extensions answer right after it.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { answer, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { device, say, startPlatform, tempDir } from "../helpers/platform.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

function restartSuite(engine: string, databaseUrl: () => string | undefined) {
  describe(`restart on ${engine}`, () => {
    let ext: TestExtension;
    const dataDir = tempDir();
    before(async () => {
      ext = await startExtension(() => ({ body: answer("still here") }));
    });
    after(async () => {
      await ext.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it("keeps the registry, models, key and generated admin token", async () => {
      const url = databaseUrl();
      const config = { dataDir, adminToken: undefined, ...(url ? { databaseUrl: url } : {}) };
      const first = await startPlatform(config);
      assert.ok(first.generatedAdminToken, "a token is generated on first start");
      const auth = { authorization: `Bearer ${first.generatedAdminToken}` };
      const created = await first.api(
        "POST",
        "/api/v1/extensions",
        {
          id: "com.example.persist",
          displayName: "Persist",
          endpointUrl: ext.url,
          models: { en: bakeryModel("en") },
        },
        auth,
      );
      assert.equal(created.status, 201);
      await first.api(
        "PUT",
        "/api/v1/extensions/com.example.persist/users/U_kept",
        undefined,
        auth,
      );
      const key = first.keys.active.publicKeyPem;
      await first.close();

      const second = await startPlatform(config);
      try {
        assert.equal(second.generatedAdminToken, undefined, "not generated again");
        const listed = await second.api("GET", "/api/v1/extensions", undefined, auth);
        assert.equal(listed.status, 200, "the first token still works");
        assert.deepEqual(
          listed.body.extensions.map((e: { id: string }) => e.id),
          ["com.example.persist"],
        );
        assert.deepEqual(listed.body.extensions[0].enabledUsers, ["U_kept"]);
        assert.equal(second.keys.active.publicKeyPem, key);
        const result = await second.assistant.handleTurn(
          say("ask bakery bot when are you open", device()),
        );
        assert.equal(result.speech[0]?.value, "still here");
        assert.equal(result.intent?.name, "StoreHours");
      } finally {
        await second.close();
      }
    });
  });
}

restartSuite("SQLite", () => undefined);

let postgres: TestPostgres | undefined;
describe("PostgreSQL cluster", {
  skip: !postgresAvailable && "PostgreSQL is not installed",
}, () => {
  before(async () => {
    postgres = await startPostgres();
  });
  after(async () => {
    await postgres?.stop();
  });
  restartSuite("PostgreSQL", () => postgres?.url);
});
