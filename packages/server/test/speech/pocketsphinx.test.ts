// The default recognizer: pocketsphinx with a grammar compiled from the interaction models.
// Real child processes, real synthesised speech, and every way an upload can go wrong.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import { PocketsphinxRecognizer } from "../../src/speech/asr/pocketsphinx.js";
import { SpeechInputError } from "../../src/speech/audio/errors.js";
import { encodeWav } from "../../src/speech/audio/pcm.js";
import { FliteTextToSpeech } from "../../src/speech/tts/flite.js";
import { describeWait, stopwatch } from "../helpers/cpu-wait.js";
import { alive, endAfterProbes, noise, slices, spoken } from "./audio-fixtures.js";

const dice = JSON.parse(
  readFileSync(new URL("../../../../examples/dice/models/en.json", import.meta.url), "utf8"),
) as InteractionModel;

const weather: InteractionModel = {
  language: "en",
  invocation: { main: "weather station" },
  customSlotTypes: [{ name: "CITY", values: [{ value: "london", synonyms: ["big smoke"] }] }],
  intents: [
    {
      name: "ForecastIntent",
      slots: [{ name: "city", type: "CITY" }],
      utterances: ["what is the forecast in <city>paris</city>"],
    },
  ],
};

describe("pocketsphinx recognizer", () => {
  // The awb voice: pocketsphinx's US acoustic model hears it best among Flite's voices.
  const flite = new FliteTextToSpeech({ voice: "awb" });
  const asr = new PocketsphinxRecognizer({
    models: [dice],
    // A long idle limit: it only bounds a hung run (the early-end tests end their streams once
    // the grammar probes have answered, however late on a loaded machine).
    limits: { noSpeechTimeoutMs: 1500, maxAudioMs: 6000, idleTimeoutMs: 60_000 },
    // Likewise: the tests wait for the decoder's answer, however late; the time limit on that
    // answer has a test of its own.
    finishTimeoutMs: 600_000,
  });
  const pids = new Set<number>();
  const track = () => {
    for (const p of (asr as unknown as { processes: Set<{ child: { pid: number } }> }).processes)
      pids.add(p.child.pid);
  };

  before(() => asr.updateModels([dice]));
  after(async () => {
    await asr.close();
    await flite.close();
  });

  it("recognizes a command as it streams in and reports the end of speech", async () => {
    let ended = 0;
    const result = await asr.recognize(slices(await spoken(flite, "ask dice to roll three dice")), {
      language: "en",
      onEndOfSpeech: () => ended++,
    });
    track();
    assert.equal(result.text, "ask dice to roll three dice");
    assert.equal(ended, 1);
  });

  /** A stream that receives `parts` now and then stays open without more audio until ended. */
  function openStream(...parts: Buffer[]): Readable {
    const stream = new Readable({ read() {} });
    for (const part of parts)
      for (let at = 0; at < part.length; at += 6400) stream.push(part.subarray(at, at + 6400));
    return stream;
  }

  it("ends a whole request after a short silence instead of the full window", async () => {
    // 300 ms of silence after the command, then nothing: only an early end can stop capture
    // before the stream is ended, once the grammar probes have answered.
    const audio = openStream(await spoken(flite, "ask dice to roll three dice", 0.3, 0.3));
    let ended = 0;
    const recognized = asr.recognize(audio, { language: "en", onEndOfSpeech: () => ended++ });
    await endAfterProbes(asr, audio);
    const result = await recognized;
    assert.equal(result.text, "ask dice to roll three dice");
    assert.equal((result as { early?: boolean }).early, true, "ended by the stream's end");
    assert.equal(ended, 1);
  });

  it("waits the full window when the words so far are not a whole request", async () => {
    // "ask dice" may go on ("ask dice to …"): the short silence must not end it.
    const audio = openStream(await spoken(flite, "ask dice", 0.3, 0.3));
    const recognized = asr.recognize(audio, { language: "en" });
    await endAfterProbes(asr, audio);
    const result = await recognized;
    assert.equal(result.text, "ask dice");
    assert.notEqual((result as { early?: boolean }).early, true);
  });

  it("keeps recognizing the whole utterance when speech goes on after a pause", async () => {
    // With the synthesizer's own silence at both ends, a pause of about 400 ms.
    const first = await spoken(flite, "ask dice", 0.3, 0);
    const rest = await spoken(flite, "to roll three dice", 0, 1.2);
    const resumes = asr.earlyStats.resumes;
    const result = await asr.recognize(slices(Buffer.concat([first, rest])), { language: "en" });
    assert.equal(result.text, "ask dice to roll three dice");
    // The pause was probed and the decoder that heard everything went on.
    assert.ok(asr.earlyStats.resumes > resumes, "speech went on after a probe");
  });

  it("recognizes several uploads at once", async () => {
    const phrases = ["open dice", "roll five dice", "cancel"];
    const audio = await Promise.all(phrases.map((p) => spoken(flite, p)));
    const results = await Promise.all(
      audio.map((a) => asr.recognize(slices(a), { language: "en" })),
    );
    track();
    assert.deepEqual(
      results.map((r) => r.text),
      phrases,
    );
  });

  it("recompiles the grammar when the models change", async () => {
    const audio = await spoken(flite, "ask weather station what is the forecast in london");
    const beforeUpdate = await asr.recognize(slices(audio), { language: "en" });
    assert.notEqual(beforeUpdate.text, "ask weather station what is the forecast in london");
    await asr.updateModels([dice, weather]);
    const afterUpdate = await asr.recognize(slices(audio), { language: "en" });
    assert.equal(afterUpdate.text, "ask weather station what is the forecast in london");
    await asr.updateModels([dice]);
  });

  it("gives up on silence without running the recognizer (no onset → StopCapture, empty text)", async () => {
    let ended = 0;
    const watch = stopwatch();
    const result = await asr.recognize(slices(Buffer.alloc(16000 * 2 * 4)), {
      language: "en",
      onEndOfSpeech: () => ended++,
    });
    assert.deepEqual(result, { text: "" });
    assert.equal(ended, 1);
    // In this process's own time (its waits for a CPU on a loaded machine left out).
    assert.ok(watch.ownMs() < 5000, describeWait(watch.elapsedMs(), watch.waitedMs()));
  });

  it("stops capture at the audio cap for endless input (a 10-minute upload)", async () => {
    const speech = await spoken(flite, "roll the dice roll the dice roll the dice", 0, 0);
    let sent = 0;
    const tenMinutes = 16000 * 2 * 600;
    const endless = Readable.from(
      (function* () {
        while (sent < tenMinutes) {
          const chunk = sent % 2 ? speech : noise(0.2, 3000);
          sent += chunk.length;
          yield chunk;
        }
      })(),
    );
    let stoppedAt = -1;
    const result = await asr.recognize(endless, {
      language: "en",
      onEndOfSpeech: () => {
        stoppedAt = sent;
      },
    });
    assert.ok(stoppedAt > 0 && stoppedAt < 16000 * 2 * 10, `stopped after ${stoppedAt} bytes`);
    assert.equal(typeof result.text, "string");
  });

  it("answers noise with an empty or short text", async () => {
    const result = await asr.recognize(slices(noise(3, 6000)), { language: "en" });
    assert.ok(result.text.split(" ").filter(Boolean).length <= 3, result.text);
  });

  it("gives up on a decoder that has not answered within its finish time, and stops it", async () => {
    // No decoder ends its utterance and exits within 1 ms of the end of its audio.
    const hasty = new PocketsphinxRecognizer({ models: [dice], finishTimeoutMs: 1 });
    try {
      await hasty.updateModels([dice]);
      const running = hasty.recognize(slices(noise(3, 6000)), { language: "en" });
      await assert.rejects(running, /pocketsphinx did not finish within 1 ms/);
    } finally {
      await hasty.close();
    }
    assert.equal(hasty.processCount, 0);
  });

  it("rejects a WAV file, naming its header and the format it should be", async () => {
    const wav = encodeWav({ sampleRate: 8000, samples: new Int16Array(8000) });
    await assert.rejects(
      asr.recognize(slices(wav), { language: "en" }),
      (error: Error) =>
        error instanceof SpeechInputError &&
        error.code === 400 &&
        /WAV file \(RIFF header; 8000 Hz, 1 channel\(s\), 16-bit\)/.test(error.message) &&
        /AUDIO_L16_RATE_16000_CHANNELS_1/.test(error.message),
    );
  });

  it("rejects an upload with an odd number of bytes (not 16-bit samples)", async () => {
    await assert.rejects(
      asr.recognize(slices(Buffer.alloc(16001, 1)), { language: "en" }),
      /odd number of bytes \(16001\)/,
    );
  });

  it("fails a stream cut in the middle and kills its process", async () => {
    const audio = await spoken(flite, "roll the dice");
    const cut = new Readable({ read() {} });
    cut.push(audio.subarray(0, 9600));
    setTimeout(() => cut.destroy(new Error("stream reset by the client")), 50);
    await assert.rejects(
      asr.recognize(cut, { language: "en" }),
      /the audio upload failed after 300 ms: stream reset by the client/,
    );
    const quiet = new Readable({ read() {} });
    quiet.push(audio.subarray(0, 6400));
    setTimeout(() => quiet.destroy(), 50);
    await assert.rejects(asr.recognize(quiet, { language: "en" }), /was cut off after 200 ms/);
  });

  it("treats an upload that stalls as the end of speech", async () => {
    // The suite's idle limit is a minute (a bound on hung runs): this one stalls after 1.5 s.
    const impatient = new PocketsphinxRecognizer({
      models: [dice],
      limits: { noSpeechTimeoutMs: 1500, maxAudioMs: 6000, idleTimeoutMs: 1500 },
      finishTimeoutMs: 600_000,
    });
    const audio = await spoken(flite, "open dice", 0.3, 0);
    const stalled = new Readable({ read() {} });
    stalled.push(audio);
    let ended = 0;
    try {
      await impatient.updateModels([dice]);
      const result = await impatient.recognize(stalled, {
        language: "en",
        onEndOfSpeech: () => ended++,
      });
      assert.equal(result.text, "open dice");
      assert.equal(ended, 1);
    } finally {
      stalled.destroy();
      await impatient.close();
    }
  });

  it("stops at once when aborted", async () => {
    const endless = new Readable({ read() {} });
    endless.push(noise(0.4));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await assert.rejects(
      asr.recognize(endless, { language: "en", signal: controller.signal }),
      /aborted/,
    );
    endless.destroy();
  });

  it("names the engines that handle a language it cannot", async () => {
    await assert.rejects(
      asr.recognize(slices(Buffer.alloc(6400)), { language: "ja" }),
      (error: Error & { code?: number }) =>
        error.code === 400 &&
        /pocketsphinx speech engine does not handle lang "ja" \(it handles "en"\)/.test(
          error.message,
        ) &&
        /CLOVER_ASR=openai/.test(error.message) &&
        /CLOVER_ASR=sherpa/.test(error.message),
    );
  });

  it("leaves only the warm processes running between requests, and none after close", async () => {
    await new Promise((r) => setTimeout(r, 300));
    track();
    assert.ok(asr.processCount <= 2, `${asr.processCount} processes`);
    const other = new PocketsphinxRecognizer({ models: [dice] });
    await other.updateModels([dice]);
    const running = other.recognize(slices(noise(5, 3000)), { language: "en" });
    const outcome = running.then(
      () => "finished",
      (error: Error) => error.message,
    );
    await new Promise((r) => setTimeout(r, 200));
    const otherPids = [
      ...(other as unknown as { processes: Set<{ child: { pid: number } }> }).processes,
    ].map((p) => p.child.pid);
    assert.ok(otherPids.length >= 1);
    await other.close();
    assert.match(await outcome, /finished|closed during recognition/);
    assert.equal(other.processCount, 0);
    for (const pid of otherPids) assert.equal(alive(pid), false, `process ${pid} still runs`);
    await assert.rejects(other.recognize(slices(Buffer.alloc(10)), { language: "en" }), /closed/);
  });

  it("reports a grammar pocketsphinx cannot load", async () => {
    const broken = new PocketsphinxRecognizer({ modelDir: "/nonexistent-model-dir" });
    await assert.rejects(broken.updateModels([dice]), /no such file|ENOENT|cannot load/i);
    await broken.close();
  });

  after(() => {
    for (const pid of pids) assert.equal(alive(pid), false, `process ${pid} leaked`);
  });
});
