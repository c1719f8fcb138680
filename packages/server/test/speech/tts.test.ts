// Text-to-speech: the default engines produce the MP3 of cic.md §11.1, the cache answers
// repeated phrases once, languages route to the engine that speaks them.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import type { TextToSpeech } from "../../src/cic/speech-engines.js";
import { encodeMp3, readMp3FrameHeader } from "../../src/speech/audio/mp3.js";
import { rms } from "../../src/speech/audio/pcm.js";
import { resample } from "../../src/speech/audio/resample.js";
import { TextToSpeechByLanguage } from "../../src/speech/tts/by-language.js";
import { CachedTextToSpeech } from "../../src/speech/tts/cache.js";
import { EspeakTextToSpeech } from "../../src/speech/tts/espeak.js";
import { FliteTextToSpeech } from "../../src/speech/tts/flite.js";
import { splitSentences } from "../../src/speech/tts/sentences.js";

/** Counts calls; answers a fake MP3 whose size depends on the text. */
class CountingEngine implements TextToSpeech {
  calls: string[] = [];
  async synthesize(text: string, language: string): Promise<Buffer | undefined> {
    this.calls.push(`${language}:${text}`);
    await new Promise((r) => setTimeout(r, 5));
    return Buffer.alloc(text.length * 10, 1);
  }
}

/** Process ids of every process below `root` (Linux /proc). */
function descendants(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while listing
    }
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

describe("Flite (default English voice)", () => {
  const flite = new FliteTextToSpeech();
  after(() => flite.close());

  it("speaks English as one mono 24 kHz 48 kbit/s MPEG layer III stream", async () => {
    const mp3 = await flite.synthesize("You rolled a four and a six.", "en");
    assert.ok(mp3);
    assert.deepEqual(readMp3FrameHeader(mp3), {
      version: 2,
      layer: 3,
      sampleRate: 24000,
      bitrateKbps: 48,
      mono: true,
    });
    assert.notEqual(mp3.toString("latin1", 0, 3), "ID3", "no ID3 tag");
    // 48 kbit/s CBR: the byte count gives the duration; this sentence takes 1–5 s to say.
    const seconds = (mp3.length * 8) / 48000;
    assert.ok(seconds > 1 && seconds < 5, `${seconds} s`);
  });

  it("speaks the same MP3 with programs started ahead as with programs started per job", {
    skip: flite.engine !== "native" && "Debian's flite is not installed",
  }, async () => {
    const cold = new FliteTextToSpeech({ prestart: false });
    // (without the lead-in trimmed, which only the programs started ahead do)
    const warmFlite = new FliteTextToSpeech({ trimLeadIn: false });
    try {
      const texts = [
        "Roll again?",
        "You rolled a four and a six, round 12. Would you like to roll again?",
      ];
      for (const text of [...texts, ...texts]) {
        const warm = await warmFlite.synthesize(text, "en");
        assert.ok(warm && warm.length > 1000);
        assert.deepEqual(warm, await cold.synthesize(text, "en"), text);
      }
      // Processes waiting for the next job exist below the helpers (flite and lame)...
      const waiting = descendants(process.pid).length;
      const more = new FliteTextToSpeech();
      await more.synthesize("One more.", "en");
      // (they start right after the helper has answered)
      let started = 0;
      for (let i = 0; i < 50 && started < waiting + 3; i++) {
        await new Promise((r) => setTimeout(r, 50));
        started = descendants(process.pid).length;
      }
      assert.ok(started >= waiting + 3, `helper, flite and lame waiting: ${started - waiting}`);
      // ...and none is left once the engine is closed.
      const before = descendants(process.pid).length;
      await more.close();
      let left = before;
      for (let i = 0; i < 50 && left > waiting; i++) {
        await new Promise((r) => setTimeout(r, 50));
        left = descendants(process.pid).length;
      }
      assert.equal(left, waiting, "the closed engine's processes are gone");
    } finally {
      await Promise.all([cold.close(), warmFlite.close()]);
    }
  });

  it("produces audible 16 kHz speech whose length follows the text", async () => {
    const short = await flite.synthesizePcm("Hi.");
    const long = await flite.synthesizePcm(
      "Here is a much longer sentence with many more words in it.",
    );
    assert.equal(short.sampleRate, 16000);
    assert.ok(long.samples.length > 3 * short.samples.length);
    assert.ok(rms(long.samples) > 500, "not silence");
  });

  it("declines other languages and empty text, and strips markup and control characters", async () => {
    assert.equal(await flite.synthesize("こんにちは", "ja"), undefined);
    assert.equal(await flite.synthesize("   ", "en"), undefined);
    const clean = await flite.synthesizePcm("roll the dice");
    const marked = await flite.synthesizePcm("<b>roll</b> the\u0007 dice");
    assert.equal(marked.samples.length, clean.samples.length);
  });

  it("rejects an unknown voice with the list of voices", () => {
    assert.throws(
      () => new FliteTextToSpeech({ voice: "robot" as "slt" }),
      /unknown Flite voice "robot"; choose one of slt, kal/,
    );
  });

  it("fails a phrase that runs past its time limit and recovers for the next one", async () => {
    const slow = new FliteTextToSpeech({ timeoutMs: 1 });
    try {
      await assert.rejects(slow.synthesize("a".repeat(50), "en"), /took longer than 1 ms/);
    } finally {
      await slow.close();
    }
    await assert.rejects(slow.synthesize("hello", "en"), /closed/);
  });
});

