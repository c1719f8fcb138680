// The client auth API (cic.md §3) against a hostile caller: replayed and raced codes, one
// client's or device's code and refresh token presented by another, duplicated, oversized and
// mistyped parameters, a revoked device refreshing. Every refusal is the documented object with
// an OAuth-style `error` naming what was wrong; a bystander device works before and after.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type DeviceClient, exchangeCode, logIn, requestAuthorizationCode } from "@clover/device";
import { DeviceAuthority, MemoryAuthStore } from "../../src/cic/index.js";
import type { CloverServer } from "../../src/main.js";
import { deviceAt, loginDevice, registerClient } from "../helpers/devices.js";
import { tempDir } from "../helpers/platform.js";
import { startCloverOver } from "./protocols.js";

const ADMIN = "auth-attacks-admin";

describe("auth API attacks (cic.md §3)", () => {
  let server: CloverServer;
  let client: { clientId: string; clientSecret: string };
  let other: { clientId: string; clientSecret: string };
  let bystander: DeviceClient;
  let n = 0;
  const identity = (deviceId = `attacked-${++n}`) => ({
    url: server.url,
    ...client,
    deviceId,
    modelId: "KS-1",
  });
  /** One auth API call; its status and JSON body. */
  const call = async (path: string, init: RequestInit = {}) => {
    const response = await fetch(`${server.url}${path}`, init);
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const token = (params: Record<string, string>) => call(`/token?${new URLSearchParams(params)}`);

  before(async () => {
    server = await startCloverOver(undefined, tempDir("clover-auth-attacks-"), ADMIN, {
      CLOVER_PREAUTH_FAILURE_BURST: "10000",
    });
    client = await registerClient(server.url, ADMIN);
    other = await registerClient(server.url, ADMIN);
    bystander = deviceAt(server.url, await loginDevice(server.url, client, "bystander"));
    await bystander.openDownchannel();
  });
  after(async () => {
    bystander?.close();
    await server?.close();
  });

  /** The bystander's token and connection still work: checked after the attacks. */
  async function bystanderAnswers() {
    const status = await bystander.ping();
    assert.ok(status >= 200 && status < 300, `ping ${status}`);
  }

  it("exchanges a code once even when the exchanges race", async () => {
    const id = identity();
    const code = await requestAuthorizationCode(id);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        token({
          grant_type: "authorization_code",
          client_id: id.clientId,
          client_secret: id.clientSecret,
          code,
          device_id: id.deviceId,
        }),
      ),
    );
    const issued = answers.filter((a) => a.status === 200);
    assert.equal(issued.length, 1, JSON.stringify(answers.map((a) => a.status)));
    for (const refused of answers.filter((a) => a.status !== 200)) {
      assert.equal(refused.status, 400);
      assert.equal(refused.body["error"], "invalid_grant");
    }
    await bystanderAnswers();
  });

  it("refuses a code of one client presented by another, and leaves it to its client", async () => {
    const id = identity();
    const code = await requestAuthorizationCode(id);
    const stolen = await token({
      grant_type: "authorization_code",
      client_id: other.clientId,
      client_secret: other.clientSecret,
      code,
      device_id: id.deviceId,
    });
    assert.equal(stolen.status, 400);
    assert.equal(stolen.body["error"], "invalid_grant");
    assert.equal(stolen.body["access_token"], "");
    assert.equal((await exchangeCode(id, code)).token_type, "Bearer");
  });

  it("refuses a refresh token presented by another client or another device", async () => {
    const id = identity();
    const tokens = await logIn(id);
    const byClient = await token({
      grant_type: "refresh_token",
      client_id: other.clientId,
      client_secret: other.clientSecret,
      refresh_token: tokens.refresh_token,
    });
    assert.equal(byClient.status, 400);
    assert.equal(byClient.body["error"], "invalid_grant");
    const byDevice = await token({
      grant_type: "refresh_token",
      client_id: id.clientId,
      client_secret: id.clientSecret,
      refresh_token: tokens.refresh_token,
      device_id: "someone-else",
    });
    assert.equal(byDevice.status, 400, JSON.stringify(byDevice.body));
    assert.equal(byDevice.body["error"], "invalid_grant");
    assert.match(byDevice.body["error_description"] ?? "", /device_id/);
    await bystanderAnswers();
  });

  it("revokes the device's refresh token with its access token (grant_type=delete)", async () => {
    const id = identity();
    const tokens = await logIn(id);
    const deleted = await token({
      grant_type: "delete",
      client_id: id.clientId,
      client_secret: id.clientSecret,
      access_token: tokens.access_token,
      device_id: id.deviceId,
    });
    assert.equal(deleted.status, 200);
    const refreshed = await token({
      grant_type: "refresh_token",
      client_id: id.clientId,
      client_secret: id.clientSecret,
      refresh_token: tokens.refresh_token,
    });
    assert.equal(refreshed.status, 400, JSON.stringify(refreshed.body));
    assert.equal(refreshed.body["error"], "invalid_grant");
    await bystanderAnswers();
  });

  for (const [where, make] of [
    [
      "the query",
      (dup: string) => ({ path: `/token?grant_type=authorization_code&${dup}`, init: {} }),
    ],
    [
      "a form body",
      (dup: string) => ({
        path: "/token",
        init: {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `grant_type=authorization_code&${dup}`,
        },
      }),
    ],
  ] as const)
    it(`refuses a parameter given twice in ${where}, naming it`, async () => {
      const id = identity();
      const code = await requestAuthorizationCode(id);
      const rest = `client_secret=${id.clientSecret}&code=${code}&device_id=${id.deviceId}`;
      const { path, init } = make(`client_id=${other.clientId}&client_id=${id.clientId}&${rest}`);
      const answer = await call(path, init);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body["error"], "invalid_request");
      assert.match(answer.body["error_description"] ?? "", /client_id/);
      assert.equal((await exchangeCode(id, code)).token_type, "Bearer", "the code is untouched");
    });

  it("names the content type of a POST body it does not read", async () => {
    const id = identity();
    const code = await requestAuthorizationCode(id);
    const answer = await call("/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "authorization_code",
        client_id: id.clientId,
        client_secret: id.clientSecret,
        code,
      }),
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body["error"], "invalid_request");
    assert.match(answer.body["error_description"] ?? "", /application\/json/);
    assert.match(answer.body["error_description"] ?? "", /x-www-form-urlencoded/);
  });

  for (const [label, deviceId] of [
    ["10,000 characters", "d".repeat(10_000)],
    ["a newline", "dev\nice"],
    ["markup", "<img src=x onerror=alert(1)>"],
  ] as const)
    it(`refuses a device_id with ${label} before issuing anything`, async () => {
      const answer = await call("/authorize", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          client_id: client.clientId,
          device_id: deviceId,
          model_id: "KS-1",
          response_type: "code",
          state: "s",
          request_vu: "Y",
        }).toString(),
      });
      assert.equal(answer.status, 400, JSON.stringify(answer.body).slice(0, 200));
      assert.equal(answer.body["error"], "invalid_request");
      assert.match(answer.body["error_description"] ?? "", /device_id/);
      assert.equal(answer.body["code"], "");
    });

  it("answers a guessed token like an unknown one and keeps serving", async () => {
    for (let i = 0; i < 20; i++) {
      const guessed = await token({
        grant_type: "refresh_token",
        client_id: client.clientId,
        client_secret: client.clientSecret,
        refresh_token: `cv_rt_${"A".repeat(i)}`,
      });
      assert.equal(guessed.status, 400);
      assert.equal(guessed.body["error"], "invalid_grant");
    }
    await bystanderAnswers();
  });
});

describe("auth API attacks: a code raced inside one process", () => {
  it("issues tokens for a code once when its exchanges interleave", async () => {
    const authority = new DeviceAuthority(new MemoryAuthStore());
    const { clientId, clientSecret } = await authority.registerClient("kiosk");
    const code = await authority.authorize({ clientId, deviceId: "d1", guest: true });
    const exchanges = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        authority.exchangeCode({ clientId, clientSecret, code, deviceId: "d1" }),
      ),
    );
    assert.deepEqual(
      exchanges.map((e) => e.status),
      ["fulfilled", ...Array(7).fill("rejected")],
    );
  });
});
