// Account linking end to end with a real OAuth 2.0 server (cek-custom-extension.md §8).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { type OAuthServer, startOAuthServer } from "../helpers/oauth-server.js";
import { device, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

const CLIENT = { id: "clover-platform", secret: "very-secret" };
const ID = "com.example.shop";

describe("account linking", () => {
  let platform: TestPlatform;
  let oauth: OAuthServer;
  let ext: TestExtension;
  const me = device({ deviceId: "linked-speaker", userId: "U_linked" });

  /** Follows the login redirect into the platform's redirect endpoint, like a browser. */
  async function link(userId: string, scheme: "basic" | "body" = "basic") {
    const done = await followLogin(userId, scheme);
    assert.equal(done.status, 200, await done.clone().text());
    assert.match(await done.text(), /linked to Shop/);
  }

  /** The platform's answer at the redirect endpoint after the user signed in. */
  async function followLogin(userId: string, scheme: "basic" | "body" = "basic") {
    await platform.api("PATCH", `/api/v1/extensions/${ID}`, {
      accountLinking: {
        authorizationUrl: `${oauth.url}/authorize`,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        accessTokenUri: `${oauth.url}/token`,
        clientAuthentication: scheme,
        scopes: ["orders", "profile"],
      },
    });
    const started = await platform.api(
      "POST",
      `/api/v1/extensions/${ID}/account-linking/authorize`,
      { userId },
    );
    assert.equal(started.status, 200);
    const login = new URL(started.body.authorizationUrl);
    assert.equal(login.searchParams.get("client_id"), CLIENT.id);
    assert.equal(login.searchParams.get("response_type"), "code");
    assert.equal(login.searchParams.get("scope"), "orders profile");
    assert.match(started.body.authorizationUrl, /scope=orders%20profile/);
    assert.equal(login.searchParams.get("state"), started.body.state);
    const redirect = await fetch(login, { redirect: "manual" });
    assert.equal(redirect.status, 302);
    const back = new URL(redirect.headers.get("location")!);
    assert.equal(back.pathname, "/v1/al/token/");
    // The browser would reach the public URL; in the test it is the API's own port.
    return fetch(`${platform.apiUrl}${back.pathname}${back.search}`);
  }

  before(async () => {
    oauth = await startOAuthServer(CLIENT);
    platform = await startPlatform();
    ext = await startExtension((request: Json) => {
      const token = request.session.user.accessToken;
      return { body: answer(token ? `Hello, holder of ${token}.` : "Please link your account.") };
    });
    await platform.api("POST", "/api/v1/extensions", {
      id: ID,
      displayName: "Shop",
      endpointUrl: ext.url,
      models: { en: { ...bakeryModel("en"), invocation: { main: "the shop" } } },
    });
  });
  after(async () => {
    await platform.close();
    await ext.close();
    await oauth.close();
  });

  it("asks an unlinked user to link in the app, without calling the extension", async () => {
    await link("U_someone_else");
    const result = await platform.assistant.handleTurn(say("open the shop", me));
    assert.match(result.speech[0]?.value ?? "", /link your account in the app/);
    assert.equal(ext.received.length, 0);
  });

  it("links with the authorization code and passes the access token (§8.7)", async () => {
    await link(me.userId);
    const exchange = oauth.tokenRequests.at(-1)!;
    assert.equal(exchange.fields.grant_type, "authorization_code");
    assert.equal(exchange.fields.redirect_uri, `${platform.config.publicUrl}/v1/al/token/`);
    assert.match(exchange.authorization ?? "", /^Basic /);
    const result = await platform.assistant.handleTurn(say("open the shop", me));
    const token = oauth.issued.at(-1)!;
    assert.equal(result.speech[0]?.value, `Hello, holder of ${token}.`);
    const sent = ext.received.at(-1)!.body;
    assert.equal(sent.session.user.accessToken, token);
    assert.equal(sent.context.System.user.accessToken, token);
  });

  it("refreshes a token that is about to expire, with credentials in the body if so configured", async () => {
    oauth.expiresIn = 30; // inside the refresh margin: refreshed before the next call
    await link(me.userId, "body");
    const linked = oauth.issued.at(-1)!;
    oauth.expiresIn = 3600;
    const before = oauth.tokenRequests.length;
    const result = await platform.assistant.handleTurn(say("open the shop", me));
    const refreshed = oauth.issued.at(-1)!;
    assert.notEqual(refreshed, linked);
    assert.equal(oauth.tokenRequests.length, before + 1);
    const refresh = oauth.tokenRequests.at(-1)!;
    assert.equal(refresh.fields.grant_type, "refresh_token");
    assert.equal(refresh.fields.client_secret, CLIENT.secret);
    assert.equal(result.speech[0]?.value, `Hello, holder of ${refreshed}.`);
    // The new token lives an hour: no further refresh.
    await platform.assistant.handleTurn(say("open the shop", me));
    assert.equal(oauth.tokenRequests.length, before + 1);
  });

  it("treats a refused refresh as unlinked", async () => {
    oauth.expiresIn = 1;
    await link(me.userId);
    oauth.expiresIn = 3600;
    for (const token of oauth.refreshIssued) oauth.revoked.add(token);
    const calls = ext.received.length;
    const result = await platform.assistant.handleTurn(say("open the shop", me));
    assert.match(result.speech[0]?.value ?? "", /link your account in the app/);
    assert.equal(oauth.tokenRequests.at(-1)!.fields.grant_type, "refresh_token");
    assert.equal(ext.received.length, calls, "the extension is not called");
    // The link is gone: no second refresh attempt.
    const attempts = oauth.tokenRequests.length;
    await platform.assistant.handleTurn(say("open the shop", me));
    assert.equal(oauth.tokenRequests.length, attempts);
  });

  it("refuses an unknown or reused state and a missing code", async () => {
    const unknown = await fetch(`${platform.apiUrl}/v1/al/token/?state=nope&code=abc`);
    assert.equal(unknown.status, 400);
    const body = (await unknown.json()) as Json;
    assert.equal(body.error.code, "invalid_state");
    const missing = await fetch(`${platform.apiUrl}/v1/al/token/?state=nope`);
    assert.equal(((await missing.json()) as Json).error.message, "missing code parameter (§8.5)");
  });

  it("refuses a token answer nested past 64 levels or over 64 KiB with 400 token_request_failed naming it", async () => {
    const hostile = [
      // 30,000 levels: 60 KB, under the size limit; JSON.parse reads it, a walk of it would not.
      [
        `{"access_token":"at_deep","deep":${"[".repeat(30_000)}${"]".repeat(30_000)}}`,
        /nesting arrays and objects deeper than 64 levels/,
      ],
      [
        `{"access_token":"at_big","pad":"${"x".repeat(1_000_000)}"}`,
        /a body larger than 65536 bytes/,
      ],
    ] as const;
    try {
      for (const [body, named] of hostile) {
        oauth.tokenAnswer = body;
        const done = await followLogin("U_hostile");
        const answer = (await done.json()) as Json;
        assert.equal(done.status, 400, JSON.stringify(answer).slice(0, 300));
        assert.equal(answer.error.code, "token_request_failed");
        assert.match(answer.error.message, named);
      }
    } finally {
      delete oauth.tokenAnswer;
    }
    // Nothing was linked, and the platform links the next user as before.
    const result = await platform.assistant.handleTurn(
      say("open the shop", device({ deviceId: "hostile-speaker", userId: "U_hostile" })),
    );
    assert.match(result.speech[0]?.value ?? "", /link your account in the app/);
    await link(me.userId);
  });

  it("deletes the token when the user disables the extension (§6)", async () => {
    await link(me.userId);
    await platform.api("PUT", `/api/v1/extensions/${ID}/users/${me.userId}`);
    await platform.api("DELETE", `/api/v1/extensions/${ID}/users/${me.userId}`);
    const result = await platform.assistant.handleTurn(say("open the shop", me));
    assert.match(result.speech[0]?.value ?? "", /link your account/);
  });
});
