// `clover device login --device-code` as the real binary against `clover serve`: it prints where
// to approve and the code, waits, stores the tokens; a denied code ends with exit 4. Both runs
// wait for one polling interval, so they run side by side.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { managementApi } from "../../server/test/helpers/management-api.js";
import { clover, exited, serveLocal, spawnClover, tempDir } from "./helpers.js";

const CODE = /enter the code ([BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4})/;

/** Runs the CLI, calls `onCode` with the user code it prints, resolves when it exits. */
function loginWithCode(
  args: string[],
  env: Record<string, string>,
  onCode: (code: string) => void,
) {
  const child = spawnClover(args, { env });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    const before = CODE.test(stderr);
    stderr += chunk.toString();
    const match = CODE.exec(stderr);
    if (match && !before) onCode(match[1]!);
  });
  child.stdin!.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  return exited(child).then((code) => {
    clearTimeout(timer);
    return { code, stdout, stderr };
  });
}

describe("clover device login --device-code", () => {
  const dataDir = tempDir("dc-data");
  const configDir = tempDir("dc-config");
  const otherConfig = tempDir("dc-config2");
  let child: ChildProcess;
  let url = "";
  let admin = "";

  before(async () => {
    let info: Record<string, unknown>;
    ({ child, info } = await serveLocal(dataDir, { env: { CLOVER_CONFIG_DIR: configDir } }));
    url = String(info["url"]);
    admin = String(info["adminToken"]);
  });

  after(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGKILL");
      await exited(child);
    }
    for (const dir of [dataDir, configDir, otherConfig])
      rmSync(dir, { recursive: true, force: true });
  });

  const decide = async (userCode: string, decision: string) => {
    const response = await managementApi(url, admin)("POST", "/api/v1/device-activations", {
      userCode,
      decision,
      userId: "U-cli-user",
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
  };

  it("prints the code, waits for approval, stores the tokens; a denial exits 4", async () => {
    const base = ["device", "login", "--device-code", "--url", url];
    const [approved, denied] = await Promise.all([
      loginWithCode(
        ["--json", ...base, "--device-id", "cli-dc-1"],
        { CLOVER_CONFIG_DIR: configDir },
        (code) => void decide(code, "approve"),
      ),
      loginWithCode(
        [...base, "--device-id", "cli-dc-2", "--token", admin],
        { CLOVER_CONFIG_DIR: otherConfig },
        (code) => void decide(code, "deny"),
      ),
    ]);

    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stderr, new RegExp(`${url}/console/activate\\?code=[A-Z]{4}-[A-Z]{4}`));
    const result = JSON.parse(approved.stdout);
    assert.equal(result.deviceId, "cli-dc-1");
    assert.equal(result.linkedBy, "device-code");
    const saved = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8"));
    assert.equal(saved.devices[url].deviceCode, true);
    assert.match(saved.devices[url].accessToken, /^cv_at_/);

    assert.equal(denied.code, 4, denied.stderr);
    assert.match(denied.stderr, /error: the user denied this device/);
    assert.match(denied.stderr, /hint: run `clover device login --device-code` again/);

    // The stored tokens work for the other device commands.
    const ping = await clover(["--json", "device", "ping", "--url", url], {
      env: { CLOVER_CONFIG_DIR: configDir },
    });
    assert.equal(ping.code, 0, ping.stderr);
    assert.equal(JSON.parse(ping.stdout).status, 204);
  });

  it("refuses contradicting options before contacting anyone", async () => {
    const result = await clover(
      ["device", "login", "--device-code", "--account-token", "acc_x", "--url", url],
      { env: { CLOVER_CONFIG_DIR: otherConfig } },
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--device-code and --account-token exclude each other/);
  });
});
