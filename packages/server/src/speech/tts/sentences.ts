// Splits an answer into sentences, so the first one can be synthesized (and heard) while the
// others are still being made. A sentence ends at . ! ? … (or their CJK forms) followed by a
// space or the end of the text; "3.5" and "e.g.x" stay whole.
const END = /(?<=[.!?…])\s+|(?<=[。！？])\s*/u;

/** Most characters in one piece: a run-on sentence is cut at a comma or a space near this. */
const LONGEST = 240;

export function splitSentences(text: string): string[] {
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
