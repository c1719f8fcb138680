// CIC conformance (cic.md), black box: a raw HTTP/2 device against a real Clover over TLS.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  eventOf,
  guestTokens,
  httpsCall,
  newProduct,
  type Product,
  query,
  RawDevice,
  type Running,
  startServer,
  textRecognize,
  until,
} from "./raw.js";

function assertException(
  answer: { status: number; headers: Record<string, unknown>; exception?: { code: number } },
  status: number,
) {
  assert.equal(answer.status, status);
  assert.match(String(answer.headers["content-type"]), /^multipart\/related;\s*boundary=/);
  assert.ok(answer.exception, "a System.Exception part");
  assert.equal(answer.exception.code, status, "payload.code equals the HTTP status (§6.3)");
  assert.equal(typeof (answer.exception as { description?: unknown }).description, "string");
}

describe("CIC conformance (raw HTTP/2 device)", () => {
  let running: Running;
  let product: Product;
  const devices: RawDevice[] = [];

  async function connected(deviceId = `dev-${randomUUID()}`) {
    const tokens = await guestTokens(running.url, product, deviceId);
    const device = new RawDevice(running.url, tokens.access_token);
    devices.push(device);
    return { device, tokens, deviceId };
  }

  before(async () => {
    running = await startServer();
    product = await newProduct(running.url);
  });
  after(async () => {
    for (const d of devices) d.close();
    await running.close();
  });

  describe("auth API (§3)", () => {
    it("issues flat tokenResult bodies with expires_in in seconds and token_type Bearer", async () => {
      const tokens = await guestTokens(running.url, product, "auth-1");
      assert.equal(tokens.token_type, "Bearer");
      assert.ok(Number.isInteger(tokens.expires_in) && tokens.expires_in > 0);
      assert.ok(tokens.expires_in <= 7 * 24 * 3600 + 60, "seconds, not milliseconds");
      assert.equal(typeof tokens.access_token, "string");
      assert.equal(typeof tokens.refresh_token, "string");
      assert.ok(!("value" in tokens));
    });

    it("echoes state decoded and answers 400 with the documented shape on missing parameters", async () => {
      const ok = await httpsCall(
        `${running.url}/authorize?${query({ client_id: product.clientId, device_id: "a", model_id: "m", response_type: "code", state: "a b/c", request_vu: "Y" })}`,
      );
      assert.equal(ok.status, 200);
      assert.equal(ok.json()["state"], "a b/c");
      for (const drop of ["client_id", "device_id", "response_type", "state"]) {
        const params: Record<string, string> = {
          client_id: product.clientId,
          device_id: "a",
          model_id: "m",
          response_type: "code",
          state: "x",
          request_vu: "Y",
        };
        delete params[drop];
        const bad = await httpsCall(`${running.url}/authorize?${query(params)}`);
        assert.equal(bad.status, 400, `without ${drop}`);
        assert.match(String(bad.headers["content-type"]), /application\/json/);
        const body = bad.json();
        assert.equal(typeof body["error"], "string", `error names the problem without ${drop}`);
      }
      const token = await httpsCall(
        `${running.url}/authorize?${query({ client_id: product.clientId, device_id: "a", model_id: "m", response_type: "token", state: "x", request_vu: "Y" })}`,
      );
      assert.equal(token.status, 400, "only response_type=code");
    });

    it("refuses an invalid account token with 403", async () => {
      const bad = await httpsCall(
        `${running.url}/authorize?${query({ client_id: product.clientId, device_id: "a", model_id: "m", response_type: "code", state: "x" })}`,
        { headers: { authorization: "Bearer not-a-real-account-token" } },
      );
      assert.equal(bad.status, 403);
    });

    it("does not give one device's code or refresh token to another device or product", async () => {
      const authorized = await httpsCall(
        `${running.url}/authorize?${query({ client_id: product.clientId, device_id: "dev-A", model_id: "m", response_type: "code", state: "x", request_vu: "Y" })}`,
      );
      const code = String(authorized.json()["code"]);
      const stolen = await httpsCall(
        `${running.url}/token?${query({ grant_type: "authorization_code", client_id: product.clientId, client_secret: product.clientSecret, code, device_id: "dev-B", model_id: "m" })}`,
      );
      assert.equal(stolen.status, 400, "a code is bound to its device_id");
      const other = await newProduct(running.url, "other product");
      const crossProduct = await httpsCall(
        `${running.url}/token?${query({ grant_type: "authorization_code", client_id: other.clientId, client_secret: other.clientSecret, code, device_id: "dev-A", model_id: "m" })}`,
      );
      assert.equal(crossProduct.status, 400, "a code is bound to its client_id");
      const wrongSecret = await httpsCall(
        `${running.url}/token?${query({ grant_type: "authorization_code", client_id: product.clientId, client_secret: "nope", code, device_id: "dev-A", model_id: "m" })}`,
      );
      assert.notEqual(wrongSecret.status, 200);
      const tokens = await guestTokens(running.url, product, "dev-R");
      const refreshedByOther = await httpsCall(
        `${running.url}/token?${query({ grant_type: "refresh_token", client_id: other.clientId, client_secret: other.clientSecret, refresh_token: tokens.refresh_token, model_id: "m" })}`,
      );
      assert.equal(refreshedByOther.status, 400);
    });

    it("refreshes (GET and form POST, stray second ?) and revokes with tokenDeletionResult", async () => {
      const tokens = await guestTokens(running.url, product, "dev-refresh");
      const refreshed = await httpsCall(
        `${running.url}/token?grant_type=refresh_token?${query({ client_id: product.clientId, client_secret: product.clientSecret, refresh_token: tokens.refresh_token, device_id: "dev-refresh", model_id: "HC-200" })}`,
      );
      assert.equal(refreshed.status, 200, refreshed.body.toString());
      const fresh = refreshed.json();
      assert.equal(fresh["token_type"], "Bearer");
      assert.notEqual(fresh["access_token"], tokens.access_token);
      const posted = await httpsCall(`${running.url}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: query({
          grant_type: "refresh_token",
          client_id: product.clientId,
          client_secret: product.clientSecret,
          refresh_token: String(fresh["refresh_token"]),
          model_id: "HC-200",
        }),
      });
      assert.equal(posted.status, 200, posted.body.toString());
      const access = String(posted.json()["access_token"]);
      const deletion = (device_id?: string) =>
        httpsCall(
          `${running.url}/token?${query({ grant_type: "delete", access_token: access, client_id: product.clientId, client_secret: product.clientSecret, ...(device_id ? { device_id } : {}), model_id: "HC-200" })}`,
        );
      assert.equal((await deletion()).status, 400, "device_id is required (§3.7)");
      const elsewhere = await deletion("dev-someone-else");
      assert.equal(elsewhere.status, 401, "another device's token is not deleted (§3.7)");
      assert.equal(typeof elsewhere.json()["error"], "string");
      const deleted = await httpsCall(
        `${running.url}/token?${query({ grant_type: "delete", access_token: access, client_id: product.clientId, client_secret: product.clientSecret, device_id: "dev-refresh", model_id: "HC-200" })}`,
      );
      assert.equal(deleted.status, 200);
      const result = deleted.json();
      assert.equal(result["access_token"], access);
      assert.equal(result["client_id"], product.clientId);
      assert.equal(typeof result["expires_in"], "number");
      const device = new RawDevice(running.url, access);
      devices.push(device);
      const refused = await device.openDownchannel();
      assert.equal(refused.status, 401, "a deleted token is refused");
    });

    it("answers 400 to an unknown grant_type", async () => {
      const bad = await httpsCall(
        `${running.url}/token?${query({ grant_type: "password", client_id: product.clientId, client_secret: product.clientSecret })}`,
      );
      assert.equal(bad.status, 400);
      assert.equal(typeof bad.json()["error"], "string");
    });
  });

  describe("downchannel (§2.5)", () => {
    it("refuses a missing or wrong token with 401 and a System.Exception", async () => {
      for (const token of [undefined, "garbage-token"]) {
        const device = new RawDevice(running.url, token);
        devices.push(device);
        const answer = await device.request(
          device.headers({ ":method": "GET", ":path": "/v1/directives" }),
        );
        assertException(answer, 401);
        const exception = answer.directives[0]!;
        assert.equal(exception.header.dialogRequestId, undefined);
        assert.equal(typeof exception.header.messageId, "string");
      }
    });

    it("starts with Clova.Hello (payload {}, no dialogRequestId) and writes the delimiter after it", async () => {
      const { device } = await connected();
      const channel = await device.openDownchannel();
      assert.equal(channel.status, 200);
      const hello = channel.reader.directives()[0]!;
      assert.equal(hello.header.namespace, "Clova");
      assert.equal(hello.header.name, "Hello");
      assert.deepEqual(hello.payload, {});
      assert.equal(hello.header.dialogRequestId, undefined);
      assert.match(channel.reader.parts[0]!.headers["content-type"]!, /application\/json/);
    });

    it("answers 429 to a second downchannel within a second, and replaces later ones cleanly", async () => {
      const { device } = await connected();
      const first = await device.openDownchannel();
      assert.equal(first.status, 200);
      const second = await device.openDownchannel();
      assertException(
        {
          status: second.status,
          headers: { "content-type": "multipart/related; boundary=x" },
          exception: second.reader.directives()[0]?.payload as { code: number },
        },
        429,
      );
      await new Promise((r) => setTimeout(r, 1100));
      let firstEnded = false;
      first.stream.on("end", () => {
        firstEnded = true;
      });
      const third = await device.openDownchannel();
      assert.equal(third.status, 200);
      await until(() => firstEnded, 3000, "the old channel to end");
      assert.equal(first.reader.ended, true, "the old channel ends with the closing boundary");
    });
  });

  it("moves the client to the new downchannel's connection: events on the old one get 412", async () => {
    const { device, tokens } = await connected();
    assert.equal((await device.openDownchannel()).status, 200);
    await new Promise((r) => setTimeout(r, 1100));
    const moved = new RawDevice(running.url, tokens.access_token);
    devices.push(moved);
    assert.equal((await moved.openDownchannel()).status, 200);
    assert.equal((await moved.event(textRecognize("what can you do"))).status, 200);
    assertException(await device.event(textRecognize("what can you do")), 412);
  });

  it("answers 429 to one of two simultaneous downchannel requests of one client", async () => {
    const { device, tokens } = await connected();
    const other = new RawDevice(running.url, tokens.access_token);
    devices.push(other);
    const both = await Promise.all([device.openDownchannel(), other.openDownchannel()]);
    assert.deepEqual(both.map((c) => c.status).sort(), [200, 429]);
  });

  describe("events (§2.6, §4, §6)", () => {
    it("refuses events without a downchannel, and on another connection, with 412", async () => {
      const { device, tokens } = await connected();
      const answer = await device.event(textRecognize("hello"));
      assertException(answer, 412);
      await device.openDownchannel();
      const elsewhere = new RawDevice(running.url, tokens.access_token);
      devices.push(elsewhere);
      const other = await elsewhere.event(textRecognize("hello"));
      assertException(other, 412);
    });

    it("answers a text request with multipart/related directives echoing the dialogRequestId", async () => {
      const { device } = await connected();
      await device.openDownchannel();
      const dialog = randomUUID();
      const answer = await device.event(textRecognize("what can you do", dialog));
      assert.equal(answer.status, 200);
      assert.match(String(answer.headers["content-type"]), /^multipart\/related/);
      assert.ok(answer.directives.length > 0);
      for (const d of answer.directives) {
        assert.equal(d.header.dialogRequestId, dialog);
        assert.equal(typeof d.header.messageId, "string");
        assert.equal(typeof d.payload, "object");
      }
      const speak = answer.directives.find((d) => d.header.name === "Speak");
      assert.ok(speak, "a Speak directive");
      const url = String(speak.payload["url"]);
      assert.match(url, /^cid:/);
      const attachment = answer.parts.find((p) => p.headers["content-id"] === url.slice(4));
      assert.ok(attachment, "the attachment's Content-ID is bare and matches cid:");
      assert.equal(attachment.headers["content-type"], "application/octet-stream");
      assert.ok(attachment.body.length > 0);
    });

    const malformed: [string, unknown][] = [
      ["invalid JSON", '{"context": [], "event": {'],
      ["no context", { event: textRecognize("x").event }],
      ["context not an array", { ...textRecognize("x"), context: {} }],
      [
        "no messageId",
        {
          context: [],
          event: {
            header: { namespace: "TextRecognizer", name: "Recognize", dialogRequestId: "d" },
            payload: { text: "x" },
          },
        },
      ],
      [
        "no payload",
        {
          context: [],
          event: { header: { namespace: "System", name: "SynchronizeState", messageId: "m" } },
        },
      ],
      [
        "Recognize without dialogRequestId",
        {
          context: [],
          event: {
            header: { namespace: "TextRecognizer", name: "Recognize", messageId: "m" },
            payload: { text: "x" },
          },
        },
      ],
      [
        "no event wrapper",
        {
          context: [],
          header: {
            namespace: "TextRecognizer",
            name: "Recognize",
            messageId: "m",
            dialogRequestId: "d",
          },
          payload: { text: "x" },
        },
      ],
      ["JSON array", "[]"],
      [
        "namespace not a string",
        {
          context: [],
          event: { header: { namespace: 5, name: "Recognize", messageId: "m" }, payload: {} },
        },
      ],
    ];
    for (const [what, metadata] of malformed)
      it(`answers 400 with a System.Exception to ${what}`, async () => {
        const { device } = await connected();
        await device.openDownchannel();
        const answer = await device.event(metadata);
        assertException(answer, 400);
      });

    it("answers 400 to a wrong content type, a missing metadata part, and a wrong method", async () => {
      const { device } = await connected();
      await device.openDownchannel();
      const json = await device.request(
        device.headers({
          ":method": "POST",
          ":path": "/v1/events",
          "content-type": "application/json",
        }),
        JSON.stringify(textRecognize("hi")),
      );
      assertException(json, 400);
      const b = "bnd";
      const onlyAudio = await device.event(undefined, {
        boundary: b,
        raw: `--${b}\r\nContent-Disposition: form-data; name="audio"\r\nContent-Type: application/octet-stream\r\n\r\nxxxx\r\n--${b}--\r\n`,
      });
      assertException(onlyAudio, 400);
      const meta = `Content-Disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(textRecognize("hi"))}\r\n`;
      const twice = await device.event(undefined, {
        boundary: b,
        raw: `--${b}\r\n${meta}--${b}\r\n${meta}--${b}--\r\n`,
      });
      assertException(twice, 400);
      const put = await device.request(
        device.headers({ ":method": "PUT", ":path": "/v1/events" }),
        "x",
      );
      assert.ok([400, 405].includes(put.status), `wrong method: ${put.status}`);
      const unknown = await device.request(
        device.headers({ ":method": "GET", ":path": "/v2/nothing" }),
      );
      assert.equal(unknown.status, 404);
    });

    it("answers 204 with no body to ReportState, RequestStateSynchronization and progress events", async () => {
      const { device } = await connected();
      await device.openDownchannel();
      for (const [ns, name, payload] of [
        ["DeviceControl", "ReportState", {}],
        ["DeviceControl", "RequestStateSynchronization", {}],
        ["AudioPlayer", "ProgressReportIntervalPassed", { token: "t", offsetInMilliseconds: 1000 }],
      ] as const) {
        const answer = await device.event(eventOf(ns, name, payload));
        assert.equal(answer.status, 204, `${ns}.${name}`);
        assert.equal(answer.body.length, 0);
      }
    });

    it("answers the resynchronisation events of §2.8 without a dialogRequestId", async () => {
      const { device } = await connected();
      await device.openDownchannel();
      const state = await device.event(eventOf("System", "RequestSynchronizeState"));
      assert.equal(state.status, 200);
      const sync = state.directives.find((d) => d.header.name === "SynchronizeState");
      assert.ok(sync, "System.SynchronizeState");
      assert.equal(sync.header.namespace, "System");
      assert.deepEqual(sync.payload["allAlerts"], []);
      const alerts = await device.event(eventOf("Alerts", "RequestSynchronizeAlert"));
      assert.equal(alerts.status, 200);
      const list = alerts.directives.find((d) => d.header.name === "SynchronizeAlert");
      assert.ok(list, "Alerts.SynchronizeAlert");
      assert.deepEqual(list.payload["allAlerts"], []);
      for (const d of [...state.directives, ...alerts.directives])
        assert.equal(d.header.dialogRequestId, undefined, "no id on answers to id-less events");
      const unknown = await device.event(eventOf("Nonsense", "Whatever"));
      assert.ok([204, 400].includes(unknown.status), `unknown event: ${unknown.status}`);
      if (unknown.status === 400) assertException(unknown, 400);
    });

    it("answers /ping with 204", async () => {
      const { device } = await connected();
      await device.openDownchannel();
      const ping = await device.request(device.headers({ ":method": "GET", ":path": "/ping" }));
      assert.equal(ping.status, 204);
      assert.equal(ping.body.length, 0);
    });

    it("keeps unicode text intact and the process up on odd input", async () => {
      const { device } = await connected();
      await device.openDownchannel();
      for (const text of ["😀 🎲 𝄞", "\u0000\u202e", "x".repeat(5000), ""]) {
        const answer = await device.event(textRecognize(text));
        const shown = JSON.stringify(text.slice(0, 10));
        assert.ok([200, 204, 400, 413].includes(answer.status), `${answer.status} for ${shown}`);
        if (answer.status >= 400) assertException(answer, answer.status);
      }
      const ping = await device.request(device.headers({ ":method": "GET", ":path": "/ping" }));
      assert.equal(ping.status, 204);
    });
  });
});
