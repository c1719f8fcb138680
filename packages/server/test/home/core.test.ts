// Home control end to end: the example home extension as a real server, linked through its
// OAuth server, discovered, then driven by text turns through CIC with the reference device.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { applianceState, type HomeRig, type RigDevice, startHomeRig } from "./setup.js";

describe("home control through CIC", () => {
  let rig: HomeRig;
  let speaker: RigDevice;

  before(async () => {
    rig = await startHomeRig();
    speaker = await rig.device("alice");
  });
  after(async () => rig?.close());

  it("answers that nothing is linked before linking", async () => {
    const answer = await speaker.say("turn on the kitchen light");
    assert.match(answer.text, /no home devices linked/i);
  });

  it("links through the OAuth server and discovers right after", async () => {
    await rig.link("alice");
    assert.deepEqual(rig.home.oauth.grants, ["authorization_code"]);
    const names = rig.home.received.map((r) => r.header.name);
    assert.deepEqual(names.slice(0, 2), ["DiscoverAppliancesRequest", "DiscoverScenesRequest"]);
    const devices = await rig.api("GET", "/api/v1/home/users/alice/devices");
    assert.equal(devices.status, 200);
    assert.equal(devices.body.devices.length, rig.home.appliances.length);
    const living = devices.body.rooms.find((r: { room: string }) => r.room === "living room");
    assert.ok(living.devices.some((d: { name: string }) => d.name === "ceiling light"));
    assert.equal(devices.body.scenes.length, 2);
    const links = await rig.api("GET", "/api/v1/home/users/alice/links");
    assert.equal(links.body.links[0].linked, true);
  });

  it("turns a light on and off, changing its state", async () => {
    let answer = await speaker.say("turn on the kitchen light");
    assert.equal(answer.text, "Turned on the kitchen light.");
    assert.equal(applianceState(rig, "light-kitchen").on, true);
    answer = await speaker.say("switch off the kitchen light");
    assert.equal(applianceState(rig, "light-kitchen").on, false);
    assert.match(answer.text, /Turned off the kitchen light/);
  });

  it("sets and steps brightness", async () => {
    let answer = await speaker.say("set the ceiling light to 40 percent");
    assert.equal(applianceState(rig, "light-living-ceiling").brightness, 40);
    assert.match(answer.text, /40 percent/);
    answer = await speaker.say("make the ceiling light brighter");
    assert.equal(applianceState(rig, "light-living-ceiling").brightness, 50);
    assert.match(answer.text, /50 percent/);
    answer = await speaker.say("dim the ceiling light by 30 percent");
    assert.equal(applianceState(rig, "light-living-ceiling").brightness, 20);
  });

  it("sets the temperature, and the device's range is checked before calling", async () => {
    let answer = await speaker.say("set the bedroom air conditioner to 24 degrees");
    assert.equal(applianceState(rig, "ac-bedroom").targetTemperature, 24);
    assert.match(answer.text, /24 degrees/);
    answer = await speaker.say("turn the temperature up on the air conditioner by 2 degrees");
    assert.equal(applianceState(rig, "ac-bedroom").targetTemperature, 26);
    const sent = rig.home.received.length;
    answer = await speaker.say("set the air conditioner to 35 degrees");
    assert.equal(answer.text, "The bedroom air conditioner can be set between 18 and 30 degrees.");
    assert.equal(rig.home.received.length, sent, "actionDetails refused it before any request");
    assert.equal(applianceState(rig, "ac-bedroom").targetTemperature, 26);
  });

  it("logs home turns with the request sent, the answer and the resolved target", async () => {
    await speaker.say("turn off the desk lamp");
    const log = await rig.api("GET", "/api/v1/conversations?limit=1");
    const turn = log.body.turns[0];
    assert.equal(turn.extensionId, "ability:home");
    assert.equal(turn.exchange.request.header.name, "TurnOffRequest");
    assert.equal(turn.exchange.request.payload.appliance.applianceId, "light-living-desk");
    assert.equal(turn.exchange.response.target[0].name, "desk lamp");
    assert.equal(turn.exchange.response.answer.header.name, "TurnOffConfirmation");
  });
});
