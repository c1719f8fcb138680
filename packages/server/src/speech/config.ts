// Choosing speech engines from the environment (docs/speech.md lists every variable).
import { spawnSync } from "node:child_process";
import type { InteractionModel } from "@clover/protocol";
import { SAY } from "../assistant/platform-phrases.js";
import type { TextToSpeech } from "../cic/speech-engines.js";
import { type NamedRecognizer, SpeechToTextByLanguage } from "./asr/by-language.js";
import { OpenAiSpeechToText } from "./asr/openai.js";
import { PocketsphinxRecognizer } from "./asr/pocketsphinx.js";
import { SherpaSpeechToText } from "./asr/sherpa.js";
import { DEFAULT_CAPTURE_LIMITS } from "./audio/capture.js";
import { TextToSpeechByLanguage } from "./tts/by-language.js";
import { CachedTextToSpeech } from "./tts/cache.js";
import { EspeakTextToSpeech } from "./tts/espeak.js";
import { FLITE_VOICES, FliteTextToSpeech, type FliteVoice } from "./tts/flite.js";
import { OpenAiTextToSpeech } from "./tts/openai.js";
import { SherpaTextToSpeech } from "./tts/sherpa.js";

export const TTS_ENGINES = ["auto", "flite", "espeak", "openai", "sherpa", "none"] as const;
export const ASR_ENGINES = ["pocketsphinx", "openai", "sherpa", "none"] as const;

export interface SpeechEngines {
  tts?: TextToSpeech;
  asr?: SpeechToTextByLanguage;
  /** Recompiles grammar-based recognizers (call when an interaction model changes). */
  updateModels(models: readonly InteractionModel[]): Promise<void>;
  close(): Promise<void>;
}

type Env = Record<string, string | undefined>;

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

function required(env: Env, name: string, engine: string): string {
  const value = env[name];
  if (!value) throw new Error(`${engine} needs ${name} to be set`);
  return value;
}

export function hasCommand(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v "${command.replace(/"/g, "")}"`]).status === 0;
}

function createTts(env: Env): TextToSpeech | undefined {
  const choice = env["CLOVER_TTS"] ?? "auto";
  const languages = list(env["CLOVER_TTS_LANGUAGES"]);
  const programs = env["CLOVER_TTS_PROGRAMS"] ?? "auto";
  if (programs !== "auto" && programs !== "off") {
    throw new Error(`CLOVER_TTS_PROGRAMS must be "auto" or "off", got "${programs}"`);
  }
  const workers = env["CLOVER_TTS_WORKERS"] ? Number(env["CLOVER_TTS_WORKERS"]) : undefined;
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64)) {
    throw new Error(
      `CLOVER_TTS_WORKERS must be a whole number from 1 to 64, got "${env["CLOVER_TTS_WORKERS"]}"`,
    );
  }
  const flite = () => {
    const voice = (env["CLOVER_TTS_VOICE"] ?? "slt") as FliteVoice;
    if (!FLITE_VOICES.includes(voice)) {
      throw new Error(`CLOVER_TTS_VOICE must be one of ${FLITE_VOICES.join(", ")}, got "${voice}"`);
    }
    return new FliteTextToSpeech({
      voice,
      engine: programs === "off" ? "wasi" : "auto",
      ...(workers ? { concurrency: workers } : {}),
    });
  };
  const espeakTts = () =>
    new EspeakTextToSpeech({
      ...(programs === "off" ? { lame: false as const } : {}),
      ...(workers ? { concurrency: workers } : {}),
    });
  switch (choice) {
    case "none":
      return undefined;
    case "flite":
      return flite();
    case "espeak":
      return espeakTts();
    case "auto": {
      const engines: Record<string, TextToSpeech> = { en: flite() };
      if (hasCommand("espeak-ng")) {
        const espeak = espeakTts();
        for (const l of ["ja", "ko", "zh"]) engines[l] = espeak;
      }
      return new TextToSpeechByLanguage(engines);
    }
    case "openai":
      return new OpenAiTextToSpeech({
        baseUrl: required(env, "CLOVER_TTS_URL", "CLOVER_TTS=openai"),
        ...(env["CLOVER_TTS_API_KEY"] ? { apiKey: env["CLOVER_TTS_API_KEY"] } : {}),
        ...(env["CLOVER_TTS_MODEL"] ? { model: env["CLOVER_TTS_MODEL"] } : {}),
        ...(env["CLOVER_TTS_VOICE"] ? { voices: { "*": env["CLOVER_TTS_VOICE"] } } : {}),
        ...(languages.length ? { languages } : {}),
      });
    case "sherpa":
      return new SherpaTextToSpeech({
        configPath: required(env, "CLOVER_SHERPA_TTS_CONFIG", "CLOVER_TTS=sherpa"),
        ...(languages.length ? { languages } : {}),
      });
    default:
      throw new Error(`CLOVER_TTS must be one of ${TTS_ENGINES.join(", ")}, got "${choice}"`);
  }
}

