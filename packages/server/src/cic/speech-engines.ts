// What the gateway needs from speech engines (the speech package provides implementations).
import type { Readable } from "node:stream";

export interface TextToSpeech {
  /** MP3 audio for the text (cic.md §11.1), or undefined when the language is not supported. */
  synthesize(text: string, language: string): Promise<Buffer | undefined>;
  /** Languages the engine speaks (`undefined`: not known in advance). */
  readonly languages?: readonly string[];
  /** Releases workers, processes and caches. */
  close?(): Promise<void>;
}

export interface SpeechToText {
  /**
   * Recognizes 16 kHz 16-bit little-endian mono PCM as it streams in (cic.md §10).
   * `onEndOfSpeech` is called when the engine hears the end of the utterance (→ StopCapture).
   */
  recognize(
    audio: Readable,
    options: { language: string; onEndOfSpeech?: () => void; signal?: AbortSignal },
  ): Promise<{ text: string }>;
  /** Languages the engine recognizes (`undefined`: not known in advance). */
  readonly languages?: readonly string[];
  /** Stops every recognition in progress and releases workers and child processes. */
  close?(): Promise<void>;
}
