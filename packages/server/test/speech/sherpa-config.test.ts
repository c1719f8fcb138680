// sherpa-onnx adapters (user-supplied addon and model: only their error paths run here) and the
// environment-driven choice of engines.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { SherpaSpeechToText } from "../../src/speech/asr/sherpa.js";
import { readMp3FrameHeader } from "../../src/speech/audio/mp3.js";
import { createSpeechEngines } from "../../src/speech/config.js";
import { SherpaTextToSpeech } from "../../src/speech/tts/sherpa.js";
import { slices } from "./audio-fixtures.js";

describe("sherpa-onnx adapters", () => {
  const dir = mkdtempSync(join(tmpdir(), "clover-sherpa-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("names the missing config, a config that is not JSON and missing model files", async () => {
    await assert.rejects(new SherpaTextToSpeech({}).load(), /needs CLOVER_SHERPA_TTS_CONFIG/);
    await assert.rejects(
      new SherpaSpeechToText({ configPath: join(dir, "none.json") }).load(),
      /CLOVER_SHERPA_ASR_CONFIG: .*none\.json does not exist/,
    );
    writeFileSync(join(dir, "bad.json"), "{ model:");
    await assert.rejects(
      new SherpaTextToSpeech({ configPath: join(dir, "bad.json") }).load(),
      /bad\.json is not valid JSON/,
    );
    writeFileSync(
      join(dir, "asr.json"),
      JSON.stringify({
        modelConfig: {
          transducer: { encoder: join(dir, "encoder.onnx"), decoder: join(dir, "decoder.onnx") },
          tokens: join(dir, "tokens.txt"),
        },
      }),
    );
    writeFileSync(join(dir, "tokens.txt"), "a 0\n");
    await assert.rejects(
      new SherpaSpeechToText({ configPath: join(dir, "asr.json") }).load(),
      /model files are missing: modelConfig\.transducer\.encoder = .*encoder\.onnx; modelConfig\.transducer\.decoder/,
    );
  });

  it("explains how to install the addon when it is absent, and lets a later call retry", async () => {
    writeFileSync(join(dir, "tts.json"), JSON.stringify({ model: { vits: {} } }));
    const tts = new SherpaTextToSpeech({
      configPath: join(dir, "tts.json"),
      packageName: "sherpa-onnx-node-not-installed",
    });
    await assert.rejects(
      tts.synthesize("hello", "en"),
      /needs the sherpa-onnx-node-not-installed package \(npm install sherpa-onnx-node-not-installed\) and a model you download yourself/,
    );
    await assert.rejects(tts.load(), /npm install/);
    assert.equal(await tts.synthesize("hello", "ko"), undefined, "other languages: no audio");
  });

  it("fails a recognition cleanly and drains the upload when the model cannot load", async () => {
    const asr = new SherpaSpeechToText({ languages: ["en", "ja"] });
    const upload = slices(Buffer.alloc(64000));
    await assert.rejects(asr.recognize(upload, { language: "ja" }), /CLOVER_SHERPA_ASR_CONFIG/);
    await new Promise((r) => setImmediate(r));
    assert.equal(upload.readableFlowing, true, "the rest of the upload is read and discarded");
    await assert.rejects(
      asr.recognize(slices(Buffer.alloc(64)), { language: "ko" }),
      /sherpa speech engine does not handle lang "ko" \(it handles "en", "ja"\)/,
    );
  });
});