describe("eSpeak NG (Japanese and Korean)", () => {
  const espeak = new EspeakTextToSpeech();
  after(() => espeak.close());

  for (const [language, text] of [
    ["ja", "サイコロを三つ振りました。"],
    ["ko", "주사위 세 개를 던졌습니다."],
  ] as const) {
    it(`speaks ${language} as MP3`, async () => {
      const pcm = await espeak.synthesizePcm(text, language);
      assert.ok(pcm && pcm.samples.length / pcm.sampleRate > 1, "more than a second of speech");
      assert.ok(rms(pcm.samples) > 300);
      const mp3 = await espeak.synthesize(text, language);
      assert.equal(mp3 && readMp3FrameHeader(mp3)?.sampleRate, 24000);
    });
  }

  it("declines a language it has no voice for and names a missing program", async () => {
    assert.equal(await espeak.synthesize("hello", "xx"), undefined);
    const missing = new EspeakTextToSpeech({ command: "espeak-ng-not-installed" });
    await assert.rejects(
      missing.synthesize("hello", "en"),
      /espeak-ng-not-installed is not installed/,
    );
  });
});

describe("routing by language", () => {
  it("sends each language to its engine and leaves others silent", async () => {
    const en = new CountingEngine();
    const ja = new CountingEngine();
    const router = new TextToSpeechByLanguage({ en, ja });
    assert.deepEqual(router.languages, ["en", "ja"]);
    await router.synthesize("hello", "en");
    await router.synthesize("こんにちは", "ja");
    assert.equal(await router.synthesize("안녕", "ko"), undefined);
    assert.deepEqual(en.calls, ["en:hello"]);
    assert.deepEqual(ja.calls, ["ja:こんにちは"]);
  });
});

describe("the phrase cache", () => {
  it("synthesises a repeated phrase once per language, concurrent requests included", async () => {
    const engine = new CountingEngine();
    const cache = new CachedTextToSpeech(engine);
    const [a, b] = await Promise.all([
      cache.synthesize("Here you go.", "en"),
      cache.synthesize("Here you go.", "en"),
    ]);
    await cache.synthesize("Here  you go. ", "en");
    await cache.synthesize("Here you go.", "ja");
    assert.deepEqual(a, b);
    assert.deepEqual(engine.calls, ["en:Here you go.", "ja:Here you go."]);
    assert.equal(cache.hits, 1);
  });

  it("evicts the least recently used phrase when full (by count and by bytes)", async () => {
    const engine = new CountingEngine();
    const cache = new CachedTextToSpeech(engine, { maxEntries: 2 });
    await cache.synthesize("one", "en");
    await cache.synthesize("two", "en");
    await cache.synthesize("one", "en"); // one is now the most recent
    await cache.synthesize("three", "en"); // evicts two
    await cache.synthesize("one", "en");
    await cache.synthesize("two", "en");
    assert.deepEqual(engine.calls, ["en:one", "en:two", "en:three", "en:two"]);
    const small = new CachedTextToSpeech(new CountingEngine(), { maxBytes: 100 });
    await small.synthesize("abcdefgh", "en"); // 80 bytes
    await small.synthesize("abcd", "en"); // 40 bytes → over 100: the first goes
    assert.equal(small.size, 1);
  });

  it("warms fixed phrases ahead of their first use", async () => {
    const engine = new CountingEngine();
    const cache = new CachedTextToSpeech(engine);
    await cache.warm([
      { text: "OK.", language: "en" },
      { text: "わかりました。", language: "ja" },
    ]);
    assert.equal(engine.calls.length, 2);
    await cache.synthesize("OK.", "en");
    assert.equal(cache.hits, 1);
    assert.deepEqual(engine.calls, ["en:OK.", "ja:わかりました。"]);
  });

  it("does not keep failures", async () => {
    let fail = true;
    const flaky: TextToSpeech = {
      synthesize: async () => {
        if (fail) throw new Error("engine down");
        return Buffer.from("ok");
      },
    };
    const cache = new CachedTextToSpeech(flaky);
    await assert.rejects(cache.synthesize("hi", "en"), /engine down/);
    fail = false;
    assert.deepEqual(await cache.synthesize("hi", "en"), Buffer.from("ok"));
  });
});

