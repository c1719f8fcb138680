// The clover command: subcommands, --help everywhere, --json for scripts, meaningful exit
// codes (core/errors.ts) and one-line errors (stack traces only with --debug).
import { Command, CommanderError } from "commander";
import { registerChat } from "./commands/chat.js";
import { registerDevice } from "./commands/device.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerExt } from "./commands/ext.js";
import { registerHome } from "./commands/home.js";
import { registerInit } from "./commands/init.js";
import { registerModel } from "./commands/model.js";
import { registerNlu } from "./commands/nlu.js";
import { registerSchedule } from "./commands/schedule.js";
import { registerTest } from "./commands/test.js";
import { CliError, EXIT, unreachableError } from "./core/errors.js";
import { Output } from "./core/output.js";
import { VERSION } from "./core/version.js";
import { registerServe } from "./serve/command.js";

export { VERSION };

export function buildProgram(): Command {
  const program = new Command("clover")
    .description("Clover: a self-hosted voice assistant platform speaking CIC and CEK")
    .version(VERSION, "-V, --version")
    .option("--json", "machine-readable JSON on stdout")
    .option("--no-color", "no colours (also NO_COLOR=1)")
    .option("-q, --quiet", "fewer messages on stderr")
    .option("--debug", "show stack traces of unexpected errors")
    .showHelpAfterError("(add --help for usage)")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      outputError: (text, write) => write(text),
    })
    .addHelpText(
      "after",
      "\nExit codes: 0 ok, 1 failure, 2 usage error, 3 platform unreachable, 4 credentials refused.\nDocs: docs/cli.md",
    );
  for (const register of [
    registerServe,
    registerChat,
    registerDevice,
    registerExt,
    registerHome,
    registerSchedule,
    registerModel,
    registerNlu,
    registerTest,
    registerInit,
    registerDoctor,
  ])
    register(program);
  const exitOverride = (command: Command) => {
    command.exitOverride();
    for (const sub of command.commands) exitOverride(sub);
  };
  exitOverride(program);
  return program;
}

function exitCodeOf(error: unknown, out: Output): number {
  if (error instanceof CommanderError) {
    if (error.code === "commander.helpDisplayed" || error.code === "commander.version")
      return EXIT.ok;
    // "commander.help": a command group run without its subcommand; the help went to stderr.
    return EXIT.usage; // commander has printed the message and the hint
  }
  const cli =
    error instanceof CliError
      ? error
      : unreachableError(error, (error as { url?: string }).url ?? "the given URL");
  if (cli) {
    out.error(cli.message, cli.hint);
    if (out.json)
      out.data({ error: { message: cli.message, exitCode: cli.exitCode, hint: cli.hint } });
    if (out.debug && cli.stack) process.stderr.write(`${cli.stack}\n`);
    return cli.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  out.error(message, out.debug ? undefined : "run again with --debug for details");
  if (out.debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return EXIT.failure;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    const out = new Output({
      json: argv.includes("--json"),
      debug: argv.includes("--debug"),
      ...(argv.includes("--no-color") ? { color: false } : {}),
    });
    process.exitCode = exitCodeOf(error, out);
  }
}
