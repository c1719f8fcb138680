// Speech benchmark: real-time factor (audio seconds per CPU second, helpers included) of each
// TTS and ASR engine side by side, memory per engine, and the time from the end of the user's
// speech to the first byte of the spoken answer for a dice turn through CIC.
//   node --conditions=@clover/source --import tsx bench/speech/speech.ts
//   (npm run bench -- speech [--tts-only | --latency-only]; TEXTS=<n>: only the first n
//   phrases and commands; TURNS, COMBOS: see latency.ts)
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { Readable } from "node:stream";
import type { InteractionModel } from "@clover/protocol";
import { PocketsphinxRecognizer } from "../../packages/server/src/speech/asr/pocketsphinx.js";
import { samplesToBytes } from "../../packages/server/src/speech/audio/pcm.js";
import { EspeakTextToSpeech } from "../../packages/server/src/speech/tts/espeak.js";
import { FliteTextToSpeech } from "../../packages/server/src/speech/tts/flite.js";
import { cpuSeconds, descendants, median, rssMb } from "./cpu.js";
import { dialogLatency } from "./latency.js";

const TEXTS = Number(process.env["TEXTS"] ?? Number.POSITIVE_INFINITY);
const PHRASES = [
  "You rolled three dice: a four, a two and a six, for a total of twelve.",
  "Your order of two large pepperoni pizzas is on its way.",
  "Here is some jazz from Music Box.",
  "Sorry, I did not catch that. How many dice should I roll?",
  "Okay.",
].slice(0, TEXTS);
const COMMANDS = [
  "ask dice to roll three dice",
  "open pizza shop",
  "ask music box to play some classical music",
  "i want two large bulgogi pizzas",
  "roll the dice",
  "tell pizza shop to order a small veggie",
].slice(0, TEXTS);

const models = ["dice", "pizza", "audio"].map(
  (name) =>
    JSON.parse(
      readFileSync(new URL(`../../examples/${name}/models/en.json`, import.meta.url), "utf8"),
    ) as InteractionModel,
);

const rows: string[] = [];
const row = (...cells: (string | number)[]) =>
  rows.push(`| ${cells.map((c) => (typeof c === "number" ? c.toFixed(2) : c)).join(" | ")} |`);

async function ttsFigures(
  name: string,
  make: () => FliteTextToSpeech | EspeakTextToSpeech,
  lang: string,
) {
  const engine = make();
  let audio = 0;
  for (const phrase of PHRASES) {
    const pcm =
      engine instanceof FliteTextToSpeech
        ? await engine.synthesizePcm(phrase)
        : await engine.synthesizePcm(phrase, lang);
    if (pcm) audio += pcm.samples.length / pcm.sampleRate;
  }
  const peak: number[] = [];
  const cpu0 = cpuSeconds();
  const wall0 = performance.now();
  for (const phrase of PHRASES) {
    await engine.synthesize(phrase, lang); // text → MP3, the path a Speak directive takes
    peak.push(descendants(process.pid).reduce((sum, pid) => sum + rssMb(pid), 0));
  }
  const wall = (performance.now() - wall0) / 1000;
  await engine.close();
  await new Promise((r) => setTimeout(r, 200));
  const cpu = cpuSeconds() - cpu0;
  row(`TTS ${name}`, audio, cpu, audio / cpu, wall, Math.max(...peak));
}

async function asrFigures(name: string, grammarModels: InteractionModel[]) {
  const flite = new FliteTextToSpeech({ voice: "awb" });
  const uploads: Buffer[] = [];
  let audio = 0;
  for (const text of COMMANDS) {
    const pcm = await flite.synthesizePcm(text);
    const padded = new Int16Array(pcm.samples.length + 16000);
    padded.set(pcm.samples, 4800);
    audio += padded.length / 16000;
    uploads.push(samplesToBytes(padded));
  }
  await flite.close();
  await new Promise((r) => setTimeout(r, 200));
  const asr = new PocketsphinxRecognizer({ models: grammarModels });
  await asr.updateModels(grammarModels);
  await new Promise((r) => setTimeout(r, 500));
  const idle = descendants(process.pid).reduce((sum, pid) => sum + rssMb(pid), 0);
  const cpu0 = cpuSeconds();
  const wall0 = performance.now();
  const heard: string[] = [];
  for (const upload of uploads) {
    const chunks: Buffer[] = [];
    for (let at = 0; at < upload.length; at += 6400) chunks.push(upload.subarray(at, at + 6400));
    heard.push((await asr.recognize(Readable.from(chunks), { language: "en" })).text);
  }
  const wall = (performance.now() - wall0) / 1000;
  await asr.close();
  await new Promise((r) => setTimeout(r, 200));
  const cpu = cpuSeconds() - cpu0;
  const right = heard.filter((h, i) => h === COMMANDS[i]).length;
  row(`ASR ${name} (${right}/${COMMANDS.length} exact)`, audio, cpu, audio / cpu, wall, idle);
}

