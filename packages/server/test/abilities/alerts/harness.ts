// A real Clover (CIC over HTTP/2, SQLite in a temp dir) with a clock the test moves, and
// reference devices that keep and ring alerts (@clover/device DeviceAlerts).
import { rmSync } from "node:fs";
import { type CicDirectiveMessage, DeviceAlerts, DeviceClient, logIn } from "@clover/device";
import type { TextToSpeech } from "../../../src/cic/speech-engines.js";
import { type CloverServer, startClover } from "../../../src/main.js";
import { testCloverConfig } from "../../helpers/clover.js";
import { managementApi } from "../../helpers/management-api.js";
import { tempDir } from "../../helpers/platform.js";

export const ADMIN = "test-admin-token";

// biome-ignore lint/suspicious/noExplicitAny: JSON answers of the management API, read by tests
export type Json = any;

export class TestClock {
  constructor(public value: number) {}
  now = (): number => this.value;
  advance(ms: number): void {
    this.value += ms;
  }
}

export interface TestDevice {
  client: DeviceClient;
  alerts: DeviceAlerts;
  /** Directives pushed on the downchannel. */
  pushed: CicDirectiveMessage[];
  /** What the server said to this device (RenderText of every answer, in order). */
  said: string[];
  close(): void;
}

export interface AlertsHarness {
  server: CloverServer;
  clock: TestClock;
  dataDir: string;
  /** The account every test device logs in with. */
  userId: string;
  device(deviceId: string, options?: { refuseTypes?: string[] }): Promise<TestDevice>;
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }>;
  /** Stops the server, keeping the data dir (a restart reopens it). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function renderedText(directives: readonly CicDirectiveMessage[]): string {
  return directives
    .filter((d) => d.header.name === "RenderText")
    .map((d) => String(d.payload["text"]))
    .join(" ");
}

export function names(directives: readonly CicDirectiveMessage[]): string[] {
  return directives.map((d) => `${d.header.namespace}.${d.header.name}`);
}

/** Waits until the condition holds (downchannel pushes arrive asynchronously). */
export async function until(check: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startAlertsHarness(
  start = Date.parse("2026-03-07T10:00:00Z"),
  options: { tts?: TextToSpeech } = {},
): Promise<AlertsHarness> {
  const dataDir = tempDir("clover-alerts-");
  const clock = new TestClock(start);
  const config = testCloverConfig(dataDir, ADMIN, {
    CLOVER_EXTENSION_NETWORKS: "loopback",
    CLOVER_EXAMPLES: "off",
  });
  const run = async () => {
    const started = await startClover({
      config,
      clock: { now: clock.now },
      ...(options.tts ? { tts: options.tts } : {}),
    });
    // Asset URLs (a reminder's speech) name the address the devices reach.
    config.publicUrl = started.url;
    return started;
  };
  let server = await run();
  const devices: TestDevice[] = [];
  let client: { clientId: string; clientSecret: string } | undefined;
  let account: { userId: string; accountToken: string } | undefined;
  // The server of the moment (a restart replaces it).
  const api = (method: string, path: string, body?: unknown) =>
    managementApi(server.url, ADMIN)(method, path, body);
  const harness: AlertsHarness = {
    get server() {
      return server;
    },
    clock,
    dataDir,
    api,
    get userId() {
      return account?.userId ?? "";
    },
    async device(deviceId, options = {}) {
      if (!client) {
        const created = await api("POST", "/api/v1/device-clients", {
          name: "alerts test speaker",
        });
        client = created.body as { clientId: string; clientSecret: string };
        account = (await api("POST", "/api/v1/accounts", {})).body as typeof account;
      }
      const tokens = await logIn(
        { url: server.url, ...client, deviceId, modelId: "AL-1" },
        account!.accountToken,
      );
      const deviceClient = new DeviceClient({ url: server.url, accessToken: tokens.access_token });
      const pushed: CicDirectiveMessage[] = [];
      const said: string[] = [];
      const alerts = new DeviceAlerts(deviceClient, {
        now: clock.now,
        ...(options.refuseTypes ? { refuseTypes: options.refuseTypes } : {}),
        onResponse: (_event, response) => {
          const text = renderedText(response.directives);
          if (text) said.push(text);
        },
      });
      await deviceClient.openDownchannel((directive) => {
        pushed.push(directive);
        void alerts.handle([directive]).catch(() => {});
      });
      const device = {
        client: deviceClient,
        alerts,
        pushed,
        said,
        close: () => deviceClient.close(),
      };
      devices.push(device);
      return device;
    },
    async stop() {
      for (const device of devices.splice(0)) device.close();
      await server.close();
    },
    async restart() {
      server = await run();
    },
    async close() {
      for (const device of devices.splice(0)) device.close();
      await server.close().catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
