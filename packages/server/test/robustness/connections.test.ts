// Connections that never finish their preface or headers are closed at the headers deadline,
// without authentication, while real devices keep working; /v1 answers stay within deadlines.
import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import tls from "node:tls";
import { type Harness, startHarness } from "../cic/harness.js";
import { describeWait, type Stopwatch, stopwatch } from "../helpers/cpu-wait.js";
import { baseOver, deviceOver, logInOver, testTls } from "./protocols.js";

const PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
// An empty SETTINGS frame: length 0, type 4, flags 0, stream 0.
const SETTINGS = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);

/** When a stalled connection was closed: elapsed, and how much of it was waiting for a CPU. */
interface Closed {
  ms: number;
  waitedMs: number;
}

const closedAt = (watch: Stopwatch): Closed => ({
  ms: watch.elapsedMs(),
  waitedMs: watch.waitedMs(),
});

/** Opens a raw connection, sends `bytes` (maybe nothing) and resolves with when it closed. */
function openAndStall(port: number, bytes: (string | Buffer)[]): Promise<Closed> {
  return new Promise((resolve) => {
    const watch = stopwatch();
    const socket = net.connect(port, "127.0.0.1", () => {
      for (const b of bytes) socket.write(b);
    });
    socket.on("data", () => {});
    socket.on("error", () => {});
    socket.on("close", () => resolve(closedAt(watch)));
  });
}

/** The same over TLS: the handshake done (ALPN `alpn`), then `bytes`, then nothing. */
function openTlsAndStall(port: number, alpn: string, bytes: (string | Buffer)[]): Promise<Closed> {
  return new Promise((resolve) => {
    const watch = stopwatch();
    const socket = tls.connect(
      { port, host: "127.0.0.1", ca: testTls().cert, ALPNProtocols: [alpn] },
      () => {
        for (const b of bytes) socket.write(b);
      },
    );
    socket.on("data", () => {});
    socket.on("error", () => {});
    socket.on("close", () => resolve(closedAt(watch)));
  });
}

// The first bytes of a TLS ClientHello record (handshake, TLS 1.0 record version, 512 bytes
// announced), then nothing.
const HALF_CLIENT_HELLO = Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc]);

for (const listener of ["h2c and HTTP/1.1", "HTTP/2 over TLS (and HTTPS/1.1)"] as const)
  describe(`connection deadlines (slow-loris) on the ${listener} listener`, () => {
    const secure = listener.startsWith("HTTP/2 over TLS");
    const protocol = {
      name: secure ? "HTTP/2 over TLS" : "h2c",
      tls: secure,
      http2: true,
    } as const;
    let h: Harness;
    let port: number;
    before(async () => {
      h = await startHarness({
        timeouts: { headersTimeoutMs: 500, keepAliveTimeoutMs: 500 },
        ...(secure ? { tls: testTls() } : {}),
      });
      port = Number(new URL(h.url).port);
    });
    after(() => h.close());

    const device = async () => {
      const base = baseOver(protocol, h.url);
      return {
        client: deviceOver(
          protocol,
          base,
          await logInOver(protocol, { ...h.identity(), url: base }),
        ),
      };
    };

    const shapes: [string, () => Promise<Closed>][] = secure
      ? [
          ["silent TCP", () => openAndStall(port, [])],
          ["half a TLS ClientHello", () => openAndStall(port, [HALF_CLIENT_HELLO])],
          ["TLS (ALPN h2), then nothing", () => openTlsAndStall(port, "h2", [])],
          [
            "TLS (ALPN h2) and half a preface",
            () => openTlsAndStall(port, "h2", ["PRI * HTTP/2.0\r\n"]),
          ],
          [
            "TLS (ALPN h2), a preface and SETTINGS",
            () => openTlsAndStall(port, "h2", [PREFACE, SETTINGS]),
          ],
          [
            "TLS (ALPN http/1.1) and half a request",
            () =>
              openTlsAndStall(port, "http/1.1", [
                "GET /v1/directives HTTP/1.1\r\nHost: x\r\nAuthor",
              ]),
          ],
        ]
      : [
          ["silent TCP", () => openAndStall(port, [])],
          ["half an HTTP/2 preface", () => openAndStall(port, ["PRI * HTTP/2.0\r\n"])],
          [
            "an HTTP/2 preface and SETTINGS, then nothing",
            () => openAndStall(port, [PREFACE, SETTINGS]),
          ],
          [
            "half an HTTP/1.1 request",
            () => openAndStall(port, ["GET /v1/directives HTTP/1.1\r\nHost: x\r\nAuthor"]),
          ],
        ];

    it(`closes ${shapes.length * 20} stalled connections of every shape at the headers deadline`, async () => {
      const { client } = await device();
      await client.openDownchannel();
      const stalls: Promise<Closed>[] = [];
      for (let i = 0; i < 20; i++) for (const [, open] of shapes) stalls.push(open());
      // Meanwhile a real device is served.
      assert.equal((await client.sendText("say served")).status, 200);
      const closedAfter = await Promise.all(stalls);
      assert.equal(closedAfter.length, shapes.length * 20);
      // The headers deadline is 500 ms; 3 s leaves room for 120 handshakes in this one process.
      // The time this process waited for a CPU (a loaded machine) is not the server's.
      for (const { ms, waitedMs } of closedAfter)
        assert.ok(ms - waitedMs < 3000, `closed after ${describeWait(ms, waitedMs)}`);
      assert.equal((await client.sendText("say still served")).status, 200);
      client.close();
    });

    it("keeps an HTTP/2 connection that sends requests (the deadline is only for the first)", async () => {
      const { client } = await device();
      await client.openDownchannel();
      await new Promise((r) => setTimeout(r, 800));
      assert.equal((await client.sendText("say later")).status, 200);
    });

    it("ends downchannels cleanly and stops at close (graceful shutdown)", async () => {
      const other = await startHarness({
        timeouts: { shutdownTimeoutMs: 2000 },
        ...(secure ? { tls: testTls() } : {}),
      });
      const base = baseOver(protocol, other.url);
      const client = deviceOver(
        protocol,
        base,
        await logInOver(protocol, { ...other.identity(), url: base }),
      );
      let ended = false;
      await client.openDownchannel();
      const session = client.connect();
      session.on("goaway", () => {
        ended = true;
      });
      const watch = stopwatch();
      await other.close();
      assert.ok(
        watch.ownMs() < 2500,
        `closed within the shutdown timeout: ${describeWait(watch.elapsedMs(), watch.waitedMs())}`,
      );
      assert.ok(ended || session.closed || session.destroyed, "the device was told to go away");
    });
  });
