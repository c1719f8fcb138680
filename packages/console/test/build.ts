// Builds the console for the browser tests when dist/ is missing or older than its sources.
// Test files may run side by side, so one builds (holding a lock directory) while others wait.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DIST_DIR } from "../src/index.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const pkg = fileURLToPath(new URL("..", import.meta.url));
const lock = join(pkg, ".build-lock");

/** Newest modification time under a folder (ms). */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function fresh(): boolean {
  const index = join(DEFAULT_DIST_DIR, "index.html");
  return existsSync(index) && statSync(index).mtimeMs >= newest(join(pkg, "app"));
}

/** The pid written in the lock, if its process still runs (a killed run leaves a dead one). */
function lockOwnerAlive(): boolean {
  const pid = Number(readFileSync(join(lock, "pid"), { encoding: "utf8", flag: "r" }));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function buildIfMissing(): Promise<void> {
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, "pid"), String(process.pid));
      break;
    } catch {
      // Another test file builds: wait for it as long as it runs (a build on a loaded machine
      // may take minutes; the test runner's timeout bounds the wait). A lock whose process is
      // gone is left over from a killed run. Just made (no pid yet): look again shortly.
      const made = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      let alive = true;
      try {
        alive = lockOwnerAlive();
      } catch {
        alive = Date.now() - made < 10_000;
      }
      if (!alive) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (fresh()) return;
    // Built beside dist/ and swapped in, so a platform serving the console meanwhile (another
    // test file) never reads a half-emptied dist/.
    const out = `${DEFAULT_DIST_DIR.replace(/\/+$/, "")}.build-${process.pid}`;
    rmSync(out, { recursive: true, force: true });
    const built = spawnSync(
      join(root, "node_modules", ".bin", "vite"),
      [
        "build",
        "--logLevel",
        "warn",
        "--outDir",
        out,
        "--emptyOutDir",
        ...(process.env["CLOVER_CONSOLE_DEBUG"] ? ["--minify", "false"] : []),
      ],
      { cwd: pkg, stdio: "inherit" },
    );
    assert.equal(built.status, 0, "vite build of the console failed");
    const old = `${out}.old`;
    if (existsSync(DEFAULT_DIST_DIR)) renameSync(DEFAULT_DIST_DIR, old);
    renameSync(out, DEFAULT_DIST_DIR);
    rmSync(old, { recursive: true, force: true });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
