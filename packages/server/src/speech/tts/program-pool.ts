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
}

export interface ProgramJob {
  synthesize: ProgramStep;
  /** Reads `{wav}` (or its standard input), writes the result to standard output (the job's answer). */
  encode?: ProgramStep;
}

const HELPER_SOURCE = `
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const crypto = require("node:crypto");
const timeoutMs = Number(process.argv[process.argv.length - 1]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-speech-"));
// Started processes waiting for a job, by step; they end on their own when this helper
// goes away (their standard input closes).
const ready = new Map();
process.on("exit", () => {
  for (const p of ready.values()) p.child.kill("SIGKILL");
  fs.rmSync(dir, { recursive: true, force: true });
});
process.on("disconnect", () => process.exit(0));
const keyOf = (step) => JSON.stringify([step.command, step.args]);
function start(step) {
  const wav = path.join(dir, crypto.randomUUID() + ".wav");
  const args = step.args.map((a) => (a === "{wav}" ? wav : a));
  const child = spawn(step.command, args, { stdio: ["pipe", "pipe", "pipe"] });
  const out = [];
  let err = "";
  child.stdout.on("data", (c) => out.push(c));
  child.stderr.on("data", (c) => { err = (err + c).slice(-2000); });
  child.stdin.on("error", () => {});
  const done = new Promise((resolve, reject) => {
    child.on("error", (e) => {
      reject(new Error(e.code === "ENOENT" ? step.command + " is not installed (Debian package " + step.packageName + ")" : e.message));
    });
    child.on("close", (code, signal) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(step.command + " exited with " + (signal || "code " + code) + ": " + err.trim()));
    });
  });
  done.catch(() => {});
  return { child, wav, done };
}
function take(step) {
  const key = keyOf(step);
  const p = step.warm ? ready.get(key) : undefined;
  if (p) ready.delete(key);
  if (p && p.child.exitCode === null && p.child.signalCode === null) return p;
  if (p) p.child.kill("SIGKILL");
  return start(step);
}
function prepare(step) {
  const key = keyOf(step);
  if (step.warm && !ready.has(key)) ready.set(key, start(step));
}
async function run(p, step, input) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => {
      p.child.kill("SIGKILL");
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
process.on("message", async (job) => {
  const first = take(job.synthesize);
  const wavs = [first.wav];
  try {
    const out = await run(first, job.synthesize, job.synthesize.input || "");
    let value;
    if (!job.encode) value = job.synthesize.wavOnStdout ? out : fs.readFileSync(first.wav);
    else {
      const wav = job.synthesize.wavOnStdout ? out : fs.readFileSync(first.wav);
      const encoder = take(job.encode);
      wavs.push(encoder.wav);
      if (!job.encode.wavOnStdin) fs.writeFileSync(encoder.wav, wav);
      value = await run(encoder, job.encode, job.encode.wavOnStdin ? wav : "");
    }
    process.send({ ok: true, value });
  } catch (error) {
    process.send({ ok: false, error: String((error && error.message) || error) });
  } finally {
    for (const wav of wavs) fs.rmSync(wav, { force: true });
    // The next job's processes start now, while this helper has nothing else to do.
    prepare(job.synthesize);
    if (job.encode) prepare(job.encode);
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
        new SerialChildWorker(name, HELPER_SOURCE, [String(timeoutMs)], timeoutMs * 2 + 15_000),
      );
      this.busy.push(false);
    }
  }

  get size(): number {
    return this.slots.size;
  }

  /** The bytes the job's last step produced; waits for a free helper first. */
  async run(job: ProgramJob, signal?: AbortSignal): Promise<Buffer> {
    const release = await this.slots.acquire(signal);
    // A slot is held, so one of the helpers is idle.
    const index = Math.max(0, this.busy.indexOf(false));
    this.busy[index] = true;
    try {
      return Buffer.from(await this.helpers[index]!.run(job));
    } finally {
      this.busy[index] = false;
      release();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.helpers.map((helper) => helper.close()));
  }
}

/** `lame` reading a WAV (any rate) on its input → mono 24 kHz 48 kbit/s CBR MP3, no tags (cic.md §11.1). */
export function lameStep(command: string): ProgramStep {
  return {
    command,
    args: [
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