/**
 * CLOVER_ASR_EARLY_END_MS: silence that ends a whole request (0: always the full window);
 * CLOVER_ASR_CLOSED_END_MS: silence that ends a closed one (0: as a whole one).
 */
function silenceMs(env: Env, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined) return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0 || ms > DEFAULT_CAPTURE_LIMITS.trailingSilenceMs)
    throw new Error(
      `${name} must be a whole number of milliseconds from 0 to ${DEFAULT_CAPTURE_LIMITS.trailingSilenceMs}, got "${value}"`,
    );
  return ms;
}

function createRecognizer(name: string, env: Env, models: readonly InteractionModel[]) {
  const languages = list(env["CLOVER_ASR_LANGUAGES"]);
  switch (name) {
    case "pocketsphinx":
      return new PocketsphinxRecognizer({
        models,
        limits: {
          earlySilenceMs: silenceMs(
            env,
            "CLOVER_ASR_EARLY_END_MS",
            DEFAULT_CAPTURE_LIMITS.earlySilenceMs,
          ),
          closedSilenceMs: silenceMs(
            env,
            "CLOVER_ASR_CLOSED_END_MS",
            DEFAULT_CAPTURE_LIMITS.closedSilenceMs,
          ),
        },
        ...(env["CLOVER_POCKETSPHINX_MODEL"] ? { modelDir: env["CLOVER_POCKETSPHINX_MODEL"] } : {}),
      });
    case "openai":
      return new OpenAiSpeechToText({
        baseUrl: required(env, "CLOVER_ASR_URL", "CLOVER_ASR=openai"),
        ...(env["CLOVER_ASR_API_KEY"] ? { apiKey: env["CLOVER_ASR_API_KEY"] } : {}),
        ...(env["CLOVER_ASR_MODEL"] ? { model: env["CLOVER_ASR_MODEL"] } : {}),
        ...(languages.length ? { languages } : {}),
      });
    case "sherpa":
      return new SherpaSpeechToText({
        configPath: required(env, "CLOVER_SHERPA_ASR_CONFIG", "CLOVER_ASR=sherpa"),
        ...(languages.length ? { languages } : {}),
      });
    default:
      throw new Error(
        `CLOVER_ASR must list engines among ${ASR_ENGINES.join(", ")}, got "${name}"`,
      );
  }
}

/** Speech engines as the environment asks (defaults: Flite + eSpeak NG, pocketsphinx). */
export function createSpeechEngines(
  env: Env = process.env,
  models: readonly InteractionModel[] = [],
): SpeechEngines {
  const tts = createTts(env);
  const cacheSize = Number(env["CLOVER_TTS_CACHE"] ?? 500);
  const cache =
    tts && cacheSize > 0 ? new CachedTextToSpeech(tts, { maxEntries: cacheSize }) : undefined;
  const cached = cache ?? tts;
  // The platform's own fixed answers are in the cache before anyone hears them.
  void cache?.warm(
    (["en", "ja", "ko"] as const).flatMap((language) => [
      { text: SAY.stopped(language), language },
      { text: SAY.fallback(language), language },
    ]),
  );
  const names = list(env["CLOVER_ASR"] ?? "pocketsphinx").filter((n) => n !== "none");
  const recognizers: NamedRecognizer[] = names.map((name) => ({
    name,
    engine: createRecognizer(name, env, models),
  }));
  const asr = recognizers.length ? new SpeechToTextByLanguage(recognizers) : undefined;
  return {
    ...(cached ? { tts: cached } : {}),
    ...(asr ? { asr } : {}),
    updateModels: async (m) => asr?.updateModels(m),
    close: async () => {
      await Promise.all([cached?.close?.(), asr?.close()]);
    },
  };
}
