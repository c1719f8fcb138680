// Incremental multipart parser for CIC responses and the downchannel (cic.md §5.1). A part is
// emitted as soon as the delimiter after it has arrived, so a never-ending downchannel stream
// yields each directive at once.
// After a delimiter, the rest of its line is not part of the next part: transport padding
// (RFC 2046 §5.1.1, spaces and tabs before the CRLF) lands there and is skipped with it, as the
// header reader ignores a line without a colon. A line that starts like a delimiter but goes on
// with anything else (`--boundaryX…`, in the same chunk) is not one (RFC 2046 §5.1.1): it stays
// in the body.

export interface MultipartPart {
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary parameter of a multipart Content-Type header, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

const CRLF2 = Buffer.from("\r\n\r\n");

export class MultipartParser {
  private buffer: Buffer = Buffer.alloc(0);
  private started = false;
  private finished = false;
  private readonly opening: Buffer;
  private readonly delimiter: Buffer;

  constructor(
    boundary: string,
    private readonly onPart: (part: MultipartPart) => void,
  ) {
    this.opening = Buffer.from(`--${boundary}`);
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  /** True once the closing delimiter `--boundary--` has been read. */
  get ended(): boolean {
    return this.finished;
  }

  push(chunk: Buffer): void {
    if (this.finished) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    this.drain();
  }

  private delimiterAt(from: number): number {
    return delimiterIn(this.buffer, this.delimiter, from);
  }

  private drain(): void {
    if (!this.started) {
      const at = this.buffer.indexOf(this.opening);
      if (at < 0) return;
      this.buffer = this.buffer.subarray(at + this.opening.length);
      this.started = true;
    }
    while (!this.finished) {
      if (this.buffer.length < 2) return;
      if (this.buffer[0] === 0x2d && this.buffer[1] === 0x2d) {
        this.finished = true;
        this.buffer = Buffer.alloc(0);
        return;
      }
      const headerEnd = this.buffer.indexOf(CRLF2);
      if (headerEnd < 0) return;
      const next = this.delimiterAt(headerEnd + CRLF2.length);
      if (next < 0) return;
      const headers = parseHeaders(this.buffer.subarray(0, headerEnd).toString("utf8"));
      const body = Buffer.from(this.buffer.subarray(headerEnd + CRLF2.length, next));
      this.buffer = this.buffer.subarray(next + this.delimiter.length);
      this.onPart({ headers, body });
    }
  }
}

/**
 * Where the next delimiter starts at or after `from`, or -1. A delimiter is followed by `--`
 * (the close), padding or its CRLF; one whose next byte has not arrived yet counts, so a part
 * the server ends with a bare delimiter (the next part's CRLF comes with it) is read at once.
 */
function delimiterIn(buffer: Buffer, delimiter: Buffer, from: number): number {
  for (let at = buffer.indexOf(delimiter, from); at >= 0; at = buffer.indexOf(delimiter, at + 1)) {
    const next = buffer[at + delimiter.length];
    const then = buffer[at + delimiter.length + 1];
    if (next === undefined || next === 0x20 || next === 0x09 || next === 0x0d) return at;
    if (next === 0x2d && (then === undefined || then === 0x2d)) return at;
  }
  return -1;
}

/** Parses a complete multipart body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const parts: MultipartPart[] = [];
  new MultipartParser(boundary, (part) => parts.push(part)).push(body);
  return parts;
}
