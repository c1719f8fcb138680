// A line that starts like the boundary's delimiter but goes on is body text, not a delimiter
// (RFC 2046 §5.1.1: after the boundary only `--`, padding or the CRLF may follow); a real
// delimiter still ends its part at once, before the CRLF after it has arrived.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MultipartParser, parseMultipart } from "../src/multipart.js";

const B = "b0undary";
const head = "Content-Type: text/plain\r\n\r\n";

describe("multipart delimiters read by @clover/device", () => {
  it("keeps a line that only starts like the delimiter in the body", () => {
    const body = `--${B}\r\n${head}one\r\n--${B}X is text\r\n--${B}-y too\r\n--${B}\r\n${head}two\r\n--${B}--\r\n`;
    const parts = parseMultipart(Buffer.from(body), B);
    assert.deepEqual(
      parts.map((p) => p.body.toString()),
      [`one\r\n--${B}X is text\r\n--${B}-y too`, "two"],
    );
  });

  it("ends a part at a bare delimiter whose CRLF has not arrived yet", () => {
    const seen: string[] = [];
    const parser = new MultipartParser(B, (part) => seen.push(part.body.toString()));
    parser.push(Buffer.from(`--${B}\r\n${head}first\r\n--${B}`));
    assert.deepEqual(seen, ["first"]);
    parser.push(Buffer.from(`\r\n${head}second\r\n--${B}`));
    assert.deepEqual(seen, ["first", "second"]);
    parser.push(Buffer.from("--\r\n"));
    assert.equal(parser.ended, true);
  });
});
