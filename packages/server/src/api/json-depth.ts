// How deep a JSON text nests, read before it is parsed: JSON.parse copes with any depth, but
// what walks the value afterwards (JSON.stringify, validators, loggers) recurses and throws past
// a few thousand levels. No document Clover reads nests anywhere near this limit.

/** Deepest nesting of arrays and objects accepted in JSON from the network. */
export const MAX_JSON_DEPTH = 64;

const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when `json` (text or its UTF-8 bytes) nests arrays and objects deeper than `max`.
 * Brackets inside strings do not count; the text need not be valid JSON.
 */
export function nestsDeeperThan(json: string | Uint8Array, max = MAX_JSON_DEPTH): boolean {
  const text = typeof json === "string";
  const length = json.length;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < length; i++) {
    const c = text ? (json as string).charCodeAt(i) : (json as Uint8Array)[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > max) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}
