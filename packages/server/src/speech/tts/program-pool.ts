// Runs speech programs (Debian's flite, espeak-ng, lame) from small helper processes, one per
// core. Starting a program from the server itself would block its event loop while the
// kernel copies the server's memory map (tens of milliseconds for a large process on a busy
// machine); a helper of a few megabytes of heap forks in well under a millisecond, and the
// server only sends a message. One job: a synthesizer writes a WAV, then (optionally) `lame`
// turns it into MP3; the helper answers with the bytes of the last step.
//
// Steps whose arguments do not depend on the job (`warm`: the text comes on standard input)
// are started before they are needed: each helper keeps one started, idle process per such
// step, waiting on its input, and starts the next one once a job is answered. A job then pays
// neither the program's start (loading the libraries and the voice: 10-30 ms each for flite
// and lame, more on a loaded machine) nor the start's competition for the CPU.
//
// A synthesizer that can hand out its samples as it makes them (Flite, through ALSA: see
// `samplesOnStdout`) runs as a pipe: its samples go on to the encoder as they come (through the
// helper, which can drop the silence before the first sound), the two started ahead as a pair,
// and the encoder's MP3 goes to the server as it comes out. The
// first MP3 frames then leave while the rest of the piece is still being synthesized, instead
// of after synthesis and encoding. A helper trusts the pipe once it has given a whole job
// (that first job is answered in one piece); if it fails before that, the helper falls back to
// the WAV-file path for good.
import { SerialChildWorker } from "./child-worker.js";
import { Slots } from "./slots.js";

export interface ProgramStep {
  command: string;
  /** `{wav}` is replaced with the job's temporary WAV file. */
  args: string[];
  /** Written to the program's standard input. */
  input?: string;
  /** The program writes the WAV to its standard output (else to `{wav}`). */
  wavOnStdout?: boolean;
  /** (encode step) The WAV is written to the program's standard input. */
  wavOnStdin?: boolean;
  /** The arguments are the same for every job: a process may be started ahead of the job. */
  warm?: boolean;
  /** Debian package named when the program is missing. */
  packageName: string;
  /**
   * The program plays its audio on ALSA's default device (Flite's `-o stream`): the helper
   * points ALSA at a configuration that writes the raw samples to the program's standard
   * output, as the program makes them.
   */
  samplesOnStdout?: boolean;
}

export interface ProgramJob {
  synthesize: ProgramStep;
  /** Reads `{wav}` (or its standard input), writes the result to standard output (the job's answer). */
  encode?: ProgramStep;
  /**
   * The same job as a pipe, the synthesizer's samples streaming into the encoder (both steps
   * `warm`, the encoder reading raw samples on its input); `synthesize` and `encode` remain the
   * fallback where the pipe does not work.
   */
  pipe?: {
    synthesize: ProgramStep;
    encode: ProgramStep;
    /** The synthesizer's rate (its raw 16-bit mono samples carry no header). */
    sampleRate: number;
    /**
     * Drop the silence the synthesizer puts before the first sound, but for this many
     * milliseconds (the start of an answer, or a piece that goes on with a cut sentence).
     */
    trimStartMs?: number;
    /** Drop the silence after the last sound but for this many milliseconds (a cut sentence's first part). */
    trimEndMs?: number;
  };
}

/** A sample at least this loud (of 32,767) starts the sound; Flite's lead-in stays below 100. */
const SOUND_LEVEL = 300;

/** MP3 bytes the helper hands on as they come before it batches the rest (~7 frames, 170 ms). */
const FIRST_BYTES = 1000;
/** Longest a batch of later MP3 bytes waits in the helper. */
const BATCH_MS = 20;

