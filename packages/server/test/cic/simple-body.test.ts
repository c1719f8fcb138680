// Event bodies read without the multipart parser (cic/simple-body.ts) come out exactly as busboy
// reads them: every body is sent over real HTTP twice, once with the plain content type (the
// direct reader may take it) and once with an extra parameter that always sends it to busboy,
// and both readings must agree — metadata, audio bytes, or the error and its status.
import assert from "node:assert/strict";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { DEFAULT_EVENT_LIMITS, readEventRequest } from "../../src/cic/event-request.js";
import { CicError } from "../../src/cic/exception.js";
import { readSimpleBody, simpleBoundary } from "../../src/cic/simple-body.js";

const B = "b0undary";
const METADATA = JSON.stringify({
  event: { header: { name: "Recognize" }, payload: { t: "é ✓" } },
});
const part = (headers: string, body: string) => `--${B}\r\n${headers}\r\n\r\n${body}\r\n`;
const DISPOSITION = 'Content-Disposition: form-data; name="metadata"';

async function readOver(server: Server, contentType: string, chunks: Buffer[]) {
  const { port } = server.address() as AddressInfo;
  return new Promise<string>((resolve, reject) => {
    const req = request(
      { port, method: "POST", headers: { "content-type": contentType } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () => resolve(text));
      },
    );
    req.on("error", reject);
    (async () => {
      for (const chunk of chunks) {
        req.write(chunk);
        await new Promise((r) => setTimeout(r, 2));
      }
      req.end();
    })();
  });
}

