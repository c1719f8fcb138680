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
  return splitPieces(text, shortFirst).map((piece) => piece.text);
}

export interface Piece {
  text: string;
  /** The piece goes on with the sentence of the one before (a sentence cut at a comma or a space). */
  continues: boolean;
}

/** The pieces of an answer, saying which go on with the sentence before them. */
export function splitPieces(text: string, shortFirst = true): Piece[] {
  const pieces = splitWhole(text);
  const first = pieces[0]?.text;
  if (shortFirst && first && first.length > FIRST_PIECE) {
    const comma = first.search(/[,、]\s/u);
    if (comma >= 16 && first.length - comma > 8) {
      pieces.splice(
        0,
        1,
        { text: first.slice(0, comma + 1), continues: false },
        { text: first.slice(comma + 1).trim(), continues: true },
      );
    }
  }
  return pieces;
}

function splitWhole(text: string): Piece[] {
  const pieces: Piece[] = [];
  for (const raw of text.split(END)) {
    let rest = raw.trim();
    let continues = false;
    while (rest.length > LONGEST) {
      const window = rest.slice(0, LONGEST);
      const cut =
        Math.max(window.lastIndexOf(", "), window.lastIndexOf("、")) + 1 || window.lastIndexOf(" ");
      const at = cut > LONGEST / 3 ? cut : LONGEST;
      pieces.push({ text: rest.slice(0, at).trim(), continues });
      continues = true;
      rest = rest.slice(at).trim();
    }
    if (rest) pieces.push({ text: rest, continues });
  }
  return pieces;
}
