// clover init: scaffold an extension project that passes its own dialog test.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import { outputOf } from "../core/command.js";
import { CliError, EXIT } from "../core/errors.js";
import { VERSION } from "../core/version.js";
import type { InitLanguage } from "../init/template.js";

interface InitOptions {
  id?: string;
  name?: string;
  invocation?: string;
  language: string;
  force?: boolean;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "") || "my-extension";

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("scaffold a new extension project (SDK, model, dialog test, README)")
    .argument("<dir>", "directory to create")
    .option("--id <id>", "extension id (default com.example.<name>)")
    .option("--name <displayName>", "display name (default from the directory)")
    .option("--invocation <name>", "English invocation name users say (default the display name)")
    .option(
      "--language <list>",
      "languages of the models and tests: en, ja, ko (comma-separated)",
      "en",
    )
    .option("--force", "write into a non-empty directory")
    .action(async (dir: string, o: InitOptions, command: Command) => {
      const { INIT_LANGUAGES, projectFiles } = await import("../init/template.js");
      const { dependencySpecs } = await import("../init/dependencies.js");
      const languages = [...new Set(o.language.split(",").map((l) => l.trim()))];
      const unknown = languages.filter((l) => !(INIT_LANGUAGES as readonly string[]).includes(l));
      if (unknown.length || languages.length === 0)
        throw new CliError(
          `--language: ${unknown.join(", ") || "empty"} is not one of ${INIT_LANGUAGES.join(", ")}`,
          EXIT.usage,
          "e.g. --language en,ja,ko",
        );
      const out = outputOf(command);
      const target = resolve(dir);
      if (existsSync(target) && readdirSync(target).length > 0 && !o.force)
        throw new CliError(
          `${dir}: directory is not empty`,
          EXIT.usage,
          "choose a new directory or pass --force",
        );
      const base = slug(basename(target));
      const displayName = o.name ?? base.replace(/-/g, " ").replace(/^\w/, (c) => c.toUpperCase());
      const extensionId = o.id ?? `com.example.${base.replace(/-/g, "")}`;
      if (!/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/.test(extensionId))
        throw new CliError(
          `--id: "${extensionId}" is not a reverse-domain id (com.example.name)`,
          EXIT.usage,
        );
      const invocation = (o.invocation ?? displayName).toLowerCase();
      const deps = dependencySpecs(VERSION);
      const files = projectFiles(
        {
          packageName: base,
          extensionId,
          displayName,
          invocations: { en: invocation },
          languages: languages as InitLanguage[],
        },
        deps.specs,
      );
      for (const [path, text] of Object.entries(files)) {
        const full = join(target, path);
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, text);
      }
      const summary = {
        dir: target,
        extensionId,
        invocation,
        languages,
        dependencies: deps.source,
        files: Object.keys(files),
      };
      out.result(summary, () => {
        out.line(`${out.c.green("✔")} created ${displayName} (${extensionId}) in ${dir}`);
        for (const path of Object.keys(files)) out.line(out.c.dim(`  ${path}`));
        out.line(out.c.dim(`  Clover packages: ${deps.note}`));
        out.line("");
        out.line(`  cd ${dir} && npm install && npm test`);
      });
    });
}
