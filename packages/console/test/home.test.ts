// Home in the console, in Chromium against a real platform and the example home extension (a
// real HTTP server with its own OAuth server and virtual appliances): link the user's account
// through the vendor's sign-in page, see the appliances by room with their state, control one
// from the simulator (logged in as the user) and see the real state change, discover again,
// issue the notification key and push a pre-registered message that the simulator shows as a
// notification, then unlink.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { HOME_EXAMPLE_ID, type HomeExampleServer, startHomeExample } from "@clover/example-home";
import type { Page } from "playwright-core";
import {
  CHROMIUM,
  type ConsoleRig,
  FIRST_TURN_MS,
  simulatorAs,
  startConsoleRig,
} from "./browser.js";

const USER = "bob";
// The vendor redirects the browser to the platform's public URL: a fixed port of the
// project's test range, so that URL is the platform's real address.
const PORT = "19301";

describe("home in the console", { skip: !existsSync(CHROMIUM) && `${CHROMIUM} missing` }, () => {
  let rig: ConsoleRig;
  let home: HomeExampleServer;
  let simulator: Page;
  let page: Page;
  const kitchen = () => home.appliances.find((a) => a.info.applianceId === "light-kitchen")!;

  before(async () => {
    rig = await startConsoleRig(
      {},
      { CLOVER_PORT: PORT, CLOVER_PUBLIC_URL: `http://127.0.0.1:${PORT}` },
    );
    home = await startHomeExample({ publicKey: rig.server.platform.keys.active.publicKeyPem });
    const registered = await rig.api("POST", "/api/v1/extensions", {
      id: HOME_EXAMPLE_ID,
      type: "home",
      displayName: "Clover Home",
      endpointUrl: home.endpointUrl,
      accountLinking: home.accountLinking,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    ({ page: simulator } = await simulatorAs(rig, USER));
    page = await rig.open("/home");
    await page.getByLabel("User ID").fill(USER);
    await page.getByRole("button", { name: "Show" }).click();
  });

  after(async () => {
    await rig?.close();
    await home?.close();
  });

  it("links the account on the vendor's page; the appliances appear by room", async () => {
    const extensions = page.getByRole("region", { name: "Home extensions" });
    await extensions.getByText("not linked").waitFor();
    await page.getByText(`No appliances for ${USER} yet`).waitFor();
    const popup = rig.context.waitForEvent("page");
    await extensions.getByRole("button", { name: "Link account" }).click();
    const vendor = await popup;
    await vendor.waitForLoadState();
    await vendor.getByLabel("User").fill("home");
    await vendor.getByLabel("Password").fill("home");
    await vendor.getByRole("button", { name: "Sign in and allow" }).click();
    await vendor.waitForURL(/\/v1\/al\/token/);
    await vendor.close();
    await extensions.getByRole("button", { name: "Refresh" }).click();
    await extensions.getByText("linked", { exact: true }).waitFor();
    const kitchenRoom = page.getByRole("region", { name: /kitchen/i });
    const light = kitchenRoom.locator("li", { hasText: "kitchen light" });
    await light.waitFor();
    assert.match((await light.locator(".state").textContent()) ?? "", /\boff\b/);
    await light.getByText(/actions$/).click();
    await light.getByText(/SetBrightness/).waitFor();
    await rig.shot(page, "home");
  });

  it("turns on the kitchen light from the simulator; the page shows the new state", async () => {
    await simulator.bringToFront();
    await simulator.getByLabel("Say").fill("turn on the kitchen light");
    await simulator.getByRole("button", { name: "Send" }).click();
    await simulator
      .locator("article.turn .bubble.assistant")
      .last()
      .waitFor({ timeout: FIRST_TURN_MS });
    assert.equal(kitchen().state.on, true, "the virtual appliance is on");
    await page.bringToFront();
    await page
      .getByRole("region", { name: "Home extensions" })
      .getByRole("button", { name: "Refresh" })
      .click();
    const light = page
      .getByRole("region", { name: /kitchen/i })
      .locator("li", { hasText: "kitchen light" });
    await light.locator(".state", { hasText: /\bon\b/ }).waitFor();
  });

  it("discovers again after the vendor removed an appliance", async () => {
    const before = await page.locator(".appliance-name").count();
    home.remove("light-porch");
    await page.getByRole("button", { name: "Discover again" }).click();
    await page.getByText(/^Discovered \d+ appliances/).waitFor();
    await page
      .locator(".appliance-name", { hasText: "porch light" })
      .waitFor({ state: "detached" });
    assert.equal(await page.locator(".appliance-name").count(), before - 1);
  });

  it("issues the notification key, registers a message, and a push reaches the simulator", async () => {
    const card = page.getByRole("region", { name: "Notifications of Clover Home" });
    await card.getByText("No API key yet.").waitFor();
    await card.getByLabel("Message id").fill("msg-door");
    await card.getByLabel("Text (en)").fill("The front door was opened.");
    await card.getByRole("button", { name: "Add message" }).click();
    await card.locator("li", { hasText: "msg-door" }).waitFor();
    await card.getByRole("button", { name: "Issue an API key" }).click();
    const key = ((await card.locator(".notification-key").textContent()) ?? "").trim();
    assert.ok(key.length >= 20, key);
    await card.getByText("An API key is set.").waitFor();
    await rig.shot(page, "home-notifications");
    const pushed = await fetch(`${rig.server.url}/clovahome/clova-platform/sendNotification`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-clova-extension-id": HOME_EXAMPLE_ID,
        "x-clova-extension-secret": key,
      },
      body: JSON.stringify({ applianceId: "lock-front", messageId: "msg-door" }),
    });
    assert.equal(pushed.status, 200, await pushed.text());
    const notifications = simulator.getByRole("region", { name: "Notifications" });
    await notifications.getByText("The front door was opened.").waitFor();
    await notifications.getByText("● unread").waitFor();
    await page.bringToFront();
    await card.getByRole("button", { name: "Revoke the key" }).click();
    await card.getByText("No API key yet.").waitFor();
    const refused = await fetch(`${rig.server.url}/clovahome/clova-platform/sendNotification`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-clova-extension-id": HOME_EXAMPLE_ID,
        "x-clova-extension-secret": key,
      },
      body: JSON.stringify({ applianceId: "lock-front", messageId: "msg-door" }),
    });
    assert.equal(((await refused.json()) as { errorCode: number }).errorCode, 4202);
  });

  it("unlinks: the user's appliances are gone", async () => {
    await page.bringToFront();
    await page.getByRole("button", { name: "Unlink" }).click();
    await page.getByText(`Unlinked Clover Home`).waitFor();
    await page.getByText(`No appliances for ${USER} yet`).waitFor();
    await page.getByRole("region", { name: "Home extensions" }).getByText("not linked").waitFor();
  });
});