describe("sherpa-onnx adapters with an addon of the same shape", () => {
  const dir = mkdtempSync(join(tmpdir(), "clover-sherpa-fake-"));
  const fake = new URL("./fake-sherpa.ts", import.meta.url).href;
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("streams the upload to the recognizer as float samples and finishes the input", async () => {
    const config = { modelConfig: { tokens: join(dir, "tokens.txt") } };
    writeFileSync(join(dir, "tokens.txt"), "a 0\n");
    writeFileSync(join(dir, "asr.json"), JSON.stringify(config));
    const asr = new SherpaSpeechToText({ configPath: join(dir, "asr.json"), packageName: fake });
    const loud = Buffer.alloc(16000 * 2);
    for (let i = 0; i < 16000; i++) loud.writeInt16LE(i % 2 ? 16384 : -16384, i * 2);
    // Five 200 ms slices, each handed on as soon as it holds whole 30 ms frames, then the rest.
    const result = await asr.recognize(slices(loud), { language: "en" });
    assert.equal(result.text, "decoded 16000 samples in 6 chunks peak 0.50 finished");
    const { created } = (await import(fake)) as typeof import("./fake-sherpa.js");
    assert.deepEqual(created.at(-1), { kind: "OnlineRecognizer", config });
  });

  it("turns the model's float samples into MP3", async () => {
    writeFileSync(join(dir, "tts.json"), JSON.stringify({ model: {} }));
    const tts = new SherpaTextToSpeech({
      configPath: join(dir, "tts.json"),
      packageName: fake,
      speed: 2,
    });
    const mp3 = await tts.synthesize("hello there", "en");
    assert.equal(mp3 && readMp3FrameHeader(mp3)?.sampleRate, 24000);
    // 11 characters × 0.1 s at speed 2 ≈ 0.55 s of audio at 48 kbit/s ≈ 3.3 kB.
    assert.ok(mp3 && mp3.length > 2500 && mp3.length < 4500, `${mp3?.length} bytes`);
  });
});

describe("choosing engines from the environment", () => {
  it("defaults to Flite (+ eSpeak NG) and pocketsphinx with a phrase cache", async () => {
    const engines = createSpeechEngines({});
    try {
      assert.deepEqual(engines.tts?.languages, ["en", "ja", "ko", "zh"]);
      assert.deepEqual(engines.asr?.languages, ["en"]);
      const mp3 = await engines.tts?.synthesize("Hello.", "en");
      assert.ok(mp3 && mp3.length > 500);
    } finally {
      await engines.close();
    }
  });

  it("builds the OpenAI-compatible engines and several recognizers in order", async () => {
    const engines = createSpeechEngines({
      CLOVER_TTS: "openai",
      CLOVER_TTS_URL: "http://127.0.0.1:9",
      CLOVER_ASR: "pocketsphinx,openai",
      CLOVER_ASR_URL: "http://127.0.0.1:9",
      CLOVER_ASR_LANGUAGES: "ja,ko",
    });
    try {
      assert.deepEqual(engines.asr?.languages, ["en", "ja", "ko"]);
      await assert.rejects(
        engines.asr?.recognize(slices(Buffer.alloc(64)), { language: "zh" }) ?? Promise.resolve(),
        /no configured speech recognizer handles lang "zh": pocketsphinx \(en\); openai \(ja, ko\)/,
      );
    } finally {
      await engines.close();
    }
  });

  it("turns speech off with none, and names wrong values and missing settings", async () => {
    const off = createSpeechEngines({ CLOVER_TTS: "none", CLOVER_ASR: "none" });
    assert.equal(off.tts, undefined);
    assert.equal(off.asr, undefined);
    assert.throws(
      () => createSpeechEngines({ CLOVER_TTS: "pico" }),
      /CLOVER_TTS must be one of auto, flite, espeak, openai, sherpa, none, got "pico"/,
    );
    assert.throws(
      () => createSpeechEngines({ CLOVER_TTS: "none", CLOVER_ASR: "whisper" }),
      /CLOVER_ASR must list engines among pocketsphinx, openai, sherpa, none, got "whisper"/,
    );
    assert.throws(
      () => createSpeechEngines({ CLOVER_TTS: "none", CLOVER_ASR_CLOSED_END_MS: "soon" }),
      /CLOVER_ASR_CLOSED_END_MS must be a whole number of milliseconds from 0 to 700, got "soon"/,
    );
    assert.throws(
      () => createSpeechEngines({ CLOVER_TTS: "openai" }),
      /CLOVER_TTS=openai needs CLOVER_TTS_URL/,
    );
    assert.throws(
      () => createSpeechEngines({ CLOVER_TTS: "flite", CLOVER_TTS_VOICE: "hal" }),
      /CLOVER_TTS_VOICE must be one of slt, kal, kal16, awb, rms/,
    );
  });
});
