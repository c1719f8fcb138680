// Limits before authentication (docs/security.md "Before authentication"): a client IP that
// opens too many connections without authenticating has the next ones closed at once; one
// whose requests keep failing authentication gets 429 (System.Exception on CIC paths, JSON
// elsewhere) with Retry-After until its bucket refills. The attacker connects from 127.0.0.2,
// a device from 127.0.0.1 keeps talking throughout. Run against a cleartext listener (h2c and
// HTTP/1.1) and a TLS one (HTTP/2 and HTTP/1.1 by ALPN, counted from the TCP accept).
import assert from "node:assert/strict";
import http from "node:http";
import http2 from "node:http2";
import https from "node:https";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import tls from "node:tls";
import type { DeviceClient } from "@clover/device";
import type { CloverServer } from "../../src/main.js";
import { tempDir } from "../helpers/platform.js";
import {
  deviceOver,
  logInOver,
  PROTOCOLS,
  type Protocol,
  protocolFetch,
  startCloverOver,
  testTls,
} from "./protocols.js";
import { h2Event, metadataPart, textEvent } from "./wire.js";

const ADMIN = "pre-auth-admin";
// One source address per test, so each starts with a full bucket.
const ATTACKER = "127.0.0.2";
const AUTHENTICATED = "127.0.0.3";
const FORGER = "127.0.0.4";

/** Opens a TCP connection from `from` and resolves with how long until the server closed it. */
function connectFrom(
  port: number,
  from: string,
): Promise<{ socket: net.Socket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect({ port, host: "127.0.0.1", localAddress: from });
    const closed = new Promise<number>((done) =>
      socket.once("close", () => done(Date.now() - started)),
    );
    socket.on("error", () => {});
    socket.once("connect", () => resolve({ socket, closed }));
    socket.once("error", reject);
  });
}

/** An HTTP/2 session from `from`: h2c, or TLS with ALPN h2 trusting the test certificate. */
function h2From(protocol: Protocol, port: number, from: string): http2.ClientHttp2Session {
  const scheme = protocol.tls ? "https" : "http";
  return http2.connect(`${scheme}://127.0.0.1:${port}`, {
    createConnection: () =>
      protocol.tls
        ? tls.connect({
            socket: net.connect({ port, host: "127.0.0.1", localAddress: from }),
            host: "127.0.0.1",
            ca: testTls().cert,
            ALPNProtocols: ["h2"],
          })
        : net.connect({ port, host: "127.0.0.1", localAddress: from }),
  });
}

