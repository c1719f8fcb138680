// Clova directives through real CIC (cic.md §9.3): Help, RenderSuggestion, ExpectLogin for a
// guest, Start/FinishExtension around an extension's session, delegation between devices.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type DeviceSideWorld, names, startWorld, until } from "./clover.js";

describe("Clova", () => {
  let world: DeviceSideWorld;
  before(async () => {
    world = await startWorld({ examples: "embedded" });
  });
  after(() => world.close());

  it("Clova.Help and Clova.RenderSuggestion answer help", async () => {
    const tablet = await world.device("help-tablet", { account: "help-user", display: "l100" });
    const help = await tablet.say("help");
    assert.ok(names(help.directives).includes("Clova.Help"));
    assert.equal(tablet.helpShown, true);
    const suggestions = tablet.screen.suggestions as { query: string }[];
    assert.ok(
      suggestions.some((s) => /^open /.test(s.query)),
      JSON.stringify(suggestions),
    );
  });

  it("Clova.ExpectLogin for a guest device asking for something personal", async () => {
    const guest = await world.device("guest-speaker", { guest: true });
    const asked = await guest.say("read my notifications");
    assert.ok(names(asked.directives).includes("Clova.ExpectLogin"));
    const login = asked.directives.find((d) => d.header.name === "ExpectLogin");
    assert.deepEqual(login?.payload, {});
    assert.equal(guest.loginRequested, true);
  });

  it("Clova.StartExtension and Clova.FinishExtension around an extension's session", async () => {
    const tablet = await world.device("mode-tablet", { account: "mode-user", display: "l100" });
    const opened = await tablet.say("open dice");
    assert.ok(
      names(opened.directives).includes("Clova.StartExtension"),
      names(opened.directives).join(),
    );
    assert.ok(tablet.extensionMode);
    const mode = tablet.extensionMode;
    await tablet.say("stop");
    assert.equal(tablet.extensionMode, undefined, `left ${mode}`);
  });

  it("Clova.HandleDelegatedEvent and ProcessDelegatedEvent hand a request to another device", async () => {
    const speaker = await world.device("delegate-speaker", { account: "delegate-user" });
    const sent = await world.api("POST", "/api/v1/users/delegate-user/delegations", {
      deviceId: "delegate-speaker",
      text: "ask music box to play pop",
    });
    assert.equal(sent.status, 202);
    await until(() => speaker.player.current !== undefined, "the delegated playback");
    assert.ok(speaker.sent.includes("Clova.ProcessDelegatedEvent"));
    assert.equal(speaker.player.current?.stream["token"], "pop:0");
    const unknown = await world.api("POST", "/api/v1/users/delegate-user/delegations", {
      deviceId: "nowhere",
      text: "hi",
    });
    assert.equal(unknown.status, 404);
  });
});
