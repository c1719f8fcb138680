// Several recognizers in order of preference: each request goes to the first one that handles
// its language; a language nobody handles gets an error naming who handles what.
import type { Readable } from "node:stream";
import type { InteractionModel } from "@clover/protocol";
import { CicError } from "../../cic/exception.js";
import type { SpeechToText } from "../../cic/speech-engines.js";

export interface NamedRecognizer {
  name: string;
  engine: SpeechToText & { updateModels?(models: readonly InteractionModel[]): Promise<void> };
}

export class SpeechToTextByLanguage implements SpeechToText {
  readonly languages: readonly string[];

  constructor(private readonly recognizers: readonly NamedRecognizer[]) {
    this.languages = [...new Set(recognizers.flatMap((r) => r.engine.languages ?? []))];
  }

  recognize(
    audio: Readable,
    options: { language: string; onEndOfSpeech?: () => void; signal?: AbortSignal },
  ): Promise<{ text: string }> {
    const chosen = this.recognizers.find(
      (r) => !r.engine.languages || r.engine.languages.includes(options.language),
    );
    if (!chosen) {
      audio.resume();
      const offered = this.recognizers
        .map((r) => `${r.name} (${(r.engine.languages ?? []).join(", ")})`)
        .join("; ");
      return Promise.reject(
        new CicError(
          400,
          `no configured speech recognizer handles lang "${options.language}": ${offered}. Add one in CLOVER_ASR (openai or sherpa with a model for that language)`,
        ),
      );
    }
    return chosen.engine.recognize(audio, options);
  }

  /** Recompiles the grammars of the recognizers that use the interaction models. */
  async updateModels(models: readonly InteractionModel[]): Promise<void> {
    await Promise.all(this.recognizers.map((r) => r.engine.updateModels?.(models)));
  }

  async close(): Promise<void> {
    await Promise.all(this.recognizers.map((r) => r.engine.close?.()));
  }
}
