// The simulator's byte handling, run under Node (same Web APIs): the multipart parser fed in
// awkward chunks, the event body it builds, and the 16 kHz PCM downsampler.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { toPcm16k } from "../app/cic/mic.js";
import {
  boundaryOf,
  eventBody,
  MultipartParser,
  type Part,
  partText,
} from "../app/cic/multipart.js";

const bytes = (text: string) => new TextEncoder().encode(text);

function related(boundary: string, mp3: Uint8Array): Uint8Array {
  const head = bytes(
    `--${boundary}\r\nContent-Type: application/json; charset=utf-8\r\n\r\n` +
      `{"directive":{"header":{"namespace":"SpeechSynthesizer","name":"Speak","messageId":"m1"},"payload":{"url":"cid:a1"}}}` +
      `\r\n--${boundary}\r\nContent-ID: <a1>\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = bytes(`\r\n--${boundary}--\r\n`);
  const out = new Uint8Array(head.length + mp3.length + tail.length);
  out.set(head);
  out.set(mp3, head.length);
  out.set(tail, head.length + mp3.length);
  return out;
}

describe("multipart/related parsing", () => {
  const mp3 = Uint8Array.from({ length: 300 }, (_, i) => (i * 7 + 13) % 256);
  // Binary that contains CR LF and dashes, as MP3 frames may.
  mp3.set(bytes("\r\n--x"), 100);

  for (const size of [1, 7, 64, 100000]) {
    it(`finds both parts with ${size}-byte chunks`, () => {
      const body = related("b0undary", mp3);
      const parts: Part[] = [];
      const parser = new MultipartParser("b0undary", (p) => parts.push(p));
      for (let at = 0; at < body.length; at += size) parser.push(body.subarray(at, at + size));
      assert.equal(parts.length, 2);
      assert.match(partText(parts[0]!), /"name":"Speak"/);
      assert.equal(parts[1]!.headers["content-id"], "<a1>");
      assert.deepEqual([...parts[1]!.body], [...mp3]);
      assert.equal(parser.ended, true);
    });
  }

  it("emits a part only once the next delimiter has arrived (a live downchannel)", () => {
    const parts: Part[] = [];
    const parser = new MultipartParser("dc", (p) => parts.push(p));
    parser.push(bytes('--dc\r\nContent-Type: application/json\r\n\r\n{"directive":{}}'));
    assert.equal(parts.length, 0);
    parser.push(bytes("\r\n--dc"));
    assert.equal(parts.length, 1);
    assert.equal(parser.ended, false);
  });

  it("reads quoted and bare boundaries", () => {
    assert.equal(boundaryOf('multipart/related; boundary="a b"; type=x'), "a b");
    assert.equal(boundaryOf("multipart/related;boundary=abc123"), "abc123");
    assert.equal(boundaryOf("application/json"), undefined);
    assert.equal(boundaryOf(null), undefined);
  });
});

describe("event bodies", () => {
  it("puts the metadata first and the audio after it, byte for byte", async () => {
    const audio = Uint8Array.from([0, 1, 2, 253, 254, 255]);
    const { body, contentType } = eventBody({ event: { header: { name: "Recognize" } } }, audio);
    const boundary = boundaryOf(contentType)!;
    assert.match(contentType, /^multipart\/form-data; boundary=/);
    const parts: Part[] = [];
    new MultipartParser(boundary, (p) => parts.push(p)).push(
      new Uint8Array(await body.arrayBuffer()),
    );
    assert.equal(parts.length, 2);
    assert.match(parts[0]!.headers["content-disposition"]!, /name="metadata"/);
    assert.deepEqual(JSON.parse(partText(parts[0]!)), { event: { header: { name: "Recognize" } } });
    assert.match(parts[1]!.headers["content-disposition"]!, /name="audio"/);
    assert.deepEqual([...parts[1]!.body], [...audio]);
  });
});

describe("downsampling to 16 kHz PCM", () => {
  it("turns 48 kHz float samples into a third as many little-endian 16-bit samples", () => {
    const second = new Float32Array(48000).map(
      (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 48000),
    );
    const pcm = toPcm16k([second.subarray(0, 20000), second.subarray(20000)], 48000);
    assert.equal(pcm.length, 16000 * 2);
    const view = new DataView(pcm.buffer);
    let peak = 0;
    for (let i = 0; i < 16000; i++) peak = Math.max(peak, Math.abs(view.getInt16(i * 2, true)));
    // A 440 Hz tone survives the averaging almost unchanged (0.5 of full scale).
    assert.ok(peak > 15000 && peak < 16500, `peak ${peak}`);
  });

  it("clips out-of-range input and keeps silence silent", () => {
    const pcm = toPcm16k([Float32Array.from([2, 2, 2, -2, -2, -2, 0, 0, 0])], 48000);
    const view = new DataView(pcm.buffer);
    assert.deepEqual(
      [view.getInt16(0, true), view.getInt16(2, true), view.getInt16(4, true)],
      [32767, -32768, 0],
    );
  });
});
