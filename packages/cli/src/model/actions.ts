// The work of `clover model …` (loaded only when such a command runs).
import { writeFileSync } from "node:fs";
import { formatIssue, type ModelIssue } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { generateModelTypes } from "@clover/sdk";
import { CliError, EXIT } from "../core/errors.js";
import type { Output } from "../core/output.js";
import { hasErrors, isDirectory, loadModel } from "./load.js";
import { writeTsvDir } from "./tsv-dir.js";

export interface TsvDefaults {
  language?: string;
  invocation?: string;
}

function printIssues(out: Output, issues: ModelIssue[]): void {
  for (const issue of issues) {
    const text = formatIssue(issue);
    process.stderr.write(
      `${issue.severity === "error" ? out.ce.red("✖") : out.ce.yellow("⚠")} ${text}\n`,
    );
  }
}

/** Loads, prints findings, and fails (exit 1) on errors. */
export function loadValid(out: Output, path: string, defaults: TsvDefaults): InteractionModel {
  const { model, issues } = loadModel(path, defaults);
  if (!out.json) printIssues(out, issues);
  if (!model || hasErrors(issues)) {
    const count = issues.filter((i) => i.severity === "error").length;
    throw new CliError(
      `${path}: invalid model (${count} error${count === 1 ? "" : "s"})`,
      EXIT.failure,
    );
  }
  return model;
}

export function validate(paths: string[], o: TsvDefaults, out: Output): void {
  const results = paths.map((path) => ({ path, ...loadModel(path, o) }));
  let failed = 0;
  for (const r of results) {
    const ok = r.model !== undefined && !hasErrors(r.issues);
    if (!ok) failed++;
    if (!out.json) {
      printIssues(out, r.issues);
      const warnings = r.issues.filter((i) => i.severity === "warning").length;
      out.line(
        ok
          ? `${out.c.green("✔")} ${r.path}: valid${warnings ? ` (${warnings} warning${warnings === 1 ? "" : "s"})` : ""}`
          : `${out.c.red("✖")} ${r.path}: invalid`,
      );
    }
  }
  out.data(
    results.map((r) => ({
      path: r.path,
      valid: r.model !== undefined && !hasErrors(r.issues),
      issues: r.issues,
    })),
  );
  if (failed > 0) process.exitCode = EXIT.failure;
}

export function importTsv(dir: string, o: TsvDefaults & { out?: string }, out: Output): void {
  if (!isDirectory(dir)) throw new CliError(`${dir}: not a directory`, EXIT.usage);
  const loaded = loadValid(out, dir, o);
  const json = `${JSON.stringify(loaded, null, 2)}\n`;
  if (o.out) {
    writeFileSync(o.out, json);
    out.info(
      `${out.ce.green("✔")} wrote ${o.out} (${loaded.intents.length} intents, ${loaded.customSlotTypes?.length ?? 0} slot types)`,
    );
  } else process.stdout.write(json);
}

export function exportTsv(file: string, dir: string, out: Output): void {
  const loaded = loadValid(out, file, {});
  let written: string[];
  try {
    written = writeTsvDir(loaded, dir);
  } catch (error) {
    throw new CliError(`${file}: ${(error as Error).message}`, EXIT.failure);
  }
  out.result({ written }, () => {
    for (const path of written) out.line(`${out.c.green("✔")} ${path}`);
  });
}

export function types(
  paths: string[],
  o: TsvDefaults & { name: string; out?: string },
  out: Output,
): void {
  const models = paths.map((path) => loadValid(out, path, o));
  let text: string;
  try {
    text = generateModelTypes(models, { name: o.name });
  } catch (error) {
    throw new CliError(`--name: ${(error as Error).message}`, EXIT.usage);
  }
  if (o.out) {
    writeFileSync(o.out, text);
    out.info(`${out.ce.green("✔")} wrote ${o.out}`);
  } else process.stdout.write(text);
}
