// Transport padding in event bodies (cic.md §4.2 "the standard boundary rules", RFC 2046
// §5.1.1): spaces and tabs between a boundary delimiter and its CRLF are allowed, after the
// opening, the middle and the closing delimiter, over HTTP/2 and HTTP/1.1, also when the padding
// arrives split across DATA frames.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  guestTokens,
  type H2Answer,
  httpsCall,
  newProduct,
  type Product,
  RawDevice,
  type Running,
  startServer,
  textRecognize,
  USER_AGENT,
} from "./raw.js";

const B = "pad-7c1d0b58e2";

/** A text event whose delimiter lines carry `pad` before their CRLF. */
function paddedBody(text: string, pad: string, closePad = pad): string {
  const metadata = JSON.stringify(textRecognize(text));
  return (
    `--${B}${pad}\r\nContent-Disposition: form-data; name="metadata"\r\n` +
    `Content-Type: application/json; charset=UTF-8\r\n\r\n${metadata}\r\n` +
    `--${B}${pad}\r\nContent-Disposition: form-data; name="audio"\r\n` +
    `Content-Type: application/octet-stream\r\n\r\n\r\n--${B}--${closePad}\r\n`
  );
}

const spoken = (answer: H2Answer) =>
  answer.directives.filter(
    (d) => d.header.namespace === "SpeechSynthesizer" && d.header.name === "Speak",
  );

describe("transport padding after multipart boundaries (RFC 2046 §5.1.1)", () => {
  let running: Running;
  let product: Product;
  let device: RawDevice;
  let token: string;

  before(async () => {
    running = await startServer();
    product = await newProduct(running.url);
    token = (await guestTokens(running.url, product, `pad-${randomUUID()}`)).access_token;
    device = new RawDevice(running.url, token);
    assert.equal((await device.openDownchannel()).status, 200);
  });
  after(async () => {
    device?.close();
    await running?.close();
  });

  const headers = () =>
    device.headers({
      ":method": "POST",
      ":path": "/v1/events",
      "content-type": `multipart/form-data; boundary=${B}`,
    });

  it("reads an HTTP/2 event whose delimiters are padded with spaces and tabs", async () => {
    for (const pad of [" ", "\t", " \t  \t"]) {
      const answer = await device.request(headers(), paddedBody("hello", pad));
      assert.equal(answer.status, 200, `${JSON.stringify(pad)}: ${answer.body}`);
      assert.ok(spoken(answer).length > 0, `${JSON.stringify(pad)}: an answer is spoken`);
    }
  });

  it("reads padding that arrives split across DATA frames", async () => {
    const body = Buffer.from(paddedBody("hello", "     "));
    const answer = await new Promise<H2Answer>((resolve, reject) => {
      const stream = device.session.request(headers());
      let status = 0;
      const chunks: Buffer[] = [];
      stream.on("response", (h) => {
        status = Number(h[":status"]);
      });
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", reject);
      stream.on("close", () =>
        resolve({
          status,
          headers: {},
          body: Buffer.concat(chunks),
          parts: [],
          directives: [],
        }),
      );
      // Two bytes at a time, each written once the previous one left: the delimiters and
      // their padding are cut everywhere.
      let at = 0;
      const next = () => {
        if (at >= body.length) return void stream.end();
        const piece = body.subarray(at, at + 2);
        at += 2;
        stream.write(piece, () => setImmediate(next));
      };
      next();
    });
    assert.equal(answer.status, 200, answer.body.toString());
  });

  it("reads padded delimiters over HTTP/1.1 too", async () => {
    const answer = await httpsCall(`${running.url}/v1/events`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "user-agent": USER_AGENT,
        "content-type": `multipart/form-data; boundary=${B}`,
      },
      body: paddedBody("hello", " \t "),
    });
    assert.equal(answer.status, 200, answer.body.toString());
  });

  it("still refuses a delimiter followed by something other than padding and CRLF", async () => {
    const metadata = JSON.stringify(textRecognize("hello"));
    const body =
      `--${B}  x\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${metadata}\r\n` +
      `--${B}--\r\n`;
    const answer = await device.request(headers(), body);
    assert.equal(answer.status, 400, answer.body.toString());
    assert.equal(answer.exception?.code, 400);
  });

  it("keeps the bytes of a part that only look like padding (a delimiter-like line inside JSON is not one)", async () => {
    // A string value containing spaces right after the boundary text, not at a line start.
    const metadata = JSON.stringify(textRecognize(`hello --${B}   there`));
    const body =
      `--${B}\r\nContent-Disposition: form-data; name="metadata"\r\n` +
      `Content-Type: application/json\r\n\r\n${metadata}\r\n--${B}-- \r\n`;
    const answer = await device.request(headers(), body);
    assert.equal(answer.status, 200, answer.body.toString());
  });
});
