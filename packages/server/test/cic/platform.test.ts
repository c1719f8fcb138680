// The whole platform on one port: a device logs in through the auth API, opens its downchannel
// and talks to the example extensions, which answer as real HTTP servers with signed requests.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { connectedDevice } from "../helpers/devices.js";

const ADMIN = "test-admin-token";

describe("the platform end to end through CIC", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-platform-"));
  let server: CloverServer;
  let device: DeviceClient;

  before(async () => {
    const config = testCloverConfig(dataDir, ADMIN, {
      CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
    });
    server = await startClover({ config });
    device = await connectedDevice(server.url, ADMIN, "kitchen-1");
  });

  after(async () => {
    device?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses device admin routes without the admin token", async () => {
    const response = await fetch(`${server.url}/api/v1/device-clients`, {
      method: "POST",
      body: "{}",
    });
    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /Authorization/);
  });

  it("launches dice and rolls in a second turn", async () => {
    const launched = await device.sendText("open dice");
    assert.equal(launched.status, 200);
    const names = launched.directives.map((d) => `${d.header.namespace}.${d.header.name}`);
    assert.ok(names.includes("Clova.RenderText"), names.join());
    assert.ok(
      names.includes("SpeechRecognizer.ExpectSpeech"),
      `a launch keeps listening: ${names.join()}`,
    );
    const rolled = await device.sendText("roll three dice");
    const text = String(
      rolled.directives.find((d) => d.header.name === "RenderText")?.payload["text"],
    );
    const numbers = text.match(/\d+/g) ?? [];
    if (process.env["CLOVER_TEST_VERBOSE"]) console.log(text);
    assert.ok(numbers.length >= 1, `the answer names the result: ${text}`);
  });

  it("answers a one-shot request and a request nobody handles", async () => {
    const oneShot = await device.sendText("ask dice to roll two dice");
    const text = String(
      oneShot.directives.find((d) => d.header.name === "RenderText")?.payload["text"],
    );
    assert.ok(text.length > 0);
    const unknown = await device.sendText("what is the meaning of blue");
    assert.equal(unknown.status, 200);
    assert.ok(unknown.directives.some((d) => d.header.name === "RenderText"));
  });

  it("logs turns with their CEK exchange and reports extension health", async () => {
    await device.sendText("ask dice to roll one die");
    const auth = { authorization: `Bearer ${ADMIN}` };
    const log = await fetch(`${server.url}/api/v1/conversations?deviceId=kitchen-1&limit=1`, {
      headers: auth,
    });
    assert.equal(log.status, 200);
    const { turns } = (await log.json()) as { turns: Record<string, unknown>[] };
    const turn = turns[0]!;
    assert.equal(turn["input"], "ask dice to roll one die");
    assert.equal(turn["extensionId"], "com.clover.example.dice");
    const exchange = turn["exchange"] as {
      request: { request: { type: string } };
      response: unknown;
      durationMs: number;
    };
    assert.equal(exchange.request.request.type, "IntentRequest");
    assert.ok(exchange.response);
    const health = await fetch(`${server.url}/api/v1/extensions/com.clover.example.dice/health`, {
      headers: auth,
    });
    const figures = (await health.json()) as { calls: number; errorRate: number; p99Ms: number };
    assert.ok(figures.calls >= 1);
    assert.equal(figures.errorRate, 0);
    assert.ok(figures.p99Ms > 0);
    const anonymous = await fetch(`${server.url}/api/v1/conversations`);
    assert.equal(anonymous.status, 401);
  });

  it("tells what the NLU understands for a registered extension", async () => {
    const response = await fetch(
      `${server.url}/api/v1/extensions/com.clover.example.dice/recognize`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
        body: JSON.stringify({ text: "roll four dice", language: "en" }),
      },
    );
    assert.equal(response.status, 200);
    const result = (await response.json()) as {
      intent: string;
      slots: Record<string, { value: string }>;
    };
    assert.equal(result.intent, "ThrowDiceIntent");
    assert.equal(result.slots["diceCount"]?.value, "4");
    const bad = await fetch(`${server.url}/api/v1/extensions/com.clover.example.dice/recognize`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
      body: JSON.stringify({ text: "" }),
    });
    assert.equal(bad.status, 400);
    assert.match(
      ((await bad.json()) as { error: { message: string } }).error.message,
      /text: expected non-empty string/,
    );
  });
});
