// The simulator as a real device (cic.md §8, §9), in Chromium against a real platform with the
// embedded examples: a guest asking for something personal is asked to log in
// (Clova.ExpectLogin) and logs in; music from the example music box plays on the device's
// player (AudioPlayer events, the RenderPlayerInfo screen, Pause through the device's button);
// "turn up the volume" changes the device's own volume (DeviceControl); a notification from
// the management API lights the indicator and shows its text (Notifier); an alarm list
// arrives as a PIMS card on the device's screen.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { CHROMIUM, type ConsoleRig, startConsoleRig } from "./browser.js";

const USER = "dave";

describe("the simulator as a device", {
  skip: !existsSync(CHROMIUM) && `${CHROMIUM} missing`,
}, () => {
  let rig: ConsoleRig;
  let page: Page;
  const sent = async () =>
    (await page.locator(".sent-events li").allTextContents()).map((l) => l.trim());
  const waitSent = async (name: string) => {
    const done = async () => (await sent()).some((l) => l.startsWith(`${name} 2`));
    for (let i = 0; i < 100 && !(await done()); i++) await page.waitForTimeout(100);
    assert.ok(await done(), `${name} not among: ${(await sent()).join(", ")}`);
  };
  /** Says `text`; resolves once its turn shows an answer (`spoken: false`: once it ended). */
  const say = async (text: string, spoken = true) => {
    await page.getByLabel("Say").fill(text);
    await page.getByRole("button", { name: "Send" }).click();
    const turn = page
      .locator("article.turn", { has: page.locator(".bubble.user", { hasText: text }) })
      .last();
    await turn
      .locator(spoken ? ".bubble.assistant" : "summary")
      .first()
      .waitFor();
  };

  before(async () => {
    rig = await startConsoleRig({}, { CLOVER_EXAMPLES: "embedded" });
    page = await rig.open("/simulator");
    await page.getByText(/Connected as console-/).waitFor();
  });

  after(async () => {
    await rig?.close();
  });

  it("is asked to log in as a guest (Clova.ExpectLogin), and logs in", async () => {
    await say("read my notifications");
    const account = page.getByRole("region", { name: "Account" });
    await account.getByText(/asked this device to log in/).waitFor();
    await account.getByLabel("User ID").fill(USER);
    await account.getByRole("button", { name: "Log in" }).click();
    await account.getByText(`Logged in as user ${USER}`).waitFor();
    assert.equal(await account.getByText(/asked this device to log in/).count(), 0);
  });

  it("plays music on its player, shows it and pauses with its button", async () => {
    await say("ask music box to play jazz");
    const player = page.getByRole("region", { name: "Player" });
    await player.locator(".player-activity", { hasText: "PLAYING" }).waitFor();
    await waitSent("AudioPlayer.PlayStarted");
    assert.notEqual(((await player.locator(".now-playing").textContent()) ?? "").trim(), "");
    await rig.shot(page, "simulator-device");
    await player.getByRole("button", { name: "Pause" }).click();
    await player.locator(".player-activity", { hasText: "PAUSED" }).waitFor();
    await waitSent("PlaybackController.PauseCommandIssued");
    await waitSent("AudioPlayer.PlayPaused");
  });

  it("turns up its own volume and reports it", async () => {
    const controls = page.getByRole("region", { name: "Device controls" });
    assert.equal(await controls.locator(".volume-value").textContent(), "5");
    // Volume changes without a spoken confirmation (cic.md §9.4).
    await say("turn up the volume", false);
    await controls.locator(".volume-value", { hasText: "6" }).waitFor();
    await waitSent("DeviceControl.ActionExecuted");
  });

  it("shows a notification pushed from the management API", async () => {
    const sentNow = await rig.api("POST", `/api/v1/users/${USER}/notifications`, {
      text: "Your parcel has arrived.",
    });
    assert.ok(sentNow.status < 300, JSON.stringify(sentNow.body));
    const panel = page.getByRole("region", { name: "Notifications" });
    await panel.getByText("Your parcel has arrived.").waitFor();
    await panel.getByText("● unread").waitFor();
  });

  it("shows an alarm list as a PIMS card on its screen", async () => {
    // The confirmation is spoken after the device's SetAlertSucceeded, not in the answer.
    await say("set an alarm for 7 am tomorrow", false);
    await waitSent("Alerts.SetAlertSucceeded");
    await say("what alarms do I have");
    const screen = page.getByRole("region", { name: "Screen" });
    await screen.locator('figure[data-template="AlarmList"] li').first().waitFor();
  });
});
