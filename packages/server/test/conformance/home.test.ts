// Clova Home conformance (cek-home-extension.md), black box: a raw node:http home extension
// linked through a real OAuth server, a raw HTTP/2 device of a real account, a real Clover.
import assert from "node:assert/strict";
import { createPublicKey, randomUUID, verify } from "node:crypto";
import http from "node:http";
import { after, before, describe, it } from "node:test";
import type { Json } from "../helpers/extension-server.js";
import { type OAuthServer, startOAuthServer } from "../helpers/oauth-server.js";
import {
  ADMIN,
  type Directive,
  httpsCall,
  newProduct,
  query,
  RawDevice,
  type Running,
  startServer,
  textRecognize,
} from "./raw.js";

const ID = "org.example.homectl";
const USER = "home-conformance-user";

let customCommands: Json[] = [];
let scenes: Json[] = [];
const appliances: Json[] = [
  {
    applianceId: "porch:light:1",
    manufacturerName: "Lumora",
    modelName: "L1",
    friendlyName: "porch light",
    isIr: false,
    actions: ["TurnOn", "TurnOff", "HealthCheck"],
    applianceTypes: ["LIGHT"],
    additionalApplianceDetails: { hub: "H-7" },
    location: "",
  },
  {
    applianceId: "heater-1",
    friendlyName: "heater",
    actions: ["TurnOn", "TurnOff", "SetTargetTemperature"],
    applianceTypes: ["HEATER"],
  },
];

type Answer = { status?: number; body: unknown };

function message(name: string, payload: Json = {}) {
  return {
    header: { messageId: randomUUID(), name, namespace: "ClovaHome", payloadVersion: "1.0" },
    payload,
  };
}

function heard(answer: { directives: Directive[] }): string {
  return answer.directives
    .filter((d) => d.header.name === "RenderText")
    .map((d) => String(d.payload["text"]))
    .join(" ");
}

