// clover init scaffolds a project that passes its own checks: outside the repository, as a
// newcomer runs it (npm install, npm test, npm start), in every language.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { clover, exited, tempDir } from "./helpers.js";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function run(command: string, args: string[], cwd: string, timeoutMs: number, env = {}) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: npm's children are stopped with it.
    detached: true,
  });
  const stop = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {}
  };
  let output = "";
  child.stdout.on("data", (c: Buffer) => {
    output += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    output += c.toString();
  });
  const timer = setTimeout(() => stop("SIGKILL"), timeoutMs);
  return {
    child,
    stop,
    output: () => output,
    done: exited(child).then((code) => {
      clearTimeout(timer);
      return { code, output };
    }),
  };
}

describe("clover init", () => {
  // Outside the repository: nothing above the project resolves the Clover packages.
  const root = tempDir("init");
  const project = join(root, "hello-friend");
  after(() => rmSync(root, { recursive: true, force: true }));

  it("scaffolds en, ja and ko; npm install, npm test and npm start work outside the repo", async () => {
    const created = await clover(["init", project, "--language", "en,ja,ko"], { cwd: root });
    assert.equal(created.code, 0, created.stderr);
    for (const file of [
      "package.json",
      "tsconfig.json",
      "models/en.json",
      "models/ja.json",
      "models/ko.json",
      "src/extension.ts",
      "src/messages.ts",
      "src/server.ts",
      "test/hello.en.test.yaml",
      "test/hello.ja.test.yaml",
      "test/hello.ko.test.yaml",
      "README.md",
    ])
      assert.ok(existsSync(join(project, file)), file);
    const pkg = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
    assert.match(pkg.devDependencies["@clover/cli"], /^file:\//);
    assert.match(
      pkg.scripts["model:validate"],
      /models\/en\.json models\/ja\.json models\/ko\.json/,
    );

    // Offline: only the local checkout and the npm cache.
    const install = await run(
      npm,
      ["install", "--offline", "--no-audit", "--no-fund"],
      project,
      60_000,
    ).done;
    assert.equal(install.code, 0, install.output);
    assert.doesNotMatch(install.output, /EBADENGINE|E404/);

    const test = await run(npm, ["test"], project, 300_000).done;
    assert.equal(test.code, 0, test.output);
    assert.match(test.output, /✔ models\/ja\.json: valid/);
    assert.match(test.output, /Hello friend \(ko\)/);
    assert.match(test.output, /6 passed, 0 failed/);

    const start = run(npm, ["start"], project, 60_000, { PORT: "0" });
    start.child.stdout.on("data", () => {
      if (/listening on http/.test(start.output())) start.stop("SIGTERM");
    });
    const started = await start.done;
    assert.match(started.output, /Hello friend listening on http:\/\/localhost:\d+/);
  });

  it("refuses an unknown language and a non-empty directory (exit 2)", async () => {
    const bad = await clover(["init", join(root, "x"), "--language", "en,fr"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--language: fr is not one of en, ja, ko/);
    const again = await clover(["init", project]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /directory is not empty/);
  });
});
