// The default recognizer: CMU pocketsphinx from Debian (pocketsphinx, pocketsphinx-en-us),
// run as child processes and constrained by a JSGF grammar compiled from the registered
// interaction models. A warm process (model loaded, waiting for audio) is kept ready so a
// request does not pay the start-up; every process is killed on abort, failure and close().
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { InteractionModel } from "@clover/protocol";
import type { SpeechToText } from "../../cic/speech-engines.js";
import { type CaptureLimits, captureSpeech } from "../audio/capture.js";
import { requireLanguage } from "../audio/errors.js";
import { buildGrammar } from "./grammar.js";
import { Lexicon } from "./lexicon.js";
import { RecognizerProcess } from "./process.js";

export const POCKETSPHINX_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";

export interface PocketsphinxOptions {
  /** Default `pocketsphinx_continuous` on the PATH. */
  command?: string;
  /** Folder holding the `en-us` acoustic model and `cmudict-en-us.dict`. */
  modelDir?: string;
  /** Interaction models to build the first grammar from. */
  models?: readonly InteractionModel[];
  limits?: Partial<CaptureLimits>;
  /** How long recognition may take after the audio ends (default 15 s). */
  finishTimeoutMs?: number;
  /** Used to pronounce words missing from the dictionary (default `espeak-ng`). */
  espeakCommand?: string;
}

interface GrammarFiles {
  dir: string;
  args: string[];
  dropped: { phrase: string; word: string }[];
}

export class PocketsphinxRecognizer implements SpeechToText {
  readonly languages = ["en"] as const;
  private readonly processes = new Set<RecognizerProcess>();
  private readonly lexicon: Lexicon;
  private readonly command: string;
  private readonly modelDir: string;
  private files: GrammarFiles | undefined;
  private spare: RecognizerProcess | undefined;
  private ready: Promise<void>;
  private version = 0;
  private closed = false;

  constructor(private readonly options: PocketsphinxOptions = {}) {
    this.command = options.command ?? "pocketsphinx_continuous";
    this.modelDir = options.modelDir ?? POCKETSPHINX_MODEL_DIR;
    this.lexicon = new Lexicon(join(this.modelDir, "cmudict-en-us.dict"), options.espeakCommand);
    this.ready = this.updateModels(options.models ?? []);
    this.ready.catch(() => {});
  }

  /** Child processes alive right now (spare included). */
  get processCount(): number {
    return this.processes.size;
  }

  /** Phrases left out of the grammar because a word could not be pronounced. */
  get droppedPhrases(): readonly { phrase: string; word: string }[] {
    return this.files?.dropped ?? [];
  }

  /** Recompiles the grammar from the models (call it whenever a model changes). */
  updateModels(models: readonly InteractionModel[]): Promise<void> {
    const version = ++this.version;
    const job = (async () => {
      const words = buildGrammar(models).words;
      const { lines, missing } = await this.lexicon.dictionaryFor(words);
      const unknown = new Set(missing);
      const grammar = buildGrammar(models, (w) => !unknown.has(w));
      const dir = await mkdtemp(join(tmpdir(), "clover-asr-"));
      await writeFile(join(dir, "clover.gram"), grammar.jsgf);
      await writeFile(join(dir, "clover.dict"), `${lines.sort().join("\n")}\n`);
      const args = [
        "-hmm",
        join(this.modelDir, "en-us"),
        "-dict",
        join(dir, "clover.dict"),
        "-jsgf",
        join(dir, "clover.gram"),
        "-samprate",
        "16000",
        // Wider beams than the defaults: fewer near-miss words ("roll" heard as "throw") for
        // about 15% more CPU on grammar-sized searches.
        "-beam",
        "1e-60",
        "-wbeam",
        "1e-50",
        "-pbeam",
        "1e-60",
        "-infile",
        "/dev/stdin",
      ];
      const check = new RecognizerProcess(this.command, args, this.processes);
      try {
        await check.finish(15000);
      } catch (error) {
        await rm(dir, { recursive: true, force: true });
        throw new Error(`pocketsphinx cannot load the grammar: ${(error as Error).message}`);
      }
      if (version !== this.version || this.closed) {
        await rm(dir, { recursive: true, force: true });
        return;
      }
      const old = this.files;
      this.files = { dir, args, dropped: grammar.dropped };
      this.spare?.kill();
      this.spare = undefined;
      this.warmUp();
      if (old) await rm(old.dir, { recursive: true, force: true });
    })();
    this.ready = job;
    return job;
  }

  private warmUp(): void {
    if (this.closed || !this.files || this.spare?.alive) return;
    this.spare = new RecognizerProcess(this.command, this.files.args, this.processes);
  }

  private take(): RecognizerProcess {
    const files = this.files;
    if (!files) throw new Error("pocketsphinx has no grammar yet");
    let proc = this.spare;
    this.spare = undefined;
    if (!proc?.alive) {
      proc?.kill();
      proc = new RecognizerProcess(this.command, files.args, this.processes);
    }
    this.warmUp();
    return proc;
  }

  async recognize(
    audio: Readable,
    options: { language: string; onEndOfSpeech?: () => void; signal?: AbortSignal },
  ): Promise<{ text: string }> {
    requireLanguage(
      "pocketsphinx",
      options.language,
      this.languages,
      audio,
      "configure CLOVER_ASR=openai (an OpenAI-compatible /v1/audio/transcriptions server) or CLOVER_ASR=sherpa with a model for that language",
      (l) => l.toLowerCase().startsWith("en"),
    );
    if (this.closed) throw new Error("the pocketsphinx recognizer is closed");
    await this.ready;
    const proc = this.take();
    try {
      const capture = await captureSpeech(audio, {
        onAudio: (pcm) => proc.write(pcm),
        ...(options.onEndOfSpeech ? { onEndOfSpeech: options.onEndOfSpeech } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(this.options.limits ? { limits: this.options.limits } : {}),
      });
      if (!capture.heardSpeech && capture.end !== "end-of-stream") {
        proc.kill();
        return { text: "" };
      }
      const text = await proc.finish(this.options.finishTimeoutMs ?? 15000);
      return { text };
    } catch (error) {
      proc.kill();
      if (this.closed) throw new Error("the pocketsphinx recognizer was closed during recognition");
      throw error;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.version++;
    for (const proc of this.processes) proc.kill();
    await Promise.all([...this.processes].map((p) => p.exited));
    if (this.files) await rm(this.files.dir, { recursive: true, force: true });
    this.files = undefined;
  }
}
