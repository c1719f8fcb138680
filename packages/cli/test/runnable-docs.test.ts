// Docs that cannot rot: every command block of README.md and docs/*.md marked
// `<!-- runnable -->` (optionally `<!-- runnable: cwd=examples/dice -->`) runs against a real
// platform started here. The block runs in bash with `clover` on the PATH, CLOVER_URL and a
// fresh config dir; with `cwd=`, in a temporary copy of that folder. A block that fails names
// its file and line.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { exited, REPO, serve, tempDir } from "./helpers.js";

// Copies for `cwd=` stay inside the repository, so they resolve the workspace packages.
const SCRATCH = join(REPO, ".tmp");

interface Block {
  file: string;
  line: number;
  cwd?: string;
  script: string;
}

const MARKER = /^<!--\s*runnable(?::\s*cwd=(\S+))?\s*-->$/;

export function runnableBlocks(file: string, text: string): Block[] {
  const lines = text.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]!.trim());
    if (!marker) continue;
    const fence = lines[i + 1] ?? "";
    if (!/^```(sh|bash)\s*$/.test(fence))
      throw new Error(`${file}:${i + 1}: marker not before a sh block`);
    const end = lines.indexOf("```", i + 2);
    blocks.push({
      file,
      line: i + 3,
      ...(marker[1] ? { cwd: marker[1] } : {}),
      script: lines.slice(i + 2, end).join("\n"),
    });
  }
  return blocks;
}

const files = ["README.md", ...readdirSync(join(REPO, "docs")).map((f) => join("docs", f))]
  .filter((f) => f.endsWith(".md"))
  .sort();
const blocks = files.flatMap((f) => runnableBlocks(f, readFileSync(join(REPO, f), "utf8")));

function runBlock(block: Block, env: Record<string, string>) {
  let cwd = REPO;
  if (block.cwd) {
    mkdirSync(SCRATCH, { recursive: true });
    cwd = join(mkdtempSync(join(SCRATCH, "docs-")), "project");
    cpSync(join(REPO, block.cwd), cwd, {
      recursive: true,
      filter: (src) => !src.includes("node_modules"),
    });
  }
  const child = spawn("bash", ["-euo", "pipefail", "-c", block.script], {
    cwd,
    env: {
      ...process.env,
      NO_COLOR: "1",
      PATH: `${join(REPO, "node_modules", ".bin")}:${process.env["PATH"]}`,
      CLOVER_ADMIN_TOKEN: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 90_000);
  return exited(child).then((code) => {
    clearTimeout(timer);
    return { code, output };
  });
}

describe("runnable docs", { concurrency: 3 }, () => {
  const env = { CLOVER_CONFIG_DIR: tempDir("docs-config") };
  let platform: Awaited<ReturnType<typeof serve>>;
  before(async () => {
    platform = await serve(
      [
        "--port",
        "0",
        "--host",
        "127.0.0.1",
        "--data-dir",
        tempDir("docs-data"),
        "--tts",
        "none",
        "--asr",
        "none",
      ],
      { env },
    );
  });
  after(async () => {
    platform.child.kill("SIGTERM");
    await exited(platform.child);
    rmSync(SCRATCH, { recursive: true, force: true });
  });

  it("finds the marked blocks", () => {
    assert.ok(blocks.length >= 4, `${blocks.length} runnable blocks`);
    assert.ok(blocks.some((b) => b.file === "README.md"));
  });

  for (const block of blocks)
    it(`${block.file}:${block.line} runs`, async () => {
      const result = await runBlock(block, { ...env, CLOVER_URL: String(platform.info["url"]) });
      assert.equal(
        result.code,
        0,
        `${block.file}:${block.line}\n${block.script}\n---\n${result.output}`,
      );
    });
});
