// Every §8 error mapped to an answer that says what happened and what to do; expired tokens
// refreshed and the request retried once; revoked links; NoSuchTargetError rediscovering
// through the claimed job queue; unlinking removing the user's devices.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { HOME_EXAMPLE_ID } from "@clover/example-home";
import { applianceState, type HomeRig, type RigDevice, startHomeRig } from "./setup.js";

const ANSWERS: [string, Record<string, unknown>, RegExp][] = [
  ["ActionFailedError", {}, /couldn't complete that\. Please try again/],
  ["ActionTemporarilyBlockedError", {}, /blocking that for the moment\. Please try again shortly/],
  [
    "ConditionsNotMetError",
    { state: "child-lock mode" },
    /can't do that while it is in child-lock mode\. Please check it/,
  ],
  ["DeviceFailureError", {}, /problem with the kitchen light\. Please check the device/],
  [
    "DriverInternalError",
    {},
    /Clover Home couldn't handle that right now\. Please try again later/,
  ],
  ["NotSupportedInCurrentModeError", {}, /can't do that in its current mode\. Change the mode/],
  ["TargetOfflineError", {}, /kitchen light seems to be offline\. Check its power and Wi-Fi/],
  ["UnsupportedOperationError", {}, /kitchen light doesn't support that/],
  ["ValueNotFoundError", {}, /can't provide that right now/],
  ["ValueNotSupportedError", {}, /doesn't support that setting\. Please try another value/],
  [
    "ValueOutOfRangeError",
    { minimumValue: 10, maximumValue: 90 },
    /can be set between 10 and 90 percent/,
  ],
  ["SomeFutureError", {}, /Clover Home couldn't handle that right now/],
];

describe("home errors (§8) through CIC", () => {
  let rig: HomeRig;
  let speaker: RigDevice;

  before(async () => {
    rig = await startHomeRig();
    await rig.link("carol");
    speaker = await rig.device("carol");
  });
  after(async () => rig?.close());

  for (const [name, payload, expected] of ANSWERS)
    it(`${name} → ${expected.source.slice(0, 40)}…`, async () => {
      rig.home.failNext("light-kitchen", name as never, payload);
      const answer = await speaker.say("set the kitchen light to 50 percent");
      assert.match(answer.text, expected);
    });

  it("an answer nested 100,000 deep: DriverInternalError's words, the reason logged, then served again", async () => {
    // A Home extension whose every answer nests arrays 100,000 deep (200 KB, under 1 MiB).
    const depth = 100_000;
    const hostile = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(`{"header":${"[".repeat(depth)}${"]".repeat(depth)}}`);
      });
    });
    await new Promise<void>((resolve) => hostile.listen(0, "127.0.0.1", resolve));
    const endpointUrl = (await rig.api("GET", `/api/v1/extensions/${HOME_EXAMPLE_ID}`)).body
      .endpointUrl;
    const moved = await rig.api("PATCH", `/api/v1/extensions/${HOME_EXAMPLE_ID}`, {
      endpointUrl: `http://127.0.0.1:${(hostile.address() as AddressInfo).port}/`,
    });
    assert.equal(moved.status, 200, JSON.stringify(moved.body));
    try {
      const answer = await speaker.say("turn on the kitchen light");
      assert.match(answer.text, /Clover Home couldn't handle that right now/);
      const log = await rig.api("GET", "/api/v1/conversations?limit=1");
      assert.match(log.body.turns[0].exchange.error, /deeper than 64 levels/);
    } finally {
      await rig.api("PATCH", `/api/v1/extensions/${HOME_EXAMPLE_ID}`, { endpointUrl });
      await new Promise((resolve) => hostile.close(resolve));
    }
    const again = await speaker.say("turn off the kitchen light");
    assert.equal(again.text, "Turned off the kitchen light.");
  });

  it("ExpiredAccessTokenError: refreshes the token and retries once", async () => {
    rig.home.oauth.expireAll();
    const answer = await speaker.say("turn on the kitchen light");
    assert.equal(answer.text, "Turned on the kitchen light.");
    assert.equal(applianceState(rig, "light-kitchen").on, true);
    assert.equal(rig.home.oauth.grants.at(-1), "refresh_token");
    const last = rig.home.received.slice(-2).map((r) => r.header.name);
    assert.deepEqual(last, ["TurnOnRequest", "TurnOnRequest"]);
  });

  it("refreshes before expiry when the token endpoint said when it expires", async () => {
    // Tokens living 30 s are within the platform's one-minute refresh margin at once.
    rig.home.oauth.options.accessTokenSeconds = 30;
    rig.home.oauth.expireAll();
    await speaker.say("turn on the kitchen light");
    const grants = rig.home.oauth.grants.length;
    const sent = rig.home.received.length;
    await speaker.say("turn off the kitchen light");
    assert.equal(rig.home.oauth.grants.length, grants + 1, "refreshed before sending");
    assert.deepEqual(
      rig.home.received.slice(sent).map((r) => r.header.name),
      ["TurnOffRequest"],
      "one request, no ExpiredAccessTokenError round trip",
    );
    assert.equal(applianceState(rig, "light-kitchen").on, false);
    rig.home.oauth.options.accessTokenSeconds = 3600;
  });

  it("NoSuchTargetError: says so and rediscovers through the job queue", async () => {
    rig.home.remove("vacuum");
    const answer = await speaker.say("start the robot vacuum");
    assert.match(answer.text, /couldn't find the robot vacuum\. I'm refreshing your device list/);
    const before = rig.home.received.filter(
      (r) => r.header.name === "DiscoverAppliancesRequest",
    ).length;
    await rig.server.platform.jobRunner.runDue();
    const after = rig.home.received.filter(
      (r) => r.header.name === "DiscoverAppliancesRequest",
    ).length;
    assert.equal(after, before + 1);
    const devices = await rig.api("GET", "/api/v1/home/users/carol/devices");
    assert.ok(
      !devices.body.devices.some((d: { applianceId: string }) => d.applianceId === "vacuum"),
    );
    const gone = await speaker.say("start the robot vacuum");
    assert.doesNotMatch(gone.text, /Turned on/);
  });

  it("rediscovers daily (one claimed job per user and extension)", async () => {
    const before = rig.home.received.filter(
      (r) => r.header.name === "DiscoverAppliancesRequest",
    ).length;
    rig.clock.advance(24 * 3600_000 + 1000);
    await rig.server.platform.jobRunner.runDue();
    const after = rig.home.received.filter(
      (r) => r.header.name === "DiscoverAppliancesRequest",
    ).length;
    assert.equal(after, before + 1);
  });

  it("InvalidAccessTokenError: asks to link again and stops sending", async () => {
    rig.home.oauth.revokeAll();
    const answer = await speaker.say("turn on the kitchen light");
    assert.match(answer.text, /no longer linked\. Please link it again in the app/);
    const sent = rig.home.received.length;
    const again = await speaker.say("turn on the kitchen light");
    assert.match(again.text, /link it again/);
    assert.equal(rig.home.received.length, sent, "nothing sent without a token");
  });

  it("unlinking removes the user's devices", async () => {
    await rig.link("carol");
    const linked = await rig.api("GET", "/api/v1/home/users/carol/devices");
    assert.ok(linked.body.devices.length > 0);
    const removed = await rig.api(
      "DELETE",
      "/api/v1/home/users/carol/links/com.clover.example.home",
    );
    assert.equal(removed.status, 204);
    const after = await rig.api("GET", "/api/v1/home/users/carol/devices");
    assert.equal(after.body.devices.length, 0);
    const answer = await speaker.say("turn on the kitchen light");
    assert.match(answer.text, /no home devices linked/);
  });
});
