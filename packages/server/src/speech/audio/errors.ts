// Errors about the uploaded audio: answered 400 with what was wrong (cic.md §6.3, §10).
import { CicError } from "../../cic/exception.js";

export const EXPECTED_FORMAT =
  "raw 16 kHz 16-bit little-endian mono PCM without a header (format AUDIO_L16_RATE_16000_CHANNELS_1)";

export class SpeechInputError extends CicError {
  constructor(message: string) {
    super(400, message);
    this.name = "SpeechInputError";
  }
}

/** The language is not one this engine recognizes or speaks. */
export class UnsupportedLanguageError extends CicError {
  constructor(engine: string, language: string, supported: readonly string[], others: string) {
    super(
      400,
      `the ${engine} speech engine does not handle lang "${language}" (it handles ${supported.map((l) => `"${l}"`).join(", ") || "nothing"}); ${others}`,
    );
    this.name = "UnsupportedLanguageError";
  }
}

/**
 * Before recognizing: drains the upload and throws when the engine does not handle `language`
 * (`handles` defaults to membership in `supported`).
 */
export function requireLanguage(
  engine: string,
  language: string,
  supported: readonly string[],
  audio: { resume(): unknown },
  others: string,
  handles: (language: string) => boolean = (l) => supported.includes(l),
): void {
  if (handles(language)) return;
  audio.resume();
  throw new UnsupportedLanguageError(engine, language, supported, others);
}
