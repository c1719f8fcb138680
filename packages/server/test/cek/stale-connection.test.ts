// A keep-alive connection the extension closes just as the next request arrives: the dispatcher
// sends that request once more on a new connection, and only then. The extension is a real
// HTTP server behind a TCP relay that plays the extension's idle close at the worst moment:
// it closes (FIN) or resets (RST) a connection that has carried an answer on the first bytes of
// the next request, which the extension never sees.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import net, { type AddressInfo } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import { CekDispatcher, type DispatchResult } from "../../src/cek/dispatcher.js";
import { OutboundGuard } from "../../src/cek/outbound-policy.js";
import type { BodySigner } from "../../src/cek/signer.js";
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { device, register, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

const signer: BodySigner = { sign: async (body) => `signed-${body.length}`, close: async () => {} };

/** How the relay treats the first bytes of a request. */
type Cut = "none" | "fin-when-reused" | "rst-when-reused" | "fin-when-new";

/**
 * A TCP relay in front of an HTTP server. `cut` says what it does with the first bytes of a
 * request (on a new connection, or after an answer came back on a used one): pass them on, or
 * close the connection from the client's side at once — FIN, or RST — without the server
 * ever seeing them. `cuts` counts those.
 */
interface Relay {
  url: string;
  cut: Cut;
  cuts: number;
  close(): void;
}

async function startRelay(upstreamPort: number): Promise<Relay> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, "127.0.0.1");
    sockets.add(client);
    sockets.add(upstream);
    let answered = 0;
    let requests = 0;
    upstream.on("data", (chunk: Buffer) => {
      answered += chunk.length;
      client.write(chunk);
    });
    client.on("data", (chunk: Buffer) => {
      const starts = requests === 0 || answered > 0;
      if (starts) requests++;
      const reused = requests > 1;
      const cut = relay.cut;
      const closeNow =
        starts &&
        ((cut === "fin-when-reused" && reused) ||
          (cut === "rst-when-reused" && reused) ||
          (cut === "fin-when-new" && !reused));
      if (closeNow) {
        relay.cuts++;
        upstream.destroy();
        if (cut === "rst-when-reused") client.resetAndDestroy();
        else client.destroy();
        return;
      }
      if (starts) answered = 0;
      upstream.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", () => {});
    upstream.on("error", () => {});
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const relay: Relay = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cut: "none",
    cuts: 0,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
  return relay;
}

describe("CEK dispatcher: a keep-alive connection closed under a request", () => {
  let extension: Server;
  let relay: Relay;
  let url: string;
  /** Complete requests the extension read (body as long as declared), by path. */
  const complete: string[] = [];
  /** Connections the extension accepted. */
  let extensionConnections = 0;
  const held: ServerResponse[] = [];

  const routes: Record<string, (res: ServerResponse) => void> = {
    "/ok": (res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ version: "1.0", answer: "fine" }));
    },
    "/broken": (res) => {
      // The answer starts, then the connection is cut: the extension may have acted.
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"version":"1.0",');
      setImmediate(() => res.socket?.destroy());
    },
    "/hold": (res) => {
      held.push(res);
    },
    "/hint-2": (res) => {
      res.writeHead(200, { "content-type": "application/json", "keep-alive": "timeout=2" });
      res.end("{}");
    },
    "/hint-5": (res) => {
      res.writeHead(200, { "content-type": "application/json", "keep-alive": "timeout=5" });
      res.end("{}");
    },
  };

  before(async () => {
    extension = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const declared = Number(req.headers["content-length"]);
        if (Buffer.concat(chunks).length === declared) complete.push(req.url ?? "/");
        (routes[req.url ?? "/"] ?? routes["/ok"]!)(res);
      });
    });
    // The extension itself keeps idle connections long: the relay plays its idle close.
    extension.keepAliveTimeout = 60_000;
    extension.on("connection", () => extensionConnections++);
    extension.listen(0, "127.0.0.1");
    await once(extension, "listening");
    const upstreamPort = (extension.address() as AddressInfo).port;

    relay = await startRelay(upstreamPort);
    url = relay.url;
  });

  after(async () => {
    for (const res of held) res.destroy();
    relay.close();
    extension.closeAllConnections();
    extension.close();
  });

  let dispatcher: CekDispatcher | undefined;
  const open = async (timeoutMs: number): Promise<void> => {
    await dispatcher?.close();
    dispatcher = new CekDispatcher(signer, {
      timeoutMs,
      connectTimeoutMs: timeoutMs,
      maxResponseBytes: 4096,
      connectionsPerOrigin: 1,
      breakerFailures: 1000,
      breakerCooldownMs: 1000,
      guard: new OutboundGuard({ networks: "loopback" }),
    });
  };
  beforeEach(async () => {
    // A deadline no answer here comes near, even on a loaded machine.
    await open(30_000);
    relay.cut = "none";
    relay.cuts = 0;
    complete.length = 0;
    extensionConnections = 0;
  });
  after(() => dispatcher?.close());

  const send = (path: string): Promise<DispatchResult> =>
    dispatcher!.send({ extensionId: "com.example.stale", endpointUrl: `${url}${path}` }, { path });

  for (const mode of ["fin-when-reused", "rst-when-reused"] as const) {
    it(`sends a request again when its idle connection is ${mode === "fin-when-reused" ? "closed" : "reset"} as it arrives`, async () => {
      const first = await send("/ok");
      assert.ok(first.ok, JSON.stringify(first));
      relay.cut = mode;
      const second = await send("/ok?turn=2");
      assert.ok(second.ok, JSON.stringify(second));
      assert.deepEqual(second.body, { version: "1.0", answer: "fine" });
      assert.equal(relay.cuts, 1, "the relay cut the request on the reused connection");
      // The extension read each turn's request exactly once, complete.
      assert.deepEqual(complete, ["/ok", "/ok?turn=2"]);
      assert.equal(extensionConnections, 2);
    });
  }

  it("does not send a request again once its answer has started", async () => {
    assert.ok((await send("/ok")).ok);
    const broken = await send("/broken");
    assert.equal(!broken.ok && broken.failure, "unreachable", JSON.stringify(broken));
    assert.deepEqual(complete, ["/ok", "/broken"]);
    assert.equal(extensionConnections, 1);
  });

  it("does not send a request again when a new connection is closed under it", async () => {
    relay.cut = "fin-when-new";
    const result = await send("/ok");
    assert.equal(!result.ok && result.failure, "unreachable", JSON.stringify(result));
    assert.equal(relay.cuts, 1);
    assert.deepEqual(complete, []);
  });

  it("does not send a timed-out request again", async () => {
    await open(300);
    assert.ok((await send("/ok")).ok);
    const held = await send("/hold");
    assert.equal(!held.ok && held.failure, "timeout", JSON.stringify(held));
    assert.deepEqual(complete, ["/ok", "/hold"]);
    assert.equal(extensionConnections, 1);
  });

  it("keeps a connection only as long as the extension's Keep-Alive hint, less a margin", async () => {
    // timeout=2: nothing is left after the margin, so each call opens its own connection.
    assert.ok((await send("/hint-2")).ok);
    assert.ok((await send("/hint-2")).ok);
    assert.equal(extensionConnections, 2);
    // timeout=5: kept (5 s less the 2 s margin), the next call reuses it.
    assert.ok((await send("/hint-5")).ok);
    assert.ok((await send("/hint-5")).ok);
    assert.equal(extensionConnections, 3);
  });
});

