// End-pointing: the full silence window against the grammar-aware early end (before: 210 ms
// after any whole request; now: 90 ms of quiet when nothing can follow, 210 ms else, and some
// quiet at the end of any early end), interleaved, on the spoken commands of the voice test,
// each said fluently, with a 150 ms pause in the middle (shorter than the 210 ms window) and with
// a 300 ms one (longer). Audio goes to the recognizer in real time in 200 ms slices (cic.md §10),
// a slice sent once it has been recorded. Reports the false-early rate (ended before the speaker
// had finished), accuracy against the words said, and the time from the end of speech to the text.
//   npm run bench -- speech-endpoint [commands] [concurrency]
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Readable } from "node:stream";
import type { InteractionModel } from "@clover/protocol";
import { PocketsphinxRecognizer } from "../../packages/server/src/speech/asr/pocketsphinx.js";
import { samplesToBytes } from "../../packages/server/src/speech/audio/pcm.js";
import { FliteTextToSpeech } from "../../packages/server/src/speech/tts/flite.js";
import { VOICE_COMMANDS } from "../../packages/server/test/speech/voice-commands.js";
import { median } from "./cpu.js";

const count = Number(process.argv[2] ?? VOICE_COMMANDS.length);
const concurrency = Number(process.argv[3] ?? 3);
const SLICE = 6400;
const RATE = 16000;

const models = ["dice", "pizza", "audio"].map(
  (name) =>
    JSON.parse(
      readFileSync(new URL(`../../examples/${name}/models/en.json`, import.meta.url), "utf8"),
    ) as InteractionModel,
);
const setups = {
  "full window (700 ms)": new PocketsphinxRecognizer({ models, limits: { earlySilenceMs: 0 } }),
  "early end before (210 ms after any whole request)": new PocketsphinxRecognizer({
    models,
    limits: { closedSilenceMs: 0, earlyQuietMs: 0 },
  }),
  "early end now (90 ms when nothing can follow)": new PocketsphinxRecognizer({ models }),
};
/** Pauses in the middle of the utterances, seconds (0: said fluently). */
const PAUSES = [0, 0.15, 0.3];
const voice = new FliteTextToSpeech({ voice: "awb" });

interface Utterance {
  say: string;
  pcm: Buffer;
  /** Byte offset where the speech ends. */
  speechEnd: number;
}

/** The speech without the synthesizer's own leading and trailing silence. */
function trim(samples: Int16Array): Int16Array {
  const loud = (s: number) => Math.abs(s) > 300;
  const first = samples.findIndex(loud);
  const last = samples.findLastIndex(loud);
  return first < 0 ? samples.subarray(0, 0) : samples.subarray(first, last + 1);
}

async function utterance(say: string, pause: number): Promise<Utterance & { pause: number }> {
  const words = say.split(" ");
  const parts =
    pause > 0 && words.length > 1
      ? [words.slice(0, Math.ceil(words.length / 2)), words.slice(Math.ceil(words.length / 2))]
      : [words];
  const pieces: Int16Array[] = [new Int16Array(0.3 * RATE)];
  for (const [i, part] of parts.entries()) {
    if (i > 0) pieces.push(new Int16Array(pause * RATE));
    pieces.push(trim((await voice.synthesizePcm(part.join(" "))).samples));
  }
  const speechSamples = pieces.reduce((n, p) => n + p.length, 0);
  pieces.push(new Int16Array(1.5 * RATE));
  const all = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    all.set(p, at);
    at += p.length;
  }
  return { say, pcm: samplesToBytes(all), speechEnd: speechSamples * 2, pause };
}

interface Outcome {
  text: string;
  early: boolean;
  /** Audio bytes sent when the end of speech was announced. */
  stoppedAt: number;
  /** End of speech (as recorded) → text, ms. */
  latency: number;
}

