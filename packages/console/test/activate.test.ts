// "Activate a device" in Chromium against a real platform: a device asks for a device code, a
// signed-in administrator opens its verification URI, checks the device and approves it for a
// user, and the device's next poll gets tokens that CIC accepts; a user without console
// sign-in denies another code with their own account token. Screenshots go to
// test-results/console/.
import assert from "node:assert/strict";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import {
  type AuthRequestError,
  DeviceClient,
  type DeviceIdentity,
  pollDeviceCode,
  requestDeviceCode,
} from "@clover/device";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildIfMissing } from "./build.js";
import { startTestPlatform, type TestPlatform } from "./platform.js";

const ADMIN = "activate-test-admin-token";
const CHROMIUM = "/usr/bin/chromium";
const shots = join(fileURLToPath(new URL("../../../", import.meta.url)), "test-results", "console");

describe("Activate a device, in Chromium", {
  skip: !existsSync(CHROMIUM) && `${CHROMIUM} missing`,
}, () => {
  let platform: TestPlatform;
  let browser: Browser;
  let identity: DeviceIdentity;

  const admin = async (path: string, body: unknown) => {
    const response = await fetch(`${platform.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 201);
    return (await response.json()) as Record<string, string>;
  };
  const newPage = async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1100, height: 760 } })
    ).newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => console.error(`page error: ${error.stack}`));
    return page;
  };
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

  before(async () => {
    await buildIfMissing();
    mkdirSync(shots, { recursive: true });
    platform = await startTestPlatform(ADMIN, "com.example.activatetest.dice");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    const client = await admin("/api/v1/device-clients", { name: "Hallway speaker" });
    identity = {
      url: platform.url,
      clientId: client["clientId"]!,
      clientSecret: client["clientSecret"]!,
      deviceId: "hallway-1",
      modelId: "HS-2",
    };
  });

  after(async () => {
    await browser?.close();
    await platform?.close();
  });

  it("lets a signed-in administrator approve a code for a user", async () => {
    const code = await requestDeviceCode(identity);
    await assert.rejects(pollDeviceCode(identity, code.device_code), /not approved/);
    const page = await newPage();
    await page.goto(`${platform.url}/console/`);
    await page.getByLabel("Admin token").fill(ADMIN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Extensions" }).waitFor();

    await page.goto(code.verification_uri_complete);
    await page.getByRole("heading", { name: "Activate a device" }).waitFor();
    assert.equal(await page.getByLabel("Code shown on the device").inputValue(), code.user_code);
    await page.getByRole("button", { name: "Continue" }).click();
    // The user id is required before anything is asked of the platform.
    assert.equal(
      await page.getByLabel("User ID").evaluate((i: HTMLInputElement) => i.validity.valid),
      false,
    );
    await page.getByLabel("User ID").fill("U-hallway");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("Hallway speaker").waitFor();
    await page.getByText("hallway-1").waitFor();
    await shot(page, "activate-check");
    await page.getByRole("button", { name: "Approve" }).click();
    const status = page.getByRole("status");
    await status.waitFor();
    assert.match(
      (await status.textContent()) ?? "",
      /Approved: Hallway speaker \(hallway-1\) is linked to U-hallway/,
    );
    await shot(page, "activate-approved");

    await new Promise((resolve) => setTimeout(resolve, code.interval * 1000));
    const tokens = await pollDeviceCode(identity, code.device_code);
    const device = new DeviceClient({ url: platform.url, accessToken: tokens.access_token });
    try {
      assert.equal(await device.ping(), 204);
    } finally {
      device.close();
    }
  });

  it("lets a user deny a code with their own account token, and shows wrong input", async () => {
    const account = await admin("/api/v1/accounts", { userId: "U-own" });
    const code = await requestDeviceCode({ ...identity, deviceId: "hallway-2" });
    const page = await newPage();
    await page.goto(`${platform.url}/console/activate`);
    await page.getByRole("heading", { name: "Activate a device" }).waitFor();
    await page.getByLabel("Code shown on the device").fill("AEIO-1234");
    await page.getByLabel("Account token").fill(account["accountToken"]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("alert").filter({ hasText: "userCode: expected 8 letters" }).waitFor();
    await page.getByLabel("Code shown on the device").fill(code.user_code.toLowerCase());
    await page.getByLabel("Account token").fill("acc_wrong");
    await page.getByRole("button", { name: "Continue" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "did not accept this account token" })
      .waitFor();
    await page.getByLabel("Account token").fill(account["accountToken"]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByText("wants to act for").waitFor();
    await page.getByRole("button", { name: "Deny" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Denied: Hallway speaker (hallway-2)" })
      .waitFor();
    await shot(page, "activate-denied");

    await assert.rejects(
      pollDeviceCode({ ...identity, deviceId: "hallway-2" }, code.device_code),
      (error: AuthRequestError) => error.body["error"] === "access_denied",
    );
  });

  it("asks the account to accept the terms of service when the platform has them", async () => {
    const terms = await startTestPlatform(
      ADMIN,
      "com.example.activatetest.terms",
      {},
      {
        termsVersion: "2026-12",
      },
    );
    try {
      const created = await fetch(`${terms.url}/api/v1/accounts`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({ userId: "U-terms" }),
      });
      const account = (await created.json()) as Record<string, string>;
      const client = await fetch(`${terms.url}/api/v1/device-clients`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "Kitchen display" }),
      });
      const ids = (await client.json()) as Record<string, string>;
      const kitchen = {
        url: terms.url,
        clientId: ids["clientId"]!,
        clientSecret: ids["clientSecret"]!,
        deviceId: "kitchen-1",
        modelId: "KD-1",
      };
      const code = await requestDeviceCode(kitchen);
      const page = await newPage();
      await page.goto(code.verification_uri_complete);
      await page.getByLabel("Account token").fill(account["accountToken"]!);
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByRole("heading", { name: "Terms of service (version 2026-12)" }).waitFor();
      const approve = page.getByRole("button", { name: "Approve" });
      assert.equal(await approve.isDisabled(), true);
      await page.getByLabel("I have read and accept the terms of service").check();
      await shot(page, "activate-terms");
      await approve.click();
      await page
        .getByRole("status")
        .filter({ hasText: "Approved: Kitchen display (kitchen-1) is linked to U-terms" })
        .waitFor();
      await new Promise((resolve) => setTimeout(resolve, code.interval * 1000));
      const tokens = await pollDeviceCode(kitchen, code.device_code);
      assert.equal(tokens.token_type, "Bearer");
    } finally {
      await terms.close();
    }
  });
});
