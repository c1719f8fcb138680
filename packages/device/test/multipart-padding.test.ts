// The device reads CIC answers and downchannel directives whose boundary delimiters carry
// transport padding (RFC 2046 §5.1.1: spaces and tabs between a delimiter and its CRLF), as
// another CIC server may send them, also when the padding is split across DATA frames. The
// server here is a plain node:http2 server writing the bytes the test gives it.
import assert from "node:assert/strict";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { DeviceClient } from "../src/index.js";

const B = "pad-0b5e1c";

function directive(namespace: string, name: string, payload: Record<string, unknown> = {}) {
  return JSON.stringify({
    directive: { header: { namespace, name, messageId: `${namespace}.${name}` }, payload },
  });
}

/** A multipart body split into the pieces the server writes one by one (frames). */
function paddedAnswer(pad: string): string[] {
  return [
    `--${B}${pad.slice(0, 1)}`,
    `${pad.slice(1)}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n`,
    directive("SpeechSynthesizer", "Speak", { url: "cid:speech-1" }),
    `\r\n--${B}`,
    `${pad}\r\nContent-Type: application/octet-stream\r\nContent-ID: <speech-1>\r\n\r\nMP3 `,
    `BYTES\r\n--${B}-`,
    `-${pad}`,
    "\r\n",
  ];
}

describe("transport padding after boundaries, read by @clover/device", () => {
  let server: http2.Http2Server;
  let url: string;
  /** What the server writes for the next request, frame by frame. */
  let frames: string[] = [];
  let sessions: http2.ServerHttp2Session[] = [];

  before(async () => {
    server = http2.createServer();
    server.on("session", (session) => sessions.push(session));
    server.on("stream", async (stream, headers) => {
      const path = headers[":path"];
      stream.respond({
        ":status": 200,
        "content-type": `multipart/related; boundary=${B}`,
      });
      if (path === "/v1/events") {
        for await (const _ of stream); // the event body
      }
      // One write per DATA frame, each after the previous one has left.
      for (const frame of frames) await new Promise<void>((r) => stream.write(frame, () => r()));
      if (path === "/v1/events") stream.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    for (const session of sessions) session.destroy();
    sessions = [];
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  for (const [label, pad] of [
    ["spaces", "   "],
    ["tabs and spaces", "\t \t"],
  ] as const) {
    it(`an event's answer with ${label} after every delimiter`, async () => {
      frames = paddedAnswer(pad);
      const client = new DeviceClient({ url, accessToken: "token" });
      try {
        const answer = await client.sendText("hello");
        assert.equal(answer.status, 200);
        assert.deepEqual(
          answer.directives.map((d) => `${d.header.namespace}.${d.header.name}`),
          ["SpeechSynthesizer.Speak"],
        );
        assert.equal(answer.directives[0]!.payload["url"], "cid:speech-1");
        assert.equal(answer.attachments.get("speech-1")?.toString("latin1"), "MP3 BYTES");
      } finally {
        client.close();
      }
    });
  }

  it("downchannel directives with padded delimiters, each as soon as it is delimited", async () => {
    frames = [
      `--${B} \t`,
      ` \r\nContent-Type: application/json\r\n\r\n${directive("Clova", "Hello")}\r\n--${B}\t`,
      `\r\nContent-Type: application/json\r\n\r\n${directive("Alerts", "SetAlert", { token: "a1" })}`,
      `\r\n--${B}  `,
      "\r\n",
    ];
    const client = new DeviceClient({ url, accessToken: "token" });
    try {
      const pushed: string[] = [];
      let second = () => {};
      const arrived = new Promise<void>((resolve) => {
        second = resolve;
      });
      const hello = await client.openDownchannel((d) => {
        pushed.push(`${d.header.namespace}.${d.header.name} ${String(d.payload["token"])}`);
        second();
      });
      assert.equal(`${hello.header.namespace}.${hello.header.name}`, "Clova.Hello");
      await arrived;
      assert.deepEqual(pushed, ["Alerts.SetAlert a1"]);
    } finally {
      client.close();
    }
  });
});
