// Runs speech programs (Debian's flite, espeak-ng, lame) from small helper processes, one per
// core. Starting a program from the server itself would block its event loop while the
// kernel copies the server's memory map (tens of milliseconds for a large process on a busy
// machine); a helper of a few megabytes of heap forks in well under a millisecond, and the
// server only sends a message. One job: a synthesizer writes a WAV file, then (optionally)
// `lame` turns it into MP3; the helper answers with the bytes of the last step.
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
  /** Debian package named when the program is missing. */
  packageName: string;
}

export interface ProgramJob {
  synthesize: ProgramStep;
  /** Reads `{wav}`, writes the result to standard output (the job's answer). */
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
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
process.on("disconnect", () => process.exit(0));
function run(step, wav) {
  return new Promise((resolve, reject) => {
    const args = step.args.map((a) => (a === "{wav}" ? wav : a));
    const child = spawn(step.command, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out = [];
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(step.command + " took longer than " + timeoutMs + " ms"));
    }, timeoutMs);
    child.stdout.on("data", (c) => out.push(c));
    child.stderr.on("data", (c) => { err = (err + c).slice(-2000); });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(new Error(e.code === "ENOENT" ? step.command + " is not installed (Debian package " + step.packageName + ")" : e.message));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(step.command + " exited with code " + code + ": " + err.trim()));
    });
    child.stdin.on("error", () => {});
    child.stdin.end(step.input || "");
  });
}
process.on("message", async (job) => {
  const wav = path.join(dir, crypto.randomUUID() + ".wav");
  try {
    const first = await run(job.synthesize, wav);
    if (job.synthesize.wavOnStdout) fs.writeFileSync(wav, first);
    const value = job.encode ? await run(job.encode, wav) : fs.readFileSync(wav);
    process.send({ ok: true, value });
  } catch (error) {
    process.send({ ok: false, error: String((error && error.message) || error) });
  } finally {
    fs.rmSync(wav, { force: true });
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

/** `lame` reading a WAV file (any rate) → mono 24 kHz 48 kbit/s CBR MP3, no tags (cic.md §11.1). */
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
    ].concat(["{wav}", "-"]),
    packageName: "lame",
  };
}
