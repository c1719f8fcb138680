// Loads a model from a JSON/YAML file or a TSV directory and validates it: schema first
// (InteractionModelMessage), then the NLU's checks; every finding placed at file:line:column.
import { statSync } from "node:fs";
import { locateIntentIssues, type ModelIssue, validateModel } from "@clover/nlu";
import { type InteractionModel, InteractionModelMessage } from "@clover/protocol";
import { readDocument, readText } from "../core/files.js";
import { locator, pathSegments } from "./locate.js";
import { readTsvDir } from "./tsv-dir.js";

export interface LoadedModel {
  /** Undefined when the document does not have the model's shape. */
  model?: InteractionModel;
  issues: ModelIssue[];
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The JSON path stays in the message (file:line:column alone does not say which field). */
const withPath = (message: string, path: string | undefined) =>
  path && path !== "(root)" && !message.startsWith(path) ? `${path}: ${message}` : message;

export function loadModel(
  path: string,
  defaults: { language?: string; invocation?: string } = {},
): LoadedModel {
  if (isDirectory(path)) return loadTsvModel(path, defaults);
  const source = readText(path);
  const value = readDocument(path);
  const where = locator(source);
  const place = (issue: ModelIssue): ModelIssue => {
    const pos = where(issue.path);
    return {
      ...issue,
      message: withPath(issue.message, issue.path),
      file: path,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
    };
  };
  const checked = InteractionModelMessage.validate(value);
  if (!checked.ok)
    return {
      issues: checked.issues.map((i) =>
        place({ severity: "error", message: i.message, path: i.path }),
      ),
    };
  return { model: checked.value, issues: validateModel(checked.value).map(place) };
}

function loadTsvModel(dir: string, defaults: { language?: string; invocation?: string }) {
  const { model, issues, fileOf, linesOf } = readTsvDir(dir, defaults);
  if (issues.some((i) => i.severity === "error")) return { model, issues };
  const place = (issue: ModelIssue): ModelIssue => {
    if (issue.file) return issue;
    const [top, index] = pathSegments(issue.path ?? "");
    const list =
      top === "intents"
        ? model.intents
        : top === "customSlotTypes"
          ? model.customSlotTypes
          : undefined;
    const entry = typeof index === "number" ? list?.[index] : undefined;
    const file = entry ? fileOf.get(entry.name) : undefined;
    if (!file) return issue;
    const lines = top === "intents" ? linesOf.get(entry!.name) : undefined;
    // The line of the slot or example the finding is about (§8.3), else the file.
    if (lines) return locateIntentIssues([issue], index as number, file, lines)[0]!;
    return { ...issue, file };
  };
  // The import's own warnings (built-in slot types it enabled) come first.
  return { model, issues: [...issues, ...validateModel(model)].map(place) };
}

export const hasErrors = (issues: ModelIssue[]) => issues.some((i) => i.severity === "error");
