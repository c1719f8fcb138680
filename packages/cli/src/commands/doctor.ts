// clover doctor: is this machine ready to run the platform? One line per check, and for each
// problem the command or setting that fixes it. Exit 1 when something would stop a start.
import type { Command } from "commander";
import { outputOf } from "../core/command.js";
import { CliError, EXIT } from "../core/errors.js";
import { runChecks } from "../doctor/checks.js";

export function registerDoctor(program: Command): void {
  program
    .command("doctor")
    .description("check Node, the port, speech engines, the database, Redis and the console")
    .option("-p, --port <port>", "the port `clover serve` would use (env CLOVER_PORT; 8443)")
    .option("--host <host>", "the address it would listen on (env CLOVER_HOST; 0.0.0.0)")
    .option("--data-dir <dir>", "the data dir (env CLOVER_DATA_DIR; ./data)")
    .action(async (options: { port?: string; host?: string; dataDir?: string }, command) => {
      const out = outputOf(command);
      const env = process.env;
      const port = Number(options.port ?? env["CLOVER_PORT"] ?? 8443);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new CliError(`--port: "${options.port}" is not a port number`, EXIT.usage);
      const { DEFAULT_DIST_DIR } = await import("@clover/console");
      const checks = await runChecks({
        port,
        host: options.host ?? env["CLOVER_HOST"] ?? "0.0.0.0",
        dataDir: options.dataDir ?? env["CLOVER_DATA_DIR"] ?? "./data",
        ...(env["DATABASE_URL"] ? { databaseUrl: env["DATABASE_URL"] } : {}),
        ...(env["REDIS_URL"] ? { redisUrl: env["REDIS_URL"] } : {}),
        consoleDist: DEFAULT_DIST_DIR,
        env,
      });
      const failed = checks.some((c) => c.status === "fail");
      out.result({ ok: !failed, checks }, () => {
        const c = out.c;
        const mark = { ok: c.green("✔"), warn: c.yellow("!"), fail: c.red("✖") };
        for (const check of checks) {
          out.line(`${mark[check.status]} ${check.name.padEnd(18)} ${check.detail}`);
          if (check.fix) out.line(c.dim(`  ${"".padEnd(18)} fix: ${check.fix}`));
        }
        out.line(
          failed
            ? c.red("Something above stops `clover serve`; fix it and run clover doctor again.")
            : c.green("Ready: npm start (or clover serve)."),
        );
      });
      if (failed) process.exitCode = EXIT.failure;
    });
}
