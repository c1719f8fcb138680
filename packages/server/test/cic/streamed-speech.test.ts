// The spoken answer streams (cic.md §15.1 #12): the event response starts with every directive
// (Speak first) while the speech is still being synthesized, and the Speak's cid: audio part
// follows with its bytes as they are made. Driven through a real HTTP/2 client.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { boundaryOf, MultipartParser, type MultipartPart } from "@clover/device";
import type { SpeechAudio, TextToSpeech } from "../../src/cic/speech-engines.js";
import { PlatformMetrics } from "../../src/ops/metrics.js";
import { observedTts } from "../../src/ops/observe.js";
import { readMp3FrameHeader } from "../../src/speech/audio/mp3.js";
import { CachedTextToSpeech } from "../../src/speech/tts/cache.js";
import { FliteTextToSpeech } from "../../src/speech/tts/flite.js";
import { type Harness, startHarness } from "./harness.js";

/** An engine whose chunks the test releases one at a time (or fails), recording cancels. */
class GatedSpeech implements TextToSpeech {
  readonly languages = ["en"];
  private gates: { release: (chunk: Buffer) => void; fail: (error: Error) => void }[] = [];
  private waiting: (() => void)[] = [];
  cancelled = 0;
  finished = 0;

  async synthesize(): Promise<Buffer | undefined> {
    throw new Error("the gateway must stream this engine");
  }

  stream(text: string): SpeechAudio {
    const sentences = text.split(/(?<=\.)\s+/);
    let cancelled = false;
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < sentences.length && !cancelled; i++) {
          yield await new Promise<Buffer>((release, fail) => {
            self.gates.push({ release, fail });
            for (const wake of self.waiting.splice(0)) wake();
          });
        }
        self.finished++;
      },
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        this.cancelled++;
        for (const gate of this.gates.splice(0)) gate.fail(new Error("cancelled"));
      },
    };
  }

  /** Waits until the engine is working on a sentence, then finishes it with `chunk`. */
  async release(chunk: Buffer): Promise<void> {
    while (this.gates.length === 0) await new Promise<void>((r) => this.waiting.push(r));
    this.gates.shift()?.release(chunk);
  }

  async fail(error: Error): Promise<void> {
    while (this.gates.length === 0) await new Promise<void>((r) => this.waiting.push(r));
    this.gates.shift()?.fail(error);
  }
}

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  parts: MultipartPart[];
  raw: Buffer;
  ended: boolean;
  /** Resolves once `check` holds for what has arrived. */
  until(check: (answer: Answer) => boolean): Promise<void>;
  close(): void;
}

