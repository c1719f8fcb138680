// The speech side of a turn's timings (TextTurn.timings): how long the answer's speech took
// to synthesize, and the whole turn from the event's arrival to the speech's last byte.
// Streamed speech ends after the answer has started, so its audio is wrapped to tell when.
import type { TurnTimings } from "../assistant/turn.js";
import type { SpeechAudio } from "./speech-engines.js";
import type { DirectivePart } from "./turn-directives.js";

/** Audio that calls `onEnd` once, when its iteration ends or it is cancelled. */
function ending(audio: SpeechAudio, onEnd: () => void): SpeechAudio {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd();
  };
  return {
    async *[Symbol.asyncIterator]() {
      try {
        yield* audio;
      } finally {
        end();
      }
    },
    cancel() {
      audio.cancel();
      end();
    },
  };
}

/**
 * Records `ttsMs` (when speech was synthesized) and `totalMs` into `timings` once the last
 * streamed audio has ended, or at once when none streams, then calls `onDone`.
 * `ttsStarted`/`started` are performance.now() values.
 */
export function timeSpeech(
  parts: DirectivePart[],
  timings: TurnTimings,
  ttsStarted: number,
  started: number,
  onDone: () => void,
): DirectivePart[] {
  const synthesized = parts.some((p) => p.attachment !== undefined);
  const streamed = parts.filter((p) => p.attachment && !Buffer.isBuffer(p.attachment.body));
  if (streamed.length === 0) {
    record(timings, synthesized, ttsStarted, started);
    onDone();
    return parts;
  }
  let left = streamed.length;
  for (const part of streamed) {
    const attachment = part.attachment!;
    attachment.body = ending(attachment.body as SpeechAudio, () => {
      left -= 1;
      if (left > 0) return;
      record(timings, synthesized, ttsStarted, started);
      onDone();
    });
  }
  return parts;
}

function record(
  timings: TurnTimings,
  synthesized: boolean,
  ttsStarted: number,
  started: number,
): void {
  const now = performance.now();
  if (synthesized) timings.ttsMs = now - ttsStarted;
  timings.totalMs = now - started;
}
