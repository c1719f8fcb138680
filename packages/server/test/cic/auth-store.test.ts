// Device credentials in the database: the same behaviour on SQLite and PostgreSQL, and tokens
// that survive a restart of the platform.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DeviceClient, logIn } from "@clover/device";
import { DeviceAuthority } from "../../src/cic/auth/authority.js";
import { SqlAuthStore } from "../../src/cic/auth/sql-store.js";
import { startClover } from "../../src/main.js";
import { openDatabase } from "../../src/store/database.js";
import { testCloverConfig } from "../helpers/clover.js";
import { postgresAvailable, startPostgres } from "../helpers/postgres.js";

async function exercise(store: SqlAuthStore) {
  let now = 5_000_000;
  const authority = new DeviceAuthority(store, { accessTokenTtlSeconds: 60, now: () => now });
  const { clientId, clientSecret } = await authority.registerClient("hall speaker");
  const account = await authority.createAccount("U-store-test");
  const code = await authority.authorize({
    clientId,
    deviceId: "d-1",
    modelId: "M",
    accountToken: account.accountToken,
    guest: false,
  });
  const tokens = await authority.exchangeCode({ clientId, clientSecret, code, deviceId: "d-1" });
  assert.deepEqual(await authority.verifyAccessToken(tokens.access_token), {
    userId: "U-store-test",
    clientId,
    deviceId: "d-1",
    modelId: "M",
    guest: false,
  });
  assert.equal(await store.getToken(tokens.access_token), undefined, "raw tokens are never keys");
  await assert.rejects(authority.exchangeCode({ clientId, clientSecret, code }), /already used/);
  const refreshed = await authority.refresh({
    clientId,
    clientSecret,
    refreshToken: tokens.refresh_token,
  });
  now += 61_000;
  assert.equal(await authority.verifyAccessToken(tokens.access_token), undefined, "expired");
  assert.equal(await authority.verifyAccessToken(refreshed.access_token), undefined, "expired too");
  const again = await authority.refresh({
    clientId,
    clientSecret,
    refreshToken: refreshed.refresh_token,
  });
  assert.ok(await authority.verifyAccessToken(again.access_token));
  await authority.revoke({
    clientId,
    clientSecret,
    accessToken: again.access_token,
    deviceId: "d-1",
  });
  assert.equal(await authority.verifyAccessToken(again.access_token), undefined);
}

describe("device credentials in the database", () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("behaves the same on SQLite", async () => {
    const database = await openDatabase({ dataDir: ":memory:" });
    try {
      await exercise(new SqlAuthStore(database.db));
    } finally {
      await database.close();
    }
  });

  it("behaves the same on PostgreSQL", {
    skip: !postgresAvailable && "PostgreSQL is not installed",
  }, async () => {
    const pg = await startPostgres();
    const database = await openDatabase({ databaseUrl: pg.url, dataDir: ":memory:" });
    try {
      await exercise(new SqlAuthStore(database.db));
    } finally {
      await database.close();
      await pg.stop();
    }
  });

  it("keeps device tokens across a restart", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "clover-auth-restart-"));
    dirs.push(dataDir);
    const config = testCloverConfig(dataDir, "admin", {
      CLOVER_EXTENSION_NETWORKS: "loopback",
      CLOVER_EXAMPLES: "off",
    });
    const first = await startClover({ config });
    const { clientId, clientSecret } = await first.authority.registerClient("restart test");
    const tokens = await logIn({
      url: first.url,
      clientId,
      clientSecret,
      deviceId: "d-restart",
      modelId: "M",
    });
    await first.close();
    const second = await startClover({ config });
    try {
      const device = new DeviceClient({ url: second.url, accessToken: tokens.access_token });
      const hello = await device.openDownchannel();
      assert.equal(hello.header.name, "Hello");
      device.close();
    } finally {
      await second.close();
    }
  });
});
