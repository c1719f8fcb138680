// A home extension written from cek-home-extension.md alone (raw node:http, no SDK, no
// example code, its own tiny OAuth 2.0 server), so the platform cannot lean on our SDK's
// habits: it checks every request's headers, envelope and signature against the spec, answers
// in the spec's own spellings (`charset-UTF-8`, a fresh messageId, `CLOVAHome`, no
// `customCommands`, `tags: null`, no scene support), and the platform must link, discover,
// control, refuse out-of-range values, speak its errors and refresh its expiring tokens.
import assert from "node:assert/strict";
import { randomUUID, verify } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DeviceClient, logIn } from "@clover/device";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { ADMIN_TOKEN, managementApi } from "../helpers/platform.js";

const EXTENSION_ID = "com.example.indie.home";
const CLIENT = { id: "clover-platform", secret: "indie-secret" };
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Received {
  headers: IncomingMessage["headers"];
  body: Buffer;
  message: { header: Record<string, unknown>; payload: Record<string, unknown> };
}

/** The independent extension: OAuth at /authorize and /token, Clova Home at /clova. */
class IndieHome {
  readonly received: Received[] = [];
  readonly problems: string[] = [];
  readonly tokenRequests: URLSearchParams[] = [];
  readonly state = { hallOn: false, hallBrightness: 100, heaterOnline: true };
  /** Valid access tokens → their refresh token. */
  readonly #access = new Map<string, string>();
  readonly #refresh = new Set<string>();
  readonly #codes = new Map<string, string>();
  publicKeyPem = "";
  server!: Server;
  url = "";

  async start(platformUrl: string): Promise<void> {
    // The extension downloads the platform's key, as §2.5 step 3 says.
    this.publicKeyPem = await (
      await fetch(`${platformUrl}/.well-known/signature-public-key.pem`)
    ).text();
    assert.match(this.publicKeyPem, /-----BEGIN PUBLIC KEY-----/);
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.#route(req, res, Buffer.concat(chunks)));
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Makes every issued access token expired (the next request answers ExpiredAccessTokenError). */
  expireTokens(): void {
    this.#access.clear();
  }

  #route(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const url = new URL(req.url ?? "/", this.url);
    if (url.pathname === "/authorize" && req.method === "GET") return this.#authorize(url, res);
    if (url.pathname === "/token" && req.method === "POST") return this.#token(req, res, body);
    if (url.pathname === "/clova" && req.method === "POST") return this.#clova(req, res, body);
    res.writeHead(404).end();
  }

