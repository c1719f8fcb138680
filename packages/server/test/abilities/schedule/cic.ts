// A real CIC server with the schedule ability and a reference device logged in, for the
// schedule's end-to-end tests.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CicDirectiveMessage, DeviceClient, type EventResponse, logIn } from "@clover/device";
import type { Clock } from "../../../src/abilities/index.js";
import { hashSecret } from "../../../src/cic/auth/secrets.js";
import { type CloverServer, startClover } from "../../../src/main.js";
import { testCloverConfig } from "../../helpers/clover.js";
import { SPEAKER_CONTEXT } from "../../helpers/devices.js";
import { managementFetch } from "../../helpers/management-api.js";

export const ADMIN = "test-admin-token";

export class MovableClock implements Clock {
  at: number;
  constructor(at: number) {
    this.at = at;
  }
  now(): number {
    return this.at;
  }
}

export interface CicSchedule {
  server: CloverServer;
  clock: MovableClock;
  /** A logged-in device with its downchannel open (pushed directives go to `onPushed`). */
  device(
    deviceId: string,
    onPushed?: (directive: CicDirectiveMessage) => void,
  ): Promise<DeviceClient>;
  /** The account a device of this client logs in with (one per device id). */
  userOf(deviceId: string): string;
  admin(method: string, path: string, body?: string, type?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startCicSchedule(
  start: number,
  env: Record<string, string> = {},
): Promise<CicSchedule> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-schedule-"));
  const clock = new MovableClock(start);
  const config = testCloverConfig(dataDir, ADMIN, {
    CLOVER_EXTENSION_NETWORKS: "loopback",
    CLOVER_EXAMPLES: "off",
    ...env,
  });
  const server = await startClover({ config, clock });
  const admin = (method: string, path: string, body?: string, type = "application/json") =>
    managementFetch(server.url, ADMIN)(
      method,
      path,
      body,
      body === undefined ? {} : { "content-type": type },
    );
  const created = await admin(
    "POST",
    "/api/v1/device-clients",
    JSON.stringify({ name: "speaker" }),
  );
  assert.equal(created.status, 201);
  const { clientId, clientSecret } = (await created.json()) as {
    clientId: string;
    clientSecret: string;
  };
  const devices: DeviceClient[] = [];
  const accounts = new Map<string, string>();
  const userOf = (deviceId: string) => `G${hashSecret(`${clientId}:${deviceId}`).slice(0, 32)}`;
  return {
    server,
    clock,
    admin,
    userOf,
    async device(deviceId, onPushed) {
      // Calendars and memos need an account (a guest device is asked to log in, cic.md §3.8):
      // each device id gets its own account, named as its guest user used to be.
      let accountToken = accounts.get(deviceId);
      if (!accountToken) {
        const made = await admin(
          "POST",
          "/api/v1/accounts",
          JSON.stringify({ userId: userOf(deviceId) }),
        );
        assert.ok(made.status === 201 || made.status === 200, `account: ${made.status}`);
        accountToken = String(((await made.json()) as { accountToken: string }).accountToken);
        accounts.set(deviceId, accountToken);
      }
      const tokens = await logIn(
        { url: server.url, clientId, clientSecret, deviceId, modelId: "S-1" },
        accountToken,
      );
      // A speaker without a screen (the schedule's answers are read out, no cards).
      const device = new DeviceClient({
        url: server.url,
        accessToken: tokens.access_token,
        context: SPEAKER_CONTEXT,
      });
      await device.openDownchannel(onPushed);
      devices.push(device);
      return device;
    },
    async close() {
      for (const device of devices) device.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** What the platform said in a turn (the RenderText/Speak text). */
export function spoken(response: EventResponse): string {
  const render = response.directives.find((d) => d.header.name === "RenderText");
  return String(render?.payload["text"] ?? "");
}

export function names(response: EventResponse): string[] {
  return response.directives.map((d) => `${d.header.namespace}.${d.header.name}`);
}
