// Routes each phrase to the engine configured for its language (e.g. Flite for English,
// eSpeak NG for Japanese and Korean).
import type { SpeechAudio, TextToSpeech } from "../../cic/speech-engines.js";

export class TextToSpeechByLanguage implements TextToSpeech {
  readonly languages: readonly string[];

  /** `engines`: language code → engine; `"*"` is used for any other language. */
  constructor(private readonly engines: Record<string, TextToSpeech>) {
    this.languages = Object.keys(engines).filter((l) => l !== "*");
  }

  private engineFor(language: string): TextToSpeech | undefined {
    return this.engines[language.toLowerCase()] ?? this.engines["*"];
  }

  stream(text: string, language: string): SpeechAudio | undefined {
    return this.engineFor(language)?.stream?.(text, language);
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    const engine = this.engineFor(language);
    return engine ? engine.synthesize(text, language) : undefined;
  }

  async close(): Promise<void> {
    await Promise.all([...new Set(Object.values(this.engines))].map((e) => e.close?.()));
  }
}
