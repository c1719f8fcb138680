// A model as a directory of console TSV files (interaction-model.md §8): `<IntentName>.tsv`
// per custom intent, `<SlotTypeName>.tsv` per custom slot type, and `model.json` with the
// rest (language, invocation, built-ins). Choice: a TSV file with an `[INTENT …]` header is an
// intent, any other is a slot type dictionary.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import {
  enableUsedBuiltinSlotTypes,
  exportIntentTsv,
  exportSlotTypeTsv,
  type IntentTsvLines,
  importIntentTsv,
  importSlotTypeTsv,
  type ModelIssue,
  tsvFileName,
} from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { CliError, EXIT } from "../core/errors.js";
import { readDocument, readText } from "../core/files.js";

export const BASE_FILE = "model.json";

export interface TsvModel {
  model: InteractionModel;
  issues: ModelIssue[];
  /** Source text by file name (to place validation findings on a line). */
  sources: Map<string, string>;
  /** The file each intent and slot type came from. */
  fileOf: Map<string, string>;
  /** The file line of each slot and utterance example of an intent, by intent name. */
  linesOf: Map<string, IntentTsvLines>;
}

export function readTsvDir(
  dir: string,
  defaults: { language?: string; invocation?: string } = {},
): TsvModel {
  const issues: ModelIssue[] = [];
  const base: Record<string, unknown> = existsSync(join(dir, BASE_FILE))
    ? { ...(readDocument(join(dir, BASE_FILE)) as Record<string, unknown>) }
    : {};
  if (defaults.language) base["language"] = defaults.language;
  if (defaults.invocation) base["invocation"] = { main: defaults.invocation };
  if (!base["language"] || !base["invocation"])
    throw new CliError(
      `${dir}: no ${BASE_FILE} with the language and invocation name`,
      EXIT.usage,
      "add model.json (`clover model export` writes one) or pass --language and --invocation",
    );
  const model = {
    ...base,
    intents: [],
    customSlotTypes: [],
  } as unknown as InteractionModel;
  const sources = new Map<string, string>();
  const fileOf = new Map<string, string>();
  const linesOf = new Map<string, IntentTsvLines>();
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".tsv"))
    .sort();
  if (files.length === 0) throw new CliError(`${dir}: no .tsv files`, EXIT.usage);
  for (const file of files) {
    const path = join(dir, file);
    const text = readText(path);
    sources.set(path, text);
    const name = basename(file, ".tsv");
    if (/^\s*\[INTENT (SLOT|EXPRESSION)\]/m.test(text)) {
      const imported = importIntentTsv(name, text, path);
      issues.push(...imported.issues);
      if (imported.intent) model.intents.push(imported.intent);
      if (imported.lines) linesOf.set(name, imported.lines);
    } else {
      const imported = importSlotTypeTsv(name, text, path);
      issues.push(...imported.issues);
      if (imported.slotType) model.customSlotTypes!.push(imported.slotType);
    }
    fileOf.set(name, path);
  }
  issues.push(...enableUsedBuiltinSlotTypes(model));
  return { model, issues, sources, fileOf, linesOf };
}

/** Writes the TSV files and model.json; returns the paths written. */
export function writeTsvDir(model: InteractionModel, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const write = (file: string, text: string) => {
    const path = join(dir, file);
    writeFileSync(path, text);
    written.push(path);
  };
  for (const intent of model.intents) write(tsvFileName(intent.name), exportIntentTsv(intent));
  for (const type of model.customSlotTypes ?? [])
    write(tsvFileName(type.name), exportSlotTypeTsv(type));
  const { intents: _i, customSlotTypes: _t, ...rest } = model;
  write(BASE_FILE, `${JSON.stringify(rest, null, 2)}\n`);
  return written;
}