const HELPER_SOURCE = `
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const [timeoutMs, firstBytes, batchMs, soundLevel] = process.argv.slice(-4).map(Number);
// Made by the parent (child-worker.ts), which removes it when this process ends.
const dir = process.env.CLOVER_HELPER_DIR;
// ALSA's default device for samplesOnStdout steps: raw samples to standard output (fd 1),
// nothing played. The file replaces ALSA's whole configuration for those programs only.
const alsaConfig = path.join(dir, "alsa.conf");
fs.writeFileSync(alsaConfig, 'pcm.!default { type file slave.pcm "null" file 1 format "raw" }\\npcm.null { type null }\\n');
// Started processes waiting for a job, by step; they end on their own when this helper
// goes away (their standard input closes).
const ready = new Map();
// Pipes that gave a whole job ("works") or failed before that ("broken"), by pipe.
const pipeState = new Map();
process.on("exit", () => {
  for (const p of ready.values()) for (const c of p.children) c.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});
process.on("disconnect", () => process.exit(0));
const keyOf = (step) => JSON.stringify([step.command, step.args, !!step.samplesOnStdout]);
function start(step, stdout) {
  const wav = path.join(dir, crypto.randomUUID() + ".wav");
  const args = step.args.map((a) => (a === "{wav}" ? wav : a));
  const env = step.samplesOnStdout ? { ...process.env, ALSA_CONFIG_PATH: alsaConfig } : process.env;
  const child = spawn(step.command, args, { stdio: ["pipe", stdout || "pipe", "pipe"], env });
  const p = { child, children: [child], wav, onData: undefined };
  const out = [];
  let err = "";
  child.stdout?.on("data", (c) => (p.onData ? p.onData(c) : out.push(c)));
  child.stderr.on("data", (c) => { err = (err + c).slice(-2000); });
  child.stdin.on("error", () => {});
  p.done = new Promise((resolve, reject) => {
    child.on("error", (e) => {
      reject(new Error(e.code === "ENOENT" ? step.command + " is not installed (Debian package " + step.packageName + ")" : e.message));
    });
    child.on("close", (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(step.command + " exited with " + (signal || "code " + code) + ": " + err.trim()));
    });
  });
  p.done.catch(() => {});
  return p;
}
// The synthesizer's samples go to the encoder through this helper, which can drop the
// silence before the first sound; the encoder's input ends when the synthesizer's output does.
function startPipe(pipe) {
  const encoder = start(pipe.encode);
  const synthesizer = start(pipe.synthesize);
  synthesizer.child.stdout.on("end", () => {
    synthesizer.onEnd?.();
    encoder.child.stdin.end();
  });
  return {
    child: synthesizer.child,
    children: [synthesizer.child, encoder.child],
    synthesizer,
    encoder,
    done: Promise.all([synthesizer.done, encoder.done]).then(([, mp3]) => mp3),
  };
}
// Samples pass on as they come. With trimStartMs, those before the first sound are held back
// and only their last trimStartMs milliseconds go on once it starts; with trimEndMs, those after
// the last sound are held back and only their first trimEndMs milliseconds go on at the end. A
// piece without any sound is passed on whole.
function relay(p, pipe) {
  const input = p.encoder.child.stdin;
  const bytesOf = (ms) => Math.round(((pipe.sampleRate || 16000) * ms) / 1000) * 2;
  const trimStart = pipe.trimStartMs !== undefined;
  const trimEnd = pipe.trimEndMs !== undefined;
  const loud = (x) => x >= soundLevel || x <= -soundLevel;
  let heard = false;
  let quiet = []; // samples since the last sound (before the first one: all of them)
  let carry = Buffer.alloc(0); // a chunk may end in the middle of a two-byte sample
  p.synthesizer.onData = (c) => {
    if ((!trimStart && !trimEnd) || (heard && !trimEnd)) return input.write(c);
    const bytes = carry.length > 0 ? Buffer.concat([carry, c]) : c;
    const whole = bytes.length - (bytes.length % 2);
    carry = Buffer.from(bytes.subarray(whole));
    const samples = bytes.subarray(0, whole);
    let last = -2;
    for (let i = whole - 2; i >= 0 && last < 0; i -= 2) if (loud(samples.readInt16LE(i))) last = i;
    if (last < 0) {
      quiet.push(samples);
      return;
    }
    let out = Buffer.concat([...quiet, samples.subarray(0, last + 2)]);
    if (!heard && trimStart) {
      let first = 0;
      while (!loud(out.readInt16LE(first))) first += 2;
      out = out.subarray(Math.max(0, first - bytesOf(pipe.trimStartMs)));
    }
    heard = true;
    if (!trimEnd) {
      // From here on the samples pass straight on (the odd byte held back goes first).
      input.write(Buffer.concat([out, samples.subarray(last + 2), carry]));
      quiet = [];
      carry = Buffer.alloc(0);
      return;
    }
    input.write(out);
    quiet = [samples.subarray(last + 2)];
  };
  p.synthesizer.onEnd = () => {
    const rest = Buffer.concat([...quiet, carry]);
    input.write(heard && trimEnd ? rest.subarray(0, bytesOf(pipe.trimEndMs)) : rest);
  };
}
const alive = (p) => p.children.every((c) => c.exitCode === null && c.signalCode === null);
function take(step, key = keyOf(step), make = () => start(step)) {
  const p = step.warm ? ready.get(key) : undefined;
  if (p) ready.delete(key);
  if (p && alive(p)) return p;
  if (p) for (const c of p.children) c.kill("SIGKILL");
  return make();
}
function prepare(step, key = keyOf(step), make = () => start(step)) {
  if (step.warm && !ready.has(key)) ready.set(key, make());
}
async function run(p, step, input) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      for (const c of p.children) c.kill("SIGKILL");
      reject(new Error(step.command + " took longer than " + timeoutMs + " ms"));
    }, timeoutMs);
  });
  p.child.stdin.end(input);
  try {
    return await Promise.race([p.done, late]);
  } finally {
    clearTimeout(timer);
  }
}
// The pipe's MP3 as it comes: the first bytes at once, then in batches; the rest is the answer.
async function runPipe(job, key, stream) {
  const p = take(job.pipe.synthesize, key, () => startPipe(job.pipe));
  relay(p, job.pipe);
  const pending = [];
  let sent = 0;
  let timer;
  const send = () => {
    timer = undefined;
    const chunk = Buffer.concat(pending.splice(0));
    sent += chunk.length;
    if (chunk.length > 0) process.send({ chunk });
  };
  p.encoder.onData = (c) => {
    pending.push(c);
    if (!stream) return;
    if (sent < firstBytes) send();
    else timer ??= setTimeout(send, batchMs);
  };
  try {
    await run(p, job.pipe.synthesize, job.pipe.synthesize.input || "");
  } catch (error) {
    for (const c of p.children) c.kill("SIGKILL");
    throw error;
  } finally {
    clearTimeout(timer);
    // Nothing of this job may reach the server after its answer (it would join the next one's).
    p.encoder.onData = () => {};
  }
  return Buffer.concat(pending);
}
async function runSteps(job, wavs) {
  const first = take(job.synthesize);
  wavs.push(first.wav);
  const out = await run(first, job.synthesize, job.synthesize.input || "");
  const wav = job.synthesize.wavOnStdout ? out : fs.readFileSync(first.wav);
  if (!job.encode) return wav;
  const encoder = take(job.encode);
  wavs.push(encoder.wav);
  if (!job.encode.wavOnStdin) fs.writeFileSync(encoder.wav, wav);
  return run(encoder, job.encode, job.encode.wavOnStdin ? wav : "");
}
process.on("message", async (job) => {
  const wavs = [];
  const key = job.pipe && "pipe " + keyOf(job.pipe.synthesize) + keyOf(job.pipe.encode);
  try {
    let value;
    const state = key && pipeState.get(key);
    if (key && state !== "broken") {
      try {
        value = await runPipe(job, key, state === "works");
        pipeState.set(key, "works");
      } catch (error) {
        if (state === "works") throw error;
        pipeState.set(key, "broken");
      }
    }
    value ??= await runSteps(job, wavs);
    process.send({ ok: true, value });
  } catch (error) {
    process.send({ ok: false, error: String((error && error.message) || error) });
  } finally {
    for (const wav of wavs) fs.rmSync(wav, { force: true });
    // The next job's processes start now, while this helper has nothing else to do.
    if (key && pipeState.get(key) === "works") prepare(job.pipe.synthesize, key, () => startPipe(job.pipe));
    else {
      prepare(job.synthesize);
      if (job.encode) prepare(job.encode);
    }
  }
});
`;

