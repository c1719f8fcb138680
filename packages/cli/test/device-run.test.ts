// `clover device run` against a real platform (`clover serve`): the terminal device plays music
// from the example music box and prints the player screen, the playback reports and the queue,
// applies volume and Bluetooth changes, shows a notification pushed through the management
// API, and rings an alert and stops it by voice; a saved device the platform no longer knows
// logs in again or is registered anew.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { managementApi } from "../../server/test/helpers/management-api.js";
import { clover, editSavedDevices, exited, serveLocal, spawnClover, tempDir } from "./helpers.js";

describe("clover device run", () => {
  const env = { CLOVER_CONFIG_DIR: tempDir("device-run-config") };
  let child: ChildProcess;
  let info: Record<string, unknown>;
  before(async () => {
    ({ child, info } = await serveLocal(tempDir("device-run-data"), { env }));
    const registered = await clover(
      ["device", "register", "--user", "run-user", "--device-id", "term-1"],
      {
        env,
      },
    );
    assert.equal(registered.code, 0, registered.stderr);
  });
  after(async () => {
    child.kill("SIGTERM");
    await exited(child);
  });

  it("plays music with the player screen and its reports, and changes volume and Bluetooth", async () => {
    const run = await clover(
      [
        "device",
        "run",
        "--display",
        "l100",
        "--speed",
        "20",
        "--for",
        "3",
        "ask music box to play jazz",
        // 1 s at --speed 20 is 20 s of media: the progress reports the extension asked for
        ":wait 1",
        "turn up the volume",
        "mute",
        ":pause",
        ":state",
        "turn off bluetooth",
      ],
      { env, timeoutMs: 60_000 },
    );
    assert.equal(run.code, 0, run.stderr);
    const out = run.stdout;
    assert.match(out, /♪ REPLACE_ALL /);
    assert.match(out, /player \(.+\): \d+ item\(s\)/);
    assert.match(out, /→ AudioPlayer\.PlayStarted/);
    assert.match(out, /→ AudioPlayer\.ProgressReport\w+Passed at \d+ s/);
    assert.match(out, /• player IDLE.* → PLAYING/);
    assert.match(out, /DeviceControl\.Increase volume\n/);
    assert.match(out, /• volume 5\/10 → 6\/10/);
    assert.match(out, /• muted no → yes/);
    assert.match(out, /→ AudioPlayer\.PlayPaused/);
    assert.match(out, /muted: yes/);
    assert.match(out, /• bluetooth on → off/);
  });

  it("refuses a negative, huge or wordy :wait by name instead of sleeping on it", async () => {
    const run = await clover(
      ["device", "run", "--for", "0", ":wait -1", ":wait 99999", ":wait soon", ":wait", ":state"],
      { env, timeoutMs: 30_000 },
    );
    assert.equal(run.code, 0, run.stderr);
    const refused = `${run.stdout}${run.stderr}`.match(
      /:wait: expected seconds from 0 to 3600, got "[^"]*"/g,
    );
    assert.deepEqual(
      refused?.map((line) => line.split("got ")[1]),
      ['"-1"', '"99999"', '"soon"', '""'],
    );
    assert.doesNotMatch(`${run.stdout}${run.stderr}`, /unknown button/);
  });

  it("shows a pushed notification and rings an alert until it is stopped", async () => {
    const device = spawnClover(["device", "run"], { env });
    let out = "";
    device.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    // Waits for the device to show something; it fails at once if the device exited. The
    // deadline only bounds a hung run (nothing here measures time; the machine may be loaded).
    const t0 = Date.now();
    const seen = async (pattern: RegExp) => {
      if (process.env["DEBUG_SEEN"])
        console.error(`[${Date.now() - t0} ms] waiting for ${pattern}`);
      const deadline = Date.now() + 120_000;
      while (!pattern.test(out)) {
        if (device.exitCode !== null || Date.now() > deadline)
          throw new Error(`no ${pattern} (exit ${device.exitCode}) in:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    try {
      device.stdin!.write(":state\n");
      await seen(/indicator: off/);
      const url = String(info["url"]);
      const token = String(info["adminToken"] ?? "");
      const pushed = await managementApi(url, token)(
        "POST",
        "/api/v1/users/run-user/notifications",
        { text: "The parcel has arrived" },
      );
      assert.ok(pushed.status < 300, `notification push: ${pushed.status}`);
      await seen(/🔔 notification/);
      await seen(/• indicator off → on/);
      device.stdin!.write("set a timer for 2 seconds\n");
      await seen(/⏰ ringing/);
      device.stdin!.write("stop\n");
      await seen(/⏰ stopped/);
      device.stdin!.write(":quit\n");
      assert.equal(await exited(device), 0);
    } finally {
      device.kill("SIGTERM");
    }
  });

  it("listen lets the event of an alert it was just given leave before it exits", async () => {
    const listener = spawnClover(["--json", "device", "listen"], { env });
    let out = "";
    let err = "";
    listener.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    listener.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
    });
    // Waits for a state; the deadline only bounds a hung run.
    const seen = async (what: () => boolean, label: string) => {
      const deadline = Date.now() + 120_000;
      while (!what()) {
        if (listener.exitCode !== null || Date.now() > deadline)
          throw new Error(`no ${label} (exit ${listener.exitCode}) in:\n${out}\n${err}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      await seen(() => /alert\(s\) kept/.test(err), "downchannel open and alerts in sync");
      const url = String(info["url"]);
      const token = String(info["adminToken"] ?? "");
      const api = managementApi(url, token);
      const created = await api("POST", "/api/v1/users/run-user/alerts", {
        deviceId: "term-1",
        type: "ALARM",
        scheduledTime: new Date(Date.now() + 3_600_000).toISOString(),
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { alert } = created.body as { alert: { token: string } };
      // Interrupted as soon as the SetAlert is shown: its SetAlertSucceeded is still to leave.
      await seen(() => out.includes('"name":"SetAlert"'), "SetAlert");
      listener.kill("SIGINT");
      assert.equal(await exited(listener), 0);
      const kept = await api("GET", `/api/v1/users/run-user/alerts/${alert.token}`);
      const body = kept.body as { alert: { status: string } };
      assert.equal(body.alert.status, "set", "the device's SetAlertSucceeded reached the platform");
    } finally {
      listener.kill("SIGTERM");
    }
  });

  it("logs in again, or registers anew, when the platform no longer knows the saved tokens", async () => {
    const forget = (edit: (device: Record<string, unknown>) => void) =>
      editSavedDevices(env.CLOVER_CONFIG_DIR, edit);
    const roll = () =>
      clover(["device", "run", "ask dice to roll a die"], { env, timeoutMs: 60_000 });
    // Tokens unknown to the platform but not expired by the clock: the downchannel answers 401.
    forget((device) => {
      device["accessToken"] = "cv_at_forgotten";
      device["refreshToken"] = "cv_rt_forgotten";
    });
    const again = await roll();
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /I rolled one die/);
    const saved = JSON.parse(readFileSync(join(env.CLOVER_CONFIG_DIR, "config.json"), "utf8"));
    const device = Object.values(saved.devices)[0] as Record<string, unknown>;
    assert.notEqual(device["accessToken"], "cv_at_forgotten", "the new tokens are saved");
    // The device client itself unknown (the platform's data was reset): registered anew.
    forget((device) => {
      device["clientId"] = "unknown-client";
      device["accessToken"] = "cv_at_forgotten";
    });
    const anew = await roll();
    assert.equal(anew.code, 0, anew.stderr);
    assert.match(anew.stdout, /I rolled one die/);
  });
});
