// What `clover serve` can offer for voice on this machine, checked before any engine starts:
// pocketsphinx (English recognition) and eSpeak NG (Japanese, Korean and Chinese speech, and
// pronouncing words the English dictionary lacks) come from Debian packages. Missing ones are
// left out when they were only defaults, with one banner line naming the command that adds
// them; asked for explicitly, they are an error.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { CliError, EXIT } from "../core/errors.js";

type Env = Record<string, string | undefined>;

export const POCKETSPHINX_PACKAGES = ["pocketsphinx", "pocketsphinx-en-us"];
export const ESPEAK_PACKAGES = ["espeak-ng"];
const DEFAULT_MODEL_DIR = "/usr/share/pocketsphinx/model/en-us";

export interface SpeechPlan {
  /** The environment to create the engines from (defaults that cannot work removed). */
  env: Env;
  /** One line each: what is off and the exact command that adds it. */
  notes: string[];
}

export function hasCommand(command: string, env: Env = process.env): boolean {
  const result = spawnSync("/bin/sh", ["-c", 'command -v "$0"', command], {
    env: { PATH: env["PATH"] ?? "" },
  });
  return result.status === 0;
}

/** The command a user runs to add Debian packages (no sudo when already root). */
export function installCommand(packages: readonly string[]): string {
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return `${root ? "" : "sudo "}apt-get install -y ${packages.join(" ")}`;
}

/** What of pocketsphinx is missing, or undefined when it can run. */
export function pocketsphinxMissing(env: Env): string | undefined {
  if (!hasCommand("pocketsphinx_continuous", env)) return "pocketsphinx_continuous is not on PATH";
  const dir = env["CLOVER_POCKETSPHINX_MODEL"] || DEFAULT_MODEL_DIR;
  for (const file of ["cmudict-en-us.dict", "en-us"])
    if (!existsSync(join(dir, file))) return `${join(dir, file)} is missing`;
  return undefined;
}

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Checks the speech engines the environment asks for (docs/speech.md). */
export function planSpeech(input: Env): SpeechPlan {
  const env = { ...input };
  const notes: string[] = [];
  const asrAsked = env["CLOVER_ASR"] !== undefined;
  const asr = list(env["CLOVER_ASR"] ?? "pocketsphinx");
  if (asr.includes("pocketsphinx")) {
    const missing = pocketsphinxMissing(env);
    if (missing && asrAsked)
      throw new CliError(
        `CLOVER_ASR asks for pocketsphinx, but ${missing}`,
        EXIT.usage,
        `install it with \`${installCommand(POCKETSPHINX_PACKAGES)}\`, or choose --asr none`,
      );
    if (missing) {
      const rest = asr.filter((n) => n !== "pocketsphinx");
      env["CLOVER_ASR"] = rest.length ? rest.join(",") : "none";
      notes.push(
        `speech recognition off (${missing}); add it: ${installCommand(POCKETSPHINX_PACKAGES)}`,
      );
    }
  }
  const tts = env["CLOVER_TTS"] ?? "auto";
  const espeak = hasCommand("espeak-ng", env);
  if (tts === "espeak" && !espeak)
    throw new CliError(
      "CLOVER_TTS=espeak, but espeak-ng is not on PATH",
      EXIT.usage,
      `install it with \`${installCommand(ESPEAK_PACKAGES)}\`, or choose --tts auto`,
    );
  if (tts === "auto" && !espeak)
    notes.push(
      `Speak in Japanese, Korean and Chinese off (espeak-ng is not on PATH); add it: ${installCommand(ESPEAK_PACKAGES)}`,
    );
  return { env, notes };
}
