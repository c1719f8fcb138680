#!/usr/bin/env node
// The one test command: system packages the tests need, format + lint, type check, then every
// test file of every workspace under node's test runner.
//   node scripts/test.mjs                 everything (what `npm test` and CI run)
//   node scripts/test.mjs --only-tests    skip setup, lint and type check
//   node scripts/test.mjs <path filter>   only test files whose path contains the filter
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const onlyTests = args.includes("--only-tests");
const filters = args.filter((a) => !a.startsWith("--"));

function step(title, command, commandArgs, options = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", ...options });
  if (result.status !== 0) {
    console.error(`✖ ${title} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function findTests(dir) {
  if (!existsSync(dir)) return [];
  const found = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "dist") continue;
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...findTests(full));
    else if (entry.endsWith(".test.ts")) found.push(full);
  }
  return found;
}

const bin = (name) => join(root, "node_modules", ".bin", name);

if (!onlyTests && filters.length === 0) {
  step("system packages", "bash", ["scripts/setup-system.sh"]);
  step("format and lint (biome)", bin("biome"), ["ci", "."]);
  step("type check (tsc strict)", bin("tsc"), ["-p", "tsconfig.json"]);
  step("type check the console (tsc strict, DOM)", bin("tsc"), [
    "-p",
    "packages/console/tsconfig.json",
    "--noEmit",
  ]);
}

const workspaces = ["packages", "examples"].flatMap((top) =>
  existsSync(join(root, top))
    ? readdirSync(join(root, top)).map((name) => join(root, top, name))
    : [],
);
const files = workspaces
  .flatMap((ws) => findTests(join(ws, "test")))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();
if (files.length === 0) {
  console.error("no test files found");
  process.exit(1);
}
console.log(`\n▶ tests (${files.length} files)`);
for (const file of files) console.log(`  ${relative(root, file)}`);
step("tests", process.execPath, [
  "--conditions=@clover/source",
  "--import",
  "tsx",
  "--test",
  "--test-concurrency=2",
  "--test-timeout=300000",
  "--test-reporter=spec",
  "--test-reporter-destination=stdout",
  `--test-reporter=${join(root, "scripts", "file-durations.mjs")}`,
  `--test-reporter-destination=${process.env.CLOVER_TEST_DURATIONS || "stdout"}`,
  ...files,
]);
