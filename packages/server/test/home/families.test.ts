// Every action family of §5 through CIC, checked against the appliances' state; groups,
// clarifying questions, confirmation prompts, infrared devices, scenes and routines;
// Japanese and Korean commands on the same home.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { applianceState, type HomeRig, type RigDevice, startHomeRig } from "./setup.js";

describe("home action families through CIC", () => {
  let rig: HomeRig;
  let en: RigDevice;

  before(async () => {
    rig = await startHomeRig();
    await rig.link("bob");
    en = await rig.device("bob");
  });
  after(async () => rig?.close());

  it("action type: open/close/stop, mute, charge, recording, oscillation", async () => {
    await en.say("open the curtains");
    assert.equal(applianceState(rig, "curtain-living").open, true);
    await en.say("close the living room curtains");
    assert.equal(applianceState(rig, "curtain-living").open, false);
    const stopped = await en.say("stop the curtains");
    assert.match(stopped.text, /Stopped the living room curtains/);
    await en.say("mute the tv");
    assert.equal(applianceState(rig, "tv-living").muted, true);
    await en.say("unmute the tv");
    assert.equal(applianceState(rig, "tv-living").muted, false);
    await en.say("send the robot vacuum home");
    assert.equal(applianceState(rig, "vacuum").charging, true);
    await en.say("record this on the tv");
    assert.equal(applianceState(rig, "tv-living").recording, true);
    await en.say("swing the ac up and down");
    assert.equal(applianceState(rig, "ac-bedroom").oscillating, true);
    const oscillation = rig.home.received.at(-1)!;
    assert.deepEqual((oscillation.payload as { direction?: unknown }).direction, {
      value: "vertical",
    });
  });

  it("value setting: colour, colour temperature, modes, channels, input, fan speed", async () => {
    await en.say("make the ceiling light blue");
    assert.deepEqual(applianceState(rig, "light-living-ceiling").color, {
      hue: 240,
      saturation: 100,
    });
    await en.say("set the ceiling light to warm white");
    assert.equal(applianceState(rig, "light-living-ceiling").colorTemperature, 2700);
    const reading = await en.say("put the ceiling light in reading mode");
    assert.equal(applianceState(rig, "light-living-ceiling").mode, "reading");
    assert.match(reading.text, /reading mode/);
    await en.say("switch the ac to heat mode");
    assert.equal(applianceState(rig, "ac-bedroom").mode, "heat");
    const released = await en.say("turn off heat mode on the air conditioner");
    assert.equal(applianceState(rig, "ac-bedroom").mode, "auto");
    assert.match(released.text, /Turned off heat mode/);
    await en.say("put the tv on channel 11-2");
    assert.equal(applianceState(rig, "tv-living").channel, 11);
    assert.equal(applianceState(rig, "tv-living").subChannel, 2);
    await en.say("switch the tv to the news channel");
    assert.equal(applianceState(rig, "tv-living").channelName, "news");
    await en.say("switch the tv to hdmi 2");
    assert.equal(applianceState(rig, "tv-living").input, "HDMI2");
    await en.say("set the ac fan speed to high");
    assert.equal(applianceState(rig, "ac-bedroom").fanSpeed, 3);
  });

  it("incremental and switching: volume, channel, fan speed, mode", async () => {
    const volume = applianceState(rig, "tv-living").volume!;
    const louder = await en.say("turn up the tv volume by 5");
    assert.equal(applianceState(rig, "tv-living").volume, volume + 5);
    assert.match(louder.text, new RegExp(`volume of the TV is now ${volume + 5}`));
    const channel = applianceState(rig, "tv-living").channel!;
    await en.say("next channel on the tv");
    assert.equal(applianceState(rig, "tv-living").channel, channel + 1);
    await en.say("turn down the fan speed on the ac");
    assert.equal(applianceState(rig, "ac-bedroom").fanSpeed, 2);
    const before = applianceState(rig, "ac-bedroom").mode;
    await en.say("change the air conditioner mode");
    assert.notEqual(applianceState(rig, "ac-bedroom").mode, before);
    await en.say("change the tv input");
    assert.equal(applianceState(rig, "tv-living").input, "AV");
  });

  it("queries: sensor values, lock and open state, battery, remaining time, consumption", async () => {
    assert.equal(
      (await en.say("what's the temperature in the living room")).text,
      "The air sensor reads 22.5 degrees.",
    );
    assert.match((await en.say("how humid is it")).text, /41 percent/);
    assert.match((await en.say("how's the air quality")).text, /good/);
    assert.match((await en.say("what's the pm2.5 reading")).text, /moderate \(12\)/);
    assert.match((await en.say("is the front door locked")).text, /unlocked/);
    assert.match((await en.say("how much battery does the robot vacuum have")).text, /76 percent/);
    assert.match(
      (await en.say("how long until the washing machine is done")).text,
      /1 hour 25 minutes/,
    );
    const used = await en.say("how much electricity did the coffee machine use this week");
    assert.match(used.text, /3\.4 kWh/);
    const request = rig.home.received.at(-1)!.payload as {
      period?: { start: string; end: string };
    };
    assert.match(request.period?.start ?? "", /T00:00:00[+-]\d\d:\d\d$/);
    assert.match((await en.say("is the porch light online")).text, /offline/);
  });

  it("locks by voice but never unlocks the door lock; the gas valve opens and closes", async () => {
    await en.say("lock the front door");
    assert.equal(applianceState(rig, "lock-front").locked, true);
    const refused = await en.say("unlock the front door");
    assert.match(refused.text, /can't unlock the front door by voice/);
    assert.equal(applianceState(rig, "lock-front").locked, true);
    await en.say("close the gas valve");
    assert.equal(applianceState(rig, "gas-valve").locked, true);
    await en.say("open the gas valve");
    assert.equal(applianceState(rig, "gas-valve").locked, false);
  });

  it("groups: every light, one answer naming the one that failed", async () => {
    const answer = await en.say("turn on all the lights");
    for (const id of ["light-living-ceiling", "light-living-desk", "light-kitchen"])
      assert.equal(applianceState(rig, id).on, true, id);
    assert.match(answer.text, /Done for 3 devices/);
    assert.match(answer.text, /porch light seems to be offline/);
    const room = await en.say("turn off the bedroom");
    assert.match(room.text, /Done for 2 devices/);
  });

  it("asks which one when a phrase fits several, and acts on the answer", async () => {
    const asked = await en.say("turn off the living room light");
    assert.equal(asked.text, "Which one: the ceiling light or the desk lamp?");
    assert.ok(asked.names.includes("SpeechRecognizer.ExpectSpeech"));
    const answered = await en.say("the desk lamp");
    assert.equal(answered.text, "Turned off the desk lamp.");
    assert.equal(applianceState(rig, "light-living-desk").on, false);
    assert.equal(applianceState(rig, "light-living-ceiling").on, true);
  });

  it("asks for confirmation where the device wants it", async () => {
    applianceState(rig, "ac-bedroom").on = false;
    const asked = await en.say("turn on the air conditioner");
    assert.match(asked.text, /Do you want me to do that on the bedroom air conditioner\?/);
    assert.equal(applianceState(rig, "ac-bedroom").on, false);
    const no = await en.say("no");
    assert.match(no.text, /won't/);
    assert.equal(applianceState(rig, "ac-bedroom").on, false);
    await en.say("turn on the air conditioner");
    const yes = await en.say("yes");
    assert.match(yes.text, /Turned on the bedroom air conditioner/);
    assert.equal(applianceState(rig, "ac-bedroom").on, true);
  });

  it("infrared devices get a neutral acknowledgement", async () => {
    const answer = await en.say("turn on the bedroom fan");
    assert.equal(answer.text, "Sent the command to the bedroom fan.");
    assert.equal(applianceState(rig, "fan-bedroom-ir").on, true);
    assert.ok(
      !rig.home.received.some(
        (r) =>
          r.header.name === "HealthCheckRequest" &&
          (r.payload as { appliance: { applianceId: string } }).appliance.applianceId ===
            "fan-bedroom-ir",
      ),
    );
  });

  it("scenes (with and without confirmation) and routines", async () => {
    applianceState(rig, "tv-living").on = false;
    const movie = await en.say("run movie time");
    assert.equal(movie.text, "Started the movie time scene.");
    assert.equal(applianceState(rig, "tv-living").on, true);
    const scene = rig.home.received.at(-1)!;
    assert.equal(scene.header.name, "ActionSceneRequest");
    assert.deepEqual((scene.payload as { scene: unknown }).scene, {
      sceneId: "scene-movie",
      sceneName: "movie time",
      applianceId: "scene-movie",
      additionalSceneDetails: { gateway: "hub-1" },
    });
    const away = await en.say("leaving home");
    assert.match(away.text, /Do you want me to start the leaving home scene\?/);
    await en.say("yes");
    assert.equal(rig.home.received.at(-1)!.header.name, "ActionSceneRequest");
    applianceState(rig, "tv-living").on = true;
    const night = await en.say("good night");
    assert.equal(night.text, "Done: good night.");
    assert.equal(applianceState(rig, "tv-living").on, false);
  });

  it("Japanese and Korean commands on the same home", async () => {
    const ja = await en.say("キッチンの電気をつけて");
    applianceState(rig, "light-kitchen").on = false;
    await en.say("キッチンの電気をつけて");
    assert.equal(applianceState(rig, "light-kitchen").on, true);
    assert.match(ja.text, /kitchen lightをつけました/);
    await en.say("エアコンを22度にして");
    assert.equal(applianceState(rig, "ac-bedroom").targetTemperature, 22);
    const ko = await en.say("주방 불 꺼줘");
    assert.equal(applianceState(rig, "light-kitchen").on, false);
    assert.match(ko.text, /kitchen light을\(를\) 껐어요/);
    await en.say("에어컨 온도 2도 올려줘");
    assert.equal(applianceState(rig, "ac-bedroom").targetTemperature, 24);
    const asked = await en.say("거실 불 켜줘");
    assert.match(asked.text, /어느 거요\?/);
  });

  it("finds devices on request", async () => {
    const before = rig.home.received.filter(
      (r) => r.header.name === "DiscoverAppliancesRequest",
    ).length;
    const answer = await en.say("find my devices");
    assert.equal(answer.text, `Found ${rig.home.appliances.length} devices.`);
    assert.equal(
      rig.home.received.filter((r) => r.header.name === "DiscoverAppliancesRequest").length,
      before + 1,
    );
  });
});