row("engine", "audio s", "CPU s", "RTF (audio s / CPU s)", "wall s", "helper RSS MB");
rows.push("|---|---|---|---|---|---|");
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
// --tts-only: the TTS rows; --latency-only: just the voice turn (end of speech → answer).
const ttsOnly = process.argv.includes("--tts-only");
const latencyOnly = process.argv.includes("--latency-only");
if (!latencyOnly) {
  await ttsFigures(
    "Flite slt, flite + lame programs, samples piped (default)",
    () => new FliteTextToSpeech(),
    "en",
  );
  await ttsFigures(
    "Flite slt, flite + lame programs, WAV whole then lame",
    () => new FliteTextToSpeech({ streamSamples: false }),
    "en",
  );
  await ttsFigures(
    "Flite slt, WASI + JavaScript LAME (previous default)",
    () => new FliteTextToSpeech({ engine: "wasi" }),
    "en",
  );
  await ttsFigures(
    "Flite awb, flite + lame programs",
    () => new FliteTextToSpeech({ voice: "awb" }),
    "en",
  );
  await ttsFigures(
    "Flite awb, WASI + JavaScript LAME",
    () => new FliteTextToSpeech({ voice: "awb", engine: "wasi" }),
    "en",
  );
  await ttsFigures("eSpeak NG en + lame program", () => new EspeakTextToSpeech(), "en");
  await ttsFigures(
    "eSpeak NG en + JavaScript LAME",
    () => new EspeakTextToSpeech({ lame: false }),
    "en",
  );
}
if (!ttsOnly && !latencyOnly) {
  await asrFigures("pocketsphinx, dice grammar", models.slice(0, 1));
  await asrFigures("pocketsphinx, dice+pizza+audio grammar", models);
}
console.log(rows.join("\n"));
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
if (ttsOnly) process.exit(0);

const turns = Number(process.env["TURNS"] ?? 8);
const load0 = loadavg()[0] ?? 0;
const latency = await dialogLatency(
  turns,
  Number(process.env["COMBOS"] ?? Number.POSITIVE_INFINITY),
);
const p = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ??
  0;
console.log(
  `\nVoice dice turn through CIC ("ask dice to roll three dice", fluent and with a 300 ms pause, real-time 200 ms slices, ${turns} turns per end-pointer, case and alignment, interleaved; load average ${load0.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}):\n`,
);
console.log(
  "| end-pointer · case · alignment | end of speech → first byte p50 / p99 | → first audio byte p50 / p99 | slice arrival → first audio p50 | slice wait / end-pointer / turn / first clause p50 | misheard |",
);
console.log("| --- | --- | --- | --- | --- | --- |");
for (const [name, f] of Object.entries(latency.setups)) {
  const parts = [f.sliceWaitRuns, f.endPointerRuns, f.turnRuns, f.ttsRuns]
    .map((v) => median(v).toFixed(0))
    .join(" / ");
  console.log(
    `| ${name} | ${median(f.runs).toFixed(0)} / ${p(f.runs, 0.99).toFixed(0)} ms | ${median(f.audioRuns).toFixed(0)} / ${p(f.audioRuns, 0.99).toFixed(0)} ms | ${median(f.serverAudioRuns).toFixed(0)} ms | ${parts} ms | ${f.misheard}/${f.runs.length} |`,
  );
}
console.log(
  `  hypothesis finished at a pause (early end now): p50 ${median(latency.probeMs).toFixed(0)} ms, p90 ${p(latency.probeMs, 0.9).toFixed(0)} ms of ${latency.probeMs.length}`,
);
console.log(`  server RSS: ${latency.rssMb.toFixed(0)} MB`);