  /** §10.2: no login form here; the user is "indie" and approves at once. */
  #authorize(url: URL, res: ServerResponse) {
    const p = url.searchParams;
    if (p.get("response_type") !== "code" || p.get("client_id") !== CLIENT.id) {
      res.writeHead(400).end("bad authorization request");
      return;
    }
    const code = randomUUID();
    this.#codes.set(code, p.get("redirect_uri") ?? "");
    const back = new URL(p.get("redirect_uri")!);
    back.searchParams.set("code", code);
    back.searchParams.set("state", p.get("state") ?? "");
    res.writeHead(302, { location: back.toString() }).end();
  }

  /** RFC 6749 §4.1.3 and §6, client authentication by HTTP Basic only (§10.1 "recommended"). */
  #token(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    const basic = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString("base64")}`;
    if (req.headers.authorization !== basic) return json(401, { error: "invalid_client" });
    const form = new URLSearchParams(body.toString("utf8"));
    this.tokenRequests.push(form);
    let ok = false;
    if (form.get("grant_type") === "authorization_code") {
      const redirect = this.#codes.get(form.get("code") ?? "");
      ok = redirect !== undefined && redirect === form.get("redirect_uri");
      this.#codes.delete(form.get("code") ?? "");
    } else if (form.get("grant_type") === "refresh_token") {
      ok = this.#refresh.delete(form.get("refresh_token") ?? "");
    }
    if (!ok) return json(400, { error: "invalid_grant" });
    const access = `at-${randomUUID()}`;
    const refresh = `rt-${randomUUID()}`;
    this.#access.set(access, refresh);
    this.#refresh.add(refresh);
    json(200, { access_token: access, token_type: "bearer", refresh_token: refresh });
  }

  #clova(req: IncomingMessage, res: ServerResponse, body: Buffer) {
    const problem = (what: string) => this.problems.push(what);
    // §2.2 headers.
    if (!/^application\/json;\s*charset[=-]utf-8$/i.test(req.headers["content-type"] ?? ""))
      problem(`content-type ${req.headers["content-type"]}`);
    if (req.headers.accept !== "application/json") problem(`accept ${req.headers.accept}`);
    if (String(req.headers["accept-charset"]).toLowerCase() !== "utf-8")
      problem(`accept-charset ${req.headers["accept-charset"]}`);
    const signature = req.headers.signaturecek;
    // §2.5: RSA PKCS #1 v1.5 with SHA-256 over the raw body, Base64; discard when it fails.
    if (
      typeof signature !== "string" ||
      !verify("sha256", body, this.publicKeyPem, Buffer.from(signature, "base64"))
    ) {
      problem("signature");
      res.writeHead(401).end();
      return;
    }
    const message = JSON.parse(body.toString("utf8"));
    this.received.push({ headers: req.headers, body, message });
    // §3.1: exactly header + payload; the four header fields; ClovaHome; "1.0".
    const { header, payload } = message;
    if (Object.keys(message).sort().join() !== "header,payload") problem("top-level members");
    if (Object.keys(header).sort().join() !== "messageId,name,namespace,payloadVersion")
      problem(`header members ${Object.keys(header)}`);
    if (header.namespace !== "ClovaHome") problem(`namespace ${header.namespace}`);
    if (header.payloadVersion !== "1.0") problem(`payloadVersion ${header.payloadVersion}`);
    if (!UUID_V4.test(header.messageId)) problem(`messageId ${header.messageId}`);
    if (payload === null || typeof payload !== "object") problem("payload");
    const answer = (name: string, out: Record<string, unknown> = {}) => {
      // The spec's own spellings: charset-UTF-8 (sic), a new messageId, CLOVAHome (§14 #1–3).
      const text = JSON.stringify({
        header: {
          messageId: randomUUID(),
          name,
          namespace: "CLOVAHome",
          payloadVersion: "1.0",
        },
        payload: out,
      });
      res.writeHead(200, { "content-type": "application/json;charset-UTF-8" }).end(text);
    };
    const name = String(header.name);
    if (!this.#access.has(String(payload.accessToken))) {
      // §10.3 duty: an expired token (we issued it, and it has lapsed) is said so.
      return answer(
        String(payload.accessToken).startsWith("at-")
          ? "ExpiredAccessTokenError"
          : "InvalidAccessTokenError",
      );
    }
    const appliance = payload.appliance as
      | { applianceId: string; additionalApplianceDetails?: unknown }
      | undefined;
    if (name === "DiscoverAppliancesRequest")
      return answer("DiscoverAppliancesResponse", { discoveredAppliances: DEVICES });
    if (name === "DiscoverScenesRequest") return answer("UnsupportedOperationError");
    const discovered = DEVICES.find((d) => d.applianceId === appliance?.applianceId);
    if (!discovered) return answer("NoSuchTargetError");
    // §4.3: the details from discovery come back verbatim.
    if (
      JSON.stringify(appliance?.additionalApplianceDetails) !==
      JSON.stringify(discovered.additionalApplianceDetails)
    )
      problem(`details of ${discovered.applianceId}`);
    if (discovered.applianceId === "indie:heater" && !this.state.heaterOnline)
      return answer("TargetOfflineError");
    switch (name) {
      case "TurnOnRequest":
      case "TurnOffRequest":
        this.state.hallOn = name === "TurnOnRequest";
        return answer(name.replace(/Request$/, "Confirmation"));
      case "SetBrightnessRequest": {
        this.state.hallBrightness = (payload.brightness as { value: number }).value;
        return answer("SetBrightnessConfirmation", {
          brightness: { value: this.state.hallBrightness },
        });
      }
      case "GetCurrentTemperatureRequest":
        return answer("GetCurrentTemperatureResponse", {
          currentTemperature: { value: 21.5 },
          applianceResponseTimestamp: "2026-12-04T10:00:00+09:00",
        });
      default:
        return answer("UnsupportedOperationError");
    }
  }
}

/** §4.2, with the optional fields a real vendor leaves out or sends as null. */
const DEVICES = [
  {
    applianceId: "indie:hall-light",
    applianceTypes: ["LIGHT"],
    friendlyName: "hall light",
    manufacturerName: "Indie",
    modelName: "IL-1",
    isIr: false,
    isReachable: true,
    actions: ["TurnOn", "TurnOff", "SetBrightness"],
    additionalApplianceDetails: { gateway: "gw-7", channel: 2 },
    location: "HALLWAY",
    tags: null,
  },
  {
    applianceId: "indie:heater",
    applianceTypes: ["HEATER"],
    friendlyName: "heater",
    actions: ["TurnOn", "TurnOff", "SetTargetTemperature", "GetCurrentTemperature"],
    additionalApplianceDetails: {
      actionDetails: [
        {
          action: "SetTargetTemperature",
          allowableValue: { type: "boundedNumber", minValue: 16, maxValue: 28 },
        },
      ],
    },
    location: "LIVING_ROOM",
  },
  {
    applianceId: "indie:unplaced-plug",
    applianceTypes: ["SMARTPLUG"],
    friendlyName: "kettle plug",
    actions: ["TurnOn", "TurnOff"],
    location: "",
    tags: [],
  },
];

