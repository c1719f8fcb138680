// Where the first audio of a spoken answer goes: one piece of text through Debian's `flite`
// and `lame`, both started ahead and waiting on their input (as the speech helpers keep them),
// the two paths interleaved round by round in one process:
//   pipe: flite's samples (`-o stream`, ALSA writing them to standard output) passed on to lame
//         reading raw samples (through this process, to time flite's first sample) — times to
//         flite's first sample, to lame's first MP3 byte, to the end;
//   WAV:  flite writes the whole WAV, then lame reads it — times to flite's end, to lame's
//         first byte (the first audio of that path), to the end.
// Times count from writing the text. Pieces: a few words, the first clause, the whole sentence.
//   node --conditions=@clover/source --import tsx bench/speech/first-piece.ts [rounds]
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { lameStep } from "../../packages/server/src/speech/tts/program-pool.js";
import { median } from "./cpu.js";

const rounds = Number(process.argv[2] ?? 20);
const PIECES = [
  "You rolled a four",
  "You rolled a four and a six,",
  "You rolled a four and a six, round 12.",
];
const dir = mkdtempSync(join(tmpdir(), "clover-first-piece-"));
const alsa = join(dir, "alsa.conf");
writeFileSync(
  alsa,
  'pcm.!default { type file slave.pcm "null" file 1 format "raw" }\npcm.null { type null }\n',
);
const lameRaw = lameStep("lame", 16000).args;
const lameWav = lameStep("lame").args;

const closed = (child: ChildProcess) =>
  new Promise<void>((resolve) => child.on("close", () => resolve()));
const settle = () => new Promise((r) => setTimeout(r, 150)); // the programs load and wait

async function pipe(text: string) {
  const lame = spawn("lame", lameRaw, { stdio: ["pipe", "pipe", "ignore"] });
  const flite = spawn("flite", ["-voice", "slt", "-f", "-", "-o", "stream"], {
    stdio: ["pipe", "pipe", "ignore"],
    env: { ...process.env, ALSA_CONFIG_PATH: alsa },
  });
  await settle();
  const t0 = performance.now();
  let sample = 0;
  let mp3 = 0;
  flite.stdout.on("data", (c: Buffer) => {
    sample ||= performance.now() - t0;
    lame.stdin.write(c);
  });
  flite.stdout.on("end", () => lame.stdin.end());
  lame.stdout.on("data", () => {
    mp3 ||= performance.now() - t0;
  });
  const synthesized = closed(flite).then(() => performance.now() - t0);
  flite.stdin.end(text);
  const [fliteEnd] = await Promise.all([synthesized, closed(lame)]);
  return { sample, fliteEnd, mp3, end: performance.now() - t0 };
}

async function wav(text: string, i: number) {
  const file = join(dir, `${i}.wav`);
  const lame = spawn("lame", lameWav, { stdio: ["pipe", "pipe", "ignore"] });
  const flite = spawn("flite", ["-voice", "slt", "-f", "-", "-o", file], {
    stdio: ["pipe", "ignore", "ignore"],
  });
  await settle();
  const t0 = performance.now();
  let mp3 = 0;
  lame.stdout.on("data", () => {
    mp3 ||= performance.now() - t0;
  });
  flite.stdin.end(text);
  await closed(flite);
  const fliteEnd = performance.now() - t0;
  lame.stdin.end(readFileSync(file));
  await closed(lame);
  return { fliteEnd, mp3, end: performance.now() - t0 };
}

type Times = Record<string, number[]>;
const results = PIECES.map(() => ({ pipe: {} as Times, wav: {} as Times }));
const note = (into: Times, values: Record<string, number>) => {
  for (const [key, value] of Object.entries(values)) {
    into[key] ??= [];
    into[key].push(value);
  }
};
const load0 = loadavg();
for (let round = 0; round < rounds + 2; round++) {
  for (const [p, text] of PIECES.entries()) {
    const a = round % 2 ? await pipe(text) : await wav(text, round);
    const b = round % 2 ? await wav(text, round) : await pipe(text);
    if (round < 2) continue; // warm-up
    note(results[p]!.pipe, "sample" in a ? a : b);
    note(results[p]!.wav, "sample" in a ? b : a);
  }
}
const load1 = loadavg();
rmSync(dir, { recursive: true, force: true });
const ms = (values: number[] | undefined) => (values ? median(values).toFixed(1) : "—");
console.log(
  `${rounds} rounds, medians in ms; load average ${load0.map((l) => l.toFixed(2)).join(" ")} → ${load1.map((l) => l.toFixed(2)).join(" ")}`,
);
console.log(
  "| piece | path | flite's first sample | flite's end | first MP3 byte | last MP3 byte |",
);
console.log("|---|---|---|---|---|---|");
for (const [p, text] of PIECES.entries()) {
  const { pipe: a, wav: b } = results[p]!;
  console.log(
    `| "${text}" | pipe | ${ms(a.sample)} | ${ms(a.fliteEnd)} | ${ms(a.mp3)} | ${ms(a.end)} |`,
  );
  console.log(`| | WAV | — | ${ms(b.fliteEnd)} | ${ms(b.mp3)} | ${ms(b.end)} |`);
}
