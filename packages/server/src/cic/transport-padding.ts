// RFC 2046 §5.1.1 lets a sender put linear whitespace ("transport padding") between a boundary
// delimiter and the CRLF that ends its line: `--b  \r\n`, `--b--\t\r\n`. busboy takes the
// delimiter only when CRLF or "--" follows at once, so this stream removes the padding on the
// way in. Nothing else is touched: whitespace after a delimiter that is not followed by CRLF is
// passed on as it came (the body is then malformed, and busboy says so).
import { Transform, type TransformCallback } from "node:stream";

/** More padding than this is not padding (a bound on what is held back). */
const MAX_PADDING = 1024;
const SP = 0x20;
const HT = 0x09;
const CR = 0x0d;
const CRLF = Buffer.from("\r\n", "latin1");

export class TransportPaddingFilter extends Transform {
  /** CRLF + "--" + boundary: a delimiter line (the body's first one is read as if CRLF came first). */
  readonly #delimiter: Buffer;
  /** Bytes held back: the start of a delimiter, or a delimiter and padding not yet ended. */
  #carry: Buffer = CRLF;
  /** The made-up CRLF in front of the body is not passed on. */
  #skip = CRLF.length;

  constructor(boundary: string) {
    super();
    this.#delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const data = this.#carry.length === 0 ? chunk : Buffer.concat([this.#carry, chunk]);
    this.#carry = Buffer.alloc(0);
    this.#scan(data);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.#emit(this.#carry);
    this.#carry = Buffer.alloc(0);
    done();
  }

  #scan(data: Buffer): void {
    const delimiter = this.#delimiter;
    let from = 0;
    let at = data.indexOf(delimiter);
    while (at >= 0) {
      const end = at + delimiter.length;
      let after = end;
      // A close delimiter ("--" after the boundary) may be padded too.
      if (data[after] === 0x2d && data[after + 1] === 0x2d) after += 2;
      let padded = after;
      while (padded < data.length && padded - after <= MAX_PADDING) {
        const byte = data[padded];
        if (byte !== SP && byte !== HT) break;
        padded++;
      }
      if (padded === data.length && padded - after <= MAX_PADDING) {
        // The padding (or the "--") may go on in the next chunk: held back from the delimiter on.
        this.#emit(data.subarray(from, at));
        this.#carry = Buffer.from(data.subarray(at));
        return;
      }
      if (padded > after && data[padded] === CR) {
        this.#emit(data.subarray(from, after));
        from = padded;
      }
      at = data.indexOf(delimiter, Math.max(end, from));
    }
    // The end may be the beginning of a delimiter split across chunks.
    let keep = Math.max(from, data.length - delimiter.length + 1);
    while (
      keep < data.length &&
      !delimiter.subarray(0, data.length - keep).equals(data.subarray(keep))
    )
      keep++;
    this.#emit(data.subarray(from, keep));
    if (keep < data.length) this.#carry = Buffer.from(data.subarray(keep));
  }

  #emit(bytes: Buffer): void {
    let out = bytes;
    if (this.#skip > 0) {
      const skipped = Math.min(this.#skip, out.length);
      this.#skip -= skipped;
      out = out.subarray(skipped);
    }
    if (out.length > 0) this.push(out);
  }
}
