// Every family of /metrics filled by real traffic: a node on Redis with speech engines behind
// real CIC; a spoken turn (ASR, NLU, extension, TTS, total), a text turn whose extension fails
// with HTTP 500 (extension errors by kind), a push (pushes, downchannels), then the scrape:
// each series that traffic should move is non-zero, and the event-loop and dependency
// figures are measured.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import { deviceKeyOf } from "../../src/cic/device-key.js";
import type { SpeechToText, TextToSpeech } from "../../src/cic/speech-engines.js";
import type { CloverServer } from "../../src/main.js";
import { answer } from "../helpers/extension-server.js";
import { redisAvailable } from "../helpers/redis.js";
import { type NodeRig, startNodeRig } from "./node-rig.js";
import { sampleOf } from "./samples.js";

/** Hears the bakery question once it has read the whole upload. */
const asr: SpeechToText = {
  async recognize(audio, options) {
    let bytes = 0;
    for await (const chunk of audio) bytes += (chunk as Buffer).length;
    options.onEndOfSpeech?.();
    return { text: bytes > 0 ? "ask bakery bot when are you open" : "" };
  },
};
const tts: TextToSpeech = {
  async synthesize(text, language) {
    await new Promise((r) => setTimeout(r, 2));
    return Buffer.from(`mp3:${language}:${text}`);
  },
};

describe("metrics filled by real turns", {
  skip: !redisAvailable && "redis-server is not installed",
}, () => {
  let rig: NodeRig;
  let server: CloverServer;
  let device: DeviceClient;
  let accessToken: string;
  let failNext = false;

  before(async () => {
    rig = await startNodeRig({
      nodeId: "metrics-node",
      asr,
      tts,
      extension: () => {
        if (!failNext) return { body: answer("We open at seven.") };
        failNext = false;
        return { status: 500, body: { error: "broken" } };
      },
    });
    ({ server, device, accessToken } = rig);
  });
  after(async () => rig?.close());

  it("populates turns, every stage, extension errors, pushes, lag and dependency latency", async () => {
    const spoken = await device.sendEvent(
      {
        namespace: "SpeechRecognizer",
        name: "Recognize",
        payload: { lang: "en", profile: "CLOSE_TALK", format: "AUDIO_L16_RATE_16000_CHANNELS_1" },
      },
      { dialogRequestId: "metrics-voice", audio: Buffer.alloc(6400, 1) },
    );
    assert.equal(spoken.status, 200);
    assert.ok(
      spoken.directives.some((d) => d.header.name === "Speak"),
      JSON.stringify(spoken.directives.map((d) => d.header.name)),
    );
    failNext = true;
    const failed = await device.sendText("ask bakery bot when are you open");
    assert.equal(failed.status, 200, "the failure is spoken, not an HTTP error");
    const grant = await server.authority.verifyAccessToken(accessToken);
    assert.equal(
      await server.gateway.push(deviceKeyOf(grant!), {
        header: { namespace: "Notifier", name: "SetIndicator", messageId: "m-1" },
        payload: {},
      }),
      true,
    );
    await server.ops.readiness.probe();
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const value = (name: string, labels: Record<string, string> = {}) =>
      sampleOf(text, name, { node: "metrics-node", ...labels });
    assert.equal(value("clover_turns_total", { kind: "text" }), 2, "the spoken and the typed turn");
    for (const stage of ["asr", "nlu", "extension", "tts", "total"]) {
      assert.ok(value("clover_turn_stage_seconds_count", { stage }) >= 1, `${stage} timed`);
      assert.ok(value("clover_turn_stage_seconds_sum", { stage }) > 0, `${stage} took time`);
    }
    assert.equal(value("clover_extension_errors_total", { kind: "http-status" }), 1);
    assert.equal(value("clover_downchannels_open"), 1);
    assert.ok(value("clover_pushes_total", { delivered: "true" }) >= 1);
    assert.ok(value("clover_nodejs_eventloop_lag_p99_seconds") > 0, "event-loop delay percentiles");
    // The lag gauge is measured by one scrape and shown by the next (prom-client).
    const again = await (await fetch(`${server.url}/metrics`)).text();
    assert.ok(
      sampleOf(again, "clover_nodejs_eventloop_lag_seconds", { node: "metrics-node" }) > 0,
      "event-loop lag",
    );
    for (const dependency of ["database", "redis"]) {
      assert.ok(value("clover_dependency_seconds_count", { dependency }) >= 1, dependency);
      assert.ok(value("clover_dependency_seconds_sum", { dependency }) > 0, dependency);
      assert.equal(value("clover_dependency_up", { dependency }), 1, dependency);
    }
    // The refusals series exists before any refusal, so dashboards see a zero, not a gap.
    assert.match(text, /^# TYPE clover_rate_limit_refusals_total counter$/m);
  });
});