async function sendText(harness: Harness, text: string): Promise<Answer> {
  const { client, accessToken } = await harness.device();
  await client.openDownchannel();
  const boundary = `b-${randomUUID()}`;
  const metadata = {
    context: [],
    event: {
      header: {
        namespace: "TextRecognizer",
        name: "Recognize",
        messageId: randomUUID(),
        dialogRequestId: randomUUID(),
      },
      payload: { text },
    },
  };
  const stream = client.connect().request({
    ":method": "POST",
    ":path": "/v1/events",
    authorization: `Bearer ${accessToken}`,
    "content-type": `multipart/form-data; boundary=${boundary}`,
  });
  stream.end(
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}--\r\n`,
  );
  const listeners: (() => void)[] = [];
  const changed = () => {
    for (const listener of listeners.splice(0)) listener();
  };
  const answer: Answer = {
    status: 0,
    headers: {},
    parts: [],
    raw: Buffer.alloc(0),
    ended: false,
    async until(check) {
      while (!check(answer)) {
        if (answer.ended) throw new Error("the answer ended first");
        await new Promise<void>((r) => listeners.push(r));
      }
    },
    close: () => stream.close(),
  };
  stream.on("response", (headers) => {
    answer.status = Number(headers[":status"]);
    answer.headers = headers;
    const parser = new MultipartParser(boundaryOf(String(headers["content-type"])) ?? "", (p) =>
      answer.parts.push(p),
    );
    stream.on("data", (chunk: Buffer) => {
      answer.raw = Buffer.concat([answer.raw, chunk]);
      parser.push(chunk);
      changed();
    });
    changed();
  });
  stream.on("close", () => {
    answer.ended = true;
    changed();
  });
  return answer;
}

interface Directive {
  header: { name: string };
  payload: { url: string; format: string; code: number; description: string };
}
const directiveOf = (part: MultipartPart) =>
  (JSON.parse(part.body.toString("utf8")) as { directive: Directive }).directive;
const nameOf = (part: MultipartPart) =>
  part.headers["content-id"] ? "attachment" : directiveOf(part).header.name;

describe("a spoken answer streams as it is synthesized", () => {
  let harness: Harness;
  const tts = new GatedSpeech();
  const metrics = new PlatformMetrics("test-node", () => 0);
  before(async () => {
    // Through the timing wrapper the platform puts around its engine.
    harness = await startHarness({ tts: observedTts(tts, metrics) });
  });
  after(() => harness.close());

  it("sends every directive, Speak first, before the audio exists; then the audio part", async () => {
    const answer = await sendText(harness, "ask First sentence. Second sentence.");
    await answer.until((a) => a.parts.length >= 3);
    // Nothing has been synthesized yet, and the directives are all here.
    assert.equal(tts.finished, 0);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers["content-length"], undefined);
    assert.deepEqual(answer.parts.map(nameOf), ["Speak", "RenderText", "ExpectSpeech"]);
    const speak = directiveOf(answer.parts[0]!);
    assert.match(speak.payload.url, /^cid:/);
    assert.equal(speak.payload.format, "AUDIO_MPEG");

    // The first sentence's bytes go out at once, inside the still-open attachment part.
    await tts.release(Buffer.from("FIRST-SENTENCE-AUDIO"));
    await answer.until((a) => a.raw.includes("FIRST-SENTENCE-AUDIO"));
    assert.equal(answer.parts.length, 3, "the attachment part is not finished yet");
    assert.ok(answer.raw.includes(`Content-ID: ${speak.payload.url.slice(4)}`));

    await tts.release(Buffer.from("|SECOND"));
    await answer.until((a) => a.ended);
    assert.deepEqual(answer.parts.map(nameOf), [
      "Speak",
      "RenderText",
      "ExpectSpeech",
      "attachment",
    ]);
    const audio = answer.parts[3]!;
    assert.equal(audio.headers["content-id"], speak.payload.url.slice(4));
    assert.equal(audio.headers["content-type"], "application/octet-stream");
    assert.equal(audio.body.toString(), "FIRST-SENTENCE-AUDIO|SECOND");
    assert.ok(answer.raw.toString("latin1").endsWith("--\r\n"), "closing delimiter");
    assert.equal(tts.finished, 1);
    const timed = await metrics.registry.getSingleMetricAsString("clover_turn_stage_seconds");
    assert.match(timed, /clover_turn_stage_seconds_count\{[^}]*stage="tts"[^}]*\} 1/);
  });

  it("ends the audio part and adds a System.Exception when synthesis fails after the 200", async () => {
    const answer = await sendText(harness, "say One. Two.");
    await tts.release(Buffer.from("ONE"));
    await tts.fail(new Error("the engine crashed"));
    await answer.until((a) => a.ended);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.parts.map(nameOf), ["Speak", "RenderText", "attachment", "Exception"]);
    assert.equal(answer.parts[2]!.body.toString(), "ONE");
    const exception = directiveOf(answer.parts[3]!);
    assert.equal(exception.payload.code, 500);
    assert.match(exception.payload.description, /speech synthesis failed: the engine crashed/);
  });

  it("stops synthesizing when the device cancels the answer", async () => {
    const before = tts.cancelled;
    const answer = await sendText(harness, "say Alpha. Beta. Gamma.");
    await tts.release(Buffer.from("ALPHA"));
    await answer.until((a) => a.raw.includes("ALPHA"));
    answer.close();
    while (tts.cancelled === before) await new Promise((r) => setTimeout(r, 5));
    assert.equal(tts.cancelled, before + 1);
  });
});

describe("Flite answers stream through CIC", () => {
  let harness: Harness;
  const flite = new FliteTextToSpeech();
  const tts = new CachedTextToSpeech(flite);
  before(async () => {
    harness = await startHarness({ tts });
  });
  after(async () => {
    await harness.close();
    await tts.close();
  });

  it("a two-sentence answer: directives, then one MP3 stream of cic.md §11.1", async () => {
    for (const round of ["synthesized", "cached"]) {
      const answer = await sendText(harness, "say You rolled a four and a six. Roll again?");
      await answer.until((a) => a.ended);
      assert.deepEqual(answer.parts.map(nameOf), ["Speak", "RenderText", "attachment"], round);
      const mp3 = answer.parts[2]!.body;
      assert.deepEqual(readMp3FrameHeader(mp3), {
        version: 2,
        layer: 3,
        sampleRate: 24000,
        bitrateKbps: 48,
        mono: true,
      });
      const seconds = (mp3.length * 8) / 48000;
      assert.ok(seconds > 1.5 && seconds < 6, `${seconds} s of audio (${round})`);
    }
    assert.equal(tts.hits, 1);
  });

  it("the device gets Flite's MP3 as made, without the silence before the first word", {
    skip: flite.engine !== "native" && "Debian's flite is not installed",
  }, async () => {
    const whole = new FliteTextToSpeech({ streamSamples: false });
    try {
      // The first answer teaches each helper that the pipe works; the later ones stream.
      // Milliseconds dropped: Flite's ~220 ms lead-in but 30 ms before the answer's first word;
      // where the first sentence is cut at its comma, also the silence after "…a five," and
      // before "round 7.", so the comma's pause stays near Flite's own.
      for (const [text, last, least, most] of [
        ["One pipe. Two pipes.", "Two pipes.", 150, 230],
        [
          "You rolled a three and a five, round 7. Would you like to roll again?",
          "Would you like to roll again?",
          330,
          560,
        ],
        ["Your timer for ten minutes is set. It ends at four.", "It ends at four.", 150, 230],
      ] as const) {
        const answer = await sendText(harness, `say ${text}`);
        await answer.until((a) => a.ended);
        assert.deepEqual(answer.parts.map(nameOf), ["Speak", "RenderText", "attachment"]);
        const got = answer.parts[2]!.body;
        const before = await whole.synthesize(text, "en");
        assert.ok(before);
        // A new sentence keeps its pause: its MP3 is the same bytes as from the whole WAV.
        const tail = await whole.synthesize(last, "en");
        assert.ok(tail);
        assert.deepEqual(got.subarray(got.length - tail.length), tail, text);
        // 48 kbit/s CBR: 6 bytes per millisecond.
        const droppedMs = (before.length - got.length) / 6;
        assert.ok(droppedMs > least && droppedMs < most, `${text}: ${droppedMs} ms dropped`);
      }
    } finally {
      await whole.close();
    }
  });
});
