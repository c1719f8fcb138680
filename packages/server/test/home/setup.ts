// A real platform (CIC + management API) with the example home extension as a real server,
// linked through its own OAuth server, and a device talking over HTTP/2.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CicDirectiveMessage, DeviceClient, logIn } from "@clover/device";
import {
  HOME_EXAMPLE_ID,
  type HomeExampleServer,
  signInOnVendorPage,
  startHomeExample,
} from "@clover/example-home";
import type { Clock } from "../../src/abilities/index.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { ADMIN_TOKEN, type ApiCall, managementApi } from "../helpers/platform.js";

export interface HomeRig {
  server: CloverServer;
  home: HomeExampleServer;
  clock: { now(): number; advance(ms: number): void };
  api: ApiCall;
  /** A device of `userId` (account-bound) in a language; its downchannel directives collect in `pushed`. */
  device(userId: string): Promise<RigDevice>;
  /** Links the user's account through the example's real login page and OAuth server. */
  link(userId: string): Promise<void>;
  close(): Promise<void>;
}

export interface RigDevice {
  client: DeviceClient;
  pushed: CicDirectiveMessage[];
  /** Says something; resolves with the spoken text (RenderText) and every directive name. */
  say(text: string): Promise<{ text: string; names: string[] }>;
}

export async function startHomeRig(): Promise<HomeRig> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-home-"));
  let offset = 0;
  const clock: Clock & { advance(ms: number): void } = {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
  const config = testCloverConfig(dataDir, ADMIN_TOKEN, {
    CLOVER_EXTENSION_NETWORKS: "loopback",
    CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
    CLOVER_EXAMPLES: "off",
    // Tests talk faster than a person: the CIC rate limits are not under test here.
    CLOVER_RATE_DEVICE_PER_SECOND: "1000",
    CLOVER_RATE_DEVICE_BURST: "1000",
    CLOVER_RATE_CLIENT_PER_SECOND: "1000",
    CLOVER_RATE_CLIENT_BURST: "1000",
  });
  const server = await startClover({ config, clock });
  const home = await startHomeExample({ publicKey: server.platform.keys.active.publicKeyPem });
  const api = managementApi(server.url);
  const registered = await api("POST", "/api/v1/extensions", {
    id: HOME_EXAMPLE_ID,
    type: "home",
    displayName: "Clover Home",
    endpointUrl: home.endpointUrl,
    accountLinking: home.accountLinking,
  });
  assert.equal(registered.status, 201, JSON.stringify(registered.body));
  const clients = await api("POST", "/api/v1/device-clients", { name: "home test speaker" });
  const { clientId, clientSecret } = clients.body as { clientId: string; clientSecret: string };
  const devices: DeviceClient[] = [];
  let count = 0;
  return {
    server,
    home,
    clock,
    api,
    async device(userId) {
      const account = await api("POST", "/api/v1/accounts", { userId });
      const tokens = await logIn(
        {
          url: server.url,
          clientId,
          clientSecret,
          deviceId: `speaker-${++count}`,
          modelId: "HS-1",
        },
        (account.body as { accountToken: string }).accountToken,
      );
      const client = new DeviceClient({ url: server.url, accessToken: tokens.access_token });
      devices.push(client);
      const pushed: CicDirectiveMessage[] = [];
      await client.openDownchannel((d) => pushed.push(d));
      return {
        client,
        pushed,
        async say(text) {
          const response = await client.sendText(text);
          assert.equal(response.status, 200);
          const names = response.directives.map((d) => `${d.header.namespace}.${d.header.name}`);
          const render = response.directives.find((d) => d.header.name === "RenderText");
          return { text: String(render?.payload["text"] ?? ""), names };
        },
      };
    },
    async link(userId) {
      const started = await api(
        "POST",
        `/api/v1/extensions/${HOME_EXAMPLE_ID}/account-linking/authorize`,
        { userId },
      );
      assert.equal(started.status, 200, JSON.stringify(started.body));
      // The user signs in on the vendor's page (a real form POST), which redirects back.
      const back = await signInOnVendorPage(started.body.authorizationUrl as string);
      const done = await fetch(`${server.url}${back.pathname}${back.search}`);
      assert.equal(done.status, 200, await done.clone().text());
    },
    async close() {
      for (const device of devices) device.close();
      await home.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function applianceState(rig: HomeRig, id: string) {
  const found = rig.home.appliances.find((a) => a.info.applianceId === id);
  assert.ok(found, `no appliance ${id}`);
  return found.state;
}
