// The Clova Home conformance rig (cek-home-extension.md), shared by the Home suites: a raw
// node:http home extension linked through a real OAuth server (§10), a raw HTTP/2 device of a
// real account, a real Clover. Tests set what the extension reports and answers, say things,
// and look at the requests the extension got and the text the device got.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { Json } from "../helpers/extension-server.js";
import { type OAuthServer, startOAuthServer } from "../helpers/oauth-server.js";
import {
  ADMIN,
  admin,
  type Directive,
  type H2Answer,
  httpsCall,
  newAccount,
  newProduct,
  query,
  RawDevice,
  type Running,
  startServer,
  textRecognize,
} from "./raw.js";

export type Answer = { status?: number; body: unknown };

export interface Received {
  raw: Buffer;
  headers: http.IncomingHttpHeaders;
  body: Json;
}

/** One Clova Home message in the common envelope (§3.1). */
export function message(name: string, payload: Json = {}) {
  return {
    header: { messageId: randomUUID(), name, namespace: "ClovaHome", payloadVersion: "1.0" },
    payload,
  };
}

/** The success answer of §3.3 for a request, with an optional payload. */
export function success(request: Json, payload: Json = {}) {
  const name = String(request.header.name).replace(/Request$/, "");
  const query = /^(Get|Discover)/.test(name) || name === "HealthCheck";
  return { body: message(`${name}${query ? "Response" : "Confirmation"}`, payload) };
}

/** What the device was told to show (RenderText), the text the user gets. */
export function heard(answer: { directives: Directive[] }): string {
  return answer.directives
    .filter((d) => d.header.name === "RenderText")
    .map((d) => String(d.payload["text"]))
    .join(" ");
}

export interface HomeRigOptions {
  id: string;
  user: string;
  appliances: Json[];
  customCommands?: Json[];
  scenes?: Json[];
  /** Extra members of the registration's `home` object. */
  home?: Json;
}

export interface HomeRig {
  running: Running;
  oauth: OAuthServer;
  device: RawDevice;
  /** Every request the extension got, in order; tests may empty it. */
  requests: Received[];
  /** What discovery reports (§4.1, §4.6); change it, then rediscover(). */
  appliances: Json[];
  customCommands: Json[];
  scenes: Json[];
  /** The answer to a discovery request; by default the lists above. */
  discovery: (request: Json) => Answer;
  /** The answer to any other request; by default its success name with an empty payload. */
  control: (request: Json) => Answer;
  say(text: string): Promise<H2Answer>;
  /** Runs discovery through the management API and waits for it. */
  rediscover(): Promise<void>;
  names(): string[];
  close(): Promise<void>;
}

export async function startHomeRig(options: HomeRigOptions): Promise<HomeRig> {
  const running = await startServer({ CLOVER_ALLOW_HTTP_EXTENSIONS: "true" });
  const oauth = await startOAuthServer({ id: "homectl", secret: "homectl-secret" });
  const rig = {
    running,
    oauth,
    requests: [] as Received[],
    appliances: options.appliances,
    customCommands: options.customCommands ?? [],
    scenes: options.scenes ?? [],
    discovery: (request: Json): Answer =>
      request.header.name === "DiscoverScenesRequest"
        ? { body: message("DiscoverScenesResponse", { discoveredScenes: rig.scenes }) }
        : {
            body: message("DiscoverAppliancesResponse", {
              discoveredAppliances: rig.appliances,
              customCommands: rig.customCommands,
            }),
          },
    control: (request: Json): Answer => success(request),
  } as HomeRig;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = JSON.parse(raw.toString("utf8"));
      rig.requests.push({ raw, headers: req.headers, body });
      const out = /^Discover/.test(String(body.header.name))
        ? rig.discovery(body)
        : rig.control(body);
      res.writeHead(out.status ?? 200, { "content-type": "application/json;charset=UTF-8" });
      res.end(typeof out.body === "string" ? out.body : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/clova`;
  const registered = await admin(running.url, "POST", "/api/v1/extensions", {
    id: options.id,
    type: "home",
    displayName: "HomeCtl",
    endpointUrl: endpoint,
    accountLinking: {
      authorizationUrl: `${oauth.url}/authorize`,
      accessTokenUri: `${oauth.url}/token`,
      clientId: "homectl",
      clientSecret: "homectl-secret",
      clientAuthentication: "basic",
      scopes: ["home"],
    },
    ...(options.home ? { home: options.home } : {}),
  });
  assert.equal(registered.status, 201, registered.body.toString());
  const accountToken = await newAccount(running.url, options.user);
  const product = await newProduct(running.url, "home speaker");
  const code = await httpsCall(
    `${running.url}/authorize?${query({ client_id: product.clientId, device_id: "home-dev", model_id: "HS-1", response_type: "code", state: "s" })}`,
    { headers: { authorization: `Bearer ${accountToken}` } },
  );
  assert.equal(code.status, 200, code.body.toString());
  const tokens = await httpsCall(
    `${running.url}/token?${query({ grant_type: "authorization_code", client_id: product.clientId, client_secret: product.clientSecret, code: String(code.json()["code"]), device_id: "home-dev", model_id: "HS-1" })}`,
  );
  const device = new RawDevice(running.url, String(tokens.json()["access_token"]));
  rig.device = device;
  assert.equal((await device.openDownchannel()).status, 200);
  // Account linking: the platform's authorization URL, the vendor's redirect, back to Clover.
  const started = await admin(
    running.url,
    "POST",
    `/api/v1/extensions/${options.id}/account-linking/authorize`,
    { userId: options.user },
  );
  assert.equal(started.status, 200, started.body.toString());
  const vendor = await fetch(String(started.json()["authorizationUrl"]), { redirect: "manual" });
  assert.equal(vendor.status, 302);
  const back = new URL(vendor.headers.get("location")!);
  // The redirect URL names the port the platform listens on (port 0 binds an ephemeral one).
  assert.equal(back.port, new URL(running.url).port, "redirect_uri names the bound port");
  assert.equal(back.pathname, "/v1/al/token/");
  const linked = await httpsCall(`${running.url}${back.pathname}${back.search}`);
  assert.equal(linked.status, 200, linked.body.toString());
  const deadline = Date.now() + 10_000;
  while (!rig.requests.some((r) => r.body.header.name === "DiscoverAppliancesRequest")) {
    assert.ok(Date.now() < deadline, "discovery after linking");
    await new Promise((r) => setTimeout(r, 20));
  }
  rig.names = () => rig.requests.map((r) => String(r.body.header.name));
  rig.say = async (text: string) => {
    const answer = await device.event(textRecognize(text));
    assert.equal(answer.status, 200, `"${text}": ${answer.status}`);
    return answer;
  };
  rig.rediscover = async () => {
    const rerun = await httpsCall(`${running.url}/api/v1/home/users/${options.user}/discover`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    assert.ok(rerun.status < 300, rerun.body.toString());
  };
  rig.close = async () => {
    device.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await oauth.close();
    await running.close();
  };
  return rig;
}
