// Three Clover nodes behind HAProxy (deploy/haproxy.cfg as is) on PostgreSQL and Redis, all
// real processes on loopback: pushes made by any node reach the node holding the device's
// downchannel; a node killed with kill -9 mid-conversation loses nothing (the device reconnects
// through HAProxy and the conversation goes on with its sessionAttributes, and any node's turn
// log shows the turn with the node that answered it); a node stopped with
// SIGTERM drains; Redis restarted under load gives clear errors, then everything recovers.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { logIn } from "@clover/device";
import {
  HOME_EXAMPLE_ID,
  type HomeExampleServer,
  signInOnVendorPage,
  startHomeExample,
} from "@clover/example-home";
import { deviceKeyOf } from "../../src/cic/device-key.js";
import {
  type Cluster,
  type ClusterNode,
  clusterAvailable,
  startCluster,
} from "../helpers/cluster.js";
import { ReconnectingDevice } from "../helpers/cluster-device.js";
import { answer, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { managementApi } from "../helpers/management-api.js";
import { bakeryModel } from "../helpers/models.js";

const text = (response: {
  directives: { header: { name: string }; payload: Record<string, unknown> }[];
}) =>
  response.directives
    .filter((d) => d.header.name === "RenderText")
    .map((d) => String(d.payload["text"]))
    .join(" ");

describe("a cluster of three nodes behind HAProxy", {
  skip: !clusterAvailable && "PostgreSQL, redis-server or HAProxy is not installed",
  // Under 2 minutes on a quiet machine; the nodes' start (model compiles) may take 3 at a load
  // average of 25.
  timeout: 480_000,
}, () => {
  let cluster: Cluster;
  let ext: TestExtension;
  let device: ReconnectingDevice;
  let deviceKey: string;
  let userId: string;
  /** Logs in another device of the test's user (its own bearer token). */
  let anotherDevice: (deviceId: string) => Promise<{ opened: ReconnectingDevice; key: string }>;
  let home: HomeExampleServer | undefined;
  /** Nodes started again after a test stopped them. */
  const restarting: Promise<void>[] = [];
  const api = (base: string, method: string, path: string, body?: unknown) =>
    managementApi(base, cluster.adminToken)(method, path, body);

  before(async () => {
    cluster = await startCluster({
      env: { CLOVER_SESSION_TIMEOUT_MS: "4000", CLOVER_SESSION_GRACE_MS: "0" },
    });
    // An extension that counts orders in its sessionAttributes, and reprompts.
    ext = await startExtension((request) => {
      const type = request.request.type;
      if (type === "LaunchRequest")
        return {
          body: answer("Hi.", { end: false, attributes: { orders: 0 }, reprompt: "Still there?" }),
        };
      if (type === "IntentRequest") {
        const orders = Number(request.session.sessionAttributes.orders ?? 0) + 1;
        return {
          body: answer(`Order ${orders} noted.`, {
            end: false,
            attributes: { orders },
            reprompt: "More?",
          }),
        };
      }
      return { body: answer("Bye.") };
    });
    const created = await api(cluster.url, "POST", "/api/v1/extensions", {
      id: "com.example.bakery",
      displayName: "Bakery",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en") },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const client = await api(cluster.url, "POST", "/api/v1/device-clients", { name: "speaker" });
    const account = await api(cluster.url, "POST", "/api/v1/accounts", {});
    userId = String(account.body["userId"]);
    const identity = {
      url: cluster.url,
      clientId: String(client.body["clientId"]),
      clientSecret: String(client.body["clientSecret"]),
      deviceId: "kitchen-1",
      modelId: "KS-1",
    };
    const tokens = await logIn(identity, String(account.body["accountToken"]));
    anotherDevice = async (deviceId) => {
      const own = await logIn({ ...identity, deviceId }, String(account.body["accountToken"]));
      const opened = new ReconnectingDevice(cluster.url, own.access_token);
      await opened.open();
      return { opened, key: deviceKeyOf({ clientId: identity.clientId, deviceId, userId }) };
    };
    deviceKey = deviceKeyOf({ clientId: identity.clientId, deviceId: identity.deviceId, userId });
    device = new ReconnectingDevice(cluster.url, tokens.access_token);
    await device.open();
    // Every node has the extension and its model in memory (registry refresh from PostgreSQL;
    // the record alone may arrive one refresh before its model).
    const seen = "/api/v1/extensions/com.example.bakery/models/en";
    for (const node of cluster.nodes) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const got = await api(node.url, "GET", seen);
        if (got.status === 200) break;
        const why = `${got.status} ${JSON.stringify(got.body)}; ${node.log.slice(-8).join("\n")}`;
        assert.ok(Date.now() < deadline, `${node.id} has the extension's model: ${why}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  });
  after(async () => {
    await Promise.allSettled(restarting);
    device?.close();
    await home?.close();
    await ext?.close();
    await cluster?.stop();
  });

  const holder = async (): Promise<ClusterNode> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = await cluster.holderOf(deviceKey);
      if (found) return found;
      assert.ok(Date.now() < deadline, "the directory names the downchannel's node");
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it("delivers an alert, a user-wide push and a notification made by another node, and a reprompt from whichever node swept", async () => {
    const held = await holder();
    const other = cluster.nodes.find((n) => n !== held && n.process?.exitCode === null)!;
    const scheduledTime = new Date(Date.now() + 3_600_000).toISOString();
    let from = device.directives.length;
    const alert = await api(other.url, "POST", `/api/v1/users/${userId}/alerts`, {
      deviceId: "kitchen-1",
      type: "ALARM",
      scheduledTime,
    });
    assert.equal(alert.status, 201, JSON.stringify(alert.body));
    assert.equal(alert.body["delivered"], 1, `${other.id} reached the device held by ${held.id}`);
    await device.waitFor((d) => d.header.name === "SetAlert", from);
    from = device.directives.length;
    const everywhere = await api(other.url, "POST", `/api/v1/users/${userId}/alerts`, {
      type: "REMINDER",
      scheduledTime,
      label: "water the plants",
    });
    assert.equal(everywhere.status, 201, JSON.stringify(everywhere.body));
    assert.equal(everywhere.body["delivered"], 1, "every device of the user (one here)");
    await device.waitFor((d) => d.header.name === "SetAlert", from);
    // A notification made on that other node (stored in PostgreSQL, pushed through Redis).
    from = device.directives.length;
    const notified = await api(other.url, "POST", `/api/v1/users/${userId}/notifications`, {
      text: "Your order is ready.",
    });
    assert.equal(notified.status, 201, JSON.stringify(notified.body));
    assert.equal(notified.body["delivered"], 1, `${other.id} notified the device on ${held.id}`);
    await device.waitFor((d) => d.header.namespace === "Notifier", from);

    // The listening window closes: one node sweeps, the reprompt reaches the device once,
    // then the session ends with exactly one SessionEndedRequest.
    from = device.directives.length;
    const launched = await device.client.sendText("open bakery bot");
    assert.match(text(launched), /Hi\./);
    await device.waitFor((d) => JSON.stringify(d.payload).includes("Still there?"), from, 20_000);
    const ended = await ext.waitForRequest(
      (b) => b.request.type === "SessionEndedRequest",
      0,
      20_000,
    );
    await new Promise((r) => setTimeout(r, 1500));
    const reprompts = device.directives
      .slice(from)
      .filter((d) => JSON.stringify(d.payload).includes("Still there?"));
    assert.equal(reprompts.length, 1, "one reprompt, not one per node");
    const endings = ext.received.filter(
      (r) =>
        r.body.request.type === "SessionEndedRequest" &&
        r.body.session.sessionId === ended.body.session.sessionId,
    );
    assert.equal(endings.length, 1, "the session ended once across three sweeping nodes");
  });

  it("sends a Home extension's notifications through HAProxy to one node, which reaches the user's devices on the other nodes and counts the appliance's limit for the cluster", async () => {
    const publicKey = await (
      await fetch(`${cluster.url}/.well-known/signature-public-key.pem`)
    ).text();
    home = await startHomeExample({ publicKey });
    const registered = await api(cluster.url, "POST", "/api/v1/extensions", {
      id: HOME_EXAMPLE_ID,
      type: "home",
      displayName: "Clover Home",
      endpointUrl: home.endpointUrl,
      accountLinking: home.accountLinking,
    });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
    const saved = await api(cluster.url, "PATCH", `/api/v1/extensions/${HOME_EXAMPLE_ID}`, {
      home: { messages: [{ id: "msg-gas-leak", text: { en: "Gas leak detected." } }] },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const issued = await api(
      cluster.url,
      "POST",
      `/api/v1/extensions/${HOME_EXAMPLE_ID}/notification-key`,
    );
    assert.equal(issued.status, 201, JSON.stringify(issued.body));
    // The user links the vendor's account (a real form POST on the vendor's page); the
    // authorization and the redirect back reach whichever nodes HAProxy picks.
    const started = await api(
      cluster.url,
      "POST",
      `/api/v1/extensions/${HOME_EXAMPLE_ID}/account-linking/authorize`,
      { userId },
    );
    assert.equal(started.status, 200, JSON.stringify(started.body));
    const back = await signInOnVendorPage(String(started.body["authorizationUrl"]));
    const linked = await fetch(`${cluster.url}${back.pathname}${back.search}`);
    assert.equal(linked.status, 200, await linked.text());

    // Devices of the user until their downchannels are on at least two nodes: whichever node
    // takes the extension's calls, one device at least is held by another node.
    const devices = [device];
    const extra: ReconnectingDevice[] = [];
    const holders = new Set<string>([(await holder()).id]);
    try {
      for (let i = 0; holders.size < 2; i++) {
        assert.ok(i < 12, "twelve devices' tokens all hashed to one node");
        const { opened: more, key } = await anotherDevice(`hall-${i}`);
        extra.push(more);
        devices.push(more);
        const deadline = Date.now() + 10_000;
        for (;;) {
          const found = await cluster.holderOf(key);
          if (found) {
            holders.add(found.id);
            break;
          }
          assert.ok(Date.now() < deadline, "the directory names the new downchannel's node");
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const notify = () =>
        fetch(`${cluster.url}/clovahome/clova-platform/sendNotification`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-clova-extension-id": HOME_EXAMPLE_ID,
            "x-clova-extension-secret": String(issued.body["notificationApiKey"]),
          },
          body: JSON.stringify({ applianceId: "gas-valve", messageId: "msg-gas-leak" }),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as Record<string, unknown>,
        }));
      const from = devices.map((d) => d.directives.length);
      const first = await notify();
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body["success"], true, JSON.stringify(first.body));
      for (const [i, each] of devices.entries())
        await each.waitFor(
          (d) => d.header.name === "RenderText" && String(d.payload["text"]).includes("Gas leak"),
          from[i],
          20_000,
        );
      // §11.1: 10 messages per appliance per hour. HAProxy sends every call of the extension to
      // one node (hash of X-Clova-Extension-Id), so that node counts all of them: the eleventh
      // is refused. Spread over three nodes, each would have counted three or four.
      for (let n = 2; n <= 10; n++) {
        const more = await notify();
        assert.equal(more.body["success"], true, `call ${n}: ${JSON.stringify(more.body)}`);
      }
      const eleventh = await notify();
      assert.equal(eleventh.body["success"], false, JSON.stringify(eleventh.body));
      assert.equal(eleventh.body["errorCode"], 4207, JSON.stringify(eleventh.body));
    } finally {
      for (const more of extra) more.close();
    }
  });

  it("continues a conversation on another node after kill -9 of the device's node", async () => {
    const launched = await device.client.sendText("open bakery bot");
    assert.match(text(launched), /Hi\./);
    const first = await device.client.sendText("order two croissants");
    assert.match(text(first), /Order 1 noted/);
    const sessionId = ext.received.at(-1)!.body.session.sessionId;
    const victim = await holder();
    const opened = device.opened;
    cluster.killNode(victim);
    // The device sees its downchannel end and reconnects through HAProxy to a live node.
    const deadline = Date.now() + 20_000;
    while (device.opened === opened) {
      assert.ok(Date.now() < deadline, "the device reconnected");
      await new Promise((r) => setTimeout(r, 50));
    }
    const survivor = await holder();
    assert.notEqual(survivor.id, victim.id);
    const second = await device.client.sendText("order a baguette");
    assert.equal(second.status, 200);
    assert.match(text(second), /Order 2 noted/, "sessionAttributes came along");
    const request = ext.received.at(-1)!.body;
    assert.equal(request.session.sessionId, sessionId, "the same session");
    assert.equal(request.session.new, false);
    // Writes acknowledged before the kill are all there.
    const listed = await api(cluster.url, "GET", `/api/v1/users/${userId}/alerts`);
    assert.equal((listed.body["alerts"] as unknown[]).length, 2);
    // Logs follow a turn by dialogRequestId and node id.
    const dialogRequestId = "dialog-followed-across-nodes";
    await device.client.sendText("order a croissant", { dialogRequestId });
    const loggedLine = () =>
      survivor.log
        .map((line) => {
          try {
            return JSON.parse(line) as Record<string, unknown>;
          } catch {
            return {};
          }
        })
        .find((entry) => entry["dialogRequestId"] === dialogRequestId);
    // The node writes its log asynchronously: the line may come a little after the answer.
    const logDeadline = Date.now() + 15_000;
    while (!loggedLine() && Date.now() < logDeadline) await new Promise((r) => setTimeout(r, 50));
    // The killed node comes back in the background (two live nodes suffice until the last test).
    restarting.push(cluster.startNode(victim));
    assert.equal(loggedLine()?.["node"], survivor.id);
    // The shared turn log, read through any other node, names the same dialog and node.
    const reader = cluster.nodes.find((n) => n !== survivor && n !== victim)!;
    // The turn log is written after the answer, in a batch (docs/scale-out.md): wait for it.
    const read = () =>
      api(reader.url, "GET", `/api/v1/conversations?dialogRequestId=${dialogRequestId}`);
    let logged = await read();
    const turnDeadline = Date.now() + 15_000;
    while (
      logged.status === 200 &&
      (logged.body["turns"] as unknown[]).length === 0 &&
      Date.now() < turnDeadline
    ) {
      await new Promise((r) => setTimeout(r, 50));
      logged = await read();
    }
    assert.equal(logged.status, 200, JSON.stringify(logged.body));
    const turns = logged.body["turns"] as { node?: string; input: string }[];
    assert.equal(turns.length, 1, `${reader.id} reads the turn ${survivor.id} answered`);
    assert.equal(turns[0]!.node, survivor.id);
    assert.equal(turns[0]!.input, "order a croissant");
  });

  it("drains a node on SIGTERM: it exits 0 and its devices go on elsewhere", async () => {
    const draining = await holder();
    const opened = device.opened;
    assert.equal(await cluster.stopNode(draining), 0);
    const deadline = Date.now() + 20_000;
    while (device.opened === opened) {
      assert.ok(Date.now() < deadline, "the device reconnected");
      await new Promise((r) => setTimeout(r, 50));
    }
    const answered = await device.client.sendText("ask bakery bot when are you open");
    assert.equal(answered.status, 200);
    restarting.push(cluster.startNode(draining));
  });

  it("answers with clear errors while Redis restarts under load, and recovers without a restart", async () => {
    // Every node is back: the load reaches all three while Redis goes away.
    await Promise.all(restarting.splice(0));
    const statuses = new Map<number, number>();
    const bodies: string[] = [];
    let stop = false;
    const load = (async () => {
      while (!stop) {
        try {
          const response = await device.client.sendText("ask bakery bot when are you open");
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          // A 503 is the node's CIC exception naming Redis, or (when health checks have marked
          // every node down) HAProxy's own answer, which carries no directive.
          if (response.status === 503 && response.directives.length > 0)
            bodies.push(JSON.stringify(response.directives[0]?.payload));
          await new Promise((r) => setTimeout(r, 10));
        } catch {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
          await device.whenConnected().catch(() => {});
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    await cluster.redis.kill();
    await new Promise((r) => setTimeout(r, 1000));
    await cluster.redis.start();
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await load;
    // 503 while Redis is away; a 412 (no downchannel) is possible only in the instant Redis is
    // back and empty, before the holding node has re-registered the device.
    for (const status of statuses.keys())
      assert.ok(
        [200, 503, 412].includes(status),
        `only answers, 503, 412: ${[...statuses].join(" ")}`,
      );
    assert.ok((statuses.get(412) ?? 0) <= 5, `412 only in passing: ${[...statuses].join(" ")}`);
    assert.ok((statuses.get(200) ?? 0) > 0);
    for (const body of bodies) assert.match(body, /Redis/, "the error names what is missing");
    // Recovered: every node ready and turns answered, without restarting anything.
    const deadline = Date.now() + 15_000;
    for (const node of cluster.nodes)
      while ((await fetch(`${node.url}/readyz`)).status !== 200)
        assert.ok(Date.now() < deadline, `${node.id} ready again`);
    // HAProxy puts a node back after two passing checks (deploy/haproxy.cfg): until then it
    // answers 503 itself.
    let after = await device.client.sendText("ask bakery bot when are you open");
    while (after.status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      after = await device.client.sendText("ask bakery bot when are you open");
    }
    assert.equal(after.status, 200);
    assert.match(text(after), /Order \d+ noted/);
  });
});
