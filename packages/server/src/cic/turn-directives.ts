// TurnResult → CIC directives (cic.md §5.1, §9): Speak per speech item (TTS audio as a cid:
// attachment when an engine is configured, the https URL for URL items; audio that streams is
// still being synthesized when this returns), Clova.RenderText
// with the text (the text-only form when there is no TTS), RenderTemplate for a card, the
// extension's directives passed through, and ExpectSpeech when the session continues.
import { randomUUID } from "node:crypto";
import type { TurnResult } from "../assistant/turn.js";
import { type CicDirective, createDirective } from "./multipart-writer.js";
import type { SpeechAudio, TextToSpeech } from "./speech-engines.js";

export interface DirectivePart {
  directive: CicDirective;
  /** A complete body, or speech audio written as it is synthesized (after every directive). */
  attachment?: { contentId: string; body: Buffer | SpeechAudio };
}

export interface TurnDirectiveOptions {
  tts?: TextToSpeech;
  /** ExpectSpeech listening window (cic.md §10: 8,000 ms recommended). */
  expectSpeechTimeoutMs: number;
}

export async function turnToDirectives(
  result: TurnResult,
  dialogRequestId: string | undefined,
  options: TurnDirectiveOptions,
): Promise<DirectivePart[]> {
  const parts: DirectivePart[] = [];
  const texts: string[] = [];
  for (const item of result.speech) {
    if (item.type === "URL") {
      parts.push({
        directive: createDirective(
          "SpeechSynthesizer",
          "Speak",
          { format: "AUDIO_MPEG", token: randomUUID(), url: item.value },
          dialogRequestId,
        ),
      });
      continue;
    }
    texts.push(item.value);
    const lang = item.lang || "en";
    const audio = options.tts
      ? (options.tts.stream?.(item.value, lang) ?? (await options.tts.synthesize(item.value, lang)))
      : undefined;
    if (!audio) continue;
    const contentId = randomUUID();
    parts.push({
      directive: createDirective(
        "SpeechSynthesizer",
        "Speak",
        {
          format: "AUDIO_MPEG",
          token: randomUUID(),
          url: `cid:${contentId}`,
          ttsLang: lang,
        },
        dialogRequestId,
      ),
      attachment: { contentId, body: audio },
    });
  }
  if (texts.length > 0) {
    parts.push({
      directive: createDirective("Clova", "RenderText", { text: texts.join(" ") }, dialogRequestId),
    });
  }
  if (result.card && Object.keys(result.card).length > 0) {
    parts.push({
      directive: createDirective("Clova", "RenderTemplate", result.card, dialogRequestId),
    });
  }
  for (const directive of result.directives) {
    parts.push({
      directive: {
        header: {
          namespace: directive.namespace,
          name: directive.name,
          messageId: directive.messageId,
          ...(dialogRequestId ? { dialogRequestId } : {}),
        },
        payload: directive.payload,
      },
    });
  }
  if (result.expectSpeech) {
    const expectSpeechId = result.expectSpeechId ?? randomUUID();
    parts.push({
      directive: createDirective(
        "SpeechRecognizer",
        "ExpectSpeech",
        { timeoutInMilliseconds: options.expectSpeechTimeoutMs, explicit: true, expectSpeechId },
        dialogRequestId,
      ),
    });
  }
  return parts;
}
