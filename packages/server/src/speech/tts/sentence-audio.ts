// One answer as streamed MP3: every sentence is queued for synthesis at once (the engine's
// helpers run them in parallel, first sentence first) and handed out in order, so the first
// audio leaves as soon as the first sentence is ready. A sentence comes back as MP3 (encoded
// by Debian's `lame` in a helper: the answer is then a run of per-sentence MP3 streams, frame
// after frame, with LAME's few milliseconds of padding between sentences) or as PCM (encoded
// here, all sentences through one encoder). An engine may hand out a sentence's first MP3
// bytes while it is still making the rest (`onChunk`): those of the sentence being played
// leave at once.
import type { SpeechAudio } from "../../cic/speech-engines.js";
import { JsMp3Stream } from "../audio/mp3-stream.js";
import type { Pcm } from "../audio/pcm.js";

/**
 * MP3 or PCM of one sentence; stops (rejects) when the signal aborts. An engine that streams
 * gives the first MP3 bytes to `onChunk` and resolves with the rest.
 */
export type SentenceSynthesizer = (
  sentence: string,
  signal: AbortSignal,
  onChunk: (bytes: Buffer) => void,
  /** The sentence's place in the answer (0: the first). */
  index: number,
) => Promise<Buffer | Pcm>;

/** One sentence being made: the MP3 bytes handed out so far, and whether it has ended. */
interface Piece {
  chunks: Buffer[];
  settled: boolean;
  /** Wakes the reader waiting for more of this piece. */
  wake?: (() => void) | undefined;
}

export function sentenceAudio(
  sentences: readonly string[],
  synthesize: SentenceSynthesizer,
): SpeechAudio {
  const controller = new AbortController();
  // The jobs start on the next turn of the event loop, after the caller has written what it
  // has (the directives of the answer) to the network.
  const settlers: { resolve: (piece: Buffer | Pcm) => void; reject: (error: unknown) => void }[] =
    [];
  const pieces: Piece[] = sentences.map(() => ({ chunks: [], settled: false }));
  const jobs = sentences.map((_, i) =>
    new Promise<Buffer | Pcm>((resolve, reject) => {
      settlers.push({ resolve, reject });
    }).finally(() => {
      pieces[i]!.settled = true;
      pieces[i]!.wake?.();
    }),
  );
  for (const job of jobs) job.catch(() => {});
  setImmediate(() => {
    sentences.forEach((sentence, i) => {
      const { resolve, reject } = settlers[i]!;
      const piece = pieces[i]!;
      const onChunk = (bytes: Buffer) => {
        piece.chunks.push(bytes);
        piece.wake?.();
      };
      if (controller.signal.aborted) reject(controller.signal.reason);
      else synthesize(sentence, controller.signal, onChunk, i).then(resolve, reject);
    });
  });
  async function* audio(): AsyncGenerator<Buffer> {
    let encoder: JsMp3Stream | undefined;
    for (const [i, job] of jobs.entries()) {
      const progress = pieces[i]!;
      for (;;) {
        const ready = progress.chunks.splice(0);
        if (ready.length > 0) yield Buffer.concat(ready);
        else if (progress.settled) break;
        else await new Promise<void>((wake) => (progress.wake = wake));
        progress.wake = undefined;
      }
      const piece = await job;
      if (Buffer.isBuffer(piece)) {
        if (piece.length > 0) yield piece;
        continue;
      }
      encoder ??= new JsMp3Stream();
      const bytes = await encoder.encode(piece);
      if (bytes.length > 0) yield bytes;
    }
    const tail = encoder?.flush();
    if (tail && tail.length > 0) yield tail;
  }
  const mp3 = audio();
  let iterated = false;
  return {
    [Symbol.asyncIterator]() {
      if (iterated) throw new Error("this speech audio has already been read");
      iterated = true;
      return mp3;
    },
    cancel() {
      controller.abort(new Error("the speech was cancelled"));
      void mp3.return(undefined).catch(() => {});
    },
  };
}

/** Reads streamed audio whole (for callers that want one Buffer). */
export async function collectAudio(audio: SpeechAudio): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of audio) chunks.push(chunk);
  return Buffer.concat(chunks);
}
