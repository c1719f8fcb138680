// What the gateway needs from speech engines (the speech package provides implementations).
import type { Readable } from "node:stream";

/**
 * MP3 audio that is still being synthesized: the chunks, concatenated, are one MP3 stream
 * (cic.md §11.1). Iterating it a second time is not supported; `cancel` stops the synthesis
 * (queued sentences are dropped, running engines are stopped) and ends the iteration.
 */
export interface SpeechAudio extends AsyncIterable<Buffer> {
  cancel(): void;
}

export interface TextToSpeech {
  /** MP3 audio for the text (cic.md §11.1), or undefined when the language is not supported. */
  synthesize(text: string, language: string): Promise<Buffer | undefined>;
  /**
   * Starts synthesizing at once and returns the audio as it is produced (sentence by
   * sentence). Undefined when the engine does not stream this text: the caller then awaits
   * `synthesize`, which also says whether the language is spoken at all.
   */
  stream?(text: string, language: string): SpeechAudio | undefined;
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