describe("MP3 encoding and resampling", () => {
  it("keeps a tone's frequency when resampling 16 → 24 kHz", async () => {
    const samples = new Int16Array(16000).map((_, i) =>
      Math.round(10000 * Math.sin((2 * Math.PI * 440 * i) / 16000)),
    );
    const out = await resample({ sampleRate: 16000, samples }, 24000);
    assert.equal(out.samples.length, 24000);
    let crossings = 0;
    for (let i = 1; i < out.samples.length; i++) {
      if ((out.samples[i - 1] ?? 0) < 0 && (out.samples[i] ?? 0) >= 0) crossings++;
    }
    assert.ok(Math.abs(crossings - 440) <= 2, `${crossings} cycles in one second`);
  });

  it("encodes silence and very short audio to valid MP3", async () => {
    const mp3 = await encodeMp3({ sampleRate: 16000, samples: new Int16Array(100) });
    assert.equal(readMp3FrameHeader(mp3)?.bitrateKbps, 48);
  });
});

describe("sentences of an answer", () => {
  it("splits at sentence ends followed by a space, keeps numbers and CJK sentences whole", () => {
    assert.deepEqual(splitSentences("You rolled 3.5 points. Again? Yes!  Okay"), [
      "You rolled 3.5 points.",
      "Again?",
      "Yes!",
      "Okay",
    ]);
    assert.deepEqual(splitSentences("サイコロを振りました。もう一度？"), [
      "サイコロを振りました。",
      "もう一度？",
    ]);
    assert.deepEqual(splitSentences("   "), []);
  });

  it("cuts a long first sentence at its first comma, so the first audio is ready sooner", () => {
    assert.deepEqual(
      splitSentences("You rolled a four and a six, round 12. Would you like to roll again?"),
      ["You rolled a four and a six,", "round 12.", "Would you like to roll again?"],
    );
    // Short first sentences, and commas that would leave a scrap, stay whole.
    assert.deepEqual(splitSentences("Yes, two dice. Again?"), ["Yes, two dice.", "Again?"]);
    assert.deepEqual(splitSentences("Here are your pizzas for the party tonight, enjoy."), [
      "Here are your pizzas for the party tonight, enjoy.",
    ]);
  });

  it("cuts a run-on sentence at a comma so no piece is very long", () => {
    const long = Array.from({ length: 40 }, (_, i) => `item number ${i}`).join(", ");
    const pieces = splitSentences(long);
    assert.ok(pieces.length > 1);
    assert.ok(pieces.every((p) => p.length <= 240));
    assert.equal(pieces.join(" "), long);
  });
});

describe("the WASI fallback streams too", () => {
  const wasi = new FliteTextToSpeech({ engine: "wasi" });
  after(() => wasi.close());

  it("speaks a two-sentence answer as one MP3 stream, sentence by sentence", async () => {
    assert.equal(wasi.engine, "wasi");
    const audio = wasi.stream("Hello there. How are you today?", "en");
    assert.ok(audio);
    const chunks: Buffer[] = [];
    for await (const chunk of audio) chunks.push(chunk);
    assert.ok(chunks.length >= 2, `${chunks.length} chunks`);
    assert.equal(readMp3FrameHeader(Buffer.concat(chunks))?.sampleRate, 24000);
  });
});
