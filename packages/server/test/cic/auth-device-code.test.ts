// The device flow (RFC 8628 style) through real HTTP on a real gateway: /device/code, polling
// /token, approval by the admin or an account, and every way it refuses; the same on the
// in-memory store, SQLite and (when installed) PostgreSQL. A settable clock stands in for
// waiting, so polling intervals and expiry cost no time.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { DeviceClient, type DeviceIdentity, refreshTokens, revokeToken } from "@clover/device";
import { AdminAuth, hashToken } from "../../src/api/auth.js";
import { handleDeviceAdmin } from "../../src/cic/auth/admin-routes.js";
import { hashSecret } from "../../src/cic/auth/secrets.js";
import { SqlAuthStore } from "../../src/cic/auth/sql-store.js";
import { type AuthStore, MemoryAuthStore } from "../../src/cic/auth/store.js";
import { CicGateway, DeviceAuthority } from "../../src/cic/index.js";
import { openDatabase } from "../../src/store/database.js";
import { managementApi } from "../helpers/management-api.js";
import { postgresAvailable, startPostgres } from "../helpers/postgres.js";
import { ScriptedAssistant } from "./harness.js";

const ADMIN = "device-code-admin";
const GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;

type Json = Record<string, unknown>;

interface Backend {
  name: string;
  skip?: string | false;
  open(): Promise<{ store: AuthStore; close(): Promise<void> }>;
}

const backends: Backend[] = [
  { name: "memory", open: async () => ({ store: new MemoryAuthStore(), close: async () => {} }) },
  {
    name: "SQLite",
    async open() {
      const database = await openDatabase({ dataDir: ":memory:" });
      return { store: new SqlAuthStore(database.db), close: () => database.close() };
    },
  },
  {
    name: "PostgreSQL",
    skip: !postgresAvailable && "PostgreSQL is not installed",
    async open() {
      const pg = await startPostgres();
      const database = await openDatabase({ databaseUrl: pg.url, dataDir: ":memory:" });
      return {
        store: new SqlAuthStore(database.db),
        async close() {
          await database.close();
          await pg.stop();
        },
      };
    },
  },
];

