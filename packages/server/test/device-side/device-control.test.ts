// DeviceControl through real CIC (cic.md §9.4, §13.8, §13.9): spoken control gated on the
// device's actions[], values clamped, no speech for volume; state shared with the user's other
// devices; device lists; Bluetooth from the app.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type DeviceSideWorld, names, startWorld, until } from "./clover.js";

describe("DeviceControl", () => {
  let world: DeviceSideWorld;
  before(async () => {
    world = await startWorld({ examples: "off" });
  });
  after(() => world.close());

  it("DeviceControl.Increase for the volume without spoken confirmation, shared by SynchronizeState", async () => {
    const speaker = await world.device("living-room", { account: "dc-user" });
    const phone = await world.device("phone", { account: "dc-user", display: "m100" });
    const louder = await speaker.say("turn up the volume");
    assert.deepEqual(names(louder.directives), ["DeviceControl.Increase"]);
    assert.equal(speaker.volume.value, 6);
    assert.ok(speaker.sent.includes("DeviceControl.ActionExecuted"));
    await until(() => phone.peers.has("living-room"));
    const shared = phone.peers.get("living-room") as { volume: { value: number } };
    assert.equal(shared.volume.value, 6);
  });

  it("tells the volume when asked, and does not change it (en, ja, ko)", async () => {
    const asked = {
      en: ["what's the volume", /^The volume is 5 out of 10\.$/],
      ja: ["今の音量は", /^音量は5です。$/],
      ko: ["지금 볼륨 몇이야", /^음량은 5입니다\.$/],
    } as const;
    for (const language of ["en", "ja", "ko"] as const) {
      const speaker = await world.device(`ask-${language}`, { account: `dc-ask-${language}` });
      const [question, answer] = asked[language];
      const told = await speaker.say(question);
      assert.ok(!names(told.directives).some((n) => n.startsWith("DeviceControl.")), language);
      assert.match(speaker.screen.text.at(-1) ?? "", answer);
      assert.equal(speaker.volume.value, 5, `${language}: the volume stays`);
    }
  });

  it("DeviceControl.SetValue clamped to the device's maximum", async () => {
    const speaker = await world.device("clamp", { account: "dc-clamp" });
    const set = await speaker.say("set the volume to 50");
    const directive = set.directives.find((d) => d.header.name === "SetValue");
    assert.deepEqual(directive?.payload, { target: "volume", value: "10" });
    assert.equal(speaker.volume.value, 10);
  });

  it("DeviceControl.TurnOn and TurnOff for Bluetooth with a spoken confirmation", async () => {
    const speaker = await world.device("bt", { account: "dc-bt" });
    const off = await speaker.say("turn off bluetooth");
    assert.deepEqual(
      names(off.directives).filter((n) => n.startsWith("DeviceControl")),
      ["DeviceControl.TurnOff"],
    );
    assert.ok(names(off.directives).includes("Clova.RenderText"));
    assert.equal(speaker.bluetooth.state, "off");
    await speaker.say("turn on bluetooth");
    assert.equal(speaker.bluetooth.state, "on");
  });

  it("refuses by speech what the device did not report it can do", async () => {
    const speaker = await world.device("no-screen", { account: "dc-refuse" });
    const brighter = await speaker.say("make the screen brighter");
    assert.ok(!names(brighter.directives).some((n) => n.startsWith("DeviceControl")));
    assert.match(speaker.screen.text.at(-1)!, /can't do that/);
  });

  it("DeviceControl.RequestStateSynchronization asks the others with ExpectReportState", async () => {
    const app = await world.device("app", { account: "dc-sync", display: "m100" });
    await world.device("speaker-a", { account: "dc-sync" });
    const response = await app.press("RequestStateSynchronization", {}, "DeviceControl");
    assert.equal(response.status, 204);
    await until(() => app.peers.has("speaker-a"));
    assert.ok((app.peers.get("speaker-a") as { volume?: unknown }).volume);
  });

  it("DeviceControl.RequestDeviceList gets RenderDeviceList", async () => {
    const app = await world.device("list-app", { account: "dc-list", display: "m100" });
    await world.device("list-speaker", { account: "dc-list" });
    const response = await app.press("RequestDeviceList", {}, "DeviceControl");
    const list = response.directives[0]!;
    assert.equal(`${list.header.namespace}.${list.header.name}`, "DeviceControl.RenderDeviceList");
    const ids = (list.payload["deviceList"] as { deviceId: string }[])
      .map((d) => d.deviceId)
      .sort();
    assert.deepEqual(ids, ["list-app", "list-speaker"]);
  });

  it("DeviceControl.BtStartPairing and BtConnectByPINCode from the app", async () => {
    const speaker = await world.device("pairing", { account: "dc-pair" });
    speaker.bluetooth.scanlist.push({
      name: "Phone",
      address: "7a:10:3c:be:02:9f",
      role: "source",
    });
    const push = (name: string, payload: Record<string, unknown> = {}) =>
      world.api("POST", "/api/v1/users/dc-pair/devices/pairing/directives", {
        namespace: "DeviceControl",
        name,
        payload,
      });
    assert.equal((await push("BtStartPairing")).status, 202);
    await until(() => speaker.bluetooth.pairing === "on");
    await speaker.press("BtRequestForPINCode", { deviceName: "Phone" }, "DeviceControl");
    const devices = await world.api("GET", "/api/v1/users/dc-pair/devices");
    assert.equal(devices.body.devices[0].waitingForPin, "Phone");
    await push("BtConnectByPINCode", { pinCode: "0000", address: "7a:10:3c:be:02:9f" });
    await until(() => speaker.bluetooth.btlist.some((d) => d.connected));
    const refused = await push("Hello");
    assert.equal(refused.status, 400);
  });
});

describe("DeviceControl Bluetooth", () => {
  let world: DeviceSideWorld;
  before(async () => {
    world = await startWorld({ examples: "off" });
  });
  after(() => world.close());

  it("DeviceControl.Bluetooth directives from the app and by voice, each reported", async () => {
    const speaker = await world.device("bt-all", { account: "bt-all-user" });
    const tablet = await world.device("bt-tablet", { account: "bt-all-user", display: "l100" });
    speaker.bluetooth.btlist.push({
      name: "Phone",
      address: "aa:bb:cc:dd:ee:ff",
      connected: false,
      role: "source",
    });
    const connected = await speaker.say("connect bluetooth");
    assert.ok(names(connected.directives).includes("DeviceControl.BtConnect"));
    assert.equal(speaker.bluetooth.btlist[0]?.connected, true);
    const played = await speaker.say("play music from my phone");
    assert.deepEqual(names(played.directives), ["DeviceControl.BtPlay"]);
    const quieter = await speaker.say("turn down the volume");
    assert.deepEqual(names(quieter.directives), ["DeviceControl.Decrease"]);
    assert.equal(speaker.volume.value, 4);
    await speaker.say("disconnect bluetooth");
    assert.equal(speaker.bluetooth.btlist[0]?.connected, false);
    const push = (name: string, payload: Record<string, unknown> = {}) =>
      world.api("POST", "/api/v1/users/bt-all-user/devices/bt-all/directives", {
        namespace: "DeviceControl",
        name,
        payload,
      });
    await push("BtRescan");
    await until(() => speaker.bluetooth.scanning === "on");
    await push("BtStopPairing");
    await until(() => speaker.bluetooth.scanning === "off");
    await push("BtDelete", {
      name: "Phone",
      address: "aa:bb:cc:dd:ee:ff",
      role: "source",
      connected: false,
    });
    await until(() => speaker.bluetooth.btlist.length === 0);
    // BtPlay only answers an utterance (cic.md §9.4 "resp"): an app cannot push it.
    assert.equal((await push("BtPlay")).status, 400);
    // A failed action is shared too (ActionFailed → SynchronizeState): nothing left to connect.
    assert.equal((await push("BtConnect", { address: "aa:bb:cc:dd:ee:ff" })).status, 202);
    await until(() => speaker.sent.includes("DeviceControl.ActionFailed"));
    await speaker.press("BtRequestToCancelPINCodeInput", {}, "DeviceControl");
    const settings = await tablet.say("open the settings");
    assert.deepEqual(names(settings.directives), ["DeviceControl.Open"]);
    assert.ok(tablet.peers.has("bt-all"));
  });
});
