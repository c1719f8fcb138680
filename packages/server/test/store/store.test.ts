// The same store behaviour on both engines: embedded SQLite and a real PostgreSQL cluster.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { AccountLinkStore } from "../../src/store/account-links.js";
import { type DatabaseHandle, openDatabase } from "../../src/store/database.js";
import { type ExtensionInput, ExtensionStore } from "../../src/store/extensions.js";
import { SecretBox } from "../../src/store/secret-box.js";
import { SettingsStore } from "../../src/store/settings.js";
import { tempDir } from "../helpers/platform.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";

const box = new SecretBox(randomBytes(32));

const extension = (id: string): ExtensionInput => ({
  id,
  displayName: "Bakery Bot",
  endpointUrl: "https://bakery.example.org/cek",
  invocationNames: { en: { main: "bakery bot", sub: ["baker bot"] } },
  messageVersion: "1.0",
  legacyEndRequestType: false,
  usesAudioPlayer: true,
  enabledForAllUsers: false,
  accountLinking: {
    authorizationUrl: "https://auth.example.org/signin",
    clientId: "bakery",
    clientSecret: "s3cret",
    accessTokenUri: "https://auth.example.org/token",
    clientAuthentication: "basic",
    scopes: ["orders"],
  },
});

const model = {
  language: "en" as const,
  invocation: { main: "bakery bot" },
  intents: [{ name: "OrderBread", slots: [], utterances: ["order bread"] }],
};

function storeSuite(engine: string, open: () => Promise<DatabaseHandle>) {
  describe(`store on ${engine}`, () => {
    let handle: DatabaseHandle;
    before(async () => {
      handle = await open();
    });
    after(async () => {
      await handle.close();
    });

    it("creates, reads, updates, lists and deletes extensions", async () => {
      const store = new ExtensionStore(handle.db, box);
      assert.equal(await store.create(extension("com.example.bakery")), true);
      assert.equal(await store.create(extension("com.example.bakery")), false, "duplicate id");
      const read = await store.get("com.example.bakery");
      assert.equal(read?.displayName, "Bakery Bot");
      assert.equal(read?.usesAudioPlayer, true);
      assert.equal(read?.enabledForAllUsers, false);
      assert.equal(read?.accountLinking?.clientSecret, "s3cret");
      assert.deepEqual(read?.invocationNames, { en: { main: "bakery bot", sub: ["baker bot"] } });
      assert.equal(typeof read?.createdAt, "number");
      assert.equal(
        await store.update({ ...extension("com.example.bakery"), displayName: "Bread" }),
        true,
      );
      assert.equal((await store.get("com.example.bakery"))?.displayName, "Bread");
      assert.equal(await store.update(extension("com.example.none")), false);
      await store.create(extension("com.example.another"));
      assert.deepEqual(
        (await store.list()).map((e) => e.id),
        ["com.example.another", "com.example.bakery"],
      );
      await store.putModel("com.example.bakery", "en", model);
      await store.enableUser("com.example.bakery", "U1");
      assert.equal(await store.enableUser("com.example.bakery", "U1"), false, "already enabled");
      assert.deepEqual(await store.enabledUsers("com.example.bakery"), ["U1"]);
      assert.equal(await store.delete("com.example.bakery"), true);
      assert.equal(await store.get("com.example.bakery"), undefined);
      assert.deepEqual(await store.models("com.example.bakery"), [], "models go with it");
      assert.deepEqual(await store.enabledUsers("com.example.bakery"), []);
      assert.equal(await store.delete("com.example.bakery"), false);
    });

    it("keeps the client secret encrypted at rest", async () => {
      const store = new ExtensionStore(handle.db, box);
      await store.create(extension("com.example.secret"));
      const row = await handle.db
        .selectFrom("extensions")
        .select("account_linking")
        .where("id", "=", "com.example.secret")
        .executeTakeFirstOrThrow();
      assert.ok(!row.account_linking?.includes("s3cret"));
      assert.match(row.account_linking ?? "", /"clientSecret":"v1\./);
    });

    it("stores models per language and replaces them", async () => {
      const store = new ExtensionStore(handle.db, box);
      await store.create(extension("com.example.models"));
      await store.putModel("com.example.models", "en", model);
      await store.putModel("com.example.models", "en", { ...model, invocation: { main: "bread" } });
      const models = await store.models("com.example.models");
      assert.equal(models.length, 1);
      assert.equal(models[0]?.model.invocation.main, "bread");
      assert.equal(await store.deleteModel("com.example.models", "en"), true);
      assert.equal(await store.deleteModel("com.example.models", "en"), false);
    });

    it("stores linked tokens encrypted and takes OAuth states once", async () => {
      await new ExtensionStore(handle.db, box).create(extension("com.example.links"));
      const links = new AccountLinkStore(handle.db, box);
      await links.put("com.example.links", "U1", {
        accessToken: "at-1",
        refreshToken: "rt-1",
        expiresAt: 1_900_000_000_000,
      });
      assert.deepEqual(await links.get("com.example.links", "U1"), {
        accessToken: "at-1",
        refreshToken: "rt-1",
        expiresAt: 1_900_000_000_000,
      });
      const raw = await handle.db.selectFrom("account_links").selectAll().execute();
      assert.ok(raw.every((r) => !r.access_token.includes("at-1")));
      await links.put("com.example.links", "U1", { accessToken: "at-2" });
      assert.deepEqual(await links.get("com.example.links", "U1"), { accessToken: "at-2" });
      await links.addState("st-1", "com.example.links", "U1");
      assert.deepEqual(await links.takeState("st-1", 60_000), {
        extensionId: "com.example.links",
        userId: "U1",
      });
      assert.equal(await links.takeState("st-1", 60_000), undefined, "a state works once");
      await links.addState("st-2", "com.example.links", "U1");
      assert.equal(await links.takeState("st-2", -1), undefined, "expired state refused");
      assert.equal(await links.delete("com.example.links", "U1"), true);
      assert.equal(await links.get("com.example.links", "U1"), undefined);
    });

    it("keeps settings and rotates signing keys", async () => {
      const settings = new SettingsStore(handle.db, box);
      assert.equal(await settings.get("missing"), undefined);
      await settings.set("k", "v1");
      await settings.set("k", "v2");
      assert.equal(await settings.get("k"), "v2");
      assert.equal(await settings.setIfAbsent("k", "v3"), "v2", "an existing value wins");
      assert.equal(await settings.setIfAbsent("fresh", "v1"), "v1");
      await settings.addSigningKey({
        id: "a",
        privateKeyPem: "PRIV-A",
        publicKeyPem: "PUB-A",
        createdAt: 1,
      });
      await settings.addSigningKey({
        id: "b",
        privateKeyPem: "PRIV-B",
        publicKeyPem: "PUB-B",
        createdAt: 2,
      });
      const active = await settings.activeSigningKey();
      assert.equal(active?.id, "b");
      assert.equal(active?.privateKeyPem, "PRIV-B");
      const all = await settings.signingKeys();
      assert.deepEqual(
        all.map((k) => [k.id, k.retiredAt]),
        [
          ["b", null],
          ["a", 2],
        ],
      );
    });
  });
}

const sqliteDir = tempDir();
after(() => rmSync(sqliteDir, { recursive: true, force: true }));
storeSuite("SQLite", () => openDatabase({ dataDir: sqliteDir }));

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
  storeSuite("PostgreSQL", () => openDatabase({ databaseUrl: postgres!.url, dataDir: sqliteDir }));
});
