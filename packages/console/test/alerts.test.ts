// Alerts in the console, in Chromium against a real platform: the Alerts page sets, changes
// and deletes a user's alerts through the management API while the simulator, logged in as
// that user in another tab, keeps them as a device (SetAlert/DeleteAlert on its downchannel),
// rings them at their time, and stops or snoozes them with its buttons.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import {
  CHROMIUM,
  type ConsoleRig,
  FIRST_TURN_MS,
  type Json,
  simulatorAs,
  startConsoleRig,
} from "./browser.js";

const USER = "alice";

describe("alerts in the console", { skip: !existsSync(CHROMIUM) && `${CHROMIUM} missing` }, () => {
  let rig: ConsoleRig;
  let simulator: Page;
  let deviceId: string;
  let page: Page;
  /** The events the simulator's device sent by itself, from its own log ("Alerts.X 204"). */
  const sent = async () =>
    (await simulator.locator(".sent-events li").allTextContents()).map((l) => l.trim());
  /** Waits until the device sent `name` and the platform accepted it (2xx). */
  const waitSent = async (name: string) => {
    const done = async () => (await sent()).some((l) => l.startsWith(`${name} 2`));
    for (let i = 0; i < 100 && !(await done()); i++) await simulator.waitForTimeout(100);
    assert.ok(await done(), (await sent()).join(", "));
  };
  const alerts = async () =>
    ((await rig.api("GET", `/api/v1/users/${USER}/alerts`)).body as { alerts: Json[] }).alerts;

  before(async () => {
    rig = await startConsoleRig();
    ({ page: simulator, deviceId } = await simulatorAs(rig, USER));
    page = await rig.open("/alerts");
  });

  after(async () => {
    await rig?.close();
  });

  it("teaches with an empty list, then sets an alarm that reaches the device", async () => {
    await page.getByRole("heading", { name: "Alerts" }).waitFor();
    await page.getByLabel("User ID").fill(USER);
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByText(`No alerts yet for ${USER}`).waitFor();
    const form = page.getByRole("region", { name: "New alert" });
    assert.equal(await form.getByLabel("Device").inputValue(), deviceId, "the user's device");
    await form.getByLabel("Label").fill("Wake up");
    await form.getByLabel("Repeat").selectOption("WEEKDAYS");
    await form.getByRole("button", { name: "Set alert" }).click();
    await page.getByText("Set — sent to 1 connected device").waitFor();
    const card = page.getByRole("region", { name: `Alerts of ${deviceId}` });
    await card.getByText("Wake up").waitFor();
    await card.getByText("weekdays").waitFor();
    // The simulator keeps it and confirms it (SetAlertSucceeded), which the server records.
    await simulator
      .getByRole("region", { name: "Alerts on this device" })
      .locator("li", { hasText: "ALARM" })
      .waitFor();
    const [alarm] = await alerts();
    assert.equal(alarm.type, "ALARM");
    assert.deepEqual(alarm.repeat.weekdays, [1, 2, 3, 4, 5]);
    for (let i = 0; i < 50 && (await alerts())[0].status !== "set"; i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal((await alerts())[0].status, "set", "SetAlertSucceeded reached the server");
    await waitSent("Alerts.SetAlertSucceeded");
    await rig.shot(page, "alerts");
  });

  it("edits the label and the time; the device follows", async () => {
    const card = page.getByRole("region", { name: `Alerts of ${deviceId}` });
    await card.getByRole("button", { name: "Edit" }).click();
    await card.getByLabel("Label").fill("Wake up, really");
    const [date] = (await card.getByLabel("When").inputValue()).split("T");
    await card.getByLabel("When").fill(`${date}T23:47:00`);
    await card.getByRole("button", { name: "Save" }).click();
    await page.getByText("Changed — sent to 1 connected device").waitFor();
    await simulator
      .getByRole("region", { name: "Alerts on this device" })
      .locator("li", { hasText: /11:47\sPM/ })
      .waitFor();
    const [changed] = await alerts();
    assert.equal(changed.label, "Wake up, really");
    assert.equal(new Date(changed.scheduledTime).getMinutes(), 47);
  });

  it("shows the API's error for a reminder without its text", async () => {
    const form = page.getByRole("region", { name: "New alert" });
    await form.getByLabel("Type").selectOption("REMINDER");
    await form.getByLabel("Label").fill("");
    await form.getByRole("button", { name: "Set alert" }).click();
    await page.getByRole("alert").filter({ hasText: "label: a reminder needs its text" }).waitFor();
    await form.getByLabel("Type").selectOption("ALARM");
  });

  it("rings two timers on the device: Stop silences one, Snooze moves the other", async () => {
    const form = page.getByRole("region", { name: "New alert" });
    // Reminders carry their text to the device (timers and alarms carry none, §9.1).
    await form.getByLabel("Type").selectOption("REMINDER");
    await form.getByLabel("Repeat").selectOption("");
    for (const label of ["Tea", "Pasta"]) {
      // Four seconds from now, in the browser's zone (the form's datetime-local).
      const at = await page.evaluate(`(() => {
        const d = new Date(Date.now() + 4000);
        const p = (n) => String(n).padStart(2, "0");
        return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate()) + "T" +
          p(d.getHours()) + ":" + p(d.getMinutes()) + ":" + p(d.getSeconds());
      })()`);
      await form.getByLabel("When").fill(String(at));
      await form.getByLabel("Label").fill(label);
      await form.getByRole("button", { name: "Set alert" }).click();
      await page
        .getByRole("region", { name: `Alerts of ${deviceId}` })
        .getByText(label)
        .waitFor();
    }
    await simulator.bringToFront();
    const panel = simulator.getByRole("region", { name: "Alerts on this device" });
    const tea = panel.locator(".ringing", { hasText: "Tea" });
    const pasta = panel.locator(".ringing", { hasText: "Pasta" });
    await tea.waitFor({ timeout: 15_000 });
    await pasta.waitFor({ timeout: 15_000 });
    await rig.shot(simulator, "simulator-alert-ringing");
    await waitSent("Alerts.AlertStarted");
    assert.equal((await sent()).filter((e) => e === "Alerts.AlertStarted 204").length, 2);
    const statuses = (await alerts()).filter((a) => a.type === "REMINDER").map((a) => a.status);
    assert.deepEqual(statuses, ["ringing", "ringing"], "AlertStarted reached the server");

    await tea.getByRole("button", { name: "Stop" }).click();
    await tea.waitFor({ state: "detached" });
    await waitSent("Alerts.RequestAlertStop");
    await waitSent("Alerts.AlertStopped");

    await pasta.getByRole("button", { name: "Snooze" }).click();
    await pasta.waitFor({ state: "detached", timeout: FIRST_TURN_MS });
    // "Snooze" is said to the assistant, which finds the ringing one in the device's
    // Alerts.AlertsState context and sets it again five minutes on, on the device and server.
    for (let i = 0; i < 50; i++) {
      const list = await alerts();
      if (
        list.some((a) => a.label === "Pasta" && Date.parse(a.scheduledTime) > Date.now() + 200_000)
      )
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const list = await alerts();
    assert.ok(!list.some((a) => a.label === "Tea"), "a stopped reminder is gone");
    const snoozed = list.find((a) => a.label === "Pasta");
    assert.ok(
      snoozed && Date.parse(snoozed.scheduledTime) > Date.now() + 200_000,
      JSON.stringify(list),
    );
    await panel.locator("li", { hasText: "Pasta" }).waitFor();
  });

  it("deletes an alert from the page; the device drops it", async () => {
    await page.bringToFront();
    const card = page.getByRole("region", { name: `Alerts of ${deviceId}` });
    const row = card.locator("li", { hasText: "Wake up, really" });
    await row.getByRole("button", { name: "Delete" }).click();
    await page.getByText("Deleted — sent to 1 connected device").waitFor();
    await simulator
      .getByRole("region", { name: "Alerts on this device" })
      .locator("li", { hasText: "ALARM" })
      .waitFor({ state: "detached" });
    await waitSent("Alerts.DeleteAlertSucceeded");
    assert.ok(!(await alerts()).some((a) => a.label === "Wake up, really"));
  });

  it("shows the user switched to, even when the first user's list answers last", async () => {
    // The new tab starts on the default user; its answers are held back until after the switch.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const defaultUser = /\/api\/v1\/users\/console\//;
    let heldBack = 0;
    await rig.context.route(defaultUser, async (route) => {
      heldBack++;
      await held;
      await route.continue();
    });
    const late = await rig.open("/alerts");
    await late.getByLabel("User ID").fill(USER);
    await late.getByRole("button", { name: "Show" }).click();
    const card = late.getByRole("region", { name: `Alerts of ${deviceId}` });
    await card.waitFor();
    assert.ok(heldBack > 0, "the default user's list was asked for first");
    release();
    await late.waitForTimeout(500);
    await rig.context.unroute(defaultUser);
    assert.ok(await card.isVisible(), "the default user's late answer replaced alice's");
    const form = late.getByRole("region", { name: "New alert" });
    assert.equal(await form.getByLabel("Device").inputValue(), deviceId);
    await late.close();
  });

  it("shows nothing of the previous user while the new user's list loads", async () => {
    const late = await rig.open("/alerts");
    await late.getByText("No alerts yet for console").waitFor();
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    let heldBack = 0;
    await late.route(/\/api\/v1\/users\/alice\//, async (route) => {
      heldBack++;
      await held;
      await route.continue();
    });
    await late.getByLabel("User ID").fill(USER);
    await late.getByRole("button", { name: "Show" }).click();
    for (let i = 0; i < 100 && heldBack < 2; i++) await late.waitForTimeout(50);
    assert.equal(heldBack, 2, "alice's alerts and devices were asked for");
    assert.equal(await late.getByText(`No alerts yet for ${USER}`).count(), 0, "console's list");
    assert.equal(await late.getByRole("region", { name: "New alert" }).count(), 0);
    release();
    const form = late.getByRole("region", { name: "New alert" });
    await form.waitFor();
    assert.equal(await form.getByLabel("Device").inputValue(), deviceId);
    await late.close();
  });
});
