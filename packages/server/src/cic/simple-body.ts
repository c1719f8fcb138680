// The common shape of a text event's body (cic.md §4): one `metadata` part, JSON, nothing else.
// Read directly, it costs a fraction of a general multipart parser; a body of any other shape
// (audio parts, a filename, other headers, a preamble, a field over the size limit, a body cut
// off…) is left to busboy, which gives it exactly the handling it always had.

/** The boundary of a `multipart/form-data` content type in its plainest spelling, else undefined. */
export function simpleBoundary(contentType: string): string | undefined {
  const match =
    /^multipart\/form-data;[ \t]*boundary=(?:"([^"\\]{1,70})"|([\w'()+,\-./:=?]{1,70}))$/i.exec(
      contentType,
    );
  const boundary = match?.[1] ?? match?.[2];
  // A quoted boundary ending in a space is legal, and busboy's to handle.
  return boundary === undefined || boundary.endsWith(" ") ? undefined : boundary;
}

const DISPOSITION = /^content-disposition:[ \t]*form-data;[ \t]*name="metadata"[ \t]*$/i;
const JSON_TYPE =
  /^content-type:[ \t]*application\/json(?:;[ \t]*charset=(?:utf-?8|"utf-?8"))?[ \t]*$/i;

/**
 * What the bytes so far are: the whole simple body (its metadata bytes), the beginning of one
 * ("incomplete"), or a body of another shape ("other").
 */
export function readSimpleBody(
  bytes: Buffer,
  boundary: string,
  maxMetadataBytes: number,
): { metadata: Buffer } | "incomplete" | "other" {
  const opening = `--${boundary}\r\n`;
  if (bytes.length < opening.length)
    return opening.startsWith(bytes.toString("latin1")) ? "incomplete" : "other";
  if (bytes.toString("latin1", 0, opening.length) !== opening) return "other";
  const headersEnd = bytes.indexOf("\r\n\r\n", opening.length, "latin1");
  if (headersEnd < 0) return bytes.length - opening.length > 1024 ? "other" : "incomplete";
  let disposition = false;
  let type = false;
  for (const line of bytes.toString("latin1", opening.length, headersEnd).split("\r\n")) {
    if (!disposition && DISPOSITION.test(line)) disposition = true;
    else if (!type && JSON_TYPE.test(line)) type = true;
    else return "other";
  }
  if (!disposition) return "other";
  const start = headersEnd + 4;
  const end = bytes.indexOf(`\r\n--${boundary}`, start, "latin1");
  if (end < 0) return bytes.length - start > maxMetadataBytes ? "other" : "incomplete";
  if (end - start > maxMetadataBytes) return "other";
  // The closing delimiter, optionally followed by CRLF: the whole body. Anything else (another
  // part, an epilogue) is busboy's.
  const after = bytes.toString("latin1", end + 4 + boundary.length);
  if (after.length < 2) return after === "" || after === "-" ? "incomplete" : "other";
  if (after !== "--" && after !== "--\r\n") return after === "--\r" ? "incomplete" : "other";
  return { metadata: bytes.subarray(start, end) };
}

/** Room for the first delimiter line and the part's headers (busboy: 16 KiB at most) before the metadata bytes. */
export const PART_HEAD_BYTES = 32 * 1024;

/** The multipart boundary named by a content type, as busboy reads it. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;[ \t]*boundary=(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(contentType);
  return match?.[1]?.replace(/\\(.)/g, "$1") ?? match?.[2];
}

/**
 * Where `delimiter` starts a delimiter line in `bytes`, the way busboy finds the first one:
 * after CRLF, or at the very start of the body (`bodyStart`: `bytes` begins there); -1: none.
 */
function delimiterAt(bytes: Buffer, delimiter: string, bodyStart: boolean): number {
  let at = bytes.indexOf(delimiter, 0, "latin1");
  while (at >= 0) {
    if (at === 0 ? bodyStart : at >= 2 && bytes[at - 2] === 0x0d && bytes[at - 1] === 0x0a)
      return at;
    at = bytes.indexOf(delimiter, at + 1, "latin1");
  }
  return -1;
}

/**
 * The bytes of a multipart body where its first part is, kept while the body streams in: from
 * the first delimiter line on, up to `room` bytes. A preamble before it, which busboy skips
 * whatever its length, is dropped as it passes (only the few bytes a delimiter cut between two
 * chunks needs are kept), so the first part is found however late it starts.
 */
export class FirstPartHead {
  readonly #delimiter: string | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  /** The first delimiter is in `#chunks` (which then begin with it, or with the CRLF before it). */
  #found = false;
  /** Preamble bytes dropped so far. */
  #dropped = 0;

  constructor(
    contentType: string,
    private readonly room: number,
  ) {
    const boundary = boundaryOf(contentType);
    this.#delimiter = boundary ? `--${boundary}` : undefined;
    // Without a boundary busboy refuses the body; the first bytes are kept as they come.
    if (!this.#delimiter) this.#found = true;
  }

  push(chunk: Buffer): void {
    if (this.#found) {
      const left = this.room - this.#size;
      if (left <= 0) return;
      const kept = chunk.length > left ? chunk.subarray(0, left) : chunk;
      this.#chunks.push(kept);
      this.#size += kept.length;
      return;
    }
    const delimiter = this.#delimiter!;
    const joined = this.#chunks.length === 0 ? chunk : Buffer.concat([...this.#chunks, chunk]);
    const at = delimiterAt(joined, delimiter, this.#dropped === 0);
    if (at >= 0) {
      this.#found = true;
      this.#chunks = [];
      this.#size = 0;
      this.push(joined.subarray(at === 0 ? 0 : at - 2));
      return;
    }
    // A delimiter cut between chunks starts within its own length of the end; its CRLF before.
    const keep = Math.min(joined.length, delimiter.length + 1);
    this.#dropped += joined.length - keep;
    this.#chunks = [Buffer.from(joined.subarray(joined.length - keep))];
    this.#size = keep;
  }

  /** The bytes kept: from the first delimiter line on (or a preamble's last bytes). */
  bytes(): Buffer {
    return this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#size);
  }
}

/**
 * The bytes of the first part's body, found in the first bytes of a multipart body the way busboy
 * finds them (the first delimiter line, the headers up to an empty line, the body up to the next
 * delimiter); undefined when they are not all in `head` or the boundary cannot be read. `head`
 * begins at the body's start or with the CRLF before the first delimiter (FirstPartHead).
 */
export function firstPartBytes(head: Buffer, contentType: string): Buffer | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary) return undefined;
  const delimiter = `--${boundary}`;
  const at = delimiterAt(head, delimiter, true);
  if (at < 0) return undefined;
  const lineEnd = head.indexOf("\r\n", at + delimiter.length, "latin1");
  if (lineEnd < 0) return undefined;
  const headersEnd = head.indexOf("\r\n\r\n", lineEnd, "latin1");
  if (headersEnd < 0) return undefined;
  const start = headersEnd + 4;
  const end = head.indexOf(`\r\n${delimiter}`, start, "latin1");
  return end < 0 ? undefined : head.subarray(start, end);
}
