// Findings of model validation and TSV import (interaction-model.md §7.1, §8.3).

export interface ModelIssue {
  severity: "error" | "warning";
  message: string;
  /** JSON path into the model document, e.g. `intents[2].utterances[5]`. */
  path?: string;
  /** TSV file name, with `line` and `column` (both 1-based). */
  file?: string;
  line?: number;
  column?: number;
}

/** A malformed utterance example or model part; `column` is 1-based when known. */
export class ModelError extends Error {
  readonly column: number | undefined;
  constructor(message: string, column?: number) {
    super(column === undefined ? message : `column ${column}: ${message}`);
    this.name = "ModelError";
    this.column = column;
  }
}

/** `file:line:column: message` (or `path: message`) — one line per issue, for CLIs and logs. */
export function formatIssue(issue: ModelIssue): string {
  const where = issue.file
    ? [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(":")
    : issue.path;
  const head = issue.severity === "warning" ? "warning: " : "";
  return where ? `${where}: ${head}${issue.message}` : `${head}${issue.message}`;
}
