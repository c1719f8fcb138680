// The end-pointer with the grammar, on real synthesised speech through pocketsphinx: a request
// nothing can follow ends after the shortest silence, one that may go on waits for the longer
// window, and a pause shorter than that window in the middle of a request does not cut it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import { PocketsphinxRecognizer } from "../../src/speech/asr/pocketsphinx.js";
import { FliteTextToSpeech } from "../../src/speech/tts/flite.js";
import { endAfterProbes, joined, trimmed } from "./audio-fixtures.js";

const dice = JSON.parse(
  readFileSync(new URL("../../../../examples/dice/models/en.json", import.meta.url), "utf8"),
) as InteractionModel;

// "what is the forecast" is a whole request, but "… in <city>" may follow and change it.
const weather: InteractionModel = {
  language: "en",
  invocation: { main: "weather station" },
  customSlotTypes: [{ name: "CITY", values: [{ value: "london" }, { value: "paris" }] }],
  intents: [
    {
      name: "ForecastIntent",
      slots: [{ name: "city", type: "CITY" }],
      utterances: ["what is the forecast", "what is the forecast in <city>paris</city>"],
    },
  ],
};

/** Pushes `pcm` in 200 ms slices, each once it has been "recorded" (real time), until stopped. */
function realTime(pcm: Buffer): { audio: Readable; stop: () => void } {
  const audio = new Readable({ read() {} });
  let stopped = false;
  void (async () => {
    const start = performance.now();
    for (let at = 0; at < pcm.length && !stopped; at += 6400) {
      const due = start + ((at + 6400) / 32000) * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      if (!stopped) audio.push(pcm.subarray(at, at + 6400));
    }
    audio.push(null);
  })();
  return {
    audio,
    stop: () => {
      stopped = true;
    },
  };
}

/** A stream that gets `pcm` at once and then stays open without more audio until ended. */
function thenNothing(pcm: Buffer): Readable {
  const stream = new Readable({ read() {} });
  for (let at = 0; at < pcm.length; at += 6400) stream.push(pcm.subarray(at, at + 6400));
  return stream;
}

describe("end-pointing with the grammar", () => {
  const flite = new FliteTextToSpeech({ voice: "awb" });
  // The tests wait for the grammar probe's answer, however late it comes on a loaded machine,
  // before they end the audio; the idle limit only bounds a hung run.
  const asr = new PocketsphinxRecognizer({
    models: [dice, weather],
    limits: { noSpeechTimeoutMs: 1500, maxAudioMs: 60_000, idleTimeoutMs: 60_000 },
  });
  before(() => asr.updateModels([dice, weather]));
  after(async () => {
    await asr.close();
    await flite.close();
  });

  it("ends a request nothing can follow after the shortest silence (150 ms, under the 210 ms window)", async () => {
    const speech = await trimmed(flite, "ask dice to roll three dice");
    const closedEnds = asr.earlyStats.closedEnds;
    const audio = thenNothing(joined(0.3, speech, 0.15));
    let ended = 0;
    const recognized = asr.recognize(audio, { language: "en", onEndOfSpeech: () => ended++ });
    await endAfterProbes(asr, audio);
    const result = await recognized;
    assert.equal(result.text, "ask dice to roll three dice");
    // Ended by the end-pointer as a closed request when the probe answered, before the stream's
    // end: with 150 ms of silence the 210 ms window cannot have ended it.
    assert.equal(result.early, true, "ended by the stream's end, not by the end-pointer");
    assert.equal(ended, 1);
    assert.equal(asr.earlyStats.closedEnds, closedEnds + 1);
  });

  it("waits for the longer window when more may follow a whole request", async () => {
    // 150 ms of silence after "… what is the forecast", then nothing: "in london" may follow.
    const speech = await trimmed(flite, "ask weather station what is the forecast");
    const audio = thenNothing(joined(0.3, speech, 0.15));
    const recognized = asr.recognize(audio, { language: "en" });
    await endAfterProbes(asr, audio);
    const result = await recognized;
    assert.equal(result.text, "ask weather station what is the forecast");
    assert.notEqual(result.early, true, "not ended by the end-pointer: the stream's end did");
  });

  it("ends that request after the 210 ms window once the silence is long enough", async () => {
    const speech = await trimmed(flite, "ask weather station what is the forecast");
    const earlyEnds = asr.earlyStats.earlyEnds;
    const closedEnds = asr.earlyStats.closedEnds;
    // 400 ms of silence, then nothing: past the 210 ms window, short of the 700 ms trailing
    // silence, so only the end-pointer's early end can end it (once the probe has answered).
    const audio = thenNothing(joined(0.3, speech, 0.4));
    const recognized = asr.recognize(audio, { language: "en" });
    await endAfterProbes(asr, audio);
    const result = await recognized;
    assert.equal(result.text, "ask weather station what is the forecast");
    assert.equal(result.early, true);
    assert.equal(asr.earlyStats.earlyEnds, earlyEnds + 1);
    assert.equal(asr.earlyStats.closedEnds, closedEnds, "not as a closed request");
  });

  it("does not cut a request at a 150 ms pause where it may go on", async () => {
    const first = await trimmed(flite, "ask weather station what is the forecast");
    const rest = await trimmed(flite, "in london");
    const { audio, stop } = realTime(joined(0.3, first, 0.15, rest, 1.2));
    const result = await asr.recognize(audio, { language: "en", onEndOfSpeech: stop });
    assert.equal(result.text, "ask weather station what is the forecast in london");
  });

  it("does not cut a closed-looking start at a pause while the request goes on", async () => {
    // "ask dice to roll three dice" is closed, but not the words before the pause.
    const first = await trimmed(flite, "ask dice to roll");
    const rest = await trimmed(flite, "three dice");
    const probes = asr.earlyStats.probes;
    const { audio, stop } = realTime(joined(0.3, first, 0.15, rest, 1.2));
    const result = await asr.recognize(audio, { language: "en", onEndOfSpeech: stop });
    assert.equal(result.text, "ask dice to roll three dice");
    assert.ok(asr.earlyStats.probes > probes, "the pause was probed");
  });
});
