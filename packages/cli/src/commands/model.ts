// clover model: validate an interaction model (JSON/YAML or console TSV files), convert
// between JSON and TSV, and generate the SDK's TypeScript types.
import type { Command } from "commander";
import { managementApi, outputOf, withPlatform } from "../core/command.js";
import type { TsvDefaults } from "../model/actions.js";

const withTsvDefaults = (command: Command) =>
  command
    .option("--language <lang>", "language of a TSV directory without model.json (en, ja, ko)")
    .option("--invocation <name>", "invocation name of a TSV directory without model.json");

export function registerModel(program: Command): void {
  const model = program
    .command("model")
    .description("validate, convert and type interaction models");

  withTsvDefaults(
    model
      .command("validate")
      .description("check models; findings as file:line:column: message")
      .argument("<paths...>", "model JSON/YAML files or TSV directories"),
  ).action(async (paths: string[], o: TsvDefaults, command: Command) => {
    (await import("../model/actions.js")).validate(paths, o, outputOf(command));
  });

  withPlatform(
    withTsvDefaults(
      model
        .command("push")
        .description("check models, then upload them to a registered extension (one per language)")
        .argument("<extensionId>", "the extension's id")
        .argument("<paths...>", "model JSON/YAML files or TSV directories"),
    ),
  ).action(async (extensionId: string, paths: string[], o: TsvDefaults, command: Command) => {
    const api = managementApi(command);
    await (await import("../model/push.js")).push(extensionId, paths, o, api, outputOf(command));
  });

  withTsvDefaults(
    model
      .command("import")
      .description("TSV directory (console files) → model JSON")
      .argument("<dir>", "directory of <IntentName>.tsv / <SlotTypeName>.tsv (and model.json)")
      .option("-o, --out <file>", "write the JSON here instead of stdout"),
  ).action(async (dir: string, o: TsvDefaults & { out?: string }, command: Command) => {
    (await import("../model/actions.js")).importTsv(dir, o, outputOf(command));
  });

  model
    .command("export")
    .description("model JSON → TSV directory (console files plus model.json)")
    .argument("<file>", "model JSON/YAML file")
    .argument("<dir>", "output directory")
    .action(async (file: string, dir: string, _o, command: Command) => {
      (await import("../model/actions.js")).exportTsv(file, dir, outputOf(command));
    });

  withTsvDefaults(
    model
      .command("types")
      .description("TypeScript types of the models' intents and slots for the SDK")
      .argument("<paths...>", "the extension's models (one per language), files or TSV dirs")
      .option("-n, --name <TypeName>", "name of the generated interface", "Model")
      .option("-o, --out <file>", "write the .d.ts here instead of stdout"),
  ).action(
    async (paths: string[], o: TsvDefaults & { name: string; out?: string }, command: Command) => {
      (await import("../model/actions.js")).types(paths, o, outputOf(command));
    },
  );
}
