#!/usr/bin/env node
// `npm start`: the platform with its embedded defaults (SQLite in ./data, in-memory sessions,
// the example extensions registered), through the `clover serve` command.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = `${root}packages/cli/src/main.ts`;
const entry = existsSync(cli) ? [cli, "serve"] : [`${root}scripts/serve-fallback.ts`];
const child = spawn(
  process.execPath,
  ["--conditions=@clover/source", "--import", "tsx", ...entry, ...process.argv.slice(2)],
  { stdio: "inherit", cwd: root },
);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
