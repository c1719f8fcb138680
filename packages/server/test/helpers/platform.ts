// Test platforms: a real store in a temp dir, the management API on a real HTTP port.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { DeviceInfo, TextTurn } from "../../src/assistant/turn.js";
import { type DeepPartial, defineConfig, type ServerConfig } from "../../src/config/index.js";
import { createPlatform, type Platform, type PlatformOptions } from "../../src/platform.js";
import type { Json } from "./extension-server.js";
import { ADMIN_TOKEN, type ApiCall, managementApi } from "./management-api.js";

export { ADMIN_TOKEN, type ApiCall, managementApi, managementFetch } from "./management-api.js";

const tempDirs: string[] = [];
process.once("exit", () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory under the system's temporary one, removed when the test file ends. */
export function tempDir(prefix = "clover-server-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export interface TestPlatform extends Platform {
  config: ServerConfig;
  /** Base URL of the management API. */
  apiUrl: string;
  api: ApiCall;
}

export async function startPlatform(
  overrides: DeepPartial<ServerConfig> = {},
  options: PlatformOptions = {},
): Promise<TestPlatform> {
  const dataDir = overrides.dataDir ?? tempDir();
  const config = defineConfig({
    adminToken: ADMIN_TOKEN,
    examples: "off",
    logLevel: "silent",
    ...overrides,
    dataDir,
    // Test extensions run on this machine (docs/security.md "Outbound policy").
    cek: { timeoutMs: 2000, extensionNetworks: "loopback", ...overrides.cek },
  });
  const platform = await createPlatform(config, { logger: pino({ level: "silent" }), ...options });
  const server: Server = createServer(platform.managementHandler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  const apiUrl = `http://127.0.0.1:${address.port}`;
  return {
    ...platform,
    config,
    apiUrl,
    api: managementApi(apiUrl),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await platform.close();
      if (overrides.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;

export function device(overrides: Partial<DeviceInfo> = {}): DeviceInfo {
  return {
    clientId: "test-client",
    deviceId: "device-1",
    userId: "U0123456789abcdef0123456789abcdef",
    language: "en",
    locale: "en-US",
    display: { size: "none" },
    ...overrides,
  };
}

export function say(text: string, on: DeviceInfo = device()): TextTurn {
  return { kind: "text", text, dialogRequestId: `dlg-${++counter}`, device: on };
}

/** Registers an extension through the management API; fails the test on refusal. */
export async function register(
  platform: TestPlatform,
  document: Record<string, unknown>,
): Promise<Json> {
  const response = await platform.api("POST", "/api/v1/extensions", document);
  if (response.status !== 201)
    throw new Error(`registration refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