describe("Clova Home conformance (raw home extension, raw device)", () => {
  let running: Running;
  let oauth: OAuthServer;
  let server: http.Server;
  let device: RawDevice;
  const requests: { raw: Buffer; headers: http.IncomingHttpHeaders; body: Json }[] = [];
  let control: (request: Json) => Answer = (r) => ({
    body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
  });

  async function say(text: string) {
    const answer = await device.event(textRecognize(text));
    assert.equal(answer.status, 200, `"${text}": ${answer.status}`);
    return answer;
  }

  before(async () => {
    running = await startServer({ CLOVER_ALLOW_HTTP_EXTENSIONS: "true" });
    oauth = await startOAuthServer({ id: "homectl", secret: "homectl-secret" });
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const raw = Buffer.concat(chunks);
        const body = JSON.parse(raw.toString("utf8"));
        requests.push({ raw, headers: req.headers, body });
        const name = String(body.header.name);
        const out: Answer =
          name === "DiscoverAppliancesRequest"
            ? {
                body: message("DiscoverAppliancesResponse", {
                  discoveredAppliances: appliances,
                  customCommands,
                }),
              }
            : name === "DiscoverScenesRequest"
              ? { body: message("DiscoverScenesResponse", { discoveredScenes: scenes }) }
              : control(body);
        res.writeHead(out.status ?? 200, { "content-type": "application/json;charset=UTF-8" });
        res.end(typeof out.body === "string" ? out.body : JSON.stringify(out.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}/clova`;
    const admin = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };
    const registered = await httpsCall(`${running.url}/api/v1/extensions`, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({
        id: ID,
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
        home: {
          notificationsEnabled: true,
          messages: [{ id: "msg-gas", text: { en: "Gas leak detected at the porch." } }],
        },
      }),
    });
    assert.equal(registered.status, 201, registered.body.toString());
    const account = await httpsCall(`${running.url}/api/v1/accounts`, {
      method: "POST",
      headers: admin,
      body: JSON.stringify({ userId: USER }),
    });
    const accountToken = String(account.json()["accountToken"]);
    const product = await newProduct(running.url, "home speaker");
    const code = await httpsCall(
      `${running.url}/authorize?${query({ client_id: product.clientId, device_id: "home-dev", model_id: "HS-1", response_type: "code", state: "s" })}`,
      { headers: { authorization: `Bearer ${accountToken}` } },
    );
    assert.equal(code.status, 200, code.body.toString());
    const tokens = await httpsCall(
      `${running.url}/token?${query({ grant_type: "authorization_code", client_id: product.clientId, client_secret: product.clientSecret, code: String(code.json()["code"]), device_id: "home-dev", model_id: "HS-1" })}`,
    );
    device = new RawDevice(running.url, String(tokens.json()["access_token"]));
    assert.equal((await device.openDownchannel()).status, 200);
    // Account linking: the platform's authorization URL, the vendor's redirect, back to Clover.
    const started = await httpsCall(
      `${running.url}/api/v1/extensions/${ID}/account-linking/authorize`,
      { method: "POST", headers: admin, body: JSON.stringify({ userId: USER }) },
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
    while (!requests.some((r) => r.body.header.name === "DiscoverAppliancesRequest")) {
      assert.ok(Date.now() < deadline, "discovery after linking");
      await new Promise((r) => setTimeout(r, 20));
    }
    // The first turn compiles the home vocabulary; on a busy machine that takes seconds.
    await say("turn on the porch light");
  });
  after(async () => {
    device?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await oauth?.close();
    await running?.close();
  });

  it("discovers with a signed ClovaHome envelope carrying the access token (§2, §3, §4.1)", async () => {
    const discovery = requests.find((r) => r.body.header.name === "DiscoverAppliancesRequest")!;
    assert.equal(discovery.body.header.namespace, "ClovaHome");
    assert.equal(discovery.body.header.payloadVersion, "1.0");
    assert.equal(typeof discovery.body.header.messageId, "string");
    assert.deepEqual(Object.keys(discovery.body.payload), ["accessToken"]);
    assert.ok(oauth.issued.includes(discovery.body.payload.accessToken));
    assert.match(
      String(discovery.headers["content-type"]),
      /^application\/json;\s*charset=UTF-8$/i,
    );
    const pem = await httpsCall(`${running.url}/.well-known/signature-public-key.pem`);
    const key = createPublicKey(pem.body.toString("utf8"));
    const signature = Buffer.from(String(discovery.headers["signaturecek"]), "base64");
    assert.ok(verify("sha256", discovery.raw, key, signature));
  });

  it("sends control requests with the appliance echoed (§4.3) and confirms success", async () => {
    requests.length = 0;
    control = (r) => ({ body: message(String(r.header.name).replace(/Request$/, "Confirmation")) });
    const answer = await say("turn on the porch light");
    const sent = requests.find((r) => r.body.header.name === "TurnOnRequest");
    assert.ok(sent, "TurnOnRequest");
    assert.deepEqual(sent.body.payload.appliance, {
      applianceId: "porch:light:1",
      additionalApplianceDetails: { hub: "H-7" },
    });
    assert.equal(typeof sent.body.payload.accessToken, "string");
    assert.ok(heard(answer).length > 0, "the user hears a confirmation");
  });

  const failures: [string, Json, RegExp][] = [
    ["TargetOfflineError", {}, /offline/i],
    ["ConditionsNotMetError", { state: "child-lock mode" }, /child-lock mode/],
    ["DeviceFailureError", {}, /problem|fault|wrong/i],
  ];
  for (const [name, payload, expected] of failures)
    it(`tells the user about ${name} in the platform's words (§8)`, async () => {
      control = () => ({ body: message(name, payload) });
      const said = heard(await say("turn off the porch light"));
      assert.match(said, expected);
    });

  it("speaks the bounds of ValueOutOfRangeError (§12.3 d)", async () => {
    control = () => ({
      body: message("ValueOutOfRangeError", { minimumValue: 10, maximumValue: 30 }),
    });
    const said = heard(await say("set the heater to 35 degrees"));
    assert.match(said, /10/);
    assert.match(said, /30/);
  });

  const broken: [string, Answer][] = [
    ["an unknown error name", { body: message("MeltdownError") }],
    ["HTTP 500", { status: 500, body: "boom" }],
    ["a body that is not JSON", { body: "<html>" }],
    ["the confirmation of another request", { body: message("TurnOnConfirmation") }],
    [
      "a wrong namespace",
      {
        body: {
          ...message("TurnOffConfirmation"),
          header: { ...message("x").header, name: "TurnOffConfirmation", namespace: "Alexa" },
        },
      },
    ],
  ];
  // Payloads of the wrong type, and names of no message of the spec (§3, §8).
  broken.push(
    ["a payload that is an array", { body: { ...message("TurnOffConfirmation"), payload: [] } }],
    ["a payload that is a string", { body: { ...message("TurnOffConfirmation"), payload: "ok" } }],
    [
      "a header name that is a number",
      { body: { ...message("x"), header: { ...message("x").header, name: 7 } } },
    ],
    [
      "an error name that only looks like one of the spec's",
      { body: message("TargetOfflineError2") },
    ],
    [
      "a header without a namespace",
      {
        body: {
          ...message("TurnOffConfirmation"),
          header: { name: "TurnOffConfirmation", messageId: "m", payloadVersion: "1.0" },
        },
      },
    ],
  );
  for (const [what, out] of broken)
    it(`treats ${what} as a failure, never as success (§2.3, §8.1)`, async () => {
      control = () => out;
      const failed = heard(await say("turn off the porch light"));
      control = (r) => ({
        body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
      });
      const succeeded = heard(await say("turn off the porch light"));
      assert.notEqual(failed, succeeded, `"${failed}" must not be the success answer`);
    });

  it("accepts the namespace in any case (§3.1: CLOVAHome occurs)", async () => {
    control = (r) => {
      const body = message(String(r.header.name).replace(/Request$/, "Confirmation"));
      return { body: { ...body, header: { ...body.header, namespace: "CLOVAHome" } } };
    };
    const upper = heard(await say("turn off the porch light"));
    control = (r) => ({ body: message(String(r.header.name).replace(/Request$/, "Confirmation")) });
    assert.equal(upper, heard(await say("turn off the porch light")));
  });

  it("answers an undeclared action itself, without calling the extension (§4.2)", async () => {
    requests.length = 0;
    const said = heard(await say("set the porch light brightness to 50 percent"));
    assert.ok(said.length > 0);
    assert.deepEqual(
      requests.map((r) => r.body.header.name),
      [],
      "the extension is never called for an action the device did not declare",
    );
  });

  it("refreshes the token and retries once on ExpiredAccessTokenError (§8.2, §12.3 b)", async () => {
    requests.length = 0;
    let first = true;
    control = (r) => {
      if (first) {
        first = false;
        return { body: message("ExpiredAccessTokenError") };
      }
      return { body: message(String(r.header.name).replace(/Request$/, "Confirmation")) };
    };
    const refreshesBefore = oauth.tokenRequests.filter(
      (t) => t.fields["grant_type"] === "refresh_token",
    ).length;
    await say("turn on the porch light");
    const sent = requests.filter((r) => r.body.header.name === "TurnOnRequest");
    assert.equal(sent.length, 2, "sent once more after the refresh");
    assert.notEqual(sent[0]!.body.payload.accessToken, sent[1]!.body.payload.accessToken);
    assert.notEqual(sent[0]!.body.header.messageId, sent[1]!.body.header.messageId);
    const refreshes = oauth.tokenRequests.filter(
      (t) => t.fields["grant_type"] === "refresh_token",
    ).length;
    assert.equal(refreshes, refreshesBefore + 1);
  });

  describe("sendNotification (§11.1)", () => {
    const url = () => `${running.url}/clovahome/clova-platform/sendNotification`;
    let secret = "";
    before(async () => {
      const issued = await httpsCall(`${running.url}/api/v1/extensions/${ID}/notification-key`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      assert.ok([200, 201].includes(issued.status), issued.body.toString());
      const body = issued.json();
      secret = String(body["notificationApiKey"]);
    });

    async function send(headers: Record<string, string>, body: string) {
      const answer = await httpsCall(url(), {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...headers },
        body,
      });
      const json = answer.json();
      return { status: answer.status, json };
    }

    it("accepts a valid notification with the flat result and its meta copy", async () => {
      const ok = await send(
        { "X-Clova-Extension-Id": ID, "X-Clova-Extension-Secret": secret },
        JSON.stringify({ applianceId: "porch:light:1", messageId: "msg-gas" }),
      );
      assert.equal(ok.status, 200, JSON.stringify(ok.json));
      assert.equal(ok.json["success"], true);
      assert.equal(ok.json["error"], null);
      assert.equal(ok.json["errorCode"], null);
    });

    const cases: [string, Record<string, string>, string, number][] = [
      [
        "an unknown extension",
        { "X-Clova-Extension-Id": "org.example.none", "X-Clova-Extension-Secret": "x" },
        '{"applianceId":"porch:light:1","messageId":"msg-gas"}',
        4201,
      ],
      [
        "a wrong key",
        { "X-Clova-Extension-Id": ID, "X-Clova-Extension-Secret": "wrong" },
        '{"applianceId":"porch:light:1","messageId":"msg-gas"}',
        4202,
      ],
      ["an empty applianceId", {}, '{"applianceId":"","messageId":"msg-gas"}', 4203],
      ["an unknown messageId", {}, '{"applianceId":"porch:light:1","messageId":"msg-nope"}', 4204],
      ["a body that is not JSON", {}, "{applianceId:", 4205],
      ["a body that is a JSON array", {}, "[]", 4205],
    ];
    for (const [what, headers, body, code] of cases)
      it(`answers 400 with errorCode ${code} to ${what}`, async () => {
        const answer = await send(
          { "X-Clova-Extension-Id": ID, "X-Clova-Extension-Secret": secret, ...headers },
          body,
        );
        assert.equal(answer.status, 400);
        assert.equal(answer.json["success"], false);
        assert.equal(answer.json["errorCode"], code, JSON.stringify(answer.json));
        assert.equal(typeof answer.json["error"], "string");
      });
  });

  describe("more of the catalogue (§4.4, §4.5, §4.9, §5, §8)", () => {
    const extra = [
      {
        applianceId: "ir-tv",
        friendlyName: "den tv",
        isIr: true,
        actions: ["TurnOn", "TurnOff", "HealthCheck"],
        applianceTypes: ["SMARTTV"],
      },
      {
        applianceId: "hall-heater",
        friendlyName: "hall heater",
        actions: ["TurnOn", "TurnOff"],
        actionsNeededUserConfirmation: ["TurnOn", "HealthCheck"],
        applianceTypes: ["HEATER"],
      },
      {
        applianceId: "front-lock",
        friendlyName: "front door lock",
        actions: ["SetLockState", "GetLockState"],
        applianceTypes: ["SMARTLOCK"],
      },
      {
        applianceId: "bed-ac",
        friendlyName: "bedroom air conditioner",
        actions: ["TurnOn", "TurnOff", "SetTargetTemperature", "GetCurrentTemperature"],
        applianceTypes: ["AIRCONDITIONER"],
        additionalApplianceDetails: {
          actionDetails: [
            {
              action: "SetTargetTemperature",
              allowableValue: {
                type: "boundedNumber",
                minValue: 18,
                maximumValue: 30,
                maxValue: 30,
              },
            },
          ],
        },
      },
    ];
    const routine = {
      name: "movie night",
      actions: [
        { applianceId: "porch:light:1", action: "TurnOff" },
        { applianceId: "ir-tv", action: "TurnOn" },
      ],
    };
    const names = () => requests.map((r) => String(r.body.header.name));

    before(async () => {
      appliances.push(...extra);
      customCommands = [routine];
      scenes = [
        {
          sceneId: "sc-arrive",
          sceneName: "arrive home",
          needsUserConfirmation: false,
          additionalSceneDetails: { gw: "gw-12" },
        },
      ];
      const rerun = await httpsCall(`${running.url}/api/v1/home/users/${USER}/discover`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}` },
      });
      assert.ok(rerun.status < 300, rerun.body.toString());
      control = (r) => ({
        body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
      });
    });

    it("asks HealthCheck with a …Response answer and speaks reachability; a …Confirmation is a failure (§3.3)", async () => {
      requests.length = 0;
      control = (r) =>
        r.header.name === "HealthCheckRequest"
          ? { body: message("HealthCheckResponse", { isReachable: false, isTurnOn: false }) }
          : { body: message("DriverInternalError") };
      const offline = heard(await say("is the porch light online"));
      assert.ok(names().includes("HealthCheckRequest"), names().join());
      control = () => ({
        body: message("HealthCheckResponse", { isReachable: true, isTurnOn: true }),
      });
      const online = heard(await say("is the porch light online"));
      assert.notEqual(offline, online, "the answer follows isReachable");
      control = () => ({ body: message("HealthCheckConfirmation", {}) });
      const wrong = heard(await say("is the porch light online"));
      assert.notEqual(wrong, online, "HealthCheckConfirmation is not the success name");
    });

    it("gives an infrared device a neutral acknowledgement and never a HealthCheckRequest (§4.9 rule 3)", async () => {
      requests.length = 0;
      control = (r) => ({
        body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
      });
      const said = heard(await say("turn on the den tv"));
      assert.deepEqual(names(), ["TurnOnRequest"]);
      assert.ok(said.length > 0);
      requests.length = 0;
      await say("is the den tv online");
      assert.ok(!names().includes("HealthCheckRequest"), names().join());
    });

    it("locks a door with a bare LOCKED string and refuses to unlock it by voice (§5.5, §6.4)", async () => {
      requests.length = 0;
      control = () => ({ body: message("SetLockStateConfirmation", { lockState: "LOCKED" }) });
      await say("lock the front door lock");
      const lock = requests.find((r) => r.body.header.name === "SetLockStateRequest");
      assert.ok(lock, names().join());
      assert.equal(lock.body.payload.lockState, "LOCKED");
      assert.deepEqual(lock.body.payload.appliance, { applianceId: "front-lock" });
      requests.length = 0;
      const said = heard(await say("unlock the front door lock"));
      assert.ok(said.length > 0);
      assert.ok(!names().includes("SetLockStateRequest"), "never sent UNLOCKED for a SMARTLOCK");
    });

    it("checks actionDetails before calling, and sends a valid value as {value} (§4.4)", async () => {
      requests.length = 0;
      const refused = heard(await say("set the bedroom air conditioner to 35 degrees"));
      assert.deepEqual(names(), [], "an out-of-range value never reaches the extension");
      assert.match(refused, /18/);
      assert.match(refused, /30/);
      control = () => ({
        body: message("SetTargetTemperatureConfirmation", { targetTemperature: { value: 24 } }),
      });
      await say("set the bedroom air conditioner to 24 degrees");
      const set = requests.find((r) => r.body.header.name === "SetTargetTemperatureRequest");
      assert.ok(set, names().join());
      assert.deepEqual(set.body.payload.targetTemperature, { value: 24 });
      assert.deepEqual(
        set.body.payload.appliance.additionalApplianceDetails,
        extra.find((a) => a.applianceId === "bed-ac")!.additionalApplianceDetails,
        "additionalApplianceDetails echoed verbatim",
      );
    });

    it("runs a routine as one request per step, in order (§4.5)", async () => {
      requests.length = 0;
      control = (r) => ({
        body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
      });
      await say("movie night");
      assert.deepEqual(
        requests.map((r) => `${r.body.header.name} ${r.body.payload.appliance?.applianceId}`),
        ["TurnOffRequest porch:light:1", "TurnOnRequest ir-tv"],
      );
    });

    it("answers a query from the …Response payload (§5.2)", async () => {
      control = (r) =>
        r.header.name === "GetCurrentTemperatureRequest"
          ? {
              body: message("GetCurrentTemperatureResponse", {
                currentTemperature: { value: 23.5 },
                applianceResponseTimestamp: "2024-05-09T18:02:11+09:00",
              }),
            }
          : { body: message("DriverInternalError") };
      requests.length = 0;
      const said = heard(await say("what is the temperature of the bedroom air conditioner"));
      assert.ok(names().includes("GetCurrentTemperatureRequest"), names().join());
      assert.match(said, /23\.5/);
    });

    it("does not speak a …Response whose value has the wrong type (§5.2)", async () => {
      control = (r) =>
        r.header.name === "GetCurrentTemperatureRequest"
          ? {
              body: message("GetCurrentTemperatureResponse", {
                currentTemperature: { value: "scorching" },
                applianceResponseTimestamp: "2024-05-09T18:02:11+09:00",
              }),
            }
          : { body: message("DriverInternalError") };
      const said = heard(await say("what is the temperature of the bedroom air conditioner"));
      assert.ok(said.length > 0, "the user hears something");
      assert.doesNotMatch(said, /scorching/, "not the broken value");
    });

    it("asks before an action listed in actionsNeededUserConfirmation and sends it after yes (§4.9 rule 2)", async () => {
      requests.length = 0;
      control = (r) => ({
        body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
      });
      const asked = heard(await say("turn on the hall heater"));
      assert.ok(asked.length > 0, "a question");
      assert.deepEqual(names(), [], "nothing is sent before the user confirms");
      await say("yes");
      assert.deepEqual(
        requests.map((r) => `${r.body.header.name} ${r.body.payload.appliance?.applianceId}`),
        ["TurnOnRequest hall-heater"],
      );
      requests.length = 0;
      await say("turn on the hall heater");
      await say("no");
      assert.deepEqual(names(), [], "no after the question sends nothing");
    });

    it("runs a discovered scene with ActionSceneRequest carrying the scene (§4.6, §5.1)", async () => {
      requests.length = 0;
      control = () => ({ body: message("ActionSceneConfirmation") });
      const said = heard(await say("run the arrive home scene"));
      assert.ok(said.length > 0);
      const run = requests.find((r) => r.body.header.name === "ActionSceneRequest");
      assert.ok(run, names().join());
      assert.equal(run.body.payload.appliance, undefined, "scene replaces appliance");
      assert.equal(run.body.payload.scene.sceneId, "sc-arrive");
      assert.equal(run.body.payload.scene.sceneName, "arrive home");
      assert.deepEqual(run.body.payload.scene.additionalSceneDetails, { gw: "gw-12" });
      assert.equal(typeof run.body.payload.accessToken, "string");
    });

    it("rediscovers after NoSuchTargetError (§4.9 rule 6, §12.3 c)", async () => {
      control = () => ({ body: message("NoSuchTargetError") });
      requests.length = 0;
      const said = heard(await say("turn off the porch light"));
      assert.ok(said.length > 0);
      const deadline = Date.now() + 10_000;
      while (!names().includes("DiscoverAppliancesRequest")) {
        assert.ok(Date.now() < deadline, `discovery after NoSuchTargetError: ${names().join()}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    });
  });
});
