// Extensions that misbehave: each fault gives a clear log entry and a spoken apology, ends the
// session cleanly, and leaves other users and later requests unaffected.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import { after, before, describe, it } from "node:test";
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import { capturingLogger } from "../helpers/logs.js";
import { bakeryModel } from "../helpers/models.js";
import { device, register, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

type Mode = "ok" | "slow2s" | "slow30s" | "status500" | "garbage" | "invalid" | "huge";

const TIMEOUT_MS = 800;
/** A 10 MB response body, built once. */
const HUGE = JSON.stringify(answer("x".repeat(10 * 1024 * 1024)));

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("extension faults", () => {
  let platform: TestPlatform;
  let ext: TestExtension;
  let mode: Mode = "ok";
  const { logger, entries } = capturingLogger();

  before(async () => {
    platform = await startPlatform(
      {
        cek: { timeoutMs: TIMEOUT_MS, breakerFailures: 1000 },
        // The bystander's session must outlive a slow case on a loaded machine (its listening
        // window is not under test here: assistant/sessions.test.ts).
        session: { timeoutMs: 600_000 },
      },
      { logger },
    );
    ext = await startExtension((request: Json) => {
      const type = request.request.type;
      if (type === "LaunchRequest" || mode === "ok")
        return {
          body: answer("hello", { end: type === "SessionEndedRequest", attributes: { n: 1 } }),
        };
      switch (mode) {
        case "slow2s":
          return { delayMs: 2000, body: answer("too late") };
        case "slow30s":
          return { delayMs: 30_000, body: answer("far too late") };
        case "status500":
          return { status: 500, body: "internal trouble" };
        case "garbage":
          return { body: "<html>this is not json" };
        case "invalid":
          return {
            body: {
              version: "1.0",
              response: {
                outputSpeech: {
                  type: "SimpleSpeech",
                  values: { type: "PlainText", lang: "en", value: 42 },
                },
                shouldEndSession: "yes",
              },
            },
          };
        case "huge":
          return { body: HUGE };
      }
    });
    await register(platform, {
      id: "com.example.faulty",
      displayName: "Faulty",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en") },
    });
    const down = await closedPort();
    await register(platform, {
      id: "com.example.down",
      displayName: "Gone Fishing",
      endpointUrl: `http://127.0.0.1:${down}/cek`,
      models: { en: { ...bakeryModel("en"), invocation: { main: "gone fishing" } } },
    });
  });
  after(async () => {
    await platform.close();
    await ext.close();
  });

  const cases: { mode: Mode; failure: string; detail: RegExp }[] = [
    { mode: "slow2s", failure: "timeout", detail: /within 800 ms/ },
    { mode: "slow30s", failure: "timeout", detail: /within 800 ms/ },
    { mode: "status500", failure: "http-status", detail: /HTTP 500: internal trouble/ },
    { mode: "garbage", failure: "invalid-json", detail: /not JSON.*<html>/ },
    {
      mode: "invalid",
      failure: "invalid-message",
      detail: /response\.outputSpeech.*|shouldEndSession/,
    },
    { mode: "huge", failure: "too-large", detail: /exceeds the limit of 1048576/ },
  ];

  for (const c of cases)
    it(`${c.mode}: apology, logged, session ended, others unaffected`, async () => {
      mode = "ok";
      const victim = device({ deviceId: `victim-${c.mode}` });
      const bystander = device({ deviceId: `bystander-${c.mode}`, userId: "U_bystander" });
      await platform.assistant.handleTurn(say("open bakery bot", victim));
      await platform.assistant.handleTurn(say("open bakery bot", bystander));
      const before = ext.received.length;
      mode = c.mode;
      const turn = say("when are you open", victim);
      const started = performance.now();
      const result = await platform.assistant.handleTurn(turn);
      const elapsed = performance.now() - started;
      // The deadline, not the extension's 2 s or 30 s, decides when the user hears back.
      assert.ok(elapsed < (c.failure === "timeout" ? 1800 : 5000), `answered in ${elapsed} ms`);
      assert.equal(result.speech.length, 1);
      assert.match(result.speech[0]!.value, /Sorry, Faulty isn't responding/);
      assert.equal(result.expectSpeech, false);
      assert.equal(result.extensionId, "com.example.faulty");
      assert.match(result.exchange?.error ?? "", new RegExp(`^${c.failure}: `));
      const logged = entries.find(
        (e) => e.dialogRequestId === turn.dialogRequestId && e.failure === c.failure,
      );
      assert.ok(logged, `a log entry names the failure ${c.failure}`);
      assert.equal(logged.extensionId, "com.example.faulty");
      assert.equal(logged.level, 40);
      assert.match(logged.msg, c.detail);
      // Best-effort SessionEndedRequest for the open session (§2.4).
      const ended = await ext.waitForRequest(
        (body) =>
          body.request.type === "SessionEndedRequest" &&
          body.context.System.device.deviceId === victim.deviceId,
        before,
      );
      assert.equal(ended.body.session.user.userId, victim.userId);
      mode = "ok";
      const afterwards = await platform.assistant.handleTurn(say("when are you open", victim));
      assert.equal(afterwards.extensionId, undefined, "the victim's session is closed");
      const other = await platform.assistant.handleTurn(say("when are you open", bystander));
      assert.equal(other.speech[0]?.value, "hello", "the bystander's session goes on");
      await platform.assistant.handleTurn(say("stop", bystander));
    });

  it("an extension that is down gets an apology in the user's language", async () => {
    const ja = device({ deviceId: "down-ja", language: "ja", locale: "ja-JP" });
    await platform.api("PUT", "/api/v1/extensions/com.example.down/models/ja", {
      ...bakeryModel("ja"),
      invocation: { main: "釣り堀" },
    });
    const turn = say("釣り堀を起動して", ja);
    const result = await platform.assistant.handleTurn(turn);
    assert.match(result.speech[0]?.value ?? "", /Gone Fishingが今応答していません/);
    assert.equal(result.speech[0]?.lang, "ja");
    const logged = entries.find((e) => e.dialogRequestId === turn.dialogRequestId);
    assert.equal(logged?.failure, "unreachable");
    assert.match(logged?.msg ?? "", /ECONNREFUSED/);
    assert.equal(logged?.extensionId, "com.example.down");
  });
});

describe("circuit breaker", () => {
  let platform: TestPlatform;
  let ext: TestExtension;
  let failing = true;

  before(async () => {
    platform = await startPlatform(
      { cek: { breakerFailures: 3, breakerCooldownMs: 300 } },
      { logger: capturingLogger().logger },
    );
    ext = await startExtension(() =>
      failing ? { status: 503, body: "down" } : { body: answer("back") },
    );
    await register(platform, {
      id: "com.example.flaky",
      displayName: "Flaky",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en") },
    });
  });
  after(async () => {
    await platform.close();
    await ext.close();
  });

  it("stops calling after repeated failures and tries again after the cool-down", async () => {
    const me = device({ deviceId: "breaker" });
    for (let i = 0; i < 3; i++)
      await platform.assistant.handleTurn(say("ask bakery bot when are you open", me));
    assert.equal(ext.received.length, 3);
    const refused = await platform.assistant.handleTurn(
      say("ask bakery bot when are you open", me),
    );
    assert.match(refused.exchange?.error ?? "", /^circuit-open/);
    assert.match(refused.speech[0]?.value ?? "", /isn't responding/);
    assert.equal(ext.received.length, 3, "no call while open");
    failing = false;
    await new Promise((r) => setTimeout(r, 350));
    const back = await platform.assistant.handleTurn(say("ask bakery bot when are you open", me));
    assert.equal(back.speech[0]?.value, "back");
    assert.equal(ext.received.length, 4);
  });
});
