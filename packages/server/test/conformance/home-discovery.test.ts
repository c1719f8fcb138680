// Clova Home conformance, discovery clause by clause (cek-home-extension.md §4.1–§4.6, §9):
// missing optional fields, unknown types, actions and room codes, duplicates, a large home,
// names shared by two devices, groups by room, routines with steps that carry a value, and
// discoveries that fail — through a raw extension and a raw HTTP/2 device (home-rig.ts).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Json } from "../helpers/extension-server.js";
import { type HomeRig, heard, message, startHomeRig, success } from "./home-rig.js";
import { admin } from "./raw.js";

const USER = "home-discovery-user";

const home: Json[] = [
  // No friendlyName: the model name is its name (§4.2 UNSPECIFIED).
  {
    applianceId: "m-1",
    modelName: "Lumora Orb",
    applianceTypes: ["LIGHT"],
    actions: ["TurnOn", "TurnOff"],
  },
  // Neither: a generated name of its type.
  {
    applianceId: "anon-1",
    applianceTypes: ["SMARTPLUG"],
    actions: ["TurnOn", "TurnOff"],
    tags: null,
  },
  // Unknown type and action: kept, the unknown action ignored (§4.2 UNSPECIFIED).
  {
    applianceId: "holo-1",
    friendlyName: "hologram projector",
    applianceTypes: ["HOLOGRAM"],
    actions: ["TurnOn", "TurnOff", "Teleport"],
  },
  // No actions: whatever its type permits (§4.2 UNSPECIFIED).
  { applianceId: "lamp-free", friendlyName: "reading lamp", applianceTypes: ["LIGHT"] },
  // An unknown room code: kept, discovery does not fail (§9.1 UNSPECIFIED).
  {
    applianceId: "roof-1",
    friendlyName: "roof lantern",
    applianceTypes: ["LIGHT"],
    actions: ["TurnOn", "TurnOff"],
    location: "ROOFTOP",
  },
  // The same id twice: one device (ids are unique within an account, §4.2).
  {
    applianceId: "dup-1",
    friendlyName: "hall fan",
    applianceTypes: ["FAN"],
    actions: ["TurnOn", "TurnOff"],
    additionalApplianceDetails: { copy: "first" },
  },
  {
    applianceId: "dup-1",
    friendlyName: "hall fan",
    applianceTypes: ["FAN"],
    actions: ["TurnOn", "TurnOff"],
    additionalApplianceDetails: { copy: "second" },
  },
  // Two kitchen lights (a room group, §9.2, §9.4), one that cannot dim.
  {
    applianceId: "k-1",
    friendlyName: "counter light",
    applianceTypes: ["LIGHT"],
    actions: ["TurnOn", "TurnOff", "SetBrightness"],
    location: "KITCHEN",
    additionalApplianceDetails: {},
  },
  {
    applianceId: "k-2",
    friendlyName: "pantry light",
    applianceTypes: ["LIGHT"],
    actions: ["TurnOn", "TurnOff"],
    location: "KITCHEN",
  },
  // Two devices with one name: a question, not a guess (§9.3 rule 5).
  {
    applianceId: "twin-a",
    friendlyName: "desk lamp",
    applianceTypes: ["LIGHT"],
    actions: ["TurnOn"],
    location: "LIBRARY",
  },
  {
    applianceId: "twin-b",
    friendlyName: "desk lamp",
    applianceTypes: ["LIGHT"],
    actions: ["TurnOn"],
    location: "BED_ROOM",
  },
  // A query listed for confirmation: ignored (§4.2: HealthCheck and Get… entries).
  {
    applianceId: "hyg-1",
    friendlyName: "hygrometer",
    applianceTypes: ["AIRSENSOR"],
    actions: ["GetHumidity"],
    actionsNeededUserConfirmation: ["GetHumidity"],
  },
];