describe("a turn whose extension closed its idle connection as the request arrived", () => {
  let platform: TestPlatform;
  let ext: TestExtension;
  let relay: Relay;

  before(async () => {
    // One connection to the extension: the turn after the first one goes on it, reused.
    platform = await startPlatform({
      session: { timeoutMs: 600_000 },
      cek: { connectionsPerOrigin: 1 },
    });
    ext = await startExtension((request: Json) =>
      request.request.type === "LaunchRequest"
        ? { body: answer("Welcome to the bakery.", { end: false }) }
        : { body: answer("We open at eight.", { end: false }) },
    );
    relay = await startRelay(Number(new URL(ext.url).port));
    await register(platform, {
      id: "com.example.bakery",
      displayName: "Bakery",
      endpointUrl: `${relay.url}${new URL(ext.url).pathname}`,
      models: { en: bakeryModel("en") },
    });
  });
  after(async () => {
    relay.close();
    await platform.close();
    await ext.close();
  });

  for (const mode of ["fin-when-reused", "rst-when-reused"] as const)
    it(`is answered by the extension, which reads the request once (${mode === "fin-when-reused" ? "FIN" : "RST"})`, async () => {
      const user = device({ deviceId: `stale-${mode}` });
      relay.cut = "none";
      const opened = await platform.assistant.handleTurn(say("open bakery bot", user));
      assert.equal(opened.speech[0]?.value, "Welcome to the bakery.");
      const before = ext.received.length;
      relay.cut = mode;
      relay.cuts = 0;
      const result = await platform.assistant.handleTurn(say("when are you open", user));
      assert.equal(relay.cuts, 1, "the request met the closing connection");
      assert.equal(result.speech[0]?.value, "We open at eight.", JSON.stringify(result.exchange));
      const seen = ext.received.slice(before).map((r) => (r.body as Json).request.type);
      assert.deepEqual(seen, ["IntentRequest"]);
    });
});
