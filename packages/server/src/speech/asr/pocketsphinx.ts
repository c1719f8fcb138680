// The default recognizer: CMU pocketsphinx from Debian (pocketsphinx, pocketsphinx-en-us),
// run as child processes and constrained by a JSGF grammar compiled from the registered
// interaction models. Warm processes (model loaded, waiting for audio) are kept ready so a
// request does not pay the start-up; every process is killed on abort, failure and close().
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { InteractionModel } from "@clover/protocol";
import type { SpeechToText } from "../../cic/speech-engines.js";
import {
  type CaptureLimits,
  captureSpeech,
  DEFAULT_CAPTURE_LIMITS,
  type EarlyEnd,
} from "../audio/capture.js";
import { requireLanguage } from "../audio/errors.js";
import { GrammarCompletion } from "./completion.js";
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
  /**
   * A second decoder per request that hears the audio all along and takes over when speech
   * goes on after an early-end probe (default true when early ends are on; false: a fresh
   * process decodes the utterance again then — benchmarks compare the two).
   */
  shadowDecoder?: boolean;
  /** More decoder options, e.g. beams (`["-beam", "1e-60"]`); benchmarks compare with them. */
  decoderArgs?: readonly string[];
}

interface GrammarFiles {
  dir: string;
  args: string[];
  dropped: { phrase: string; word: string }[];
  completion: GrammarCompletion;
}

export class PocketsphinxRecognizer implements SpeechToText {
  readonly languages = ["en"] as const;
  private readonly processes = new Set<RecognizerProcess>();
  private readonly lexicon: Lexicon;
  private readonly command: string;
  private readonly modelDir: string;
  private files: GrammarFiles | undefined;
  private spares: RecognizerProcess[] = [];
  /** Two decoders per request when requests may end early (see recognize), else one. */
  private readonly perRequest: number;
  private ready: Promise<void>;
  private version = 0;
  private closed = false;
  /**
   * Early-end counters: hypotheses finished at a pause, utterances that went on after one, early
   * ends (after the shortest silence for closed requests), and the time the probes took.
   */
  readonly earlyStats = {
    probes: 0,
    resumes: 0,
    earlyEnds: 0,
    closedEnds: 0,
    probeMs: [] as number[],
  };

  constructor(private readonly options: PocketsphinxOptions = {}) {
    this.command = options.command ?? "pocketsphinx_continuous";
    this.modelDir = options.modelDir ?? POCKETSPHINX_MODEL_DIR;
    this.lexicon = new Lexicon(join(this.modelDir, "cmudict-en-us.dict"), options.espeakCommand);
    const earlySilence = options.limits?.earlySilenceMs ?? DEFAULT_CAPTURE_LIMITS.earlySilenceMs;
    this.perRequest = earlySilence > 0 && options.shadowDecoder !== false ? 2 : 1;
    this.ready = this.updateModels(options.models ?? []);
    this.ready.catch(() => {});
  }

  /** Child processes alive right now (the warm ones included). */
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
        // pocketsphinx's default beams: on the fifty spoken commands of the voice test they
        // recognize exactly what the wider 1e-60 beams did, for 27% less CPU (docs/speech.md).
        ...(this.options.decoderArgs ?? []),
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
      this.files = {
        dir,
        args,
        dropped: grammar.dropped,
        completion: new GrammarCompletion(grammar.rules, grammar.intents),
      };
      for (const spare of this.spares.splice(0)) spare.kill();
      this.warmUp();
      if (old) await rm(old.dir, { recursive: true, force: true });
    })();
    this.ready = job;
    return job;
  }

  private warmUp(): void {
    if (this.closed || !this.files) return;
    this.spares = this.spares.filter((spare) => spare.alive);
    while (this.spares.length < this.perRequest) {
      this.spares.push(new RecognizerProcess(this.command, this.files.args, this.processes));
    }
  }

  private take(): RecognizerProcess {
    const files = this.files;
    if (!files) throw new Error("pocketsphinx has no grammar yet");
    let proc = this.spares.shift();
    while (proc && !proc.alive) {
      proc.kill();
      proc = this.spares.shift();
    }
    return proc ?? new RecognizerProcess(this.command, files.args, this.processes);
  }

  async recognize(
    audio: Readable,
    options: { language: string; onEndOfSpeech?: () => void; signal?: AbortSignal },
  ): Promise<{ text: string; early?: boolean }> {
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
    const completion = this.files?.completion;
    const timeoutMs = this.options.finishTimeoutMs ?? 15000;
    // Everything heard so far, for a process that takes over mid-utterance (at most
    // maxAudioMs: 640 KB for 20 s).
    const heard: Buffer[] = [];
    let proc = this.take();
    // With early ends, a second decoder hears the same audio all along. A probe finishes
    // `proc` (its hypothesis of what was heard so far); if speech goes on, `shadow` takes over
    // having decoded everything already, so the end of the utterance is not held up by decoding
    // it again. The next shadow catches up on what was heard while the user still speaks.
    let shadow = completion && this.perRequest > 1 ? this.take() : undefined;
    this.warmUp();
    let probed: Promise<string> | undefined;
    let captured = false;
    const catchUp = () => {
      const fresh = this.take();
      this.warmUp();
      for (const pcm of heard) fresh.write(pcm);
      return fresh;
    };
    const early: EarlyEnd = {
      probe: () => {
        this.earlyStats.probes++;
        const asked = performance.now();
        const mine = proc.finish(timeoutMs);
        probed = mine;
        mine.catch(() => {});
        return mine.then((text) => {
          if (this.earlyStats.probeMs.length < 10000)
            this.earlyStats.probeMs.push(performance.now() - asked);
          return completion?.completion(text) ?? "open";
        });
      },
      resume: () => {
        this.earlyStats.resumes++;
        proc = shadow ?? catchUp();
        shadow = captured ? undefined : catchUp();
        probed = undefined;
      },
    };
    try {
      const capture = await captureSpeech(audio, {
        onAudio: (pcm) => {
          heard.push(pcm);
          if (!probed) proc.write(pcm);
          shadow?.write(pcm);
        },
        early,
        ...(options.onEndOfSpeech ? { onEndOfSpeech: options.onEndOfSpeech } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(this.options.limits ? { limits: this.options.limits } : {}),
      });
      captured = true;
      shadow?.kill();
      if (!capture.heardSpeech && capture.end !== "end-of-stream") {
        proc.kill();
        return { text: "" };
      }
      const text = await (probed ?? proc.finish(timeoutMs));
      if (capture.early) this.earlyStats.earlyEnds++;
      if (capture.closed) this.earlyStats.closedEnds++;
      return { text, early: capture.early };
    } catch (error) {
      captured = true;
      proc.kill();
      shadow?.kill();
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
