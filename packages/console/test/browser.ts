// Chromium and a real platform for the console's per-user page tests: startClover (CIC, the
// management API, the abilities and the console on one port), Debian's Chromium driven by
// playwright-core, and helpers to sign in and open tabs.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { loadConfig } from "../../server/src/config/index.js";
import { type CloverServer, type CloverServerOptions, startClover } from "../../server/src/main.js";
import { buildIfMissing } from "./build.js";

export const CHROMIUM = "/usr/bin/chromium";
export const ADMIN = "console-pages-admin-token";
/**
 * How long a built-in ability's first spoken turn may take: it compiles the ability's model
 * first (seconds on a loaded machine). Waits end as soon as the page shows the answer.
 */
export const FIRST_TURN_MS = 90_000;
const root = fileURLToPath(new URL("../../../", import.meta.url));
export const shots = join(root, "test-results", "console");

// biome-ignore lint/suspicious/noExplicitAny: API answers are read field by field in the tests
export type Json = any;

export interface ConsoleRig {
  server: CloverServer;
  context: BrowserContext;
  /** A temporary folder for files the test writes (removed at close). */
  profileDir: string;
  /** A new tab, signed in with the admin token, at `route` (e.g. "/alerts"). */
  open(route: string): Promise<Page>;
  /** The management API with the admin token. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startConsoleRig(
  options: Partial<CloverServerOptions> = {},
  env: Record<string, string> = {},
): Promise<ConsoleRig> {
  await buildIfMissing();
  mkdirSync(shots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "clover-console-pages-"));
  const profile = mkdtempSync(join(tmpdir(), "clover-console-pages-chromium-"));
  const config = loadConfig({
    CLOVER_DATA_DIR: dataDir,
    CLOVER_PORT: "0",
    CLOVER_HOST: "127.0.0.1",
    CLOVER_ADMIN_TOKEN: ADMIN,
    CLOVER_LOG_LEVEL: "silent",
    CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
    CLOVER_EXAMPLES: "off",
    // The example extensions and the CalDAV server of the tests listen on loopback.
    CLOVER_EXTENSION_NETWORKS: "loopback",
    // A person clicking and the device's own events: the CIC rate limits are not under test.
    CLOVER_RATE_DEVICE_PER_SECOND: "1000",
    CLOVER_RATE_DEVICE_BURST: "1000",
    CLOVER_RATE_CLIENT_PER_SECOND: "1000",
    CLOVER_RATE_CLIENT_BURST: "1000",
    ...env,
  });
  const server = await startClover({ config, ...options });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--autoplay-policy=no-user-gesture-required",
    ],
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(20_000);
  const api: ConsoleRig["api"] = async (method, path, body) => {
    const response = await fetch(server.url + path, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed };
  };
  return {
    server,
    context,
    profileDir: profile,
    api,
    async open(route) {
      const page = await context.newPage();
      page.on("pageerror", (error) => console.error(`page error: ${error.stack}`));
      page.on("console", (m) => m.type() === "error" && console.error(`console: ${m.text()}`));
      await page.goto(`${server.url}/console/`);
      await page.getByLabel("Admin token").fill(ADMIN);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Extensions" }).waitFor();
      if (route !== "/") {
        await page.evaluate((to) => {
          history.pushState(null, "", `/console${to}`);
          window.dispatchEvent(new Event("clover:navigate"));
        }, route);
      }
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the simulator in a tab and logs its device in as `userId`; resolves with its device id. */
export async function simulatorAs(
  rig: ConsoleRig,
  userId: string,
): Promise<{ page: Page; deviceId: string }> {
  const page = await rig.open("/simulator");
  const connected = page.getByText(/Connected as console-/);
  await connected.waitFor();
  const account = page.getByRole("region", { name: "Account" });
  await account.getByLabel("User ID").fill(userId);
  await account.getByRole("button", { name: "Log in" }).click();
  await account.getByText(`Logged in as user ${userId}`).waitFor();
  const deviceId = ((await connected.textContent()) ?? "").replace(/^.*Connected as /, "").trim();
  return { page, deviceId };
}
