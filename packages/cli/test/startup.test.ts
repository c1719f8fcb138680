// The first start of `clover serve` as a newcomer meets it: a busy port, a machine without the
// speech packages, the admin token across starts, readable logs on a terminal, every
// documented setting as a flag.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { describeWait } from "../../server/test/helpers/cpu-wait.js";
import { managementApi } from "../../server/test/helpers/management-api.js";
import { BIN, clover, exited, serve, tempDir } from "./helpers.js";

/** A PATH holding node only: no pocketsphinx, no espeak-ng, as on a fresh machine. */
function bareBin(): string {
  const dir = tempDir("bin");
  symlinkSync(process.execPath, join(dir, "node"));
  return dir;
}

const local = (dataDir: string) => ["--port", "0", "--host", "127.0.0.1", "--data-dir", dataDir];

describe("clover serve: starting", () => {
  let busy: Server;
  let busyPort: number;
  before(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  after(() => busy.close());

  it("ends with one line and a --port hint when the port is taken, costing no admin token", async () => {
    const dataDir = tempDir("busy");
    const configDir = tempDir("busy-config");
    // The kill bound only stops a hung run; the 30 s are the child's own time (its waits for
    // a CPU on a loaded machine left out).
    const result = await clover(
      ["serve", "--port", String(busyPort), "--host", "127.0.0.1", "--data-dir", dataDir],
      { env: { CLOVER_CONFIG_DIR: configDir }, timeoutMs: 150_000 },
    );
    assert.equal(result.code, 1, result.stderr);
    const lines = result.stderr.trim().split("\n");
    assert.equal(lines[0], `error: port ${busyPort} is already in use on 127.0.0.1`);
    assert.match(lines[1] ?? "", /--port \d+ \(or --port 0 for any free one\)/);
    assert.equal(lines.length, 2, result.stderr);
    assert.ok(result.ownMs < 30_000, describeWait(result.ownMs + result.waitedMs, result.waitedMs));
    assert.equal(existsSync(join(dataDir, "clover.sqlite")), false, "nothing created");
    assert.equal(existsSync(join(configDir, "config.json")), false, "no token saved");
    const viaNpm = await clover(
      ["serve", "--port", String(busyPort), "--host", "127.0.0.1", "--data-dir", dataDir],
      { env: { CLOVER_CONFIG_DIR: configDir, npm_lifecycle_event: "start" }, timeoutMs: 150_000 },
    );
    assert.match(viaNpm.stderr, /hint: choose another port: npm start -- --port \d+ /);
  });

  it("ends non-zero on a bad address too, in words", async () => {
    const result = await clover(
      ["serve", "--port", "0", "--host", "192.0.2.1", "--data-dir", tempDir("addr")],
      { timeoutMs: 150_000 },
    );
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /^error: cannot listen on 192\.0\.2\.1: no such local address/);
  });

  it("starts without the speech packages, says what is off and the command that adds it", async () => {
    const configDir = tempDir("nospeech-config");
    const { child, info } = await serve(
      ["--cek-timeout-ms", "3000", "--examples", "off", ...local(tempDir("ns"))],
      {
        env: { PATH: bareBin(), CLOVER_CONFIG_DIR: configDir },
      },
    );
    try {
      const speech = info["speech"] as { asr: boolean; tts: boolean; notes: string[] };
      assert.equal(speech.asr, false);
      assert.equal(speech.tts, true, "English synthesis needs no system package");
      assert.equal(speech.notes.length, 2, speech.notes.join("\n"));
      assert.match(speech.notes[0]!, /recognition off .*apt-get install -y pocketsphinx /);
      assert.match(speech.notes[1]!, /Japanese, Korean .*apt-get install -y espeak-ng$/);
      // The platform answers: the management API with the token from the banner.
      const response = await managementApi(String(info["url"]), String(info["adminToken"]))(
        "GET",
        "/api/v1/extensions",
      );
      assert.equal(response.status, 200);
    } finally {
      child.kill("SIGTERM");
      await exited(child);
    }
  });

  it("refuses an engine asked for by name that is not installed", async () => {
    const result = await clover(["serve", "--asr", "pocketsphinx", ...local(tempDir("asr"))], {
      env: { PATH: bareBin() },
      timeoutMs: 150_000,
    });
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /pocketsphinx_continuous is not on PATH/);
    assert.match(result.stderr, /hint: install it with `(sudo )?apt-get install -y pocketsphinx/);
  });
});

describe("clover serve: the admin token across starts", () => {
  const dataDir = tempDir("token");
  const configDir = tempDir("token-config");
  const env = { CLOVER_CONFIG_DIR: configDir };
  const args = [...local(dataDir), "--tts", "none", "--asr", "none", "--examples", "off"];
  const ok = async (url: unknown, token: unknown) =>
    (await managementApi(String(url), String(token))("GET", "/api/v1/extensions")).status;

  it("is printed and saved on the first start, then pointed to, then rotated", async () => {
    const first = await serve(args, { env });
    const token = first.info["adminToken"];
    assert.match(String(token), /^clv_/);
    const saved = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8"));
    assert.equal(saved.adminTokens[String(first.info["url"])], token);
    assert.match(String(first.info["adminTokenNote"]), /shown only this once; saved in /);
    first.child.kill("SIGTERM");
    await exited(first.child);

    const second = await serve(args, { env });
    assert.equal(second.info["adminToken"], undefined);
    // Port 0 gives a new URL: the saved token is for another address.
    assert.match(String(second.info["adminTokenNote"]), /clover serve --rotate-admin-token/);
    assert.equal(await ok(second.info["url"], token), 200, "the first token still works");
    second.child.kill("SIGTERM");
    await exited(second.child);

    const third = await serve([...args, "--rotate-admin-token"], { env });
    const rotated = third.info["adminToken"];
    assert.match(String(rotated), /^clv_/);
    assert.notEqual(rotated, token);
    assert.equal(await ok(third.info["url"], token), 401, "the old token is refused");
    assert.equal(await ok(third.info["url"], rotated), 200);
    third.child.kill("SIGTERM");
    await exited(third.child);
  });

  it("on a fixed address a later start says where the token is saved", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const fixed = [...args.slice(2), "--port", String(port), "--data-dir", tempDir("fixed")];
    const cfg = { CLOVER_CONFIG_DIR: tempDir("fixed-config") };
    const first = await serve(fixed, { env: cfg });
    first.child.kill("SIGTERM");
    await exited(first.child);
    const second = await serve(fixed, { env: cfg });
    assert.match(String(second.info["adminTokenNote"]), /^saved in .*config\.json for http/);
    second.child.kill("SIGTERM");
    await exited(second.child);
  });
});

describe("clover serve: logs", () => {
  it("are readable lines on a terminal", async () => {
    const dataDir = tempDir("logs");
    mkdirSync(dataDir, { recursive: true });
    const command = [
      process.execPath,
      BIN,
      "serve",
      ...local(dataDir),
      "--tts",
      "none",
      "--asr",
      "none",
      "--examples",
      "off",
    ]
      .map((a) => `'${a}'`)
      .join(" ");
    // `script` gives the server a real pseudo-terminal.
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      env: {
        ...process.env,
        NO_COLOR: "1",
        CLOVER_LOG_LEVEL: "info",
        CLOVER_CONFIG_DIR: tempDir("logs-c"),
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    // Only a hung start meets this bound (a loaded machine starts the CLI slowly).
    const deadline = Date.now() + 150_000;
    while (!/Clover is listening/.test(output) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill("SIGTERM");
    await exited(child);
    assert.match(output, /\d\d:\d\d:\d\d warn {2}generated the management API admin token/);
    assert.doesNotMatch(output, /\{"level":/);
    assert.match(output, /Clover is listening on/);
  });
});

describe("npm install", () => {
  it("installs nothing that refuses Node 20 (no EBADENGINE warning)", async () => {
    const lock = JSON.parse(
      readFileSync(new URL("../../../package-lock.json", import.meta.url), "utf8"),
    ) as { packages: Record<string, { engines?: { node?: string }; optional?: boolean }> };
    const refusing = Object.entries(lock.packages)
      .filter(([, p]) => /^\s*>=\s*2[1-9]/.test(p.engines?.node ?? ""))
      .map(([name, p]) => `${name} (${p.engines?.node})`);
    assert.deepEqual(refusing, []);
  });
});
