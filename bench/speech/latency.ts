// One dice turn by voice through the whole platform: the device uploads in real time (a 200 ms
// slice once it has been recorded, cic.md §10), stops when StopCapture arrives, and we time from
// the last sample of speech to the first byte of the answer and to its first audio byte. Three
// setups take turns, interleaved: the full 700 ms silence window, the grammar-aware early end as
// it was (probe at 180 ms, one decoder, speech programs started per sentence) and as it is
// (probe at 90 ms at the end of a slice, a second decoder, programs started ahead)
// (docs/speech.md).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeviceClient, logIn } from "@clover/device";
import type { InteractionModel } from "@clover/protocol";
import type { SpeechToText, TextToSpeech } from "../../packages/server/src/cic/speech-engines.js";
import { loadConfig } from "../../packages/server/src/config/index.js";
import { startClover } from "../../packages/server/src/main.js";
import { PocketsphinxRecognizer } from "../../packages/server/src/speech/asr/pocketsphinx.js";
import { samplesToBytes } from "../../packages/server/src/speech/audio/pcm.js";
import { CachedTextToSpeech } from "../../packages/server/src/speech/tts/cache.js";
import { FliteTextToSpeech } from "../../packages/server/src/speech/tts/flite.js";

export interface LatencyFigures {
  /** End of speech → first byte of the answer, ms, per run. */
  runs: number[];
  /** End of speech → first audio byte, ms, per run. */
  audioRuns: number[];
  /** Arrival of the slice holding the end of speech → first audio byte, ms, per run. */
  serverAudioRuns: number[];
  /** Runs whose text was not the words said. */
  misheard: number;
}

/** The full window, the early end before this change, the early end now. */
export const END_POINTERS = {
  "full window (700 ms)": { earlySilenceMs: 0, before: false },
  "early end before: probe at 180 ms, one decoder, programs started per sentence": {
    earlySilenceMs: 210,
    before: true,
  },
  "early end now: probe at 90 ms, second decoder, programs started ahead": {
    earlySilenceMs: 210,
    before: false,
  },
} as const;

