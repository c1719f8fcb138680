// CIC transport conformance (cic.md §2, §5.2, §15), black box: HTTP/2 behaviour seen by a raw
// node:http2 device — PING, SETTINGS, stream resets, GOAWAY, the downchannel registry, the
// idle rule, and the error envelope of each refusal.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import http2 from "node:http2";
import { after, before, describe, it } from "node:test";
import {
  eventOf,
  guestTokens,
  type H2Answer,
  newProduct,
  type Product,
  RawDevice,
  type Running,
  startServer,
  textRecognize,
  until,
} from "./raw.js";

function assertException(answer: H2Answer, status: number, what: string) {
  assert.equal(answer.status, status, `${what}: ${answer.status} ${answer.body}`);
  assert.match(String(answer.headers["content-type"]), /^multipart\/related;\s*boundary=/, what);
  assert.ok(answer.exception, `${what}: a System.Exception part`);
  assert.equal(answer.exception.code, status, `${what}: code = status`);
  assert.ok(answer.exception.description.length > 0, `${what}: a description`);
  const part = answer.parts[0]!;
  assert.match(part.headers["content-type"]!, /^application\/json;\s*charset=utf-8$/i);
  assert.match(part.headers["content-disposition"]!, /^form-data;\s*name="[^"]+"/);
  const directive = answer.directives[0]!;
  assert.equal(directive.header.namespace, "System");
  assert.equal(directive.header.name, "Exception");
  assert.equal(typeof directive.header.messageId, "string");
  assert.equal(directive.header.dialogRequestId, undefined, "no dialogRequestId on an exception");
}

describe("CIC transport (raw HTTP/2)", () => {
  let running: Running;
  let product: Product;
  const devices: RawDevice[] = [];

  async function device(deviceId = `dev-${randomUUID()}`) {
    const tokens = await guestTokens(running.url, product, deviceId);
    const d = new RawDevice(running.url, tokens.access_token);
    devices.push(d);
    return { device: d, token: tokens.access_token };
  }

  before(async () => {
    running = await startServer();
    product = await newProduct(running.url);
  });
  after(async () => {
    for (const d of devices) d.close();
    await running?.close();
  });

  it("answers HTTP/2 PING frames and advertises a concurrent-stream limit in SETTINGS", async () => {
    const { device: d } = await device();
    if (!d.session.connecting) await new Promise((r) => setImmediate(r));
    else await new Promise((r) => d.session.once("connect", r));
    await new Promise<void>((resolve, reject) => {
      const sent = d.session.ping(Buffer.from("cloverpi"), (error, _ms, payload) => {
        if (error) reject(error);
        else {
          assert.equal(payload.toString(), "cloverpi", "the ACK echoes the payload");
          resolve();
        }
      });
      assert.ok(sent);
    });
    await until(() => d.session.remoteSettings.maxConcurrentStreams !== undefined, 3000);
    const limit = d.session.remoteSettings.maxConcurrentStreams!;
    assert.ok(limit >= 2 && limit < 2 ** 31, `a real limit (downchannel + events): ${limit}`);
  });

  it("requires the bearer token on /ping too (§2.3)", async () => {
    const { device: d } = await device();
    const anonymous = await d.request({ ":method": "GET", ":path": "/ping", "user-agent": "x" });
    assertException(anonymous, 401, "/ping without a token");
    const ok = await d.request(d.headers({ ":method": "GET", ":path": "/ping" }));
    assert.equal(ok.status, 204);
  });

  it("answers a wrong method on /v1/events and /v1/directives with 400 (§2.5, §2.6)", async () => {
    const { device: d } = await device();
    assert.equal((await d.openDownchannel()).status, 200);
    assertException(
      await d.request(d.headers({ ":method": "GET", ":path": "/v1/events" })),
      400,
      "GET /v1/events",
    );
    assertException(
      await d.request(d.headers({ ":method": "POST", ":path": "/v1/directives" }), "x"),
      400,
      "POST /v1/directives",
    );
  });

  it("refuses multipart without a boundary, and a body whose boundary never appears", async () => {
    const { device: d } = await device();
    await d.openDownchannel();
    const noBoundary = await d.request(
      d.headers({
        ":method": "POST",
        ":path": "/v1/events",
        "content-type": "multipart/form-data",
      }),
      "--x\r\n\r\n{}\r\n--x--\r\n",
    );
    assertException(noBoundary, 400, "no boundary");
    const wrong = await d.event(textRecognize("hello"), {
      boundary: "declared",
      raw: `--other\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{}\r\n--other--\r\n`,
    });
    assertException(wrong, 400, "undecodable multipart");
  });

  it("forgets a downchannel the client resets: events on that connection then get 412", async () => {
    const { device: d } = await device();
    const channel = await d.openDownchannel();
    assert.equal(channel.status, 200);
    assert.equal((await d.event(eventOf("System", "RequestSynchronizeState"))).status, 200);
    channel.stream.close(http2.constants.NGHTTP2_CANCEL);
    await until(() => channel.stream.closed, 3000, "the reset");
    const probe = () => d.event(eventOf("System", "RequestSynchronizeState"));
    let answer = await probe();
    // The server learns of the reset asynchronously; it must forget the channel promptly.
    const deadline = Date.now() + 10_000;
    while (answer.status !== 412 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      answer = await probe();
    }
    assertException(answer, 412, "event after the downchannel was reset");
  });

  it("lets a client whose connection broke reconnect with a new downchannel (§2.8)", async () => {
    const { device: d, token } = await device();
    assert.equal((await d.openDownchannel()).status, 200);
    d.session.destroy();
    await new Promise((r) => setTimeout(r, 1100));
    const again = new RawDevice(running.url, token);
    devices.push(again);
    const channel = await again.openDownchannel();
    assert.equal(channel.status, 200);
    assert.equal(channel.reader.directives()[0]!.header.name, "Hello");
    assert.equal((await again.event(eventOf("System", "RequestSynchronizeState"))).status, 200);
  });

  it("survives an event stream reset halfway through its body", async () => {
    const { device: d } = await device();
    await d.openDownchannel();
    const boundary = "half";
    const stream = d.session.request(
      d.headers({
        ":method": "POST",
        ":path": "/v1/events",
        "content-type": `multipart/form-data; boundary=${boundary}`,
      }),
    );
    stream.on("error", () => {});
    stream.write(`--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"cont`);
    await new Promise((r) => setTimeout(r, 50));
    stream.close(http2.constants.NGHTTP2_CANCEL);
    await until(() => stream.closed, 3000);
    const next = await d.event(eventOf("System", "RequestSynchronizeState"));
    assert.equal(next.status, 200, "the connection and the downchannel still work");
  });
});

