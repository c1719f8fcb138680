// The terms flow of the client auth API (cic.md §3.3) through a real platform and a real
// HTTP/2 client: /authorize answers 451 with a code and the terms page, the code is refused at
// /token until the terms are accepted, the page's outcome redirects as the spec lists, guests
// are never asked, and the device flow's approval needs acceptTerms.
import assert from "node:assert/strict";
import http2 from "node:http2";
import { after, before, describe, it } from "node:test";
import { DeviceClient } from "@clover/device";
import { type DeviceSideWorld, startWorld } from "../device-side/clover.js";

interface Answer {
  status: number;
  headers: http2.IncomingHttpHeaders;
  text: string;
}

function h2(
  url: string,
  path: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    form?: Record<string, string>;
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(url);
    session.on("error", reject);
    const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
    const stream = session.request({
      ":method": options.method ?? (body ? "POST" : "GET"),
      ":path": path,
      ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      ...options.headers,
    });
    let headers: http2.IncomingHttpHeaders = {};
    let text = "";
    stream.setEncoding("utf8");
    stream.on("response", (h) => {
      headers = h;
    });
    stream.on("data", (chunk: string) => {
      text += chunk;
    });
    stream.on("end", () => {
      session.close();
      resolve({ status: Number(headers[":status"]), headers, text });
    });
    stream.on("error", reject);
    stream.end(body);
  });
}

const json = (answer: Answer) => JSON.parse(answer.text) as Record<string, string>;

describe("client auth API: terms of service (451)", () => {
  let world: DeviceSideWorld;
  const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
  const account = async (userId: string) =>
    (await world.api("POST", "/api/v1/accounts", { userId })).body.accountToken as string;
  const authorize = (deviceId: string, token?: string, state = "st 1/2") =>
    h2(
      world.server.url,
      `/authorize${query({
        client_id: world.clientId,
        device_id: deviceId,
        model_id: "REF-1",
        response_type: "code",
        state,
        ...(token ? {} : { request_vu: "Y" }),
      })}`,
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    );
  const exchange = (deviceId: string, code: string) =>
    h2(
      world.server.url,
      `/token${query({
        grant_type: "authorization_code",
        client_id: world.clientId,
        client_secret: world.clientSecret,
        code,
        device_id: deviceId,
        model_id: "REF-1",
      })}`,
    );

  before(async () => {
    world = await startWorld({ examples: "off", device: { termsVersion: "2026-12" } });
  });
  after(() => world.close());

  it("451 with the code and the terms page; /token refuses the code until they are accepted", async () => {
    const token = await account("terms-user");
    const first = await authorize("terms-dev", token);
    assert.equal(first.status, 451);
    const { code, redirect_uri: redirect, state } = json(first);
    assert.equal(state, "st 1/2");
    assert.ok(code);
    const terms = new URL(redirect!);
    assert.equal(terms.pathname, "/terms");
    assert.equal(terms.searchParams.get("code"), code);
    assert.equal(terms.searchParams.get("state"), "st 1/2");

    const early = await exchange("terms-dev", code!);
    assert.equal(early.status, 400);
    assert.equal(json(early).error, "terms_not_agreed");

    const shown = await h2(world.server.url, terms.pathname + terms.search);
    assert.equal(shown.status, 200);
    assert.match(String(shown.headers["content-type"]), /text\/html/);
    assert.match(shown.text, /Version 2026-12/);
    assert.match(shown.text, /name="agree"/);

    const form = { code: code!, state: "st 1/2" };
    const declined = await h2(world.server.url, "/terms", {
      form: { ...form, decision: "decline" },
    });
    assert.equal(declined.status, 302);
    assert.equal(declined.headers.location, "clova://agreement-failure?error=user-disagreement");
    const unticked = await h2(world.server.url, "/terms", {
      form: { ...form, decision: "accept" },
    });
    assert.equal(unticked.headers.location, "clova://agreement-failure?error=terms_not_agreed");
    assert.equal((await exchange("terms-dev", code!)).status, 400);

    const accepted = await h2(world.server.url, "/terms", {
      form: { ...form, decision: "accept", agree: "yes" },
    });
    assert.equal(accepted.status, 302);
    assert.equal(accepted.headers.location, "clova://agreement-success");

    const tokens = await exchange("terms-dev", code!);
    assert.equal(tokens.status, 200);
    const device = new DeviceClient({
      url: world.server.url,
      accessToken: json(tokens).access_token!,
    });
    const ping = await device.ping();
    assert.equal(ping, 204);
    device.close();

    // Accepted once per account: the next device links without the page.
    const again = await authorize("terms-dev-2", token);
    assert.equal(again.status, 200);
    assert.equal(json(again).redirect_uri, undefined);
  });

  it("sends the outcome to the caller's own redirect_uri when it added one", async () => {
    const token = await account("terms-caller");
    const { code } = json(await authorize("caller-dev", token, "xyz"));
    const page = await h2(
      world.server.url,
      `/terms${query({ code: code!, state: "xyz", redirect_uri: "app.example/linked" })}`,
    );
    assert.match(page.text, /name="redirect_uri" value="app.example\/linked"/);
    const declined = await h2(world.server.url, "/terms", {
      form: { code: code!, state: "xyz", redirect_uri: "app.example/linked", decision: "decline" },
    });
    assert.equal(
      declined.headers.location,
      `https://app.example/linked?code=${code}&state=xyz&error=user-disagreement`,
    );
    const accepted = await h2(world.server.url, "/terms", {
      form: {
        code: code!,
        state: "xyz",
        redirect_uri: "app.example/linked",
        decision: "accept",
        agree: "yes",
      },
    });
    assert.equal(accepted.headers.location, `https://app.example/linked?code=${code}&state=xyz`);
    const bad = await h2(
      world.server.url,
      `/terms${query({ code: code!, redirect_uri: "javascript:alert(1)" })}`,
    );
    assert.equal(bad.status, 400);
  });

  it("never asks guests, and answers an unknown code with a clear page", async () => {
    const guest = await authorize("guest-dev");
    assert.equal(guest.status, 200);
    assert.equal((await exchange("guest-dev", json(guest).code!)).status, 200);
    const unknown = await h2(world.server.url, "/terms?code=ac_nope&state=s");
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /no longer valid/);
  });

  it("the device flow's approval needs acceptTerms; GET /api/v1/terms shows them", async () => {
    const terms = await world.api("GET", "/api/v1/terms", undefined, "");
    assert.equal(terms.status, 200);
    assert.equal(terms.body.version, "2026-12");
    assert.match(terms.body.text, /terms of service/);
    const started = await h2(world.server.url, "/device/code", {
      form: { client_id: world.clientId, client_secret: world.clientSecret, device_id: "tv-1" },
    });
    const userCode = json(started).user_code!;
    const token = await account("terms-tv");
    const refused = await world.api(
      "POST",
      "/api/v1/device-activations",
      { userCode, decision: "approve" },
      token,
    );
    assert.equal(refused.status, 451);
    assert.equal(refused.body.error.code, "terms_not_agreed");
    const approved = await world.api(
      "POST",
      "/api/v1/device-activations",
      { userCode, decision: "approve", acceptTerms: true },
      token,
    );
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, "approved");
    // The account has now accepted: /authorize issues codes directly.
    assert.equal((await authorize("tv-2", token)).status, 200);
  });
});
