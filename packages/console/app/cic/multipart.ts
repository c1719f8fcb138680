// Incremental multipart parser for CIC answers and the downchannel (cic.md §5.1) over bytes
// from a fetch body reader: each part comes out as soon as the delimiter after it arrives.

export interface Part {
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export function boundaryOf(contentType: string | null): string | undefined {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2]) : undefined;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function indexOf(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  outer: for (
    let i = haystack.indexOf(first!, from);
    i >= 0 && i <= haystack.length - needle.length;
    i = haystack.indexOf(first!, i + 1)
  ) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export class MultipartParser {
  private buffer: Uint8Array = new Uint8Array(0);
  private started = false;
  ended = false;
  private readonly opening: Uint8Array;
  private readonly delimiter: Uint8Array;
  private readonly headerEnd = encoder.encode("\r\n\r\n");

  constructor(
    boundary: string,
    private readonly onPart: (part: Part) => void,
  ) {
    this.opening = encoder.encode(`--${boundary}`);
    this.delimiter = encoder.encode(`\r\n--${boundary}`);
  }

  push(chunk: Uint8Array): void {
    if (this.ended) return;
    this.buffer = concat(this.buffer, chunk);
    if (!this.started) {
      const at = indexOf(this.buffer, this.opening);
      if (at < 0) return;
      this.buffer = this.buffer.subarray(at + this.opening.length);
      this.started = true;
    }
    while (!this.ended && this.buffer.length >= 2) {
      if (this.buffer[0] === 0x2d && this.buffer[1] === 0x2d) {
        this.ended = true;
        return;
      }
      const end = indexOf(this.buffer, this.headerEnd);
      if (end < 0) return;
      const next = indexOf(this.buffer, this.delimiter, end + 4);
      if (next < 0) return;
      const headers: Record<string, string> = {};
      for (const line of decoder.decode(this.buffer.subarray(0, end)).split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon > 0)
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = this.buffer.slice(end + 4, next);
      this.buffer = this.buffer.subarray(next + this.delimiter.length);
      this.onPart({ headers, body });
    }
  }
}

/** A multipart/form-data body: the metadata JSON part, then an optional audio part. */
export function eventBody(
  metadata: unknown,
  audio?: Uint8Array,
): { body: Blob; contentType: string } {
  const boundary = `clover-console-${crypto.randomUUID()}`;
  const parts: BlobPart[] = [
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n`,
    JSON.stringify(metadata),
  ];
  if (audio)
    parts.push(
      `\r\n--${boundary}\r\nContent-Disposition: form-data; name="audio"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      audio as Uint8Array<ArrayBuffer>,
    );
  parts.push(`\r\n--${boundary}--\r\n`);
  return { body: new Blob(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const partText = (part: Part) => decoder.decode(part.body);