describe("event bodies read directly or by busboy", () => {
  let server: Server;
  before(async () => {
    server = createServer((req, res) => {
      const limits = { ...DEFAULT_EVENT_LIMITS, metadataBytes: 200, bodyIdleTimeoutMs: 2000 };
      readEventRequest(req, limits)
        .then(async (body) => {
          const audio: Buffer[] = [];
          body.audio.on("data", (c: Buffer) => audio.push(c));
          await body.finished;
          res.end(
            JSON.stringify({ metadata: body.metadata, audio: Buffer.concat(audio).toString() }),
          );
        })
        .catch((error: unknown) => {
          const e = error as CicError;
          res.end(JSON.stringify({ error: e instanceof CicError ? e.code : 0, m: e.message }));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const bodies: Record<string, string> = {
    "one metadata part": `${part(DISPOSITION, METADATA)}--${B}--\r\n`,
    "no final CRLF": `${part(DISPOSITION, METADATA)}--${B}--`,
    "with its JSON content type": `${part(`${DISPOSITION}\r\nContent-Type: application/json; charset=UTF-8`, METADATA)}--${B}--\r\n`,
    "an audio part after it": `${part(DISPOSITION, METADATA)}${part('Content-Disposition: form-data; name="audio"\r\nContent-Type: application/octet-stream', "PCMDATA")}--${B}--\r\n`,
    "a preamble": `hello\r\n${part(DISPOSITION, METADATA)}--${B}--\r\n`,
    "an epilogue": `${part(DISPOSITION, METADATA)}--${B}--\r\ntrailing words`,
    "a filename": `${part('Content-Disposition: form-data; name="metadata"; filename="m.json"', METADATA)}--${B}--\r\n`,
    "another part name": `${part('Content-Disposition: form-data; name="meta"', METADATA)}--${B}--\r\n`,
    "metadata over the limit": `${part(DISPOSITION, JSON.stringify({ x: "y".repeat(300) }))}--${B}--\r\n`,
    "metadata not JSON": `${part(DISPOSITION, "{nope")}--${B}--\r\n`,
    "cut off before the end": `${part(DISPOSITION, METADATA)}--${B}`,
    "no delimiter at all": `${DISPOSITION}\r\n\r\n${METADATA}`,
    "empty metadata": `${part(DISPOSITION, "")}--${B}--\r\n`,
  };

  // Metadata with a byte that is not UTF-8 (0xFF inside a JSON string), in every shape.
  const notUtf8 = Buffer.concat([
    Buffer.from('{"event":{"header":{"name":"Recognize"},"payload":{"t":"'),
    Buffer.from([0xc3, 0x28, 0xff]),
    Buffer.from('"}}}'),
  ]);
  const withBytes = (text: string) =>
    Buffer.concat(
      text
        .split("<M>")
        .flatMap((piece, i) => (i ? [notUtf8, Buffer.from(piece)] : [Buffer.from(piece)])),
    );
  const notUtf8Bodies: Record<string, Buffer> = {
    "one metadata part": withBytes(`${part(DISPOSITION, "<M>")}--${B}--\r\n`),
    "with its JSON content type": withBytes(
      `${part(`${DISPOSITION}\r\nContent-Type: application/json; charset=UTF-8`, "<M>")}--${B}--\r\n`,
    ),
    "an audio part after it": withBytes(
      `${part(DISPOSITION, "<M>")}${part('Content-Disposition: form-data; name="audio"', "PCMDATA")}--${B}--\r\n`,
    ),
    "a preamble": withBytes(`hello\r\n${part(DISPOSITION, "<M>")}--${B}--\r\n`),
    "a filename": withBytes(
      `${part('Content-Disposition: form-data; name="metadata"; filename="m.json"', "<M>")}--${B}--\r\n`,
    ),
  };
  const offset = notUtf8.indexOf(0xc3);
  for (const [label, bytes] of Object.entries(notUtf8Bodies)) {
    it(`metadata that is not UTF-8 (${label}): refused with 400 naming the byte, either way`, async () => {
      const expected = JSON.stringify({
        error: 400,
        m: `metadata part is not valid UTF-8: invalid UTF-8 at byte offset ${offset} (0xC3)`,
      });
      for (const type of [
        `multipart/form-data; boundary=${B}; x=1`,
        `multipart/form-data; boundary=${B}`,
      ])
        assert.equal(await readOver(server, type, [bytes]), expected, type);
      const pieces = [...Array(bytes.length).keys()].map((i) => bytes.subarray(i, i + 1));
      assert.equal(
        await readOver(server, `multipart/form-data; boundary="${B}"`, pieces),
        expected,
      );
    });
  }

  it("metadata that is not UTF-8 after a preamble longer than the room kept for the part's head: refused the same", async () => {
    // 40 KiB of preamble (busboy skips it, whatever its length), then the part.
    const preamble = Buffer.from(`${"p".repeat(40 * 1024)}\r\n`);
    const bytes = Buffer.concat([preamble, notUtf8Bodies["one metadata part"]!]);
    const expected = JSON.stringify({
      error: 400,
      m: `metadata part is not valid UTF-8: invalid UTF-8 at byte offset ${offset} (0xC3)`,
    });
    const delimiter = preamble.length + 2;
    const splits: Record<string, Buffer[]> = {
      whole: [bytes],
      "in 997-byte pieces": [...Array(Math.ceil(bytes.length / 997)).keys()].map((i) =>
        bytes.subarray(i * 997, (i + 1) * 997),
      ),
      // Cut inside the CRLF before the first delimiter, and inside the delimiter itself.
      "cut before the delimiter": [bytes.subarray(0, delimiter - 1), bytes.subarray(delimiter - 1)],
      "cut in the delimiter": [bytes.subarray(0, delimiter + 3), bytes.subarray(delimiter + 3)],
    };
    for (const [how, pieces] of Object.entries(splits))
      assert.equal(
        await readOver(server, `multipart/form-data; boundary=${B}`, pieces),
        expected,
        how,
      );
    // An unnamed part before the metadata (busboy skips it): the metadata's bytes are not
    // where the first part is, so they cannot be checked, and the body is refused.
    const unnamed = Buffer.from(
      `--${B}\r\nContent-Type: text/plain\r\n\r\nhello\r\n${part(DISPOSITION, METADATA)}--${B}--\r\n`,
    );
    assert.equal(
      await readOver(server, `multipart/form-data; boundary=${B}`, [unnamed]),
      JSON.stringify({
        error: 400,
        m: "metadata part is not readable as UTF-8: it is not the body's first part, or it names another charset",
      }),
    );
    // The same body with valid metadata is read as before.
    const valid = Buffer.concat([
      preamble,
      Buffer.from(`${part(DISPOSITION, METADATA)}--${B}--\r\n`),
    ]);
    const read = JSON.parse(await readOver(server, `multipart/form-data; boundary=${B}`, [valid]));
    assert.deepEqual(read.metadata, JSON.parse(METADATA));
  });

  for (const [label, text] of Object.entries(bodies)) {
    it(`${label}: the same reading either way, whole or byte by byte`, async () => {
      const bytes = Buffer.from(text);
      const viaBusboy = await readOver(server, `multipart/form-data; boundary=${B}; x=1`, [bytes]);
      const whole = await readOver(server, `multipart/form-data; boundary=${B}`, [bytes]);
      assert.equal(whole, viaBusboy);
      const pieces = [...Array(bytes.length).keys()].map((i) => bytes.subarray(i, i + 1));
      const split = await readOver(server, `multipart/form-data; boundary="${B}"`, pieces);
      assert.equal(split, viaBusboy);
    });
  }

  it("reads the plain shape itself and leaves every other shape to busboy", () => {
    assert.equal(simpleBoundary(`multipart/form-data; boundary=${B}`), B);
    assert.equal(simpleBoundary(`multipart/form-data; boundary="${B}"`), B);
    assert.equal(simpleBoundary(`multipart/form-data; boundary=${B}; x=1`), undefined);
    assert.equal(simpleBoundary("multipart/mixed; boundary=x"), undefined);
    const body = Buffer.from(bodies["one metadata part"]!);
    assert.deepEqual(readSimpleBody(body, B, 200), { metadata: Buffer.from(METADATA) });
    assert.equal(readSimpleBody(body.subarray(0, 30), B, 200), "incomplete");
    assert.equal(readSimpleBody(Buffer.from(bodies["an audio part after it"]!), B, 200), "other");
    assert.equal(readSimpleBody(Buffer.from(bodies["a preamble"]!), B, 200), "other");
    assert.equal(readSimpleBody(body, B, 10), "other");
  });
});
