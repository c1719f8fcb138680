// The CEK dispatcher against a real HTTP server: answers read within the size limit (declared
// or not), the deadline wherever the exchange is (waiting for a connection, for headers, in the
// body), a connection cut mid-body, and the pool still serving calls after each of those.
import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { CekDispatcher, type DispatchResult } from "../../src/cek/dispatcher.js";
import { OutboundGuard } from "../../src/cek/outbound-policy.js";
import type { BodySigner } from "../../src/cek/signer.js";

const LIMIT = 4096;
const TIMEOUT_MS = 700;

/** Signs with a marker the server checks: the dispatcher must send what the signer gave. */
const signer: BodySigner = {
  sign: async (body) => `signed-${body.length}`,
  close: async () => {},
};

describe("CEK dispatcher", () => {
  let server: Server;
  let url: string;
  let dispatcher: CekDispatcher;
  /** Responses held back by the "hold" route, released by the test. */
  const held: ServerResponse[] = [];
  const received: { path: string; signature: string | undefined; body: string }[] = [];

  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    "/ok": (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ version: "1.0", answer: "fine" }));
    },
    "/declared-huge": (_req, res) => {
      res.writeHead(200, { "content-length": String(LIMIT * 4) });
      res.write("x".repeat(LIMIT * 4));
      res.end();
    },
    "/chunked-huge": (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      // No content-length: the limit is found while the body streams in.
      for (let i = 0; i < 8; i++) res.write("y".repeat(LIMIT / 2));
      res.end();
    },
    "/status": (_req, res) => {
      res.writeHead(503);
      res.end("busy right now");
    },
    "/garbage": (_req, res) => {
      res.writeHead(200);
      res.end("<html>not json");
    },
    "/cut": (_req, res) => {
      res.writeHead(200, { "content-length": "1000" });
      res.write('{"partial":');
      setImmediate(() => res.socket?.destroy());
    },
    "/slow-body": (_req, res) => {
      res.writeHead(200, { "content-length": "100" });
      res.write('{"a":');
      held.push(res);
    },
    "/hold": (_req, res) => {
      held.push(res);
    },
  };

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = req.url ?? "/";
        const signature = req.headers["signaturecek"];
        received.push({
          path,
          signature: typeof signature === "string" ? signature : undefined,
          body: Buffer.concat(chunks).toString(),
        });
        (routes[path] ?? routes["/ok"]!)(req, res);
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dispatcher = new CekDispatcher(signer, {
      timeoutMs: TIMEOUT_MS,
      connectTimeoutMs: 1000,
      maxResponseBytes: LIMIT,
      connectionsPerOrigin: 1,
      breakerFailures: 1000,
      breakerCooldownMs: 1000,
      guard: new OutboundGuard({ networks: "loopback" }),
    });
  });
  after(async () => {
    for (const res of held) res.destroy();
    await dispatcher.close();
    server.closeAllConnections();
    server.close();
  });

  const send = (path: string): Promise<DispatchResult> =>
    dispatcher.send({ extensionId: "com.example.test", endpointUrl: `${url}${path}` }, { path });

  /** After any failure, the pool still answers the next call. */
  const stillServes = async () => {
    const next = await send("/ok");
    assert.equal(next.ok, true, JSON.stringify(next));
  };

  it("posts the signed body and parses the JSON answer", async () => {
    const result = await send("/ok");
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.body, { version: "1.0", answer: "fine" });
    assert.equal(result.status, 200);
    const last = received.at(-1)!;
    assert.equal(last.body, JSON.stringify({ path: "/ok" }));
    assert.equal(last.signature, `signed-${Buffer.byteLength(last.body)}`);
  });

  it("refuses an answer declared larger than the limit", async () => {
    const result = await send("/declared-huge");
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.failure, "too-large");
    assert.match(!result.ok ? result.message : "", /of 16384 bytes exceeds the limit of 4096/);
    await stillServes();
  });

  it("refuses an answer that grows past the limit without declaring its length", async () => {
    const result = await send("/chunked-huge");
    assert.equal(!result.ok && result.failure, "too-large");
    assert.match(!result.ok ? result.message : "", /exceeds the limit of 4096 bytes/);
    await stillServes();
  });

  it("reports a non-2xx status with the start of its body, and a body that is not JSON", async () => {
    const status = await send("/status");
    assert.equal(!status.ok && status.failure, "http-status");
    assert.equal(!status.ok && status.status, 503);
    assert.match(!status.ok ? status.message : "", /HTTP 503: busy right now/);
    const garbage = await send("/garbage");
    assert.equal(!garbage.ok && garbage.failure, "invalid-json");
    assert.match(!garbage.ok ? garbage.message : "", /<html>not json/);
  });

  it("reports a connection cut in the middle of the answer as unreachable", async () => {
    const result = await send("/cut");
    assert.equal(!result.ok && result.failure, "unreachable", JSON.stringify(result));
    await stillServes();
  });

  it("ends at the deadline while waiting for headers, in the body, and for a connection", async () => {
    // One connection per origin: the second call waits for the first one's connection.
    const started = performance.now();
    const [headers, queued] = await Promise.all([send("/hold"), send("/ok")]);
    assert.equal(!headers.ok && headers.failure, "timeout", JSON.stringify(headers));
    assert.match(!headers.ok ? headers.message : "", /within 700 ms/);
    assert.equal(!queued.ok && queued.failure, "timeout", JSON.stringify(queued));
    // Both ended by their own deadline, not by a later event (the held answer never comes).
    assert.ok(performance.now() - started >= TIMEOUT_MS);
    const body = await send("/slow-body");
    assert.equal(!body.ok && body.failure, "timeout", JSON.stringify(body));
    await stillServes();
  });
});
