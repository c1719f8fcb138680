// Strict UTF-8 of request bodies (api/utf8.ts): the first byte that does not start a well-formed
// sequence, checked against the WHATWG decoder in fatal mode on every kind of broken sequence.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { firstInvalidUtf8, utf8Problem } from "../../src/api/utf8.js";

const strict = new TextDecoder("utf-8", { fatal: true });
const valid = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe("strict UTF-8 of request bodies", () => {
  it("names the first byte of each kind of broken sequence", () => {
    const cases: [number[], number][] = [
      [[0x61, 0xff], 1], // never in UTF-8
      [[0x61, 0x80], 1], // a lone continuation byte
      [[0xc0, 0xaf], 0], // overlong "/"
      [[0xe0, 0x80, 0xaf], 0], // overlong, three bytes
      [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x7b, 0xe2, 0x82], 1], // cut off at the end
      [[0xc3, 0x28], 0], // a lead byte without its continuation
      [[0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9], -1], // € 😀 é
    ];
    for (const [bytes, at] of cases)
      assert.equal(
        firstInvalidUtf8(Uint8Array.from(bytes)),
        at,
        Buffer.from(bytes).toString("hex"),
      );
    assert.equal(utf8Problem(Buffer.from([0x22, 0xff])), "invalid UTF-8 at byte offset 1 (0xFF)");
    assert.equal(utf8Problem(Buffer.from("ok ✓")), undefined);
  });

  it("agrees with the fatal WHATWG decoder: valid up to the offset, invalid from it", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        const at = firstInvalidUtf8(bytes);
        assert.equal(at === -1, valid(bytes));
        if (at >= 0) {
          assert.ok(valid(bytes.subarray(0, at)), "the bytes before the offset are UTF-8");
          assert.ok(!valid(bytes.subarray(at)), "the bytes from the offset are not");
        }
      }),
      { numRuns: 5000, seed: 7 },
    );
  });
});