describe("Clova Home conformance: discovery (§4, §9)", () => {
  let rig: HomeRig;

  async function sent(text: string) {
    rig.requests.length = 0;
    const said = heard(await rig.say(text));
    return {
      said,
      requests: rig.requests.map(
        (r) => `${r.body.header.name} ${r.body.payload.appliance?.applianceId}`,
      ),
    };
  }

  async function devices(): Promise<Json[]> {
    const listed = await admin(rig.running.url, "GET", `/api/v1/home/users/${USER}/devices`);
    assert.equal(listed.status, 200, listed.body.toString());
    return listed.json()["devices"] as Json[];
  }

  before(async () => {
    rig = await startHomeRig({
      id: "org.example.homedisc",
      user: USER,
      appliances: home,
      customCommands: [
        {
          name: "wind down",
          actions: [
            { applianceId: "k-1", action: "SetBrightness" },
            { applianceId: "k-2", action: "TurnOff" },
          ],
        },
      ],
    });
    await rig.say("turn on the hologram projector");
  });
  after(() => rig?.close());

  it("keeps every device once, unknown types and room codes included, tags null as none", async () => {
    const ids = (await devices()).map((d) => String(d.applianceId)).sort();
    assert.deepEqual(ids, [...new Set(home.map((a) => String(a.applianceId)))].sort());
  });

  it("calls a device without friendlyName by its model name (§4.2)", async () => {
    assert.deepEqual((await sent("turn on the lumora orb")).requests, ["TurnOnRequest m-1"]);
  });

  it('calls a device without friendly or model name by its generated name ("smartplug 1")', async () => {
    const listed = (await devices()).find((d) => d.applianceId === "anon-1");
    assert.ok(listed?.name, JSON.stringify(listed));
    assert.deepEqual((await sent(`turn off the ${listed.name}`)).requests, [
      "TurnOffRequest anon-1",
    ]);
  });

  it("controls a device of an unknown type with its known actions (§4.2)", async () => {
    assert.deepEqual((await sent("turn off the hologram projector")).requests, [
      "TurnOffRequest holo-1",
    ]);
  });

  it("lets a device without actions do what its type permits (§4.2)", async () => {
    const { requests } = await sent("set the reading lamp to 30 percent");
    assert.deepEqual(requests, ["SetBrightnessRequest lamp-free"]);
  });

  it("controls a device whose room code is unknown (§9.1)", async () => {
    assert.deepEqual((await sent("turn on the roof lantern")).requests, ["TurnOnRequest roof-1"]);
  });

  it("keeps the first of two devices with one id, echoing its details (§4.2, §4.3)", async () => {
    rig.requests.length = 0;
    await rig.say("turn on the hall fan");
    assert.equal(rig.requests.length, 1, rig.names().join());
    assert.deepEqual(rig.requests[0]!.body.payload.appliance, {
      applianceId: "dup-1",
      additionalApplianceDetails: { copy: "first" },
    });
  });

  it("does not echo an empty additionalApplianceDetails (§4.3: only a non-empty object)", async () => {
    rig.requests.length = 0;
    await rig.say("turn on the counter light");
    assert.deepEqual(rig.requests[0]?.body.payload.appliance, { applianceId: "k-1" });
  });

  it("sends one request per member of a room group, in parallel (§9.2, §9.4)", async () => {
    const { requests } = await sent("turn off the kitchen lights");
    assert.deepEqual(requests.sort(), ["TurnOffRequest k-1", "TurnOffRequest k-2"]);
  });

  it("acts on the group members that can, and names the others (§9.4)", async () => {
    const { requests, said } = await sent("set the kitchen lights to 50 percent");
    assert.deepEqual(requests, ["SetBrightnessRequest k-1"]);
    assert.match(said, /counter light.*pantry light/);
  });

  it("asks which one when two devices share a name, and sends nothing yet (§9.3 rule 5)", async () => {
    const { requests, said } = await sent("turn on the desk lamp");
    assert.deepEqual(requests, []);
    assert.match(said, /\?/);
    const answered = await sent("the one in the bedroom");
    assert.deepEqual(answered.requests, ["TurnOnRequest twin-b"]);
  });

  it("asks no confirmation for a query listed in actionsNeededUserConfirmation (§4.2)", async () => {
    rig.control = (r) => success(r, { humidity: { value: 41 } });
    const { requests, said } = await sent("how humid is it by the hygrometer");
    rig.control = (r) => success(r);
    assert.deepEqual(requests, ["GetHumidityRequest hyg-1"]);
    assert.match(said, /41/);
  });

  it("runs a routine's parameterless steps and skips the ones that need a value (§4.5)", async () => {
    const { requests } = await sent("wind down");
    assert.deepEqual(requests, ["TurnOffRequest k-2"]);
  });

  it("keeps the list when discovery answers an error or an invalid payload (§4.1, §8.1)", async () => {
    const before = (await devices()).length;
    for (const answer of [
      { body: message("DriverInternalError") },
      { body: message("DiscoverAppliancesResponse", { customCommands: [] }) },
      { body: message("DiscoverAppliancesResponse", { discoveredAppliances: "none" }) },
    ]) {
      rig.discovery = () => answer;
      const rerun = await admin(rig.running.url, "POST", `/api/v1/home/users/${USER}/discover`);
      assert.ok(rerun.status >= 200, rerun.body.toString());
      assert.equal((await devices()).length, before, JSON.stringify(answer.body));
    }
    rig.discovery = (r) =>
      r.header.name === "DiscoverScenesRequest"
        ? { body: message("UnsupportedOperationError") }
        : { body: message("DiscoverAppliancesResponse", { discoveredAppliances: rig.appliances }) };
  });

  it("takes a large home (400 devices) and still controls one by name (§4.1)", async () => {
    rig.appliances = [
      ...home,
      ...Array.from({ length: 400 }, (_, i) => ({
        applianceId: `bulk-${i}`,
        friendlyName: `bulb number ${i}`,
        applianceTypes: ["LIGHT"],
        actions: ["TurnOn", "TurnOff"],
        location: i % 2 ? "ATTIC" : "YARD",
      })),
    ];
    await rig.rediscover();
    assert.equal((await devices()).length, home.length - 1 + 400);
    assert.deepEqual((await sent("turn on bulb number 317")).requests, ["TurnOnRequest bulk-317"]);
  });
});
