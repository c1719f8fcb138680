// A device whose uploads are refused early (413 before the body is read, then RST_STREAM
// NO_ERROR, RFC 9113 §8.1) keeps its connection. Node's HTTP/2 client counts body bytes queued
// but not yet sent against its own session memory and never gives them back when the stream is
// reset: a client that queued 24 MB of refused audio at once had every later answer refused by
// its own session (RST_STREAM ENHANCE_YOUR_CALM, 572 of 2,000 fuzz cases). The device SDK now
// writes with backpressure and stops at the reset.
import assert from "node:assert/strict";
import http2 from "node:http2";
import type { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { writeBody } from "@clover/device";
import { type Harness, startHarness } from "../cic/harness.js";
import { audioPartHeader, BOUNDARY, metadataPart, speechEvent } from "./wire.js";

const MB = 1024 * 1024;

describe("refused uploads do not poison the device's connection", () => {
  let h: Harness;
  let device: Awaited<ReturnType<Harness["device"]>>;

  before(async () => {
    // A speech engine that reads the upload to its end, as the real ones do.
    const asr = {
      async recognize(audio: Readable) {
        for await (const _ of audio);
        return { text: "say hello" };
      },
    };
    h = await startHarness({ bodyIdleTimeoutMs: 2000, asr });
    device = await h.device();
    await device.client.openDownchannel();
  });
  after(() => h.close());

  it("eight 3 MB speech uploads answer 413, then the same connection still talks", async () => {
    const session = device.client.connect();
    for (let i = 0; i < 8; i++) {
      const answer = await device.client.sendEvent(
        { namespace: "SpeechRecognizer", name: "Recognize", payload: { lang: "en" } },
        { audio: Buffer.alloc(3 * MB), dialogRequestId: `d-${i}` },
      );
      assert.equal(answer.status, 413, `upload ${i}`);
      assert.match(String(answer.directives[0]?.payload["description"]), /larger than/);
    }
    const answer = await device.client.sendText("say still here");
    assert.equal(answer.status, 200);
    assert.equal(answer.directives[0]?.payload["text"], "still here");
    assert.equal(device.client.connect(), session, "one connection throughout");
  });

  it("uploads cancelled by the device (RST_STREAM CANCEL) leave the connection talking", async () => {
    // writeBody is what the SDK uses: without backpressure, five of these cancels left Node's
    // client session refusing every later answer with ENHANCE_YOUR_CALM.
    const session = device.client.connect();
    for (let i = 0; i < 10; i++) {
      const stream = session.request({
        ":method": "POST",
        ":path": "/v1/events",
        authorization: `Bearer ${device.accessToken}`,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      });
      stream.on("error", () => {});
      stream.resume();
      const closed = new Promise((r) => stream.once("close", r));
      void writeBody(
        stream,
        Buffer.concat([
          Buffer.from(metadataPart(speechEvent())),
          Buffer.from(audioPartHeader()),
          Buffer.alloc(2.5 * MB),
        ]),
      );
      setTimeout(() => stream.close(http2.constants.NGHTTP2_CANCEL), 5);
      await closed;
    }
    const answer = await device.client.sendText("say after cancels");
    assert.equal(answer.status, 200);
    assert.equal(device.client.connect(), session, "one connection throughout");
  });
});