for (const backend of backends) {
  describe(`device flow over HTTP (${backend.name} store)`, { skip: backend.skip }, () => {
    let clock = 10_000_000;
    let url = "";
    let gateway: CicGateway;
    let authority: DeviceAuthority;
    let store: AuthStore;
    let closeStore = async () => {};
    let identity: DeviceIdentity;
    let deviceNumber = 0;

    before(async () => {
      ({ store, close: closeStore } = await backend.open());
      authority = new DeviceAuthority(store, {
        deviceCodeIntervalSeconds: 2,
        deviceCodeTtlSeconds: 600,
        now: () => clock,
      });
      const admin = new AdminAuth(hashToken(ADMIN));
      gateway = new CicGateway({
        assistant: new ScriptedAssistant(),
        authority,
        fallback: (req, res) => {
          void handleDeviceAdmin(authority, admin, req, res).then((handled) => {
            if (!handled) res.writeHead(404).end();
          });
        },
      });
      url = `http://127.0.0.1:${(await gateway.listen(0)).port}`;
      const client = await authority.registerClient("kitchen speaker");
      identity = { url, ...client, deviceId: "unused", modelId: "KS-1" };
    });
    after(async () => {
      await gateway.close();
      await closeStore();
    });

    const form = async (path: string, params: Record<string, string>) => {
      const response = await fetch(`${url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(params).toString(),
      });
      return { status: response.status, body: (await response.json()) as Json };
    };
    const api = (method: string, path: string, token?: string, body?: unknown) =>
      managementApi(url, token ?? null)(method, path, body);
    const start = async () => {
      const deviceId = `dev-${++deviceNumber}`;
      const { status, body } = await form("/device/code", {
        client_id: identity.clientId,
        client_secret: identity.clientSecret,
        device_id: deviceId,
        model_id: "KS-1",
      });
      assert.equal(status, 200, JSON.stringify(body));
      return { deviceId, code: body as { device_code: string; user_code: string } & Json };
    };
    const poll = (deviceCode: string, extra: Record<string, string> = {}) =>
      form("/token", {
        grant_type: GRANT,
        client_id: identity.clientId,
        device_code: deviceCode,
        ...extra,
      });
    const decide = (userCode: string, decision: string, token = ADMIN, userId?: string) =>
      api("POST", "/api/v1/device-activations", token, {
        userCode,
        decision,
        ...(userId ? { userId } : {}),
      });

    it("issues codes, says pending and slow_down, then tokens once the admin approves", async () => {
      const { deviceId, code } = await start();
      assert.match(code.user_code, USER_CODE);
      assert.match(code.device_code, /^dc_[A-Za-z0-9_-]{43}$/);
      assert.equal(code["verification_uri"], `${url}/console/activate`);
      assert.equal(
        code["verification_uri_complete"],
        `${url}/console/activate?code=${code.user_code}`,
      );
      assert.equal(code["expires_in"], 600);
      assert.equal(code["interval"], 2);
      assert.equal(await store.getDeviceCode(code.device_code), undefined, "stored hashed");
      assert.ok(await store.getDeviceCode(hashSecret(code.device_code)));

      const pending = await poll(code.device_code);
      assert.equal(pending.status, 400);
      assert.equal(pending.body["error"], "authorization_pending");
      assert.equal(pending.body["access_token"], "", "the /token error shape of cic.md §3.9");
      clock += 1000;
      const tooSoon = await poll(code.device_code);
      assert.equal(tooSoon.body["error"], "slow_down");
      assert.match(String(tooSoon.body["error_description"]), /wait 7 seconds/);
      clock += 3000; // 3 s is no longer enough: the interval is now 7 s
      assert.equal((await poll(code.device_code)).body["error"], "slow_down");
      clock += 12_000;
      assert.equal((await poll(code.device_code)).body["error"], "authorization_pending");

      const lookup = await api(
        "GET",
        `/api/v1/device-activations/${code.user_code.toLowerCase().replace("-", "")}`,
        ADMIN,
      );
      assert.equal(lookup.status, 200);
      assert.deepEqual(
        { ...lookup.body, expiresIn: undefined },
        {
          userCode: code.user_code,
          clientId: identity.clientId,
          clientName: "kitchen speaker",
          deviceId,
          modelId: "KS-1",
          status: "pending",
          userId: null,
          expiresIn: undefined,
        },
      );
      const approved = await decide(code.user_code, "approve", ADMIN, "U-kitchen");
      assert.equal(approved.status, 200);
      assert.equal(approved.body["status"], "approved");
      assert.equal((await decide(code.user_code, "deny")).status, 409, "decided once");

      clock += 12_000;
      const tokens = await poll(code.device_code, { device_id: deviceId });
      assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
      assert.deepEqual(Object.keys(tokens.body).sort(), [
        "access_token",
        "expires_in",
        "refresh_token",
        "token_type",
      ]);
      assert.equal(tokens.body["token_type"], "Bearer");
      assert.equal(tokens.body["expires_in"], 7 * 24 * 3600);
      const grant = await authority.verifyAccessToken(String(tokens.body["access_token"]));
      assert.deepEqual(grant, {
        userId: "U-kitchen",
        clientId: identity.clientId,
        deviceId,
        modelId: "KS-1",
        guest: false,
      });
      clock += 12_000;
      const again = await poll(code.device_code);
      assert.equal(again.body["error"], "invalid_grant", "a device code is used once");

      // The tokens behave like any others: CIC accepts them, refresh rotates, delete revokes.
      const device = { ...identity, deviceId };
      const client = new DeviceClient({ url, accessToken: String(tokens.body["access_token"]) });
      assert.equal((await client.openDownchannel()).header.name, "Hello");
      client.close();
      const refreshed = await refreshTokens(device, String(tokens.body["refresh_token"]));
      assert.equal(
        (await authority.verifyAccessToken(refreshed.access_token))?.userId,
        "U-kitchen",
      );
      await revokeToken(device, refreshed.access_token);
      const revoked = new DeviceClient({ url, accessToken: refreshed.access_token });
      await assert.rejects(revoked.openDownchannel(), /401/);
      revoked.close();
    });

    it("lets an account approve for itself, and only for itself", async () => {
      const account = await authority.createAccount("U-own");
      const { code } = await start();
      const other = await decide(code.user_code, "approve", account.accountToken, "U-else");
      assert.equal(other.status, 403);
      assert.match(JSON.stringify(other.body), /userId: an account token approves for its own/);
      assert.equal((await decide(code.user_code, "approve", "acc_nope")).status, 401);
      const ok = await decide(code.user_code, "approve", account.accountToken);
      assert.equal(ok.body["userId"], "U-own");
      clock += 3000;
      const tokens = await poll(code.device_code);
      assert.equal(
        (await authority.verifyAccessToken(String(tokens.body["access_token"])))?.userId,
        "U-own",
      );
    });

    it("tells the device when the user denies or the code expires", async () => {
      const denied = await start();
      assert.equal((await decide(denied.code.user_code, "deny")).body["status"], "denied");
      clock += 3000;
      assert.equal((await poll(denied.code.device_code)).body["error"], "access_denied");

      const late = await start();
      clock += 601_000;
      assert.equal((await poll(late.code.device_code)).body["error"], "expired_token");
      const gone = await decide(late.code.user_code, "approve", ADMIN, "U-late");
      assert.equal(gone.status, 404);
      assert.match(JSON.stringify(gone.body), /unknown or expired/);
    });

    it("accepts GET with query parameters and a stray '?' (cic.md §3.9)", async () => {
      const query = `client_id=${identity.clientId}?client_secret=${identity.clientSecret}&device_id=g1`;
      const response = await fetch(`${url}/device/code?${query}`);
      assert.equal(response.status, 200);
      assert.match(String(((await response.json()) as Json)["user_code"]), USER_CODE);
    });

    it("names what is wrong in every refused request", async () => {
      const device = async (params: Record<string, string>) =>
        (await form("/device/code", params)).body;
      const base = { client_id: identity.clientId, client_secret: identity.clientSecret };
      const noClient = await device({ device_id: "x" });
      assert.equal(noClient["error"], "invalid_request");
      assert.equal(noClient["error_description"], "client_id is required");
      assert.equal(noClient["user_code"], "", "the documented shape, fields empty");
      assert.equal(
        (await device({ client_id: identity.clientId, device_id: "x" }))["error_description"],
        "client_secret is required",
      );
      assert.equal(
        (await device({ ...base, client_secret: "bad", device_id: "x" }))["error"],
        "invalid_client",
      );
      assert.equal((await device(base))["error_description"], "device_id is required");
      assert.match(
        String((await device({ ...base, device_id: "x".repeat(201) }))["error_description"]),
        /device_id is longer than 200/,
      );
      const huge = await form("/device/code", { ...base, device_id: "x", pad: "y".repeat(20_000) });
      assert.equal(huge.status, 400);
      assert.match(String(huge.body["error_description"]), /larger than 16384 bytes/);

      assert.equal((await poll("")).body["error_description"], "device_code is required");
      assert.equal((await poll("dc_unknown")).body["error"], "invalid_grant");
      const other = await authority.registerClient("other product");
      const { code, deviceId } = await start();
      const stolen = await form("/token", {
        grant_type: GRANT,
        client_id: other.clientId,
        device_code: code.device_code,
      });
      assert.equal(stolen.body["error"], "invalid_grant", "bound to its client");
      assert.equal(
        (await poll(code.device_code, { client_secret: "bad" })).body["error"],
        "invalid_client",
      );
      assert.match(
        String(
          (await poll(code.device_code, { device_id: `${deviceId}x` })).body["error_description"],
        ),
        /device_id does not match/,
      );
      const grantTypes = await form("/token", { grant_type: "password" });
      assert.match(String(grantTypes.body["error_description"]), /device_code/);

      const message = (r: { body: Json }) => (r.body["error"] as { message: string }).message;
      assert.equal((await api("POST", "/api/v1/device-activations", undefined, {})).status, 401);
      assert.match(
        message(await decide("ABC", "approve", ADMIN, "U1")),
        /userCode: expected 8 letters/,
      );
      assert.match(
        message(await decide(code.user_code, "maybe")),
        /decision: expected "approve" or "deny"/,
      );
      assert.match(
        message(await decide(code.user_code, "approve")),
        /userId: required with the admin token/,
      );
      assert.match(
        message(await decide(code.user_code, "approve", ADMIN, "bad id!")),
        /userId: expected 1-64/,
      );
      const extra = await api("POST", "/api/v1/device-activations", ADMIN, {
        userCode: code.user_code,
        decision: "deny",
        colour: "red",
      });
      assert.match(message(extra), /colour: unknown field/);
      const notJson = await api("POST", "/api/v1/device-activations", ADMIN, "{");
      assert.equal(notJson.status, 400);
      assert.equal((await api("PUT", "/api/v1/device-activations", ADMIN)).status, 405);
      const big = await api("POST", "/api/v1/device-activations", ADMIN, {
        userCode: "x".repeat(20_000),
      });
      assert.equal(big.status, 413);
      assert.equal((await api("GET", "/api/v1/device-activations/BBBB-BBBB", ADMIN)).status, 404);
    });
  });
}
