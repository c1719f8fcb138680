// logInWithDeviceCode against a real gateway on 127.0.0.1: the device shows its code, the user
// approves it through the activation API, the device's tokens then open a downchannel; a
// denied code and an aborted wait end the flow with clear errors.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  AdminAuth,
  type Assistant,
  CicGateway,
  DeviceAuthority,
  hashToken,
  MemoryAuthStore,
} from "@clover/server";
import { handleDeviceAdmin } from "../../server/src/cic/auth/admin-routes.js";
import {
  AuthRequestError,
  type DeviceAuthorization,
  DeviceClient,
  type DeviceIdentity,
  logInWithDeviceCode,
  refreshTokens,
} from "../src/index.js";

const ADMIN = "device-package-admin";

const silent: Assistant = {
  handleTurn: async () => ({ speech: [], directives: [], expectSpeech: false }),
};

describe("logInWithDeviceCode", () => {
  let gateway: CicGateway;
  let authority: DeviceAuthority;
  let identity: DeviceIdentity;

  before(async () => {
    authority = new DeviceAuthority(new MemoryAuthStore(), { deviceCodeIntervalSeconds: 1 });
    const admin = new AdminAuth(hashToken(ADMIN));
    gateway = new CicGateway({
      assistant: silent,
      authority,
      fallback: (req, res) => {
        void handleDeviceAdmin(authority, admin, req, res).then((handled) => {
          if (!handled) res.writeHead(404).end();
        });
      },
    });
    const url = `http://127.0.0.1:${(await gateway.listen(0)).port}`;
    const client = await authority.registerClient("headless speaker");
    identity = { url, ...client, deviceId: "speaker-1", modelId: "HS-1" };
  });
  after(() => gateway.close());

  const decide = (userCode: string, decision: string, userId?: string) =>
    fetch(`${identity.url}/api/v1/device-activations`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({ userCode, decision, ...(userId ? { userId } : {}) }),
    });

  it("shows the code, waits for approval, and returns working tokens", async () => {
    const shown: DeviceAuthorization[] = [];
    const tokens = await logInWithDeviceCode(identity, {
      async onUserCode(authorization) {
        shown.push(authorization);
        assert.equal((await decide(authorization.user_code, "approve", "U-headless")).status, 200);
      },
    });
    assert.equal(shown.length, 1);
    assert.match(shown[0]!.user_code, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(shown[0]!.verification_uri, `${identity.url}/console/activate`);
    assert.equal(tokens.token_type, "Bearer");
    const grant = await authority.verifyAccessToken(tokens.access_token);
    assert.equal(grant?.userId, "U-headless");
    assert.equal(grant?.deviceId, "speaker-1");
    const client = new DeviceClient({ url: identity.url, accessToken: tokens.access_token });
    assert.equal((await client.openDownchannel()).header.name, "Hello");
    client.close();
    const refreshed = await refreshTokens(identity, tokens.refresh_token);
    assert.notEqual(refreshed.access_token, tokens.access_token);
  });

  it("rejects with access_denied when the user denies", async () => {
    await assert.rejects(
      logInWithDeviceCode(identity, {
        onUserCode: async (authorization) => {
          await decide(authorization.user_code, "deny");
        },
      }),
      (error: AuthRequestError) =>
        error instanceof AuthRequestError && error.body["error"] === "access_denied",
    );
  });

  it("stops waiting when aborted, and reports bad credentials at once", async () => {
    const controller = new AbortController();
    await assert.rejects(
      logInWithDeviceCode(identity, {
        signal: controller.signal,
        onUserCode: () => controller.abort(new Error("user gave up")),
      }),
      /user gave up/,
    );
    await assert.rejects(
      logInWithDeviceCode({ ...identity, clientSecret: "wrong" }, { onUserCode: () => {} }),
      /client_secret does not match client_id/,
    );
  });
});
