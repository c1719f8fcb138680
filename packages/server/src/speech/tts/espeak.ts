// eSpeak NG as an external program (Debian's espeak-ng, GPL-3.0): run as a separate process,
// so the server's code stays under its own licence. Speaks Japanese, Korean, Chinese, English
// and about a hundred more languages.
import type { SpeechAudio, TextToSpeech } from "../../cic/speech-engines.js";
import { decodeWav, type Pcm } from "../audio/pcm.js";
import { findProgram, runProgram } from "./run.js";
import { collectAudio, sentenceAudio } from "./sentence-audio.js";
import { splitSentences } from "./sentences.js";
import { Slots } from "./slots.js";

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
  private readonly slots: Slots;
  private readonly lame: string | undefined;
  private readonly closing = new AbortController();

  constructor(private readonly options: EspeakOptions = {}) {
    this.voices = { ...VOICES, ...options.voices };
    this.languages = Object.keys(this.voices);
    this.slots = new Slots(options.concurrency);
    this.lame = options.lame === false ? undefined : findProgram("lame");
  }

  async synthesizePcm(
    text: string,
    language: string,
    cancel?: AbortSignal,
  ): Promise<Pcm | undefined> {
    const voice = this.voices[language.toLowerCase()];
    if (!voice) return undefined;
    if (this.closing.signal.aborted) throw new Error("eSpeak NG is closed");
    const signal = cancel ? AbortSignal.any([cancel, this.closing.signal]) : this.closing.signal;
    const command = this.options.command ?? "espeak-ng";
    const args = ["-v", voice, "-b", "1", "--stdout"];
    if (this.options.speed) args.push("-s", String(this.options.speed));
    const release = await this.slots.acquire(signal);
    try {
      const wav = await runProgram(command, args, {
        input: text.replace(/[\p{Cc}]/gu, " "),
        timeoutMs: this.options.timeoutMs ?? 20000,
        packageName: "espeak-ng",
        signal,
      });
      return decodeWav(wav);
    } finally {
      release();
    }
  }

  stream(text: string, language: string): SpeechAudio | undefined {
    if (!this.voices[language.toLowerCase()]) return undefined;
    const sentences = splitSentences(text.replace(/[\p{Cc}]/gu, " "));
    if (sentences.length === 0) return undefined;
    return sentenceAudio(
      sentences,
      async (sentence, signal) => {
        const pcm = await this.synthesizePcm(sentence, language, signal);
        if (!pcm) throw new Error(`eSpeak NG has no voice for ${language}`);
        return pcm;
      },
      { lame: this.lame },
    );
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    const audio = this.stream(text, language);
    return audio ? collectAudio(audio) : undefined;
  }

  async close(): Promise<void> {
    this.closing.abort(new Error("eSpeak NG was closed"));
  }
}
