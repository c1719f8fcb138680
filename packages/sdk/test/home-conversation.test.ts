// The home dialog tester: a home extension built with the SDK, driven through the platform's
// home NLU (target resolution, clarifying and confirmation questions, §8 answers), in process
// with signature verification, and over HTTP by URL in Japanese.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { ApplianceInfoObject } from "@clover/protocol";
import {
  createHomeExtension,
  type HomeConversation,
  homeErrors,
  listenHome,
  startHomeConversation,
} from "../src/index.js";

function lamps(names: Record<string, string>) {
  const on = new Map<string, boolean>();
  const appliances: ApplianceInfoObject[] = [
    {
      applianceId: "desk",
      applianceTypes: ["LIGHT"],
      friendlyName: names.desk!,
      actions: ["TurnOn", "TurnOff"],
      location: "LIBRARY",
    },
    {
      applianceId: "ceiling",
      applianceTypes: ["LIGHT"],
      friendlyName: names.ceiling!,
      actions: ["TurnOn", "TurnOff"],
      location: "LIVING_ROOM",
    },
    {
      applianceId: "floor",
      applianceTypes: ["LIGHT"],
      friendlyName: names.floor!,
      actions: ["TurnOn", "TurnOff"],
      location: "LIVING_ROOM",
    },
    {
      applianceId: "ac",
      applianceTypes: ["AIRCONDITIONER"],
      friendlyName: names.ac!,
      actions: ["TurnOn", "TurnOff", "SetTargetTemperature"],
      actionsNeededUserConfirmation: ["TurnOn"],
      location: "BED_ROOM",
    },
  ];
  const build = (publicKey?: string) =>
    createHomeExtension(publicKey ? { verification: { publicKey } } : {})
      .onDiscover((req) => {
        assert.equal(req.payload.accessToken, "secret-token");
        return { discoveredAppliances: appliances, customCommands: [] };
      })
      .on(["TurnOnRequest", "TurnOffRequest"], (req) => {
        on.set(req.payload.appliance.applianceId, req.header.name === "TurnOnRequest");
        return {};
      })
      .on("SetTargetTemperatureRequest", (req) => {
        const value = req.payload.targetTemperature.value;
        if (value < 18 || value > 30) throw homeErrors.valueOutOfRange(18, 30);
        return { targetTemperature: { value } };
      });
  return { on, build };
}

describe("home dialog tester, in process with signature verification", () => {
  const home = lamps({
    desk: "desk lamp",
    ceiling: "ceiling light",
    floor: "floor lamp",
    ac: "bedroom air conditioner",
  });
  let talk: HomeConversation;
  before(async () => {
    talk = await startHomeConversation((publicKey) => home.build(publicKey), {
      accessToken: "secret-token",
    });
  });
  after(() => talk?.close());

  it("links and discovers before the first turn", async () => {
    const devices = await talk.devices();
    assert.deepEqual(devices.map((d) => d.applianceId).sort(), ["ac", "ceiling", "desk", "floor"]);
  });

  it("a command: the request sent, the answer, the target, the state", async () => {
    const turn = await talk.say("turn on the desk lamp");
    assert.equal(turn.speech, "Turned on the desk lamp.");
    assert.equal(turn.question, false);
    assert.equal(turn.intent, "Home.On");
    assert.deepEqual(turn.targets, [{ applianceId: "desk", name: "desk lamp" }]);
    assert.equal(turn.exchanges.length, 1);
    assert.equal(turn.exchanges[0]!.request.header.name, "TurnOnRequest");
    assert.equal(turn.exchanges[0]!.request.payload["accessToken"], "secret-token");
    assert.equal(turn.exchanges[0]!.response?.header.name, "TurnOnConfirmation");
    assert.equal(home.on.get("desk"), true);
  });

  it("a clarifying question answered in the next turn", async () => {
    const asked = await talk.say("turn off the living room light");
    assert.equal(asked.question, true);
    assert.match(asked.speech, /Which one: the ceiling light or the floor lamp\?/);
    assert.equal(asked.exchanges.length, 0);
    const done = await talk.say("the floor lamp");
    assert.equal(done.speech, "Turned off the floor lamp.");
    assert.equal(home.on.get("floor"), false);
    assert.equal(home.on.has("ceiling"), false);
  });

  it("a confirmation the device asks for, and a group", async () => {
    const asked = await talk.say("turn on the bedroom air conditioner");
    assert.equal(asked.question, true);
    assert.equal((await talk.say("yes")).speech, "Turned on the bedroom air conditioner.");
    assert.equal(home.on.get("ac"), true);
    const group = await talk.say("turn on all the lights");
    assert.equal(group.exchanges.length, 3);
    assert.deepEqual(group.targets.map((t) => t.applianceId).sort(), ["ceiling", "desk", "floor"]);
  });

  it("the extension's §8 errors as the user hears them", async () => {
    const turn = await talk.say("set the bedroom air conditioner to 35 degrees");
    assert.match(turn.speech, /can be set between 18 and 30 degrees/);
    assert.equal(turn.exchanges[0]?.response?.header.name, "ValueOutOfRangeError");
  });

  it("discovers again on request", async () => {
    assert.deepEqual(await talk.discover(), { ok: true, appliances: 4, scenes: 0 });
  });
});

describe("home dialog tester, by URL, in Japanese", () => {
  const home = lamps({
    desk: "デスクライト",
    ceiling: "天井のライト",
    floor: "フロアランプ",
    ac: "寝室のエアコン",
  });
  let talk: HomeConversation;
  let stop: () => Promise<void>;
  before(async () => {
    const { server, url } = await listenHome(home.build(), { host: "127.0.0.1" });
    stop = () => new Promise((resolve) => server.close(() => resolve()));
    talk = await startHomeConversation(url, { language: "ja", accessToken: "secret-token" });
  });
  after(async () => {
    await talk?.close();
    await stop?.();
  });

  it("understands Japanese commands and reaches the extension over HTTP", async () => {
    const turn = await talk.say("デスクライトをつけて");
    assert.equal(turn.speech, "デスクライトをつけました。");
    assert.equal(home.on.get("desk"), true);
    const set = await talk.say("寝室のエアコンを二十四度にして");
    assert.equal(set.exchanges[0]?.request.header.name, "SetTargetTemperatureRequest");
    assert.deepEqual(set.exchanges[0]?.request.payload["targetTemperature"], { value: 24 });
  });
});
