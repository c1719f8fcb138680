// The speech benches as docs/benchmarks.md shows them, at a smoke size through their own knobs
// (one text, one turn, one round): each still runs Debian's flite, lame, eSpeak NG and
// pocketsphinx (installed by scripts/setup-system.sh) and prints every row the docs' tables
// read, with figures. The figures themselves come from full runs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FIGURE, figuresOf, missingProgram, runBench, tableRow } from "../helpers/bench.js";

const missing = missingProgram("flite", "lame", "espeak-ng", "pocketsphinx_continuous");

// The benches run side by side: each is mostly waiting (real-time audio, fixed pauses), and
// only the lines they print are checked here, never their figures.
describe("the speech benches, at a smoke size", { skip: missing, concurrency: true }, () => {
  it("speech: each engine's real-time factor, ASR, and one voice turn through CIC", async () => {
    const out = await runBench("speech", [], { TEXTS: "1", TURNS: "1", COMBOS: "1" });
    for (const engine of [
      "TTS Flite slt, flite + lame programs, samples piped (default)",
      "TTS Flite slt, WASI + JavaScript LAME (previous default)",
      "TTS Flite awb, flite + lame programs",
      "TTS eSpeak NG en + lame program",
      "ASR pocketsphinx, dice grammar (1/1 exact)",
      "ASR pocketsphinx, dice+pizza+audio grammar (1/1 exact)",
    ])
      assert.equal(figuresOf(out, engine).length, 5, engine); // audio, CPU, RTF, wall, RSS
    const [toByte, toAudio, fromSlice] = tableRow(out, "full window (700 ms) · fluent · fixed");
    for (const cell of [toByte, toAudio])
      assert.match(cell!, new RegExp(`^${FIGURE} / ${FIGURE} ms$`));
    assert.match(fromSlice!, new RegExp(`^${FIGURE} ms$`));
    assert.match(out, /server RSS: \d+ MB/);
  });

  it("speech-answer: no TTS beside streamed TTS, one turn each", async () => {
    const out = await runBench("speech-answer", ["1", "0,1"]);
    assert.match(out, /^1 turns per setup, interleaved; /m);
    const pair = new RegExp(`^${FIGURE} / ${FIGURE}$`);
    const [directive, audio] = tableRow(out, "no TTS");
    assert.match(directive!, pair);
    assert.equal(audio, "— / —"); // no audio without TTS
    const streamed = tableRow(out, "streamed, samples piped into lame as made (now)");
    for (const cell of [0, 1, 3, 4]) assert.match(streamed[cell]!, pair, streamed.join(" | "));
  });

  it("speech-first-piece: flite piped into lame beside the WAV path, one round", async () => {
    const out = await runBench("speech-first-piece", ["1"]);
    assert.equal(figuresOf(out, '"You rolled a four" | pipe').length, 4);
    assert.equal(figuresOf(out, '"You rolled a four and a six, round 12." | pipe').length, 4);
    assert.equal(out.split("\n").filter((l) => l.startsWith("| | WAV | — |")).length, 3);
  });

  it("speech-pauses: the pauses a listener hears in each way of streaming", async () => {
    const out = await runBench("speech-pauses");
    for (const way of [
      "now (cut at the comma, silence at the cut and before the first word trimmed)",
      "before (cut at the comma, WAV whole)",
      "first sentence whole, lead-in trimmed",
      "first sentence whole, nothing trimmed",
    ])
      assert.match(
        out,
        new RegExp(
          `^${way.replace(/[()]/g, "\\$&")} audio \\d+ ms; pauses ≥60 ms \\(at\\+length\\):( \\d+\\+\\d+)+$`,
          "m",
        ),
      );
  });

  it("speech-endpoint: the three end-pointers on one command, all at once", async () => {
    const out = await runBench("speech-endpoint", ["1", "9"]);
    assert.match(out, /^3 utterances \(1 commands, /m);
    for (const pointer of [
      "full window (700 ms)",
      "early end before (210 ms after any whole request)",
      "early end now (90 ms when nothing can follow)",
    ]) {
      const [ended, falseEarly, exact, latency] = tableRow(out, pointer);
      assert.match(ended!, /^\d\/3$/, pointer);
      assert.match(falseEarly!, /^\d\/3 \(\d \/ \d \/ \d\)$/, pointer);
      assert.match(exact!, /^\d\/3$/, pointer);
      assert.match(latency!, new RegExp(`^${FIGURE} / ${FIGURE} ms$`), pointer);
    }
  });
});
