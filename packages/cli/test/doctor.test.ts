// clover doctor on a machine with problems: every one named, each with what to do.
import assert from "node:assert/strict";
import { symlinkSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { clover, tempDir } from "./helpers.js";

const listen = async (): Promise<[Server, number]> => {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return [server, (server.address() as { port: number }).port];
};

describe("clover doctor", () => {
  let busy: Server;
  let busyPort: number;
  let closedPort: number;
  before(async () => {
    [busy, busyPort] = await listen();
    const [other, port] = await listen();
    closedPort = port;
    await new Promise((resolve) => other.close(resolve));
  });
  after(() => busy.close());

  it("names each problem with its fix and exits 1", async () => {
    const bin = tempDir("doctor-bin");
    symlinkSync(process.execPath, join(bin, "node"));
    const result = await clover(
      ["--json", "doctor", "--port", String(busyPort), "--host", "127.0.0.1"],
      {
        env: {
          PATH: bin,
          CLOVER_CONFIG_DIR: tempDir("doctor-config"),
          REDIS_URL: `redis://127.0.0.1:${closedPort}`,
          DATABASE_URL: `postgres://clover:x@127.0.0.1:${closedPort}/clover`,
        },
        timeoutMs: 30_000,
      },
    );
    assert.equal(result.code, 1, result.stderr);
    const { ok, checks } = JSON.parse(result.stdout) as {
      ok: boolean;
      checks: { name: string; status: string; detail: string; fix?: string }[];
    };
    assert.equal(ok, false);
    const by = Object.fromEntries(checks.map((c) => [c.name, c]));
    assert.equal(by["Node.js"]?.status, "ok");
    assert.equal(by[`port ${busyPort}`]?.status, "fail");
    assert.match(by[`port ${busyPort}`]?.fix ?? "", /--port \d+/);
    assert.equal(by["speech recognition"]?.status, "warn");
    assert.match(by["speech recognition"]?.fix ?? "", /apt-get install -y pocketsphinx/);
    assert.match(by["speech synthesis"]?.fix ?? "", /apt-get install -y espeak-ng/);
    assert.equal(by["database"]?.status, "fail");
    assert.match(by["database"]?.detail ?? "", /PostgreSQL at DATABASE_URL: .*ECONNREFUSED/);
    assert.equal(by["Redis"]?.status, "fail");
    assert.match(by["Redis"]?.detail ?? "", /ECONNREFUSED/);
    assert.equal(by["admin token"]?.status, "warn");
  });

  it("passes on a ready machine and says how to start", async () => {
    const [, port] = await listen().then(async ([s, p]) => {
      await new Promise((resolve) => s.close(resolve));
      return [s, p] as const;
    });
    const result = await clover(
      ["doctor", "--port", String(port), "--data-dir", join(tempDir("doctor-ok"), "data")],
      { env: { CLOVER_CONFIG_DIR: tempDir("doctor-config2") }, timeoutMs: 30_000 },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, new RegExp(`✔ port ${port} +free on 0\\.0\\.0\\.0`));
    assert.match(result.stdout, /✔ database +SQLite in /);
    assert.match(result.stdout, /Ready: npm start/);
  });
});