function h1From(
  url: string,
  from: string,
  path: string,
  method = "GET",
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    const req = (secure ? https : http).request(
      {
        ...(secure ? { ca: testTls().cert } : {}),
        host: target.hostname,
        port: target.port,
        path,
        method,
        headers,
        localAddress: from,
        agent: false,
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => {
          body += c.toString();
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

for (const protocol of PROTOCOLS.filter((p) => p.http2)) {
  describe(`limits before authentication, per client IP (${protocol.name} listener)`, () => {
    let server: CloverServer;
    let device: DeviceClient;
    let accessToken: string;
    let port: number;
    before(async () => {
      server = await startCloverOver(protocol, tempDir("clover-preauth-"), ADMIN, {
        CLOVER_EXAMPLES: "off",
        CLOVER_PREAUTH_CONNECTIONS_PER_IP: "5",
        CLOVER_PREAUTH_FAILURES_PER_SECOND: "2",
        CLOVER_PREAUTH_FAILURE_BURST: "6",
      });
      port = server.port;
      const created = await protocolFetch(protocol, `${server.url}/api/v1/device-clients`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "speaker" }),
      });
      const { clientId, clientSecret } = created.json() as Record<string, string>;
      accessToken = await logInOver(protocol, {
        url: server.url,
        clientId: clientId!,
        clientSecret: clientSecret!,
        deviceId: "pre-auth-1",
        modelId: "KS-1",
      });
      device = deviceOver(protocol, server.url, accessToken);
      await device.openDownchannel();
    });
    after(async () => {
      device?.close();
      await server?.close();
    });

    it("closes at once a connection beyond the unauthenticated ones an IP may hold", async () => {
      const held = await Promise.all(Array.from({ length: 5 }, () => connectFrom(port, ATTACKER)));
      const extra = await connectFrom(port, ATTACKER);
      // Closed at accept, not at the 10 s headers deadline.
      assert.ok((await extra.closed) < 2000);
      // The device (another IP, and authenticated) is not affected.
      assert.equal((await device.sendText("say hello")).status, 200);
      for (const { socket } of held) socket.destroy();
      await Promise.all(held.map((h) => h.closed));
      // Freed (once the server saw them close): the IP may connect and be served again.
      let again = 0;
      for (let tries = 0; tries < 20 && again !== 401; tries++) {
        again = await h1From(server.url, ATTACKER, "/ping").then(
          (r) => r.status,
          () => -1,
        );
        if (again !== 401) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(again, 401);
    });

    it("does not count connections that authenticated", async () => {
      const sessions: http2.ClientHttp2Session[] = [];
      const answers: number[] = [];
      // One after another: each is authenticated before the next arrives; 8 > the limit of 5.
      for (let i = 0; i < 8; i++) {
        const session = h2From(protocol, port, AUTHENTICATED);
        session.on("error", () => {});
        sessions.push(session);
        answers.push(
          await new Promise<number>((resolve) => {
            const stream = session.request({
              ":path": "/ping",
              authorization: `Bearer ${accessToken}`,
            });
            stream.on("response", (h) => resolve(Number(h[":status"])));
            stream.on("error", () => resolve(-1));
            stream.end();
          }),
        );
      }
      for (const session of sessions) session.close();
      assert.deepEqual(answers, Array(8).fill(204));
    });

    it("answers 429 with Retry-After once an IP's failed attempts emptied its bucket", async () => {
      const session = h2From(protocol, port, FORGER);
      session.on("error", () => {});
      try {
        const statuses: number[] = [];
        let last = await h2Event(session, "forged-token", [
          metadataPart(textEvent("hi")),
          "--fuzz-boundary--\r\n",
        ]);
        for (let i = 0; i < 12 && last.status !== 429; i++) {
          statuses.push(last.status);
          last = await h2Event(session, "forged-token", [
            metadataPart(textEvent("hi")),
            "--fuzz-boundary--\r\n",
          ]);
        }
        assert.ok(statuses.length >= 6 && statuses.every((s) => s === 401), statuses.join());
        assert.equal(last.status, 429);
        assert.equal(last.exception?.code, 429);
        assert.match(
          last.exception?.description ?? "",
          /too many failed or unauthenticated requests from 127\.0\.0\.4/,
        );
        assert.ok(Number(last.headers["retry-after"]) >= 1);
        // The auth API and the management API answer 429 in their own JSON shapes.
        const token = await h1From(
          server.url,
          FORGER,
          "/token?grant_type=refresh_token&refresh_token=x",
          "POST",
        );
        assert.equal(token.status, 429);
        assert.equal(JSON.parse(token.body).error, "too_many_requests");
        const api = await h1From(server.url, FORGER, "/api/v1/extensions");
        assert.equal(api.status, 429);
        assert.equal(JSON.parse(api.body).error.code, "too_many_requests");
        // Meanwhile the device on another IP is served.
        assert.equal((await device.sendText("say hello again")).status, 200);
        // Once the bucket refilled, the IP is heard again (and its forged token refused).
        await new Promise((r) => setTimeout(r, Number(last.headers["retry-after"]) * 1000 + 200));
        const later = await h1From(server.url, FORGER, "/ping", "GET", {
          authorization: "Bearer forged",
        });
        assert.equal(later.status, 401);
      } finally {
        session.close();
      }
    });
  });
}
