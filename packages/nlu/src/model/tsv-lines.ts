// Line handling shared by the TSV formats (interaction-model.md §8.3): UTF-8 with an optional
// BOM, LF or CRLF, trailing TABs/whitespace and blank lines ignored.

export interface TsvLine {
  /** 1-based line number. */
  line: number;
  /** The line without trailing whitespace. */
  text: string;
}

export interface TsvCell {
  text: string;
  /** 1-based column of the cell's first character. */
  column: number;
}

export function tsvLines(tsv: string): TsvLine[] {
  const body = tsv.charCodeAt(0) === 0xfeff ? tsv.slice(1) : tsv;
  const out: TsvLine[] = [];
  body.split(/\r\n|\n|\r/).forEach((raw, i) => {
    // trimEnd, not /\s+$/: that pattern retries from every space of a long run followed by
    // anything else (quadratic: 300,000 spaces and a letter were a minute of CPU).
    const text = raw.trimEnd();
    if (text.trim() !== "") out.push({ line: i + 1, text });
  });
  return out;
}

/** Splits on TAB; cells keep their position, surrounding spaces are trimmed. */
export function tsvCells(text: string): TsvCell[] {
  const cells: TsvCell[] = [];
  let start = 0;
  for (const part of text.split("\t")) {
    const lead = part.length - part.trimStart().length;
    cells.push({ text: part.trim(), column: start + lead + 1 });
    start += part.length + 1;
  }
  return cells;
}

/** Text that cannot be written on one TSV cell. */
export function assertCell(text: string, what: string): string {
  if (/[\t\r\n]/.test(text))
    throw new Error(
      `${what} ${JSON.stringify(text)} contains a TAB or line break and cannot be written as TSV`,
    );
  return text;
}

/** Export file name: `<SlotTypeName>.tsv` / `<IntentName>.tsv` (§8.3). */
export function tsvFileName(name: string): string {
  return `${name}.tsv`;
}
