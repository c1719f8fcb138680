// The device side's memory shared by two nodes (Redis + PostgreSQL, real CIC): a phone on node
// B asks for the playback state of a speaker on node A (B knows the speaker, A answers whoever
// asked), and a speaker's play queue survives its node: it reconnects to node B and "next"
// plays the next item of the queue node A built. With the store in memory neither works.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { DeviceClient, logIn, ReferenceDevice } from "@clover/device";
import type { CloverServer } from "../../src/main.js";
import { registerAlbumBox } from "../device-side/album.js";
import { ADMIN, type DeviceSideWorld, until } from "../device-side/clover.js";
import type { TestExtension } from "../helpers/extension-server.js";
import { managementApi } from "../helpers/management-api.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { redisAvailable, startRedis, type TestRedis } from "../helpers/redis.js";
import { startSharedNodes } from "../helpers/shared-nodes.js";

describe("device-side memory shared across nodes", {
  skip: !(postgresAvailable && redisAvailable) && "PostgreSQL or redis-server is not installed",
  timeout: 60_000,
}, () => {
  let postgres: TestPostgres;
  let redis: TestRedis;
  const nodes: CloverServer[] = [];
  const dirs: string[] = [];
  const devices: ReferenceDevice[] = [];
  let album: TestExtension;
  let client: { clientId: string; clientSecret: string };
  const accounts = new Map<string, string>();

  const api = (node: CloverServer, method: string, path: string, body?: unknown) =>
    managementApi(node.url, ADMIN)(method, path, body);
  /** A device of `account` logged in and connected to `node`. */
  const deviceOn = async (
    node: CloverServer,
    deviceId: string,
    account: string,
    display?: string,
  ) => {
    let accountToken = accounts.get(account);
    if (!accountToken) {
      accountToken = (await api(node, "POST", "/api/v1/accounts", { userId: account })).body
        .accountToken as string;
      accounts.set(account, accountToken);
    }
    const identity = { url: node.url, ...client, deviceId, modelId: "REF-1" };
    const tokens = await logIn(identity, accountToken);
    const device = new ReferenceDevice(
      new DeviceClient({ url: node.url, accessToken: tokens.access_token }),
      display ? { display: display as "m100" } : {},
    );
    await device.connect();
    devices.push(device);
    return device;
  };

  before(async () => {
    [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
    await startSharedNodes(
      ["side-a", "side-b"],
      { postgres, redis, adminToken: ADMIN },
      { nodes, dirs },
    );
    const [a, b] = nodes as [CloverServer, CloverServer];
    album = await registerAlbumBox({
      server: a,
      api: (method: string, path: string, body?: unknown) => api(a, method, path, body),
    } as unknown as DeviceSideWorld);
    client = (await api(a, "POST", "/api/v1/device-clients", { name: "reference device" }))
      .body as { clientId: string; clientSecret: string };
    const deadline = Date.now() + 10_000;
    while ((await api(b, "GET", "/api/v1/extensions/com.example.albumbox")).status !== 200)
      assert.ok(Date.now() < deadline, "node B sees the extension");
  });
  after(async () => {
    for (const device of devices) device.client.close();
    for (const node of nodes) await node.close();
    await album?.close();
    await redis?.stop();
    await postgres?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("answers RequestPlaybackState across nodes", async () => {
    const [a, b] = nodes as [CloverServer, CloverServer];
    const speaker = await deviceOn(a, "x-speaker", "x-user");
    const app = await deviceOn(b, "x-app", "x-user", "m100");
    await speaker.say("ask album box to play the album");
    assert.equal(speaker.player.current?.stream["token"], "album:1");
    const synchronized: Record<string, unknown>[] = [];
    const original = app.receive.bind(app);
    app.receive = async (directives, channel) => {
      for (const d of directives)
        if (d.header.name === "SynchronizePlaybackState") synchronized.push(d.payload);
      return original(directives, channel);
    };
    const listed = await api(b, "GET", "/api/v1/users/x-user/devices");
    assert.deepEqual(
      (listed.body.devices as { deviceId: string }[]).map((d) => d.deviceId).sort(),
      ["x-app", "x-speaker"],
      "node B lists the speaker node A knows",
    );
    const asked = await app.send({
      namespace: "AudioPlayer",
      name: "RequestPlaybackState",
      payload: {},
    });
    assert.equal(asked.status, 204);
    await until(() => synchronized.length > 0, "SynchronizePlaybackState from the other node");
    assert.equal(synchronized[0]!["deviceId"], "x-speaker");
    assert.equal((synchronized[0]!["playbackState"] as { token: string }).token, "album:1");
  });

  it("keeps a device's play queue when it moves to another node", async () => {
    const [a, b] = nodes as [CloverServer, CloverServer];
    const first = await deviceOn(a, "q-speaker", "q-user");
    await first.say("ask album box to play the album");
    assert.equal(first.player.current?.stream["token"], "album:1");
    await first.say("pause");
    first.client.close();
    // The same device (same identity) now reaches node B.
    const moved = await deviceOn(b, "q-speaker", "q-user");
    moved.player.queue.push(...first.player.queue);
    const next = await moved.press("NextCommandIssued");
    const names = next.directives.map((d) => `${d.header.namespace}.${d.header.name}`);
    assert.ok(names.includes("PlaybackController.Next"), names.join());
    // Node B had never seen this device: the next item came from the queue node A built.
    assert.equal(moved.player.current?.stream["token"], "album:2");
  });
});
