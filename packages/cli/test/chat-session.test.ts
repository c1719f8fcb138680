// clover chat across runs: a conversation left open is announced or ended (--new-session);
// --verbose durations are rounded; a missing MP3 player is said once; a saved device the
// platform no longer knows (its data reset) logs in again or is registered anew.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { clover, editSavedDevices, exited, serveLocal, tempDir } from "./helpers.js";

describe("clover chat across runs", () => {
  const env = { CLOVER_CONFIG_DIR: tempDir("chat-config") };
  let child: ChildProcess;
  before(async () => {
    ({ child } = await serveLocal(tempDir("chat-data"), { env }));
  });
  after(async () => {
    child.kill("SIGTERM");
    await exited(child);
  });
  const chat = (args: string[], extra: Record<string, string> = {}) =>
    clover(["chat", ...args], { env: { ...env, ...extra } });

  it("says that an earlier run's conversation is still open, and --new-session ends it", async () => {
    const first = await chat(["ask dice to roll two dice"]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /Roll again\?/);
    assert.match(first.stdout, /\(listening…\)/);

    const second = await chat(["yes"]);
    assert.match(second.stderr, /conversation with com\.clover\.example\.dice .* is still open/);
    assert.match(second.stderr, /--new-session starts fresh/);
    assert.match(second.stdout, /I rolled 2 dice/, "yes continued the dice conversation");

    const fresh = await chat(["--new-session", "yes"]);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.doesNotMatch(fresh.stderr, /still open/);
    assert.doesNotMatch(fresh.stdout, /I rolled/, "a fresh session: yes reaches no dice");
  });

  it("rounds --verbose durations and says 'no MP3 player' once", async () => {
    const bin = tempDir("chat-bin");
    symlinkSync(process.execPath, join(bin, "node"));
    const result = await chat(
      ["--new-session", "--verbose", "--audio", "ask dice to roll a die", "yes"],
      { PATH: bin },
    );
    assert.equal(result.code, 0, result.stderr);
    const durations = [...result.stdout.matchAll(/(?:turn |CEK response \()([\d.]+) ms/g)].map(
      (m) => m[1]!,
    );
    assert.ok(durations.length >= 2, result.stdout);
    for (const d of durations) assert.match(d, /^\d+$|^\d\.\d$/, `rounded: ${d}`);
    assert.equal(result.stderr.match(/no MP3 player found/g)?.length, 1, result.stderr);
  });

  it("logs in again, or registers anew, when the platform no longer knows the saved tokens", async () => {
    const forget = (edit: (device: Record<string, unknown>) => void) =>
      editSavedDevices(env.CLOVER_CONFIG_DIR, edit);
    // Tokens unknown to the platform but not expired by the clock: refused with 401.
    forget((device) => {
      device["accessToken"] = "cv_at_forgotten";
      device["refreshToken"] = "cv_rt_forgotten";
    });
    const again = await chat(["--new-session", "ask dice to roll a die"]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /I rolled one die/);
    // The device client itself unknown (the platform's data was reset): registered anew.
    forget((device) => {
      device["clientId"] = "unknown-client";
      device["accessToken"] = "cv_at_forgotten";
    });
    const anew = await chat(["--new-session", "ask dice to roll a die"]);
    assert.equal(anew.code, 0, anew.stderr);
    assert.match(anew.stdout, /I rolled one die/);
  });
});
