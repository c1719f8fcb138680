// Bad input gets a clear status and a JSON reason; the server keeps serving (§11).
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import { describeWait, stopwatch } from "../../server/test/helpers/cpu-wait.js";
import { createExtension, createServer, requests } from "../src/index.js";
import { close, listen, post } from "./helpers/server.js";

type ErrorBody = {
  error: { status: number; code: string; message: string; details?: { path: string }[] };
};

describe("bad input over HTTP", () => {
  let server: Server;
  let url: string;
  const logged: string[] = [];
  before(async () => {
    const ext = createExtension({ bodyLimit: 1024, timeoutMs: 100, onLog: (m) => logged.push(m) })
      .onLaunch((ctx) => {
        ctx.say("ok");
      })
      .onIntent("ThrowIntent", () => {
        throw new Error("handler bug");
      })
      .onIntent("SlowIntent", () => new Promise<void>(() => {}))
      .onIntent("RecoverableIntent", () => {
        throw new Error("recoverable");
      });
    ext.onError((error, ctx) => {
      if (error instanceof Error && error.message === "recoverable")
        ctx.say("Sorry about that.").endSession();
      else throw error;
    });
    server = createServer(ext);
    url = await listen(server);
  });
  after(() => close(server));

  const launch = () => JSON.stringify(requests.launch());
  const expectError = async (body: string, status: number, code: string) => {
    const r = await post(url, body);
    assert.equal(r.status, status, r.text);
    const json = r.json as ErrorBody;
    assert.equal(json.error.code, code);
    assert.equal(json.error.status, status);
    assert.ok(json.error.message.length > 0);
    // The server keeps serving after every failure.
    assert.equal((await post(url, launch())).status, 200);
    return json;
  };

  it("malformed JSON → 400 malformed_json", async () => {
    await expectError('{"version": "1.0", ', 400, "malformed_json");
  });
  it("invalid UTF-8 → 400 malformed_json", async () => {
    const r = await post(url, new Uint8Array([0x7b, 0xff, 0x7d]));
    assert.equal(r.status, 400);
  });
  it("an empty body (the console's reachability probe) → 400 empty_body", async () => {
    await expectError("", 400, "empty_body");
  });
  it("JSON that is not a CEK request → 400 naming the JSON path", async () => {
    const json = await expectError('{"hello": "world"}', 400, "not_a_cek_request");
    assert.ok(
      json.error.details?.some((d) => d.path === "request"),
      JSON.stringify(json),
    );
    const noName = JSON.stringify({
      ...requests.launch(),
      request: { type: "IntentRequest", intent: {} },
    });
    const second = await expectError(noName, 400, "not_a_cek_request");
    assert.ok(second.error.details?.some((d) => d.path === "request.intent.name"));
    await expectError("[1,2]", 400, "not_a_cek_request");
  });
  it("an unknown request type → 200 with a minimal valid response, never 500", async () => {
    const body = JSON.stringify({ ...requests.launch(), request: { type: "FutureRequest", x: 1 } });
    const r = await post(url, body);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, {
      version: "1.0",
      sessionAttributes: {},
      response: { outputSpeech: {}, card: {}, directives: [], shouldEndSession: true },
    });
  });
  it("an oversized body → 413", async () => {
    await expectError(JSON.stringify({ pad: "x".repeat(2048) }), 413, "body_too_large");
  });
  it("a handler that throws with no answer from the error handler → 500 handler_failed", async () => {
    await expectError(JSON.stringify(requests.intent("ThrowIntent")), 500, "handler_failed");
    assert.ok(logged.some((m) => m.includes("handler bug")));
  });
  it("a handler that throws but the error handler answers → 200 with its speech", async () => {
    const r = await post(url, JSON.stringify(requests.intent("RecoverableIntent")));
    assert.equal(r.status, 200);
    const json = r.json as {
      response: { outputSpeech: { values: { value: string } }; shouldEndSession: boolean };
    };
    assert.equal(json.response.outputSpeech.values.value, "Sorry about that.");
    assert.equal(json.response.shouldEndSession, true);
  });
  it("a handler that never answers → 504 after the timeout", async () => {
    const watch = stopwatch();
    await expectError(JSON.stringify(requests.intent("SlowIntent")), 504, "handler_timeout");
    // The 100 ms handler timeout, in this process's own time (the extension runs here).
    assert.ok(watch.ownMs() < 5000, describeWait(watch.elapsedMs(), watch.waitedMs()));
  });
  it("a GET → 405", async () => {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) });
    assert.equal(r.status, 405);
    assert.equal(((await r.json()) as ErrorBody).error.code, "method_not_allowed");
  });
});