describe("a home extension written from the spec alone", () => {
  let server: CloverServer;
  let indie: IndieHome;
  let device: DeviceClient;
  let dataDir: string;
  const api = () => managementApi(server.url);
  const say = async (text: string) => {
    const response = await device.sendText(text);
    assert.equal(response.status, 200);
    const render = response.directives.find((d) => d.header.name === "RenderText");
    return String(render?.payload["text"] ?? "");
  };
  const names = () => indie.received.map((r) => r.message.header.name);

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "clover-indie-"));
    server = await startClover({
      config: testCloverConfig(dataDir, ADMIN_TOKEN, {
        CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
        CLOVER_EXTENSION_NETWORKS: "loopback",
        CLOVER_EXAMPLES: "off",
      }),
    });
    indie = new IndieHome();
    await indie.start(server.url);
    const registered = await api()("POST", "/api/v1/extensions", {
      id: EXTENSION_ID,
      type: "home",
      displayName: "Indie Home",
      endpointUrl: `${indie.url}/clova`,
      accountLinking: {
        authorizationUrl: `${indie.url}/authorize`,
        accessTokenUri: `${indie.url}/token`,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        scopes: ["home"],
      },
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const client = await api()("POST", "/api/v1/device-clients", { name: "indie speaker" });
    const account = await api()("POST", "/api/v1/accounts", { userId: "indie" });
    const tokens = await logIn(
      { url: server.url, ...client.body, deviceId: "indie-speaker", modelId: "HS-1" },
      account.body.accountToken,
    );
    device = new DeviceClient({ url: server.url, accessToken: tokens.access_token });
    await device.openDownchannel();
  });
  after(async () => {
    device?.close();
    await new Promise<void>((resolve) => indie?.server.close(() => resolve()));
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("links through its OAuth server (code grant, HTTP Basic) and discovers right after", async () => {
    const started = await api()(
      "POST",
      `/api/v1/extensions/${EXTENSION_ID}/account-linking/authorize`,
      { userId: "indie" },
    );
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const login = await fetch(started.body.authorizationUrl, { redirect: "manual" });
    assert.equal(login.status, 302);
    const back = new URL(login.headers.get("location")!);
    const done = await fetch(`${server.url}${back.pathname}${back.search}`);
    assert.equal(done.status, 200, await done.clone().text());
    assert.equal(indie.tokenRequests[0]?.get("grant_type"), "authorization_code");
    assert.deepEqual(names(), ["DiscoverAppliancesRequest", "DiscoverScenesRequest"]);
    const listed = await api()("GET", "/api/v1/home/users/indie/devices");
    assert.deepEqual(
      listed.body.devices.map((d: { applianceId: string }) => d.applianceId).sort(),
      DEVICES.map((d) => d.applianceId).sort(),
    );
  });

  it("controls devices, echoing the discovery details", async () => {
    assert.equal(await say("turn on the hall light"), "Turned on the hall light.");
    assert.equal(indie.state.hallOn, true);
    assert.equal(
      await say("set the hallway light to 40 percent"),
      "Set the hall light to 40 percent.",
    );
    assert.equal(indie.state.hallBrightness, 40);
    assert.match(await say("what's the temperature in the living room"), /21\.5 degrees/);
    assert.equal(await say("turn on the kettle plug"), "Turned on the kettle plug.");
  });

  it("checks actionDetails before calling, and speaks the extension's errors", async () => {
    const sent = indie.received.length;
    assert.match(await say("set the heater to 30 degrees"), /between 16 and 28 degrees/);
    assert.equal(indie.received.length, sent, "an out-of-range value is never sent");
    indie.state.heaterOnline = false;
    assert.match(await say("turn on the heater"), /heater seems to be offline/);
    indie.state.heaterOnline = true;
    assert.match(await say("dim the kettle plug"), /can't do that/);
  });

  it("refreshes an expired token (HTTP Basic again) and retries once", async () => {
    indie.expireTokens();
    assert.equal(await say("turn off the hall light"), "Turned off the hall light.");
    assert.equal(indie.state.hallOn, false);
    assert.equal(indie.tokenRequests.at(-1)?.get("grant_type"), "refresh_token");
    assert.deepEqual(names().slice(-2), ["TurnOffRequest", "TurnOffRequest"]);
    // §12.3 b: the retry is a new message with the new token.
    const [first, retry] = indie.received.slice(-2).map((r) => r.message);
    assert.notEqual(first!.header.messageId, retry!.header.messageId);
    assert.notEqual(first!.payload.accessToken, retry!.payload.accessToken);
  });

  it("sent every request as §2 and §3 say, and nothing but Clova Home messages", () => {
    assert.deepEqual(indie.problems, []);
    assert.ok(indie.received.every((r) => /(Request)$/.test(String(r.message.header?.name))));
    assert.ok(indie.received.length >= 8);
  });
});
