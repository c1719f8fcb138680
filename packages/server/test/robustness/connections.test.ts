// Connections that never finish their preface or headers are closed at the headers deadline,
// without authentication, while real devices keep working; /v1 answers stay within deadlines.
import assert from "node:assert/strict";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import { type Harness, startHarness } from "../cic/harness.js";

const PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
// An empty SETTINGS frame: length 0, type 4, flags 0, stream 0.
const SETTINGS = Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0]);

/** Opens a raw connection, sends `bytes` (maybe nothing) and resolves with when it closed. */
function openAndStall(port: number, bytes: (string | Buffer)[]): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, "127.0.0.1", () => {
      for (const b of bytes) socket.write(b);
    });
    socket.on("data", () => {});
    socket.on("error", () => {});
    socket.on("close", () => resolve(Date.now() - started));
  });
}

describe("connection deadlines (slow-loris)", () => {
  let h: Harness;
  let port: number;
  before(async () => {
    h = await startHarness({ timeouts: { headersTimeoutMs: 500, keepAliveTimeoutMs: 500 } });
    port = Number(new URL(h.url).port);
  });
  after(() => h.close());

  const shapes: [string, (string | Buffer)[]][] = [
    ["silent TCP", []],
    ["half an HTTP/2 preface", ["PRI * HTTP/2.0\r\n"]],
    ["an HTTP/2 preface and SETTINGS, then nothing", [PREFACE, SETTINGS]],
    ["half an HTTP/1.1 request", ["GET /v1/directives HTTP/1.1\r\nHost: x\r\nAuthor"]],
  ];

  it("closes 80 stalled connections of every shape at the headers deadline", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    const stalls: Promise<number>[] = [];
    for (let i = 0; i < 20; i++)
      for (const [, bytes] of shapes) stalls.push(openAndStall(port, bytes));
    // Meanwhile a real device is served.
    assert.equal((await client.sendText("say served")).status, 200);
    const closedAfter = await Promise.all(stalls);
    assert.equal(closedAfter.length, 80);
    for (const ms of closedAfter) assert.ok(ms < 3000, `closed after ${ms} ms`);
    assert.equal((await client.sendText("say still served")).status, 200);
  });

  it("keeps an HTTP/2 connection that sends requests (the deadline is only for the first)", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    await new Promise((r) => setTimeout(r, 800));
    assert.equal((await client.sendText("say later")).status, 200);
  });

  it("ends downchannels cleanly and stops at close (graceful shutdown)", async () => {
    const other = await startHarness({ timeouts: { shutdownTimeoutMs: 2000 } });
    const { client } = await other.device();
    let ended = false;
    await client.openDownchannel();
    const session = client.connect();
    session.on("goaway", () => {
      ended = true;
    });
    const started = Date.now();
    await other.close();
    assert.ok(Date.now() - started < 2500, "closed within the shutdown timeout");
    assert.ok(ended || session.closed || session.destroyed, "the device was told to go away");
  });
});
