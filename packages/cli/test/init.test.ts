// clover init scaffolds a project whose own dialog test passes straight away.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { clover } from "./helpers.js";

// Inside the workspace, so the project resolves @clover/sdk and tsx as after `npm install`.
const TMP = fileURLToPath(new URL("../.tmp/", import.meta.url));

describe("clover init", () => {
  mkdirSync(TMP, { recursive: true });
  const root = mkdtempSync(join(TMP, "init-"));
  const project = join(root, "trip-greeter");
  after(() => rmSync(root, { recursive: true, force: true }));

  it("scaffolds a project that passes its own dialog test", async () => {
    const created = await clover(["init", project, "--invocation", "greeter"]);
    assert.equal(created.code, 0, created.stderr);
    for (const file of [
      "package.json",
      "models/en.json",
      "src/extension.ts",
      "src/server.ts",
      "test/hello.test.yaml",
      "README.md",
    ])
      assert.ok(existsSync(join(project, file)), file);
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    assert.equal(pkg.scripts.test, "clover test test");
    const tested = await clover(["test", join(project, "test")], { timeoutMs: 90_000 });
    assert.equal(tested.code, 0, tested.stdout + tested.stderr);
    assert.match(tested.stdout, /2 passed, 0 failed/);
  });

  it("refuses a non-empty directory (exit 2)", async () => {
    const again = await clover(["init", project]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /directory is not empty/);
  });
});