describe("CIC connection lifetime (raw HTTP/2)", () => {
  let running: Running;
  let product: Product;
  let stopped = false;
  before(async () => {
    running = await startServer({
      CLOVER_CIC_IDLE_TIMEOUT_MS: "2000",
      CLOVER_DRAIN_TIMEOUT_MS: "2000",
    });
    product = await newProduct(running.url);
  });
  after(async () => {
    if (!stopped) await running?.close();
  });

  it("keeps a connection that sends PINGs past the idle timeout, and closes a silent one", async () => {
    const tokens = await guestTokens(running.url, product, "idle-1");
    const d = new RawDevice(running.url, tokens.access_token);
    try {
      assert.equal((await d.openDownchannel()).status, 200);
      let closed = false;
      d.session.on("close", () => {
        closed = true;
      });
      // PINGs every 200 ms for longer than the idle timeout (2 s): the connection must stay.
      const started = Date.now();
      while (Date.now() - started < 2600) {
        d.session.ping(() => {});
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(closed, false, "PING frames count as traffic (§2.7)");
      await until(() => closed, 15_000, "the idle connection to be closed");
    } finally {
      d.close();
    }
  });

  it("sends GOAWAY and ends the downchannel with its closing boundary on shutdown (§2.7)", async () => {
    const tokens = await guestTokens(running.url, product, "shutdown-1");
    const d = new RawDevice(running.url, tokens.access_token);
    try {
      const channel = await d.openDownchannel();
      assert.equal(channel.status, 200);
      let goaway = false;
      d.session.on("goaway", () => {
        goaway = true;
      });
      let ended = false;
      channel.stream.on("end", () => {
        ended = true;
      });
      channel.stream.resume();
      stopped = true;
      await running.close();
      await until(() => goaway, 5000, "GOAWAY");
      await until(() => ended, 5000, "the downchannel to end");
      assert.equal(channel.reader.ended, true, "the closing --boundary-- was written");
    } finally {
      d.close();
    }
  });
});