async function run(asr: PocketsphinxRecognizer, u: Utterance): Promise<Outcome> {
  const audio = new Readable({ read() {} });
  let sent = 0;
  let stoppedAt = -1;
  const result = asr.recognize(audio, {
    language: "en",
    onEndOfSpeech: () => {
      stoppedAt = sent;
    },
  });
  const start = performance.now();
  // When the speech ends as recorded, whether or not the recognizer heard that far (an early
  // end before it is a false early end, counted from here too, not from the process's start).
  const speechEndedAt = start + (u.speechEnd / 2 / RATE) * 1000;
  for (let at = 0; at < u.pcm.length && stoppedAt < 0; at += SLICE) {
    // A slice leaves the device once it has been recorded.
    const due = start + ((at + SLICE) / 2 / RATE) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    if (stoppedAt >= 0) break;
    audio.push(u.pcm.subarray(at, at + SLICE));
    sent = at + SLICE;
  }
  audio.push(null);
  const { text, early } = (await result) as { text: string; early?: boolean };
  return { text, early: early === true, stoppedAt, latency: performance.now() - speechEndedAt };
}

const utterances: (Utterance & { pause: number })[] = [];
for (const c of VOICE_COMMANDS.slice(0, count))
  for (const pause of PAUSES) utterances.push(await utterance(c.say, pause));
await Promise.all(Object.values(setups).map((s) => s.updateModels(models)));
const load0 = loadavg()[0] ?? 0;
const results = new Map<string, { u: Utterance & { pause: number }; o: Outcome }[]>(
  Object.keys(setups).map((k) => [k, []]),
);
// Interleaved: each utterance goes through both setups back to back, `concurrency` at a time.
const jobs = utterances.flatMap((u) =>
  Object.entries(setups).map(([name, asr]) => ({ name, asr, u })),
);
let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      if (!job) break;
      const o = await run(job.asr, job.u);
      results.get(job.name)?.push({ u: job.u, o });
    }
  }),
);
const load1 = loadavg()[0] ?? 0;
console.log(
  `\n${utterances.length} utterances (${count} commands, fluent and with a 150 and a 300 ms pause), real-time 200 ms slices, ${concurrency} at a time, load average ${load0.toFixed(1)} → ${load1.toFixed(1)}\n`,
);
console.log(
  "| end-pointer | ended early | false early (fluent / 150 ms / 300 ms pause) | exact text | end of speech → text p50 / p90 | fluent p50 | 150 ms pause p50 | 300 ms pause p50 |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const [name, list] of results) {
  const early = list.filter((r) => r.o.early).length;
  const falseEarly = list.filter((r) => r.o.stoppedAt >= 0 && r.o.stoppedAt < r.u.speechEnd);
  const exact = list.filter((r) => r.o.text === r.u.say).length;
  const lat = list.map((r) => r.o.latency).sort((a, b) => a - b);
  const p90 = lat[Math.floor(lat.length * 0.9)] ?? 0;
  const byPause = PAUSES.map((pause) => list.filter((r) => r.u.pause === pause));
  const falseByPause = byPause
    .map((l) => l.filter((r) => falseEarly.includes(r)).length)
    .join(" / ");
  const latencies = byPause.map((l) => `${median(l.map((r) => r.o.latency)).toFixed(0)} ms`);
  console.log(
    `| ${name} | ${early}/${list.length} | ${falseEarly.length}/${list.length} (${falseByPause}) | ${exact}/${list.length} | ${median(lat).toFixed(0)} / ${p90.toFixed(0)} ms | ${latencies.join(" | ")} |`,
  );
  const stats = setups[name as keyof typeof setups].earlyStats;
  const probe = [...stats.probeMs].sort((a, b) => a - b);
  console.log(
    `  probes ${stats.probes} (p50 ${median(probe).toFixed(0)} ms, p90 ${(probe[Math.floor(probe.length * 0.9)] ?? 0).toFixed(0)} ms), speech went on after a probe ${stats.resumes}, early ends ${stats.earlyEnds} (after the shortest quiet ${stats.closedEnds})`,
  );
  for (const f of falseEarly)
    console.log(`  false early (${f.u.pause * 1000} ms pause): "${f.u.say}" → "${f.o.text}"`);
  if (process.env["VERBOSE"])
    for (const r of list)
      if (r.o.text !== r.u.say) console.log(`  heard "${r.o.text}" for "${r.u.say}"`);
}
await Promise.all([...Object.values(setups).map((s) => s.close()), voice.close()]);
