// Strict UTF-8 for request bodies: JSON (RFC 8259 §8.1) and forms are UTF-8, and a byte sequence
// that is not UTF-8 is refused with its offset instead of becoming U+FFFD replacement characters.
import { isUtf8 } from "node:buffer";

/** The offset of the first byte that does not start a well-formed UTF-8 sequence, else -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes after the lead, and the allowed range of the first one (no overlong
    // forms, no surrogates, nothing above U+10FFFF).
    let more: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) more = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      more = 2;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      more = 3;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (i + more >= bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k <= more; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return -1;
}

/** Why `bytes` are not UTF-8 (e.g. "invalid UTF-8 at byte offset 12 (0xFF)"), else undefined. */
export function utf8Problem(bytes: Uint8Array): string | undefined {
  const at = firstInvalidUtf8(bytes);
  if (at < 0) return undefined;
  const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, "0");
  return `invalid UTF-8 at byte offset ${at} (0x${byte})`;
}
