// Settings and where the device is, through real CIC (cic.md §9.7, §8.3, §8.6): reports
// stored as opaque maps, updates and report requests from the app, the version-spec table, and
// the time zone (settings → account → device clock → default) that resolves dates.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TestExtension } from "../helpers/extension-server.js";
import { registerAlbumBox } from "./album.js";
import { type DeviceSideWorld, names, startWorld, until } from "./clover.js";

const today = (timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());

describe("Settings and time zone", () => {
  let world: DeviceSideWorld;
  let album: TestExtension;
  before(async () => {
    world = await startWorld({ examples: "off", device: { defaultTimeZone: "Pacific/Pago_Pago" } });
    album = await registerAlbumBox(world);
  });
  after(async () => {
    await world.close();
    await album.close();
  });

  it("Settings.Report is stored; Settings.Update and ExpectReport come from the app", async () => {
    const speaker = await world.device("settings-speaker", {
      account: "settings-user",
      settings: { NightMode: "off" },
    });
    const reported = await speaker.send({
      namespace: "Settings",
      name: "Report",
      payload: { configuration: { NightMode: "off" } },
    });
    assert.equal(reported.status, 204);
    const read = await world.api(
      "GET",
      "/api/v1/users/settings-user/devices/settings-speaker/settings",
    );
    assert.deepEqual(read.body.configuration, { NightMode: "off" });
    const updated = await world.api(
      "PUT",
      "/api/v1/users/settings-user/devices/settings-speaker/settings",
      {
        configuration: { NightMode: "on", VoiceTypeChange: "V002" },
      },
    );
    assert.equal(updated.status, 202);
    await until(() => speaker.settings["NightMode"] === "on");
    await speaker.settle();
    const after = await world.api(
      "GET",
      "/api/v1/users/settings-user/devices/settings-speaker/settings",
    );
    assert.deepEqual(after.body.configuration, { NightMode: "on", VoiceTypeChange: "V002" });
    speaker.settings["Locale"] = "en";
    const asked = await world.api(
      "POST",
      "/api/v1/users/settings-user/devices/settings-speaker/directives",
      {
        namespace: "Settings",
        name: "ExpectReport",
      },
    );
    assert.equal(asked.status, 202);
    await until(() => speaker.sent.filter((n) => n === "Settings.Report").length >= 3);
    const bad = await world.api(
      "PUT",
      "/api/v1/users/settings-user/devices/settings-speaker/settings",
      {
        configuration: { NightMode: true },
      },
    );
    assert.equal(bad.status, 400);
  });

  it("Settings.UpdateVersionSpec answers RequestVersionSpec from the table", async () => {
    const speaker = await world.device("spec-speaker", { account: "spec-user" });
    const response = await speaker.send({
      namespace: "Settings",
      name: "RequestVersionSpec",
      payload: {},
    });
    assert.deepEqual(names(response.directives), ["Settings.UpdateVersionSpec"]);
    const spec = response.directives[0]!.payload as {
      specVersion: string;
      spec: { voiceType: { list: unknown[] } };
    };
    assert.match(spec.specVersion, /^\d{14}$/);
    assert.ok(spec.spec.voiceType.list.length > 0);
  });

  it("resolves dates in the time zone of the device's settings, else the account's, else the default", async () => {
    const settingsZone = "Pacific/Kiritimati";
    const speaker = await world.device("zone-settings", { account: "zone-user" });
    await speaker.send({
      namespace: "Settings",
      name: "Report",
      payload: { configuration: { TimeZone: settingsZone } },
    });
    await speaker.say("ask album box what is on today");
    assert.ok(
      speaker.screen.text.at(-1)?.includes(today(settingsZone)),
      speaker.screen.text.at(-1),
    );

    const profiled = await world.device("zone-profile", { account: "zone-profiled" });
    const saved = await world.api("PUT", "/api/v1/users/zone-profiled/profile", {
      timeZone: "Pacific/Kiritimati",
    });
    assert.equal(saved.status, 200);
    await profiled.say("ask album box what is on today");
    assert.ok(
      profiled.screen.text.at(-1)?.includes(today("Pacific/Kiritimati")),
      profiled.screen.text.at(-1),
    );

    const plain = await world.device("zone-default", { account: "zone-default-user" });
    await plain.say("ask album box what is on today");
    assert.ok(
      plain.screen.text.at(-1)?.includes(today("Pacific/Pago_Pago")),
      plain.screen.text.at(-1),
    );
    const wrong = await world.api("PUT", "/api/v1/users/zone-profiled/profile", {
      timeZone: "Mars/Olympus",
    });
    assert.equal(wrong.status, 400);
  });
});
