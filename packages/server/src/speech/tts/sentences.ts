// Splits an answer into sentences, so the first one can be synthesized (and heard) while the
// others are still being made. A sentence ends at . ! ? … (or their CJK forms) followed by a
// space or the end of the text; "3.5" and "e.g.x" stay whole.
const END = /(?<=[.!?…])\s+|(?<=[。！？])\s*/u;

/** Most characters in one piece: a run-on sentence is cut at a comma or a space near this. */
const LONGEST = 240;

/**
 * A first sentence longer than this is cut at its first comma (when both sides keep a few words),
 * so the first audio is ready sooner: synthesis time grows with the length of the piece.
 */
const FIRST_PIECE = 30;

export function splitSentences(text: string, shortFirst = true): string[] {
  const sentences = splitWhole(text);
  const first = sentences[0];
  if (shortFirst && first && first.length > FIRST_PIECE) {
    const comma = first.search(/[,、]\s/u);
    if (comma >= 16 && first.length - comma > 8)
      sentences.splice(0, 1, first.slice(0, comma + 1), first.slice(comma + 1).trim());
  }
  return sentences;
}

function splitWhole(text: string): string[] {
  const sentences: string[] = [];
  for (const raw of text.split(END)) {
    let rest = raw.trim();
    while (rest.length > LONGEST) {
      const window = rest.slice(0, LONGEST);
      const cut =
        Math.max(window.lastIndexOf(", "), window.lastIndexOf("、")) + 1 || window.lastIndexOf(" ");
      const at = cut > LONGEST / 3 ? cut : LONGEST;
      sentences.push(rest.slice(0, at).trim());
      rest = rest.slice(at).trim();
    }
    if (rest) sentences.push(rest);
  }
  return sentences;
}
