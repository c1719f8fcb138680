// Clova Home conformance (cek-home-extension.md), black box: a raw node:http home extension
// linked through a real OAuth server, a raw HTTP/2 device of a real account, a real Clover.
import assert from "node:assert/strict";
import { createPublicKey, verify } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Json } from "../helpers/extension-server.js";
import type { OAuthServer } from "../helpers/oauth-server.js";
import {
  type Answer,
  type HomeRig,
  heard,
  message,
  type Received,
  startHomeRig,
} from "./home-rig.js";
import { ADMIN, httpsCall, type Running } from "./raw.js";

const ID = "org.example.homectl";
const USER = "home-conformance-user";

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

describe("Clova Home conformance (raw home extension, raw device)", () => {
  let rig: HomeRig;
  let running: Running;
  let oauth: OAuthServer;
  let requests: Received[];
  const say = (text: string) => rig.say(text);

  before(async () => {
    rig = await startHomeRig({
      id: ID,
      user: USER,
      appliances,
      home: {
        notificationsEnabled: true,
        messages: [{ id: "msg-gas", text: { en: "Gas leak detected at the porch." } }],
      },
    });
    ({ running, oauth, requests } = rig);
    // The first turn compiles the home vocabulary; on a busy machine that takes seconds.
    await say("turn on the porch light");
  });
  after(() => rig?.close());

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
    rig.control = (r) => ({
      body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
    });
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
      rig.control = () => ({ body: message(name, payload) });
      const said = heard(await say("turn off the porch light"));
      assert.match(said, expected);
    });

  it("speaks the bounds of ValueOutOfRangeError (§12.3 d)", async () => {
    rig.control = () => ({
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
      rig.control = () => out;
      const failed = heard(await say("turn off the porch light"));
      rig.control = (r) => ({
        body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
      });
      const succeeded = heard(await say("turn off the porch light"));
      assert.notEqual(failed, succeeded, `"${failed}" must not be the success answer`);
    });

  it("accepts the namespace in any case (§3.1: CLOVAHome occurs)", async () => {
    rig.control = (r) => {
      const body = message(String(r.header.name).replace(/Request$/, "Confirmation"));
      return { body: { ...body, header: { ...body.header, namespace: "CLOVAHome" } } };
    };
    const upper = heard(await say("turn off the porch light"));
    rig.control = (r) => ({
      body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
    });
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
    rig.control = (r) => {
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
      rig.customCommands = [routine];
      rig.scenes = [
        {
          sceneId: "sc-arrive",
          sceneName: "arrive home",
          needsUserConfirmation: false,
          additionalSceneDetails: { gw: "gw-12" },
        },
      ];
      await rig.rediscover();
      rig.control = (r) => ({
        body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
      });
    });

    it("asks HealthCheck with a …Response answer and speaks reachability; a …Confirmation is a failure (§3.3)", async () => {
      requests.length = 0;
      rig.control = (r) =>
        r.header.name === "HealthCheckRequest"
          ? { body: message("HealthCheckResponse", { isReachable: false, isTurnOn: false }) }
          : { body: message("DriverInternalError") };
      const offline = heard(await say("is the porch light online"));
      assert.ok(names().includes("HealthCheckRequest"), names().join());
      rig.control = () => ({
        body: message("HealthCheckResponse", { isReachable: true, isTurnOn: true }),
      });
      const online = heard(await say("is the porch light online"));
      assert.notEqual(offline, online, "the answer follows isReachable");
      rig.control = () => ({ body: message("HealthCheckConfirmation", {}) });
      const wrong = heard(await say("is the porch light online"));
      assert.notEqual(wrong, online, "HealthCheckConfirmation is not the success name");
    });

    it("gives an infrared device a neutral acknowledgement and never a HealthCheckRequest (§4.9 rule 3)", async () => {
      requests.length = 0;
      rig.control = (r) => ({
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
      rig.control = () => ({ body: message("SetLockStateConfirmation", { lockState: "LOCKED" }) });
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
      rig.control = () => ({
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
      rig.control = (r) => ({
        body: message(String(r.header.name).replace(/Request$/, "Confirmation")),
      });
      await say("movie night");
      assert.deepEqual(
        requests.map((r) => `${r.body.header.name} ${r.body.payload.appliance?.applianceId}`),
        ["TurnOffRequest porch:light:1", "TurnOnRequest ir-tv"],
      );
    });

    it("answers a query from the …Response payload (§5.2)", async () => {
      rig.control = (r) =>
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
      rig.control = (r) =>
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
      rig.control = (r) => ({
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
      rig.control = () => ({ body: message("ActionSceneConfirmation") });
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
      rig.control = () => ({ body: message("NoSuchTargetError") });
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
