// eSpeak NG as an external program (Debian's espeak-ng, GPL-3.0): run as a separate process,
// so the server's code stays under its own licence. Speaks Japanese, Korean, Chinese, English
// and about a hundred more languages.
import { spawn } from "node:child_process";
import type { TextToSpeech } from "../../cic/speech-engines.js";
import { encodeMp3 } from "../audio/mp3.js";
import { decodeWav, type Pcm } from "../audio/pcm.js";

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
}

export class EspeakTextToSpeech implements TextToSpeech {
  readonly languages: readonly string[];
  private readonly voices: Record<string, string>;
  private readonly running = new Set<ReturnType<typeof spawn>>();

  constructor(private readonly options: EspeakOptions = {}) {
    this.voices = { ...VOICES, ...options.voices };
    this.languages = Object.keys(this.voices);
  }

  async synthesizePcm(text: string, language: string): Promise<Pcm | undefined> {
    const voice = this.voices[language.toLowerCase()];
    if (!voice) return undefined;
    const command = this.options.command ?? "espeak-ng";
    const args = ["-v", voice, "-b", "1", "--stdout"];
    if (this.options.speed) args.push("-s", String(this.options.speed));
    const wav = await new Promise<Buffer>((resolve, reject) => {
      const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
      this.running.add(child);
      const out: Buffer[] = [];
      let err = "";
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`espeak-ng took longer than ${this.options.timeoutMs ?? 20000} ms`));
      }, this.options.timeoutMs ?? 20000);
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => {
        err += chunk.toString();
      });
      child.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        this.running.delete(child);
        reject(
          error.code === "ENOENT"
            ? new Error(`${command} is not installed (Debian package espeak-ng)`)
            : error,
        );
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        this.running.delete(child);
        if (code === 0) resolve(Buffer.concat(out));
        else reject(new Error(`espeak-ng exited with code ${code}: ${err.trim()}`));
      });
      child.stdin.on("error", () => {});
      child.stdin.end(text.replace(/[\p{Cc}]/gu, " "));
    });
    return decodeWav(wav);
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    if (text.trim() === "") return undefined;
    const pcm = await this.synthesizePcm(text, language);
    return pcm ? encodeMp3(pcm) : undefined;
  }

  async close(): Promise<void> {
    for (const child of this.running) child.kill("SIGKILL");
    this.running.clear();
  }
}
