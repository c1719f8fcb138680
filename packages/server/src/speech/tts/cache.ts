// An LRU cache in front of any TextToSpeech: repeated phrases ("Here you go.", prompts,
// errors) are synthesised once per language.
import type { SpeechAudio, TextToSpeech } from "../../cic/speech-engines.js";

export interface TtsCacheOptions {
  /** Most entries kept (default 500). */
  maxEntries?: number;
  /** Most MP3 bytes kept in total (default 32 MiB). */
  maxBytes?: number;
}

export class CachedTextToSpeech implements TextToSpeech {
  private readonly entries = new Map<string, Buffer>();
  private readonly pending = new Map<string, Promise<Buffer | undefined>>();
  private bytes = 0;
  private closed = false;
  hits = 0;
  misses = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;

  constructor(
    private readonly engine: TextToSpeech,
    options: TtsCacheOptions = {},
  ) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  }

  get languages(): readonly string[] | undefined {
    return this.engine.languages;
  }

  get size(): number {
    return this.entries.size;
  }

  private lookup(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.hits++;
    // Move to the most recently used end.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** A cached phrase at once; otherwise the engine's stream, kept once it has ended whole. */
  stream(text: string, language: string): SpeechAudio | undefined {
    const key = keyOf(text, language);
    const hit = this.lookup(key);
    if (hit) return wholeAudio(hit);
    if (this.pending.has(key)) return undefined; // join the running synthesis instead
    const audio = this.engine.stream?.(text, language);
    if (!audio) return undefined;
    this.misses++;
    const store = (chunks: Buffer[]) => this.store(key, Buffer.concat(chunks));
    return {
      async *[Symbol.asyncIterator]() {
        const chunks: Buffer[] = [];
        for await (const chunk of audio) {
          chunks.push(chunk);
          yield chunk;
        }
        store(chunks);
      },
      cancel: () => audio.cancel(),
    };
  }

  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    const key = keyOf(text, language);
    const hit = this.lookup(key);
    if (hit) return hit;
    const running = this.pending.get(key);
    if (running) return running;
    this.misses++;
    const job = this.engine.synthesize(text, language).finally(() => this.pending.delete(key));
    this.pending.set(key, job);
    const audio = await job;
    if (audio) this.store(key, audio);
    return audio;
  }

  /**
   * Synthesizes fixed phrases ahead of time, one after the other in the background, so their
   * first use is a cache hit. Failures are ignored (the phrase is then made when used).
   */
  async warm(phrases: readonly { text: string; language: string }[]): Promise<void> {
    for (const { text, language } of phrases) {
      if (this.closed) return;
      await this.synthesize(text, language).catch(() => undefined);
    }
  }

  private store(key: string, audio: Buffer): void {
    if (audio.length > this.maxBytes || this.entries.has(key)) return;
    this.entries.set(key, audio);
    this.bytes += audio.length;
    for (const [oldest, value] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }

  async close(): Promise<void> {
    this.closed = true; // a phrase being warmed fails with the engine and warming stops
    await this.engine.close?.();
  }
}

function keyOf(text: string, language: string): string {
  return `${language}\u0000${text.trim().replace(/\s+/g, " ")}`;
}

/** Audio that is already complete, as a stream of one chunk. */
export function wholeAudio(bytes: Buffer): SpeechAudio {
  let cancelled = false;
  return {
    async *[Symbol.asyncIterator]() {
      if (!cancelled) yield bytes;
    },
    cancel() {
      cancelled = true;
    },
  };
}
