// Requests whose headers complete but whose body stalls (docs/security.md "Limits and
// timeouts"): an event answers a complete 400 System.Exception at the body-idle deadline, the
// management and auth APIs answer 408 in their JSON shapes after 10 s of silence, and the
// connection is closed after the answer (it cannot be held). Half-sent headers are closed at
// the headers deadline. Raw sockets over HTTP/1.1, node:http2 for HTTP/2.
import assert from "node:assert/strict";
import http2 from "node:http2";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import { DeviceClient, logIn } from "@clover/device";
import type { CloverServer } from "../../src/main.js";
import { describeWait, stopwatch } from "../helpers/cpu-wait.js";
import { tempDir } from "../helpers/platform.js";
import { startCloverOver } from "./protocols.js";
import { BOUNDARY, metadataPart, textEvent } from "./wire.js";

const ADMIN = "stall-admin";

/** Sends `head` (+ `body`) on a raw socket and reads until the server closes it. */
function rawHttp1(
  port: number,
  head: string,
  body = "",
): Promise<{ status: number; text: string; closedMs: number; waitedMs: number }> {
  return new Promise((resolve) => {
    const watch = stopwatch();
    const socket = net.connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (c: Buffer) => {
      text += c.toString("latin1");
    });
    socket.on("error", () => {});
    socket.on("close", () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0),
        text,
        closedMs: watch.elapsedMs(),
        // The time this process waited for a CPU (a loaded machine): not the server's.
        waitedMs: watch.waitedMs(),
      }),
    );
    socket.write(head + body);
  });
}

describe("stalled request bodies", { timeout: 60_000 }, () => {
  let server: CloverServer;
  let token: string;
  let device: DeviceClient;
  before(async () => {
    server = await startCloverOver(undefined, tempDir("clover-stall-"), ADMIN, {
      CLOVER_EXAMPLES: "off",
      CLOVER_CIC_BODY_IDLE_TIMEOUT_MS: "500",
      CLOVER_CIC_HEADERS_TIMEOUT_MS: "1500",
    });
    const created = await fetch(`${server.url}/api/v1/device-clients`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "stall" }),
    });
    const { clientId, clientSecret } = (await created.json()) as Record<string, string>;
    const tokens = await logIn({
      url: server.url,
      clientId: clientId!,
      clientSecret: clientSecret!,
      deviceId: "stall-1",
      modelId: "S-1",
    });
    token = tokens.access_token;
    // HTTP/1.1 events only need an open downchannel somewhere.
    device = new DeviceClient({ url: server.url, accessToken: token });
    await device.openDownchannel();
  });
  after(async () => {
    device?.close();
    await server?.close();
  });

  const eventHead = (length: number) =>
    `POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
    `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${length}\r\n\r\n`;

  for (const [label, body] of [
    ["no body byte at all", ""],
    ["half of the metadata part", metadataPart(textEvent("say hi")).slice(0, 60)],
  ] as const)
    it(`HTTP/1.1 event with headers complete and ${label}: 400 System.Exception, then closed`, async () => {
      const answer = await rawHttp1(server.port, eventHead(4000), body);
      assert.equal(answer.status, 400, answer.text.slice(0, 200));
      assert.match(answer.text, /"name":"Exception"/);
      assert.match(answer.text, /the request body sent nothing for 500 ms/);
      assert.match(answer.text, /\r\nconnection: close\r\n/i);
      assert.ok(
        answer.closedMs - answer.waitedMs < 5000,
        `closed after ${describeWait(answer.closedMs, answer.waitedMs)}`,
      );
    });

  it("HTTP/1.1 headers that never complete: closed at the headers deadline", async () => {
    const answer = await rawHttp1(server.port, "POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthoriz");
    assert.ok(
      answer.closedMs >= 1000 && answer.closedMs - answer.waitedMs < 6000,
      describeWait(answer.closedMs, answer.waitedMs),
    );
  });

  it("management, auth API and HTTP/2: 408 after 10 s of silence, in their JSON shapes", async () => {
    const api = rawHttp1(
      server.port,
      `POST /api/v1/extensions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN}\r\n` +
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n",
      '{"id":',
    );
    const auth = rawHttp1(
      server.port,
      "POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
        "Content-Length: 100\r\n\r\n",
      "grant_type=",
    );
    const h2 = new Promise<{ status: number; body: string }>((resolve) => {
      const session = http2.connect(server.url);
      session.on("error", () => {});
      const stream = session.request({
        ":method": "POST",
        ":path": "/api/v1/extensions",
        authorization: `Bearer ${ADMIN}`,
        "content-type": "application/json",
      });
      let status = 0;
      let body = "";
      stream.on("response", (h) => {
        status = Number(h[":status"]);
      });
      stream.on("data", (c: Buffer) => {
        body += c.toString();
      });
      stream.on("error", () => {});
      stream.on("close", () => {
        session.close();
        resolve({ status, body });
      });
      stream.write('{"id":');
    });
    const [a, b, c] = await Promise.all([api, auth, h2]);
    assert.equal(a.status, 408, a.text);
    assert.match(a.text, /"code":"request_timeout".*sent nothing for 10000 ms/);
    assert.match(a.text, /\r\nconnection: close\r\n/i);
    assert.equal(b.status, 408, b.text);
    assert.match(b.text, /"error":"invalid_request"/);
    assert.equal(c.status, 408, c.body);
    assert.equal(JSON.parse(c.body).error.code, "request_timeout");
    // The platform still answers.
    assert.equal((await device.sendText("say still here")).status, 200);
  });

  it("answers malformed percent-encoding in any path id with a 400 JSON error (never 500)", async () => {
    const bad = "%E0%A4%A";
    for (const [method, path] of [
      ["GET", `/api/v1/extensions/${bad}`],
      ["POST", `/api/v1/extensions/${bad}/push-key`],
      ["POST", `/api/v1/extensions/${bad}/notifications`],
      ["GET", `/api/v1/users/${bad}/notifications`],
      ["GET", `/api/v1/users/${bad}/alerts`],
      ["GET", `/api/v1/users/${bad}/events`],
      ["GET", `/api/v1/users/${bad}/devices`],
      ["GET", `/api/v1/home/users/${bad}`],
      ["GET", `/api/v1/extensions/${bad}/notification-key`],
      ["GET", `/api/v1/extensions/${bad}/health`],
    ] as const) {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        ...(method === "POST" ? { body: "{}" } : {}),
      });
      const body = (await response.json()) as { error?: { code?: string } };
      assert.ok(
        response.status >= 400 && response.status < 500,
        `${method} ${path}: ${response.status}`,
      );
      assert.equal(typeof body.error?.code, "string", `${method} ${path}`);
    }
  });
});