export async function dialogLatency(runs: number): Promise<{
  /** By "end-pointer · case". */
  setups: Record<string, LatencyFigures>;
  rssMb: number;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-bench-speech-"));
  const models = ["dice", "pizza", "audio"].map(
    (name) =>
      JSON.parse(
        readFileSync(new URL(`../../examples/${name}/models/en.json`, import.meta.url), "utf8"),
      ) as InteractionModel,
  );
  const ttsNow = new CachedTextToSpeech(new FliteTextToSpeech());
  const ttsBefore = new CachedTextToSpeech(new FliteTextToSpeech({ prestart: false }));
  let currentTts: TextToSpeech = ttsNow;
  const tts: TextToSpeech = {
    languages: ["en"],
    synthesize: (text, language) => currentTts.synthesize(text, language),
    stream: (text, language) => currentTts.stream?.(text, language),
  };
  const recognizers = Object.fromEntries(
    Object.entries(END_POINTERS).map(([name, setup]) => [
      name,
      new PocketsphinxRecognizer({
        models,
        limits: {
          earlySilenceMs: setup.earlySilenceMs,
          ...(setup.before ? { earlyProbeMs: 180 } : {}),
        },
        ...(setup.before ? { shadowDecoder: false } : {}),
      }),
    ]),
  ) as Record<keyof typeof END_POINTERS, PocketsphinxRecognizer>;
  let current = Object.values(recognizers)[0] as PocketsphinxRecognizer;
  const heard: string[] = [];
  const asr: SpeechToText = {
    languages: ["en"],
    recognize: async (audio, options) => {
      const result = await current.recognize(audio, options);
      heard.push(result.text);
      return result;
    },
  };
  const voice = new FliteTextToSpeech({ voice: "awb" });
  const config = loadConfig({
    CLOVER_DATA_DIR: dataDir,
    CLOVER_PORT: "0",
    CLOVER_HOST: "127.0.0.1",
    CLOVER_ADMIN_TOKEN: "bench-admin",
    CLOVER_LOG_LEVEL: "silent",
    CLOVER_EXTENSION_NETWORKS: "loopback",
  });
  const server = await startClover({ config, tts, asr });
  const created = await fetch(`${server.url}/api/v1/device-clients`, {
    method: "POST",
    headers: { authorization: "Bearer bench-admin", "content-type": "application/json" },
    body: JSON.stringify({ name: "bench speaker" }),
  });
  const { clientId, clientSecret } = (await created.json()) as Record<string, string>;
  const tokens = await logIn({
    url: server.url,
    clientId: clientId ?? "",
    clientSecret: clientSecret ?? "",
    deviceId: "bench-1",
    modelId: "B-1",
  });
  const accessToken = tokens.access_token;
  const device = new DeviceClient({ url: server.url, accessToken });
  let onStop = () => {};
  await device.openDownchannel((d) => {
    if (d.header.name === "StopCapture") onStop();
  });
  const said = "ask dice to roll three dice";
  // Said fluently, and with a 300 ms pause after "ask dice" (longer than the early window).
  const cases = [
    { label: "fluent", parts: [said] },
    { label: "300 ms pause", parts: ["ask dice", "to roll three dice"] },
  ];
  const audio: { label: string; pcm: Buffer; speechEndByte: number }[] = [];
  for (const c of cases) {
    const pieces: Int16Array[] = [];
    for (const part of c.parts) {
      if (pieces.length > 0) pieces.push(new Int16Array(4800));
      pieces.push(trim((await voice.synthesizePcm(part)).samples));
    }
    const speechLength = pieces.reduce((n, p) => n + p.length, 0);
    const padded = new Int16Array(speechLength + 4800 + 32000);
    let at = 4800;
    for (const piece of pieces) {
      padded.set(piece, at);
      at += piece.length;
    }
    audio.push({
      label: c.label,
      pcm: samplesToBytes(padded),
      speechEndByte: (4800 + speechLength) * 2,
    });
  }
  const names = Object.keys(END_POINTERS) as (keyof typeof END_POINTERS)[];
  const figures: Record<string, LatencyFigures> = {};
  for (const name of names)
    for (const a of audio)
      figures[`${name} · ${a.label}`] = {
        runs: [],
        audioRuns: [],
        serverAudioRuns: [],
        misheard: 0,
      };
  // One warm-up turn per end-pointer and case, then they take turns.
  const rounds = names.length * audio.length;
  for (let turn = 0; turn < (runs + 1) * rounds; turn++) {
    const name = names[turn % names.length] as keyof typeof END_POINTERS;
    const { label, pcm, speechEndByte } = audio[Math.floor(turn / names.length) % audio.length]!;
    current = recognizers[name];
    currentTts = END_POINTERS[name].before ? ttsBefore : ttsNow;
    const boundary = `b-${randomUUID()}`;
    const metadata = {
      context: [],
      event: {
        header: {
          namespace: "SpeechRecognizer",
          name: "Recognize",
          messageId: randomUUID(),
          dialogRequestId: randomUUID(),
        },
        payload: { lang: "en", format: "AUDIO_L16_RATE_16000_CHANNELS_1" },
      },
    };
    const stream = device.connect().request({
      ":method": "POST",
      ":path": "/v1/events",
      authorization: `Bearer ${accessToken}`,
      "content-type": `multipart/form-data; boundary=${boundary}`,
    });
    let speechEnded = 0;
    let sliceArrived = 0;
    let received = Buffer.alloc(0);
    let firstAudioAt = 0;
    const firstByte = new Promise<number>((resolve) => {
      stream.once("data", () => resolve(performance.now()));
      stream.on("data", (chunk: Buffer) => {
        if (firstAudioAt) return;
        received = Buffer.concat([received, chunk]);
        const header = received.indexOf("Content-ID:");
        const body = header < 0 ? -1 : received.indexOf("\r\n\r\n", header);
        if (body >= 0 && received.length > body + 4) firstAudioAt = performance.now();
      });
    });
    const ended = new Promise<void>((resolve) => stream.once("close", () => resolve()));
    stream.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="audio"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    );
    let stopped = false;
    onStop = () => {
      stopped = true;
    };
    const start = performance.now();
    for (let at = 0; at < pcm.length && !stopped; at += 6400) {
      // A slice leaves the device once it has been recorded.
      const due = start + ((at + 6400) / 32000) * 1000;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      if (stopped) break;
      stream.write(pcm.subarray(at, at + 6400));
      if (!speechEnded && at + 6400 >= speechEndByte) {
        // The slice holding the last speech sample: speech ended this far before its end.
        sliceArrived = performance.now();
        speechEnded = start + (speechEndByte / 32000) * 1000;
      }
    }
    stream.end(`\r\n--${boundary}--\r\n`);
    const answered = await firstByte;
    await ended;
    if (turn >= rounds) {
      const f = figures[`${name} · ${label}`]!;
      f.runs.push(answered - speechEnded);
      f.audioRuns.push(firstAudioAt - speechEnded);
      f.serverAudioRuns.push(firstAudioAt - sliceArrived);
      if (heard.at(-1) !== said) f.misheard++;
    }
  }
  const rss = process.memoryUsage().rss / 1024 / 1024;
  device.close();
  await server.close();
  await Promise.all([
    ...Object.values(recognizers).map((r) => r.close()),
    ttsNow.close(),
    ttsBefore.close(),
    voice.close(),
  ]);
  rmSync(dataDir, { recursive: true, force: true });
  return { setups: figures, rssMb: rss };
}

/** The speech without the synthesizer's own leading and trailing silence. */
export function trim(samples: Int16Array): Int16Array {
  const loud = (s: number) => Math.abs(s) > 300;
  const first = samples.findIndex(loud);
  const last = samples.findLastIndex(loud);
  return first < 0 ? samples.subarray(0, 0) : samples.subarray(first, last + 1);
}
