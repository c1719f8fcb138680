// Wrappers that time the stages of a turn for the metrics, and log each turn with its
// dialogRequestId so that one conversation can be followed across nodes (each log line also
// carries the node id).
import type { Readable } from "node:stream";
import type { Logger } from "pino";
import { type Assistant, wrapTurns } from "../assistant/turn.js";
import type { SpeechToText, TextToSpeech } from "../cic/speech-engines.js";
import type { PlatformMetrics } from "./metrics.js";

export function observedAssistant(
  assistant: Assistant,
  metrics: PlatformMetrics,
  log: Logger,
): Assistant {
  return wrapTurns(assistant, async (turn) => {
    const started = performance.now();
    const result = await assistant.handleTurn(turn);
    const ms = performance.now() - started;
    metrics.turns.inc({ kind: turn.kind });
    const extensionMs = result.exchange?.durationMs ?? 0;
    if (result.exchange) metrics.turnSeconds.observe({ stage: "extension" }, extensionMs / 1000);
    metrics.turnSeconds.observe({ stage: "nlu" }, Math.max(0, ms - extensionMs) / 1000);
    const failure = result.exchange?.error?.split(":")[0];
    if (failure) metrics.extensionErrors.inc({ kind: failure });
    log.info(
      {
        dialogRequestId: turn.dialogRequestId,
        deviceId: turn.device.deviceId,
        extensionId: result.extensionId,
        ms: Math.round(ms * 10) / 10,
        ...(failure ? { failure } : {}),
      },
      "turn",
    );
    return result;
  });
}

export function observedTts(tts: TextToSpeech, metrics: PlatformMetrics): TextToSpeech {
  const observed: TextToSpeech = {
    async synthesize(text, language) {
      const started = performance.now();
      try {
        return await tts.synthesize(text, language);
      } finally {
        metrics.observeStage("tts", started);
      }
    },
    ...(tts.languages ? { languages: tts.languages } : {}),
  };
  if (tts.close) observed.close = () => tts.close!();
  // Streamed speech is timed from the request to its last byte.
  if (tts.stream) {
    observed.stream = (text, language) => {
      const started = performance.now();
      const audio = tts.stream!(text, language);
      if (!audio) return undefined;
      return {
        async *[Symbol.asyncIterator]() {
          try {
            yield* audio;
          } finally {
            metrics.observeStage("tts", started);
          }
        },
        cancel: () => audio.cancel(),
      };
    };
  }
  return observed;
}

export function observedAsr(asr: SpeechToText, metrics: PlatformMetrics): SpeechToText {
  const observed: SpeechToText = {
    async recognize(audio: Readable, options) {
      const started = performance.now();
      try {
        return await asr.recognize(audio, options);
      } finally {
        metrics.observeStage("asr", started);
      }
    },
    ...(asr.languages ? { languages: asr.languages } : {}),
  };
  if (asr.close) observed.close = () => asr.close!();
  return observed;
}
