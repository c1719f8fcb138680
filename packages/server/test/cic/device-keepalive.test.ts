// The device library's side of cic.md §2.7 against a real platform whose idle rule is short:
// a device that PINGs keeps its connection and downchannel; one that does not loses them, and
// with `reconnect` builds a new connection and downchannel by itself and talks on.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DeviceClient, type DeviceClientOptions } from "@clover/device";
import { type CloverServer, startClover } from "../../src/main.js";
import { until } from "../conformance/raw.js";
import { testCloverConfig } from "../helpers/clover.js";
import { loginDevice, registerClient, SPEAKER_CONTEXT } from "../helpers/devices.js";

const ADMIN = "test-admin-token";
const IDLE_MS = 1500;

describe("the device library keeps its connection alive (cic.md §2.7)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-keepalive-"));
  let server: CloverServer;
  const clients: DeviceClient[] = [];

  async function device(deviceId: string, options: Partial<DeviceClientOptions> = {}) {
    const login = await loginDevice(server.url, await registerClient(server.url, ADMIN), deviceId);
    const client = new DeviceClient({
      url: server.url,
      accessToken: login.accessToken,
      context: SPEAKER_CONTEXT,
      ...options,
    });
    clients.push(client);
    await client.openDownchannel();
    return client;
  }

  /** Whether a turn is answered: false once the connection or the downchannel is gone. */
  const answers = (client: DeviceClient) =>
    client.sendText("what time is it").then(
      (r) => r.status === 200,
      () => false,
    );

  before(async () => {
    server = await startClover({
      config: testCloverConfig(dataDir, ADMIN, { CLOVER_CIC_IDLE_TIMEOUT_MS: String(IDLE_MS) }),
    });
  });

  after(async () => {
    for (const c of clients) c.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a device that PINGs keeps its downchannel past the idle timeout; a silent one loses it", async () => {
    const pinging = await device("keepalive-pinging", { pingIntervalMs: 300 });
    const silent = await device("keepalive-silent", { pingIntervalMs: 0 });
    const started = Date.now();
    // The server's idle rule closes the silent connection, and its downchannel with it…
    await until(() => !silent.connected, 20_000, "the silent device to be cut off");
    assert.ok(Date.now() - started >= IDLE_MS - 100, "not before the idle timeout");
    assert.equal(await answers(silent), false, "a new connection has no downchannel: 412");
    // …while the one that PINGs (and sent nothing else since) still has its downchannel.
    assert.equal(pinging.connected, true);
    assert.equal(await answers(pinging), true);
  });

  it("with reconnect, a device whose connection was closed opens a new one and its downchannel", async () => {
    const outcomes: (Error | undefined)[] = [];
    const client = await device("keepalive-reconnect", {
      pingIntervalMs: 0,
      reconnect: true,
      onReconnect: (error) => outcomes.push(error),
    });
    // No PINGs: the server closes the idle connection; the device rebuilds it at once.
    await until(() => outcomes.length > 0, 20_000, "a reconnect");
    assert.equal(outcomes[0], undefined, `rebuilt without error: ${outcomes[0]?.message}`);
    assert.equal(await answers(client), true, "a turn on the new connection is answered");
    // Closing on purpose is not a loss: nothing is rebuilt.
    const before = outcomes.length;
    client.close();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    assert.equal(outcomes.length, before);
  });
});
