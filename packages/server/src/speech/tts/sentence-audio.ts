// One answer as streamed MP3: every sentence is queued for synthesis at once (the engine's
// slots run them in parallel, first sentence first), and the sentences are encoded in order,
// so the first audio leaves as soon as the first sentence is synthesized.
import type { SpeechAudio } from "../../cic/speech-engines.js";
import { encodeMp3Stream } from "../audio/mp3-stream.js";
import type { Pcm } from "../audio/pcm.js";

/** PCM of one sentence; stops (rejects) when the signal aborts. */
export type SentenceSynthesizer = (sentence: string, signal: AbortSignal) => Promise<Pcm>;

export function sentenceAudio(
  sentences: readonly string[],
  synthesize: SentenceSynthesizer,
  encoder: { lame?: string | undefined },
): SpeechAudio {
  const controller = new AbortController();
  const jobs = sentences.map((sentence) => synthesize(sentence, controller.signal));
  for (const job of jobs) job.catch(() => {});
  async function* pieces(): AsyncGenerator<Pcm> {
    for (const job of jobs) yield await job;
  }
  const mp3 = encodeMp3Stream(pieces(), encoder);
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
