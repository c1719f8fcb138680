// Any OpenAI-compatible speech endpoint (`POST /v1/audio/speech`): OpenAI itself, or a
// self-hosted server (e.g. one wrapping Piper, Kokoro or Coqui) the user brings.
import type { TextToSpeech } from "../../cic/speech-engines.js";
import { encodeMp3, readMp3FrameHeader } from "../audio/mp3.js";
import { decodeWav, isWav } from "../audio/pcm.js";
import { readBounded } from "../bounded-body.js";

/** The largest answer read: a sentence of speech is far less (60 s of 24 kHz WAV: 2.9 MB). */
export const MAX_SPEECH_BYTES = 16 * 1024 * 1024;

export interface OpenAiTtsOptions {
  /** Server root, e.g. `http://127.0.0.1:8000` (the path `/v1/audio/speech` is appended). */
  baseUrl: string;
  apiKey?: string;
  /** Default `tts-1`. */
  model?: string;
  /** Voice per language (`"*"` for any); default `alloy`. */
  voices?: Record<string, string>;
  /** Languages the server speaks (default en, ja, ko, zh). */
  languages?: readonly string[];
  timeoutMs?: number;
}

export class OpenAiTextToSpeech implements TextToSpeech {
  readonly languages: readonly string[];
  private readonly url: string;

  constructor(private readonly options: OpenAiTtsOptions) {
    this.url = new URL("v1/audio/speech", options.baseUrl.replace(/\/?$/, "/")).toString();
    this.languages = options.languages ?? ["en", "ja", "ko", "zh"];
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    if (!this.languages.includes(language) || text.trim() === "") return undefined;
    const voice = this.options.voices?.[language] ?? this.options.voices?.["*"] ?? "alloy";
    const response = await fetch(this.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
      },
      body: JSON.stringify({
        model: this.options.model ?? "tts-1",
        input: text,
        voice,
        response_format: "mp3",
      }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 30000),
    }).catch((error: Error) => {
      throw new Error(`TTS server ${this.url} is unreachable: ${error.message}`);
    });
    const body = await readBounded(response, MAX_SPEECH_BYTES, `TTS server ${this.url}`);
    if (!response.ok) {
      throw new Error(
        `TTS server ${this.url} answered ${response.status}: ${body.toString("utf8", 0, 300)}`,
      );
    }
    if (isWav(body)) return encodeMp3(decodeWav(body));
    if (!readMp3FrameHeader(body.subarray(0, 8192))) {
      throw new Error(
        `TTS server ${this.url} sent ${response.headers.get("content-type") ?? "no content type"} that is neither MP3 nor WAV`,
      );
    }
    return body;
  }
}
