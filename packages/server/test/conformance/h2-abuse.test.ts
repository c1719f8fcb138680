// HTTP/2-level abuse against the CIC port (cic.md §2; RFC 9113), by a device writing frames by
// hand: rapid stream resets, SETTINGS and PING floods, header blocks that decompress to
// megabytes or never end, more streams than the server advertises, bodies that never come, a
// downchannel whose window never opens. Each is bounded — the abuser's stream or connection is
// refused or closed — and a well-behaved device on its own connection is answered meanwhile.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  cicHeaders,
  ERROR,
  FLAG,
  FRAME,
  frame,
  headerBlock,
  indexed,
  indexedLiteral,
  ping,
  RawH2,
  rstStream,
  settings,
} from "./h2-frames.js";
import {
  accountTokens,
  admin,
  eventOf,
  guestTokens,
  newAccount,
  newProduct,
  type Product,
  RawDevice,
  type Running,
  startServer,
  until,
} from "./raw.js";

/** SETTINGS_INITIAL_WINDOW_SIZE (RFC 9113 §6.5.2). */
const INITIAL_WINDOW_SIZE = 4;
const BACKLOG = 64 * 1024;

describe("HTTP/2 abuse against the CIC port", { timeout: 120_000 }, () => {
  let running: Running;
  let product: Product;
  let bystander: RawDevice;
  const raws: RawH2[] = [];

  async function rawConnection(initial: [number, number][] = []): Promise<RawH2> {
    const raw = new RawH2(running.url, initial);
    raws.push(raw);
    await raw.ready;
    return raw;
  }

  async function guestToken(): Promise<string> {
    return (await guestTokens(running.url, product, `abuser-${randomUUID()}`)).access_token;
  }

  /** The well-behaved device is answered: a ping and an event. */
  async function bystanderServed(what: string): Promise<void> {
    const ping = await bystander.request(bystander.headers({ ":method": "GET", ":path": "/ping" }));
    assert.equal(ping.status, 204, `${what}: /ping of another device`);
    const sync = await bystander.event(eventOf("System", "RequestSynchronizeState"));
    assert.equal(sync.status, 200, `${what}: an event of another device`);
    assert.ok(
      sync.directives.some((d) => d.header.name === "SynchronizeState"),
      what,
    );
  }

  before(async () => {
    running = await startServer({
      CLOVER_CIC_BODY_IDLE_TIMEOUT_MS: "1500",
      // A header block that never ends is closed at this deadline (10 s by default).
      CLOVER_CIC_HEADERS_TIMEOUT_MS: "3000",
      CLOVER_CIC_DOWNCHANNEL_BACKLOG_BYTES: String(BACKLOG),
      // The abusers below come from 127.0.0.1 like everyone here; the per-IP pre-auth limits
      // are another suite's subject.
      CLOVER_PREAUTH_CONNECTIONS_PER_IP: "1000",
    });
    product = await newProduct(running.url);
    bystander = new RawDevice(running.url, await guestToken());
    assert.equal((await bystander.openDownchannel()).status, 200);
    await bystanderServed("before");
  });
  after(async () => {
    for (const raw of raws) raw.destroy();
    bystander?.close();
    await running?.close();
  });

  it("ends a connection that opens and resets streams by the thousand (rapid reset)", async () => {
    const token = await guestToken();
    const raw = await rawConnection();
    const headers = cicHeaders(running.url, "GET", "/ping", token);
    const burst: Buffer[] = [];
    const count = 5000;
    for (let i = 0; i < count; i++) {
      const id = 1 + 2 * i;
      burst.push(raw.request(id, headers, true), rstStream(id));
    }
    await raw.send(Buffer.concat(burst));
    await Promise.race([raw.closed, until(() => raw.seen.goaway !== undefined, 60_000, "GOAWAY")]);
    assert.ok(raw.seen.goaway, "the server sent GOAWAY");
    assert.ok(
      raw.seen.goaway.lastStreamId < 2 * count,
      `it stopped taking streams before the flood ended (last ${raw.seen.goaway.lastStreamId})`,
    );
    await bystanderServed("after a rapid-reset flood");
  });

  it("acknowledges SETTINGS and PING floods it can send, and cuts off a flood that is never read", async () => {
    const reader = await rawConnection();
    const n = 2000;
    await reader.send(
      Buffer.concat([
        ...Array.from({ length: n }, () => settings([[INITIAL_WINDOW_SIZE, 65_535]])),
        ...Array.from({ length: n }, () => ping()),
      ]),
    );
    await until(
      () => reader.seen.closed || (reader.seen.pingAcks >= n && reader.seen.settingsAcks >= n),
      60_000,
      "the acknowledgements",
    );
    await bystanderServed("after SETTINGS and PING floods");

    // The same flood from a device that never reads what comes back: the server's
    // acknowledgements pile up on its side until it gives the connection up.
    const deaf = await rawConnection();
    deaf.stopReading();
    const flood = Buffer.concat(Array.from({ length: 1000 }, () => ping()));
    for (let round = 0; round < 400 && !deaf.seen.closed && deaf.socket.writable; round++)
      await Promise.race([deaf.send(flood), deaf.closed]);
    await Promise.race([deaf.closed, new Promise((r) => setTimeout(r, 30_000))]);
    assert.ok(deaf.seen.closed, "the connection of a device that never reads is closed");
    await bystanderServed("after a PING flood nobody reads");
  });

  it("refuses a header block that decompresses past the header list limit (HPACK bomb)", async () => {
    const token = await guestToken();
    const raw = await rawConnection();
    // One 4 KB field enters the dynamic table; 1,000 one-byte references to it decompress to
    // about 4 MB of headers from a 5 KB frame.
    const block = Buffer.concat([
      headerBlock(cicHeaders(running.url, "GET", "/ping", token)),
      indexedLiteral("x-bomb", "b".repeat(4000)),
      ...Array.from({ length: 1000 }, () => indexed(62)),
    ]);
    await raw.send(frame(FRAME.HEADERS, FLAG.END_HEADERS | FLAG.END_STREAM, 1, block));
    await until(
      () => raw.seen.resets.has(1) || raw.seen.goaway !== undefined || raw.seen.closed,
      30_000,
      "the refusal",
    );
    assert.ok(!raw.seen.answered.has(1), "the request is not served");
    await bystanderServed("after an HPACK bomb");
  });

  it("closes a connection whose header block never ends (endless CONTINUATION)", async () => {
    const token = await guestToken();
    const raw = await rawConnection();
    await raw.send(
      frame(FRAME.HEADERS, 0, 1, headerBlock(cicHeaders(running.url, "GET", "/ping", token))),
    );
    const piece = headerBlock([["x-more", "c".repeat(1000)]]);
    for (let i = 0; i < 2000 && !raw.seen.closed && raw.socket.writable; i++)
      await Promise.race([raw.send(frame(FRAME.CONTINUATION, 0, 1, piece)), raw.closed]);
    await Promise.race([raw.closed, new Promise((r) => setTimeout(r, 30_000))]);
    assert.ok(raw.seen.closed || raw.seen.goaway, "the connection is ended");
    assert.ok(!raw.seen.answered.has(1), "the request is not served");
    await bystanderServed("after endless CONTINUATION frames");
  });

  it("answers 400 to streams within the limit whose body never comes; refuses one beyond before the SETTINGS ACK, ends the connection after", async () => {
    const events = (token: string) =>
      cicHeaders(running.url, "POST", "/v1/events", token, [
        ["content-type", "multipart/form-data; boundary=never"],
      ]);
    async function withDownchannel() {
      const token = await guestToken();
      const raw = await rawConnection();
      // The downchannel first: events need one on the same connection (§2.6).
      await raw.send(raw.request(1, cicHeaders(running.url, "GET", "/v1/directives", token)));
      await until(() => raw.seen.answered.has(1), 30_000, "the downchannel's answer");
      return { raw, token };
    }
    // 100 concurrent streams per connection (docs/cic.md): the downchannel and 99 events.
    const within = await withDownchannel();
    const ids = Array.from({ length: 99 }, (_, i) => 3 + 2 * i);
    await within.raw.send(
      Buffer.concat(ids.map((id) => within.raw.request(id, events(within.token)))),
    );
    await until(
      () => ids.every((id) => within.raw.seen.answered.has(id)) || within.raw.seen.closed,
      60_000,
      "an answer on every stream (the body idle deadline)",
    );
    assert.equal(within.raw.seen.closed, false, "the connection stays");
    assert.equal(within.raw.seen.goaway, undefined);
    assert.ok(!within.raw.seen.resets.has(1), "the downchannel stays");

    // Before the device acknowledged the server's SETTINGS (the frames leave with the preface,
    // before anything is read): the 101st stream is refused alone (RFC 9113 §5.1.2, §6.5.3),
    // the downchannel and the other 99 stay. No END_STREAM: each stays open while the burst is
    // read, whatever the server answers meanwhile.
    const early = new RawH2(running.url);
    raws.push(early);
    await early.ready;
    const earlyToken = within.token;
    const earlyIds = Array.from({ length: 101 }, (_, i) => 1 + 2 * i);
    early.write(
      Buffer.concat(
        earlyIds.map((id) =>
          early.request(
            id,
            id === 1
              ? cicHeaders(running.url, "GET", "/v1/directives", earlyToken)
              : cicHeaders(running.url, "GET", "/ping", earlyToken),
          ),
        ),
      ),
    );
    await until(
      () => early.seen.resets.has(201) || early.seen.closed,
      30_000,
      "the refusal of the 101st stream",
    );
    assert.equal(early.seen.resets.get(201), ERROR.REFUSED_STREAM, "RST_STREAM REFUSED_STREAM");
    await until(() => early.seen.answered.has(1), 30_000, "the downchannel's answer");
    assert.equal(early.seen.closed, false, "the connection stays");
    assert.equal(early.seen.goaway, undefined);
    assert.ok(!early.seen.resets.has(1), "the downchannel stays");

    // One stream more than advertised after the SETTINGS were acknowledged: nghttp2 (Node's
    // HTTP/2) takes it as a connection error; Node destroys the session: RST_STREAM
    // INTERNAL_ERROR on every stream it had answered (the downchannel), GOAWAY INTERNAL_ERROR
    // if it gets out, the socket closed (docs/security.md "Streams past the limit"). Nothing
    // else is affected.
    const beyond = await withDownchannel();
    const over = Array.from({ length: 100 }, (_, i) => 3 + 2 * i);
    await beyond.raw.send(
      Buffer.concat(over.map((id) => beyond.raw.request(id, events(beyond.token)))),
    );
    await Promise.race([beyond.raw.closed, new Promise((r) => setTimeout(r, 30_000))]);
    assert.ok(beyond.raw.seen.closed, "the connection that went beyond the limit is ended");
    assert.equal(beyond.raw.seen.resets.get(1), ERROR.INTERNAL_ERROR, "the downchannel is reset");
    // The GOAWAY is written as the socket is destroyed: over TLS it may not arrive.
    if (beyond.raw.seen.goaway) assert.equal(beyond.raw.seen.goaway.code, ERROR.INTERNAL_ERROR);
    assert.ok(
      over.filter((id) => beyond.raw.seen.answered.has(id)).length < 100,
      "no more than the limit was served",
    );
    await bystanderServed("after streams beyond the limit");
  });

  it("resets the downchannel of a device that never opens its window, and others still get every push", async () => {
    const userId = `stall-${randomUUID().slice(0, 8)}`;
    const account = await newAccount(running.url, userId);
    const stalled = (await accountTokens(running.url, product, account, `stall-${randomUUID()}`))
      .access_token;
    const reader = new RawDevice(
      running.url,
      (await accountTokens(running.url, product, account, `read-${randomUUID()}`)).access_token,
    );
    try {
      const readerChannel = await reader.openDownchannel();
      assert.equal(readerChannel.status, 200);
      // A window of 0: the server may send headers, never a byte of DATA (RFC 9113 §6.9.2).
      const raw = await rawConnection([[INITIAL_WINDOW_SIZE, 0]]);
      await raw.send(raw.request(1, cicHeaders(running.url, "GET", "/v1/directives", stalled)));
      await until(() => raw.seen.answered.has(1), 30_000, "the downchannel's answer");
      const text = "n".repeat(1000);
      let sent = 0;
      // Each notification pushes Notify and the spoken text (with its audio) to both devices.
      while (!raw.seen.resets.has(1) && sent < 400) {
        const posted = await admin(running.url, "POST", `/api/v1/users/${userId}/notifications`, {
          text,
        });
        assert.equal(posted.status, 201, posted.body.toString());
        sent++;
      }
      assert.equal(raw.seen.resets.get(1), ERROR.CANCEL, `reset after ${sent} notifications`);
      assert.ok(sent * 3 * text.length < 4 * BACKLOG, `bounded: reset after ${sent} pushes`);
      const notified = () =>
        readerChannel.reader.directives().filter((d) => d.header.name === "Notify").length;
      await until(() => notified() >= sent, 30_000, "every notification on the reading device");
    } finally {
      reader.close();
    }
    await bystanderServed("after a stalled downchannel");
  });
});
