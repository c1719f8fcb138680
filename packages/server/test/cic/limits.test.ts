import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Harness, startHarness } from "./harness.js";

describe("CIC limits and bad input", () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      limits: { metadataBytes: 2048, audioBytes: 64_000 },
      bodyIdleTimeoutMs: 300,
    });
  });
  after(() => h.close());

  it("answers oversized metadata with 413 and keeps the connection usable", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    const big = await client.sendText(`say ${"x".repeat(5000)}`);
    assert.equal(big.status, 413);
    assert.match(
      String(big.directives[0]?.payload["description"]),
      /metadata part is larger than 2048 bytes/,
    );
    assert.equal((await client.sendText("say fine")).status, 200);
  });

  it("names the missing speech engine for SpeechRecognizer.Recognize", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    const response = await client.sendEvent(
      {
        namespace: "SpeechRecognizer",
        name: "Recognize",
        payload: { lang: "en", format: "AUDIO_L16_RATE_16000_CHANNELS_1" },
      },
      { dialogRequestId: "d-voice", audio: Buffer.alloc(6400) },
    );
    assert.equal(response.status, 500);
    assert.match(
      String(response.directives[0]?.payload["description"]),
      /no speech recognition engine/,
    );
    const wrongLang = await client.sendEvent(
      { namespace: "SpeechRecognizer", name: "Recognize", payload: { lang: "fr" } },
      { dialogRequestId: "d-voice" },
    );
    assert.equal(wrongLang.status, 400);
    assert.match(String(wrongLang.directives[0]?.payload["description"]), /event.payload.lang/);
  });

  it("cuts off a client that stops sending in the middle of the body", async () => {
    const { client, accessToken } = await h.device();
    await client.openDownchannel();
    const stream = client.connect().request({
      ":method": "POST",
      ":path": "/v1/events",
      authorization: `Bearer ${accessToken}`,
      "content-type": "multipart/form-data; boundary=b",
    });
    stream.write('--b\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n{"context":[],');
    const status = await new Promise<number>((resolve) => {
      stream.on("response", (headers) => resolve(Number(headers[":status"])));
      stream.on("error", () => resolve(-1));
      stream.resume();
    });
    assert.equal(status, 400);
    assert.equal((await client.sendText("say alive")).status, 200);
  });

  it("advertises its concurrent-stream limit in the HTTP/2 settings", async () => {
    const { client } = await h.device();
    await client.openDownchannel();
    assert.equal(client.connect().remoteSettings.maxConcurrentStreams, 100);
  });

  it("replaces an older downchannel after the burst window", async () => {
    const { client, accessToken } = await h.device();
    const ended = new Promise<void>((resolve) => {
      void client.openDownchannel().then(() => {});
      setTimeout(resolve, 1100);
    });
    await ended;
    const { DeviceClient } = await import("@clover/device");
    const second = new DeviceClient({ url: h.url, accessToken });
    const hello = await second.openDownchannel();
    assert.equal(hello.header.name, "Hello");
    assert.equal((await second.sendText("say replaced")).status, 200);
    assert.equal((await client.sendText("say old")).status, 412);
    second.close();
  });
});
