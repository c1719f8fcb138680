// `clover home` (links, link, devices, discover, unlink) as the real binary against `clover
// serve` with the embedded examples, the example home extension linked through its own login
// page and OAuth server.

import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { signInOnVendorPage } from "@clover/example-home";
import { clover, exited, serveLocal, tempDir } from "./helpers.js";

const HOME = "com.clover.example.home";
const USER = "cli-home-user";

describe("clover home", () => {
  const dataDir = tempDir("home-data");
  const configDir = tempDir("home-config");
  const env = { CLOVER_CONFIG_DIR: configDir };
  let child: ChildProcess;
  let url: string;
  const run = (args: string[]) => clover(args, { env, timeoutMs: 30_000 });
  const json = async (args: string[]) => {
    const result = await run(["--json", ...args]);
    assert.equal(result.code, 0, result.stderr);
    return JSON.parse(result.stdout);
  };

  before(async () => {
    let info: Record<string, unknown>;
    ({ child, info } = await serveLocal(dataDir, { env }));
    url = String(info["url"]);
    assert.ok((info["extensions"] as string[]).includes(HOME), JSON.stringify(info));
  });
  after(async () => {
    if (child && child.exitCode === null) {
      child.kill("SIGKILL");
      await exited(child);
    }
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  });

  it("links: not linked, then linked through the printed login URL", async () => {
    const before = await run(["home", "links", USER]);
    assert.equal(before.code, 0, before.stderr);
    assert.match(
      before.stdout,
      new RegExp(`${HOME.replaceAll(".", "\\.")}\\s+not linked\\s+0 devices`),
    );

    const link = await run(["home", "link", USER, HOME]);
    assert.equal(link.code, 0, link.stderr);
    const loginUrl = new URL(/https?:\/\/\S+/.exec(link.stdout)![0]);
    assert.equal(loginUrl.searchParams.get("response_type"), "code");
    // The user signs in on the example's login page, which redirects back to the platform.
    const back = await signInOnVendorPage(loginUrl);
    const done = await fetch(`${url}${back.pathname}${back.search}`);
    assert.equal(done.status, 200, await done.text());

    const links = await json(["home", "links", USER]);
    const entry = links.links.find((l: { extensionId: string }) => l.extensionId === HOME);
    assert.equal(entry.linked, true);
    assert.ok(entry.devices >= 10, JSON.stringify(entry));
    assert.ok(entry.discoveredAt);
  });

  it("devices: by room, with actions; --json for scripts", async () => {
    const listed = await run(["home", "devices", USER]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^kitchen$/m);
    assert.match(listed.stdout, /^ {2}kitchen light LIGHT/m);
    assert.match(listed.stdout, /^ {2}kitchen light LIGHT\n {4}.*\bSetBrightness TurnOff TurnOn$/m);
    assert.match(listed.stdout, /^scenes: movie time, leaving home$/m);
    // --state asks each device (HealthCheck), never the infrared one.
    const state = await run(["home", "devices", USER, "--state"]);
    assert.equal(state.code, 0, state.stderr);
    assert.match(state.stdout, /^ {2}kitchen light LIGHT (on|off)$/m);
    assert.match(state.stdout, /^ {2}bedroom fan FAN infrared$/m);
    const view = await json(["home", "devices", USER, "--language", "ja"]);
    const names = view.rooms.flatMap((r: { devices: { name: string }[] }) =>
      r.devices.map((d) => d.name),
    );
    assert.ok(names.includes("kitchen light"), names.join(", "));
    assert.ok(
      view.rooms.some((r: { room: string | null }) => r.room === "キッチン"),
      JSON.stringify(view.rooms.map((r: { room: string | null }) => r.room)),
    );
  });

  it("discover: runs discovery now and says how many devices", async () => {
    const result = await run(["home", "discover", USER]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`✔ ${HOME.replaceAll(".", "\\.")}: \\d+ devices`));
  });

  it("unlink removes the devices; errors exit non-zero with the reason", async () => {
    const result = await run(["home", "unlink", USER, HOME]);
    assert.equal(result.code, 0, result.stderr);
    const view = await json(["home", "devices", USER]);
    assert.deepEqual(view.rooms, []);
    const links = await run(["home", "links", USER]);
    assert.match(links.stdout, /not linked/);
    const unknown = await run(["home", "link", USER, "com.example.nothing"]);
    assert.notEqual(unknown.code, 0);
    assert.match(unknown.stderr, /com\.example\.nothing|not found|unknown/i);
  });
});
