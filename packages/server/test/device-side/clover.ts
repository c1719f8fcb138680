// A whole platform on an ephemeral port (embedded example extensions) and reference devices
// logged in through the auth API: the device side tested through real CIC.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeviceClient, logIn, ReferenceDevice, type ReferenceDeviceOptions } from "@clover/device";
import { type DeepPartial, defineConfig, type ServerConfig } from "../../src/config/index.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { stopwatch } from "../helpers/cpu-wait.js";
import type { Json } from "../helpers/extension-server.js";
import { managementApi } from "../helpers/management-api.js";

export const ADMIN = "test-admin-token";

export interface DeviceSideWorld {
  server: CloverServer;
  clientId: string;
  clientSecret: string;
  /** Logs a device in for `account` and opens its downchannel. */
  device(
    deviceId: string,
    options?: ReferenceDeviceOptions & { account?: string; guest?: boolean },
  ): Promise<ReferenceDevice>;
  api(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: Json }>;
  close(): Promise<void>;
}

export async function startWorld(
  overrides: DeepPartial<ServerConfig> = {},
  start: Partial<Parameters<typeof startClover>[0]> = {},
): Promise<DeviceSideWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-device-side-"));
  const config = defineConfig({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    adminToken: ADMIN,
    logLevel: "silent",
    ...overrides,
    cek: { extensionNetworks: "loopback", ...overrides.cek },
  });
  const server = await startClover({ config, ...start });
  const api = (method: string, path: string, body?: unknown, token = ADMIN) =>
    managementApi(server.url, token)(method, path, body);
  const created = await api("POST", "/api/v1/device-clients", { name: "reference device" });
  const { clientId, clientSecret } = created.body as { clientId: string; clientSecret: string };
  const devices: ReferenceDevice[] = [];
  const accounts = new Map<string, string>();
  return {
    server,
    clientId,
    clientSecret,
    api,
    async device(deviceId, options = {}) {
      const identity = { url: server.url, clientId, clientSecret, deviceId, modelId: "REF-1" };
      let accountToken: string | undefined;
      if (options.account && !options.guest) {
        accountToken = accounts.get(options.account);
        if (!accountToken) {
          const account = await api("POST", "/api/v1/accounts", { userId: options.account });
          accountToken = account.body?.accountToken as string | undefined;
          if (accountToken) accounts.set(options.account, accountToken);
        }
      }
      const tokens = await logIn(identity, accountToken);
      const client = new DeviceClient({ url: server.url, accessToken: tokens.access_token });
      const device = new ReferenceDevice(client, options);
      await device.connect();
      devices.push(device);
      return device;
    },
    async close() {
      for (const device of devices) device.client.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** "Namespace.Name" of each directive. */
export const names = (directives: { header: { namespace: string; name: string } }[]) =>
  directives.map((d) => `${d.header.namespace}.${d.header.name}`);

/** Waits (at most 3 s) until pushed directives have made `check` true. */
/**
 * Waits for a state the server brings about on its own (a push, a cleared indicator): 3 s of
 * this process's own time (the server runs in it; time spent waiting for a CPU on a loaded
 * machine is not the server's), and never more than a minute of wall time.
 */
export async function until(check: () => boolean, what = "the pushed directives"): Promise<void> {
  const clock = stopwatch();
  while (!check()) {
    if (clock.ownMs() > 3000 || clock.elapsedMs() > 60_000)
      throw new Error(
        `timed out waiting for ${what} (${clock.elapsedMs()} ms, ${clock.waitedMs()} ms of them waiting for a CPU)`,
      );
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
