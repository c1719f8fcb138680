// Reading the user's files with errors that name the file (and line for YAML/JSON syntax).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import { CliError, EXIT } from "./errors.js";

export function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : (error as Error).message}`,
      EXIT.usage,
    );
  }
}

/** A JSON or YAML document (JSON is YAML); syntax errors give file:line:column. */
export function readDocument(path: string): unknown {
  const text = readText(path);
  try {
    return parseYaml(text, { prettyErrors: false });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const pos = error.linePos?.[0];
      const where = pos ? `${path}:${pos.line}:${pos.col}` : path;
      throw new CliError(`${where}: ${error.message.split("\n")[0]}`, EXIT.failure);
    }
    throw error;
  }
}

/** models/<language>.json files of a directory, by language. */
export function readModelDir(dir: string): Record<string, unknown> {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new CliError(`${dir}: not a directory of <language>.json models`, EXIT.usage);
  const models: Record<string, unknown> = {};
  for (const file of readdirSync(dir).sort()) {
    if (extname(file) !== ".json") continue;
    models[basename(file, ".json")] = readDocument(join(dir, file));
  }
  if (Object.keys(models).length === 0)
    throw new CliError(`${dir}: no <language>.json model files (en.json, ja.json, ko.json)`, 2);
  return models;
}
