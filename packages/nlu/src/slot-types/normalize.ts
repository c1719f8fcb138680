// Width/case folding that keeps a map back to the caller's offsets, so spans found in the
// normalized text can be reported against the original utterance.

export interface NormalizedText {
  text: string;
  /** toOriginal[i] = offset in the original of normalized offset i (length text.length + 1). */
  toOriginal: number[] | undefined;
}

// Characters whose NFKC form and lower-case form are themselves, one code unit each.
const PLAIN =
  /^[\u0020-\u0040\u005b-\u007e\u3041-\u3096\u30a1-\u30fa\u30fc\u4e00-\u9fff\uac00-\ud7a3\u3001\u3002]*$/;

/** NFKC + lower case, with "〜"/"～" as "~". Length-preserving for almost every input. */
export function normalizeSlotText(input: string): NormalizedText {
  if (PLAIN.test(input)) return { text: input, toOriginal: undefined };
  let out = "";
  const map: number[] = [];
  let sameLength = true;
  for (let i = 0; i < input.length; ) {
    const cp = input.codePointAt(i)!;
    const size = cp > 0xffff ? 2 : 1;
    const piece = foldChar(input.slice(i, i + size));
    if (piece.length !== size) sameLength = false;
    for (let k = 0; k < piece.length; k++) map.push(i);
    out += piece;
    i += size;
  }
  map.push(input.length);
  return { text: out, toOriginal: sameLength ? undefined : map };
}

function foldChar(ch: string): string {
  if (ch === "〜" || ch === "～") return "~";
  if (ch === "\u3000") return " ";
  return ch.normalize("NFKC").toLowerCase();
}

export function foldText(input: string): string {
  return normalizeSlotText(input).text;
}

/** Original offset of a normalized offset. */
export function originalOffset(n: NormalizedText, offset: number): number {
  return n.toOriginal ? n.toOriginal[offset]! : offset;
}

/** Korean particles and copulas that may follow a value ("세 개를", "서울에서"). */
export const KO_PARTICLES =
  "(?:으로|에서|까지|부터|이요|이랑|하고|입니다|이에요|예요|이야|을|를|은|는|이|가|도|만|로|에|요|랑|와|과|야|씩|짜리|쯤|정도)";