export class ProgramPool {
  private readonly slots: Slots;
  private readonly helpers: SerialChildWorker<Uint8Array>[] = [];
  private readonly busy: boolean[] = [];

  constructor(name: string, size: number | undefined, timeoutMs: number) {
    this.slots = new Slots(size);
    for (let i = 0; i < this.slots.size; i++) {
      // The helper limits each program; the job limit covers both steps and a slow helper start.
      this.helpers.push(
        new SerialChildWorker(
          name,
          HELPER_SOURCE,
          [String(timeoutMs), String(FIRST_BYTES), String(BATCH_MS), String(SOUND_LEVEL)],
          timeoutMs * 2 + 15_000,
        ),
      );
      this.busy.push(false);
    }
  }

  get size(): number {
    return this.slots.size;
  }

  /**
   * The bytes the job's last step produced; waits for a free helper first. A job with a `pipe`
   * hands its first bytes to `onChunk` as they are made and resolves with the rest.
   */
  async run(
    job: ProgramJob,
    signal?: AbortSignal,
    onChunk?: (bytes: Buffer) => void,
  ): Promise<Buffer> {
    const release = await this.slots.acquire(signal);
    // A slot is held, so one of the helpers is idle.
    const index = Math.max(0, this.busy.indexOf(false));
    this.busy[index] = true;
    try {
      const chunk = onChunk && ((bytes: Uint8Array) => onChunk(Buffer.from(bytes)));
      return Buffer.from(await this.helpers[index]!.run(job, chunk));
    } finally {
      this.busy[index] = false;
      release();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.helpers.map((helper) => helper.close()));
  }
}

/**
 * `lame` reading a WAV (any rate) on its input → mono 24 kHz 48 kbit/s CBR MP3, no tags
 * (cic.md §11.1). With `rawRate`: raw 16-bit little-endian mono samples at that rate instead,
 * each frame written out as soon as it is encoded.
 */
export function lameStep(command: string, rawRate?: number): ProgramStep {
  const raw = rawRate
    ? [
        "-r",
        "-s",
        String(rawRate / 1000),
        "--signed",
        "--bitwidth",
        "16",
        "--little-endian",
        "--flush",
      ]
    : [];
  return {
    command,
    args: [
      ...raw,
      "--silent",
      "-m",
      "m",
      "--resample",
      "24",
      "--cbr",
      "-b",
      "48",
      "-t",
      "--noreplaygain",
      "-",
      "-",
    ],
    wavOnStdin: true,
    warm: true,
    packageName: "lame",
  };
}
