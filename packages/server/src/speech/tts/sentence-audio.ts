// One answer as streamed MP3: every sentence is queued for synthesis at once (the engine's
// helpers run them in parallel, first sentence first) and handed out in order, so the first
// audio leaves as soon as the first sentence is ready. A sentence comes back as MP3 (encoded
// by Debian's `lame` in a helper: the answer is then a run of per-sentence MP3 streams, frame
// after frame, with LAME's few milliseconds of padding between sentences) or as PCM (encoded
// here, all sentences through one encoder).
import type { SpeechAudio } from "../../cic/speech-engines.js";
import { JsMp3Stream } from "../audio/mp3-stream.js";
import type { Pcm } from "../audio/pcm.js";

/** MP3 or PCM of one sentence; stops (rejects) when the signal aborts. */
export type SentenceSynthesizer = (sentence: string, signal: AbortSignal) => Promise<Buffer | Pcm>;

export function sentenceAudio(
  sentences: readonly string[],
  synthesize: SentenceSynthesizer,
): SpeechAudio {
  const controller = new AbortController();
  // The jobs start on the next turn of the event loop, after the caller has written what it
  // has (the directives of the answer) to the network.
  const settlers: { resolve: (piece: Buffer | Pcm) => void; reject: (error: unknown) => void }[] =
    [];
  const jobs = sentences.map(
    () =>
      new Promise<Buffer | Pcm>((resolve, reject) => {
        settlers.push({ resolve, reject });
      }),
  );
  for (const job of jobs) job.catch(() => {});
  setImmediate(() => {
    sentences.forEach((sentence, i) => {
      const { resolve, reject } = settlers[i]!;
      if (controller.signal.aborted) reject(controller.signal.reason);
      else synthesize(sentence, controller.signal).then(resolve, reject);
    });
  });
  async function* audio(): AsyncGenerator<Buffer> {
    let encoder: JsMp3Stream | undefined;
    for (const job of jobs) {
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
