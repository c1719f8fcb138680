#!/usr/bin/env node
// Builds the console's static assets once (before `npm start`), when they are missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
if (existsSync(`${root}packages/console/dist/index.html`)) process.exit(0);
console.log("building the console (once)…");
const result = spawnSync("npm", ["run", "build", "-w", "@clover/console"], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
