// Any OpenAI-compatible transcription endpoint (`POST /v1/audio/transcriptions`, multipart
// with a WAV file): OpenAI's Whisper, or a self-hosted whisper.cpp / faster-whisper server.
// End-pointing runs here, so StopCapture is still pushed as soon as the user stops talking.
import type { Readable } from "node:stream";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../../api/json-depth.js";
import type { SpeechToText } from "../../cic/speech-engines.js";
import { type CaptureLimits, captureSpeech } from "../audio/capture.js";
import { requireLanguage } from "../audio/errors.js";
import { bytesToSamples, DEVICE_SAMPLE_RATE, encodeWav } from "../audio/pcm.js";
import { readBounded } from "../bounded-body.js";

/** The largest answer read: a transcript of 60 s of speech is a few kilobytes. */
export const MAX_TRANSCRIPTION_BYTES = 1024 * 1024;

export interface OpenAiAsrOptions {
  /** Server root, e.g. `http://127.0.0.1:8000` (the path `/v1/audio/transcriptions` is appended). */
  baseUrl: string;
  apiKey?: string;
  /** Default `whisper-1`. */
  model?: string;
  /** Languages the server recognizes (default en, ja, ko). */
  languages?: readonly string[];
  limits?: Partial<CaptureLimits>;
  timeoutMs?: number;
}

export class OpenAiSpeechToText implements SpeechToText {
  readonly languages: readonly string[];
  private readonly url: string;

  constructor(private readonly options: OpenAiAsrOptions) {
    this.url = new URL("v1/audio/transcriptions", options.baseUrl.replace(/\/?$/, "/")).toString();
    this.languages = options.languages ?? ["en", "ja", "ko"];
  }

  async recognize(
    audio: Readable,
    options: { language: string; onEndOfSpeech?: () => void; signal?: AbortSignal },
  ): Promise<{ text: string }> {
    requireLanguage(
      "openai",
      options.language,
      this.languages,
      audio,
      "list it in CLOVER_ASR_LANGUAGES if the server handles it",
    );
    const chunks: Buffer[] = [];
    const capture = await captureSpeech(audio, {
      onAudio: (pcm) => chunks.push(Buffer.from(pcm)),
      ...(options.onEndOfSpeech ? { onEndOfSpeech: options.onEndOfSpeech } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(this.options.limits ? { limits: this.options.limits } : {}),
    });
    if (!capture.heardSpeech && capture.end !== "end-of-stream") return { text: "" };
    const wav = encodeWav({
      sampleRate: DEVICE_SAMPLE_RATE,
      samples: bytesToSamples(Buffer.concat(chunks)),
    });
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(wav)], { type: "audio/wav" }), "speech.wav");
    form.append("model", this.options.model ?? "whisper-1");
    form.append("language", options.language);
    form.append("response_format", "json");
    const signals = [AbortSignal.timeout(this.options.timeoutMs ?? 30000)];
    if (options.signal) signals.push(options.signal);
    const response = await fetch(this.url, {
      method: "POST",
      headers: this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {},
      body: form,
      signal: AbortSignal.any(signals),
    }).catch((error: Error) => {
      throw new Error(`transcription server ${this.url} is unreachable: ${error.message}`);
    });
    const server = `transcription server ${this.url}`;
    const body = (await readBounded(response, MAX_TRANSCRIPTION_BYTES, server)).toString("utf8");
    if (!response.ok) {
      throw new Error(
        `transcription server ${this.url} answered ${response.status}: ${body.slice(0, 300)}`,
      );
    }
    if (nestsDeeperThan(body))
      throw new Error(
        `${server} sent JSON nesting arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new Error(
        `transcription server ${this.url} sent a body that is not JSON: ${body.slice(0, 100)}`,
      );
    }
    const text = (parsed as { text?: unknown }).text;
    if (typeof text !== "string") {
      throw new Error(`transcription server ${this.url} sent JSON without a string "text" field`);
    }
    return { text: text.trim() };
  }
}
