import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  type AuthRequestError,
  DeviceClient,
  exchangeCode,
  logIn,
  refreshTokens,
  requestAuthorizationCode,
  revokeToken,
} from "@clover/device";
import { DeviceAuthority, MemoryAuthStore } from "../../src/cic/index.js";
import { type Harness, startHarness } from "./harness.js";

describe("client auth API (cic.md §3)", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it("issues codes to accounts and guests, exchanges them once", async () => {
    const identity = h.identity();
    const account = await h.authority.createAccount();
    const code = await requestAuthorizationCode(identity, account.accountToken);
    const tokens = await exchangeCode(identity, code);
    assert.equal(tokens.token_type, "Bearer");
    assert.equal(tokens.expires_in, 7 * 24 * 3600);
    const grant = await h.authority.verifyAccessToken(tokens.access_token);
    assert.equal(grant?.userId, account.userId);
    assert.equal(grant?.guest, false);
    await assert.rejects(
      exchangeCode(identity, code),
      (e: AuthRequestError) => e.status === 400 && e.body["error"] === "invalid_grant",
    );
    const guest = await logIn(identity);
    assert.equal((await h.authority.verifyAccessToken(guest.access_token))?.guest, true);
  });

  it("rejects bad parameters with OAuth-style errors and the documented shape", async () => {
    const identity = h.identity();
    await assert.rejects(
      requestAuthorizationCode({ ...identity, clientId: "nope" }),
      (e: AuthRequestError) => {
        assert.equal(e.status, 400);
        assert.equal(e.body["error"], "invalid_client");
        assert.equal(e.body["code"], "");
        return true;
      },
    );
    await assert.rejects(
      requestAuthorizationCode(identity, "acc_wrong"),
      (e: AuthRequestError) => e.status === 403,
    );
    const code = await requestAuthorizationCode(identity);
    await assert.rejects(
      exchangeCode({ ...identity, clientSecret: "wrong" }, code),
      /client_secret does not match/,
    );
    const raw = await fetch(`${h.url}/token?grant_type=password`);
    assert.equal(raw.status, 400);
    assert.equal(
      ((await raw.json()) as Record<string, unknown>)["error"],
      "unsupported_grant_type",
    );
  });

  it("tolerates a stray second '?' and form bodies (cic.md §3.9)", async () => {
    const identity = h.identity();
    const code = await requestAuthorizationCode(identity);
    const url = `${h.url}/token?grant_type=authorization_code?client_id=${identity.clientId}&code=${code}`;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `client_secret=${identity.clientSecret}&device_id=${identity.deviceId}`,
    });
    assert.equal(response.status, 200);
  });

  it("refreshes with rotation and revokes; revoked tokens get 401 from CIC", async () => {
    const identity = h.identity();
    const first = await logIn(identity);
    const second = await refreshTokens(identity, first.refresh_token);
    assert.notEqual(second.access_token, first.access_token);
    assert.notEqual(second.refresh_token, first.refresh_token);
    const deleted = await revokeToken(identity, second.access_token);
    assert.equal(deleted["access_token"], second.access_token);
    assert.equal(deleted["client_id"], identity.clientId);
    const client = new DeviceClient({ url: h.url, accessToken: second.access_token });
    await assert.rejects(client.openDownchannel(), /401/);
    client.close();
  });

  it("expires access tokens and stores only hashes", async () => {
    let now = 1_000_000;
    const store = new MemoryAuthStore();
    const authority = new DeviceAuthority(store, { accessTokenTtlSeconds: 60, now: () => now });
    const { clientId, clientSecret } = await authority.registerClient("kiosk");
    const code = await authority.authorize({ clientId, deviceId: "d1", guest: true });
    const tokens = await authority.exchangeCode({ clientId, clientSecret, code, deviceId: "d1" });
    assert.ok(await authority.verifyAccessToken(tokens.access_token));
    assert.equal(await store.getToken(tokens.access_token), undefined, "raw tokens are never keys");
    now += 61_000;
    assert.equal(await authority.verifyAccessToken(tokens.access_token), undefined);
    assert.ok(
      await authority.refresh({ clientId, clientSecret, refreshToken: tokens.refresh_token }),
    );
  });
});
