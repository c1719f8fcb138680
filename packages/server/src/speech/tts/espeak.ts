// eSpeak NG as an external program (Debian's espeak-ng, GPL-3.0): run as a separate process,
// so the server's code stays under its own licence. Speaks Japanese, Korean, Chinese, English
// and about a hundred more languages.
import type { SpeechAudio, TextToSpeech } from "../../cic/speech-engines.js";
import { decodeWav, type Pcm } from "../audio/pcm.js";
import { findProgram } from "./find-program.js";
import { lameStep, ProgramPool } from "./program-pool.js";
import { collectAudio, sentenceAudio } from "./sentence-audio.js";
import { splitSentences } from "./sentences.js";

/** CIC language codes (cic.md §9.9 ttsLang) → eSpeak NG voices. */
const VOICES: Record<string, string> = { en: "en-us", ja: "ja", ko: "ko", zh: "cmn" };

export interface EspeakOptions {
  /** The program to run (default `espeak-ng` on the PATH). */
  command?: string;
  /** Words per minute (eSpeak's default is 175). */
  speed?: number;
  /** Longest synthesis allowed for one phrase (default 20 s). */
  timeoutMs?: number;
  /** CIC language → voice overrides. */
  voices?: Record<string, string>;
  /** Syntheses running at once (default: one per core). */
  concurrency?: number;
  /** false: LAME's JavaScript port even when Debian's `lame` program is installed. */
  lame?: false;
}

export class EspeakTextToSpeech implements TextToSpeech {
  readonly languages: readonly string[];
  private readonly voices: Record<string, string>;
  private readonly programs: ProgramPool;
  private readonly lame: string | undefined;
  private readonly closing = new AbortController();

  constructor(private readonly options: EspeakOptions = {}) {
    this.voices = { ...VOICES, ...options.voices };
    this.languages = Object.keys(this.voices);
    this.programs = new ProgramPool("eSpeak NG", options.concurrency, options.timeoutMs ?? 20000);
    this.lame = options.lame === false ? undefined : findProgram("lame");
  }

  /** WAV of the text in the language's voice (MP3 when `mp3` and lame is installed). */
  private run(text: string, voice: string, mp3: boolean, cancel?: AbortSignal): Promise<Buffer> {
    if (this.closing.signal.aborted) throw new Error("eSpeak NG is closed");
    const signal = cancel ? AbortSignal.any([cancel, this.closing.signal]) : this.closing.signal;
    const args = ["-v", voice, "-b", "1", "--stdout"];
    if (this.options.speed) args.push("-s", String(this.options.speed));
    return this.programs.run(
      {
        synthesize: {
          command: this.options.command ?? "espeak-ng",
          args,
          input: text.replace(/[\p{Cc}]/gu, " "),
          wavOnStdout: true,
          warm: true,
          packageName: "espeak-ng",
        },
        ...(mp3 && this.lame ? { encode: lameStep(this.lame) } : {}),
      },
      signal,
    );
  }

  async synthesizePcm(text: string, language: string): Promise<Pcm | undefined> {
    const voice = this.voices[language.toLowerCase()];
    return voice ? decodeWav(await this.run(text, voice, false)) : undefined;
  }

  stream(text: string, language: string): SpeechAudio | undefined {
    const voice = this.voices[language.toLowerCase()];
    if (!voice) return undefined;
    const sentences = splitSentences(text.replace(/[\p{Cc}]/gu, " "));
    if (sentences.length === 0) return undefined;
    const mp3 = this.lame !== undefined;
    return sentenceAudio(sentences, async (sentence, signal) => {
      const bytes = await this.run(sentence, voice, mp3, signal);
      return mp3 ? bytes : decodeWav(bytes);
    });
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    const audio = this.stream(text, language);
    return audio ? collectAudio(audio) : undefined;
  }

  async close(): Promise<void> {
    this.closing.abort(new Error("eSpeak NG was closed"));
    await this.programs.close();
  }
}
