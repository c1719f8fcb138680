// Builds the console for the browser tests when dist/ is missing or older than its sources.
// Test files may run side by side, so one builds (holding a lock directory) while others wait.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
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

export async function buildIfMissing(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock older than the deadline is left over from a killed run.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 120_000) rmSync(lock, { recursive: true, force: true });
      assert.ok(Date.now() < deadline, "waited 2 minutes for another console build");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (fresh()) return;
    const built = spawnSync(
      join(root, "node_modules", ".bin", "vite"),
      [
        "build",
        "--logLevel",
        "warn",
        ...(process.env["CLOVER_CONSOLE_DEBUG"] ? ["--minify", "false"] : []),
      ],
      { cwd: pkg, stdio: "inherit" },
    );
    assert.equal(built.status, 0, "vite build of the console failed");
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
