// The common shape of a text event's body (cic.md §4): one `metadata` part, JSON, nothing else.
// Read directly, it costs a fraction of a general multipart parser; a body of any other shape
// (audio parts, a filename, other headers, a preamble, a field over the size limit, a body cut
// off…) is left to busboy, which gives it exactly the handling it always had.
import { multipartBoundary } from "./transport-padding.js";

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

/** Room for a preamble and the part's headers before the metadata bytes in `firstPartBytes`. */
export const PART_HEAD_BYTES = 32 * 1024;

/**
 * The bytes of the first part's body, found in the first bytes of a multipart body the way busboy
 * finds them (the first delimiter line, the headers up to an empty line, the body up to the next
 * delimiter); undefined when they are not all in `head` or the boundary cannot be read.
 */
export function firstPartBytes(head: Buffer, contentType: string): Buffer | undefined {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return undefined;
  const delimiter = `--${boundary}`;
  let at = head.indexOf(delimiter, 0, "latin1");
  while (at > 0 && head.toString("latin1", at - 2, at) !== "\r\n")
    at = head.indexOf(delimiter, at + 1, "latin1");
  if (at < 0) return undefined;
  const lineEnd = head.indexOf("\r\n", at + delimiter.length, "latin1");
  if (lineEnd < 0) return undefined;
  const headersEnd = head.indexOf("\r\n\r\n", lineEnd, "latin1");
  if (headersEnd < 0) return undefined;
  const start = headersEnd + 4;
  const end = head.indexOf(`\r\n${delimiter}`, start, "latin1");
  return end < 0 ? undefined : head.subarray(start, end);
}
