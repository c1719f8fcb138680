// One dice turn by voice through the whole platform: the device uploads in real time (a 200 ms
// slice once it has been recorded, cic.md §10), stops when StopCapture arrives, and we time from
// the last sample of speech to the first byte of the answer and to its first audio byte, and
// split that time up (the slice wait, the end-pointer, the turn, the first clause's synthesis).
// Three end-pointers take turns, interleaved: the full 700 ms silence window, the early end
// before (210 ms of silence after any whole request) and now (90 ms when the grammar says
// nothing can follow) (docs/speech.md).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeviceClient, logIn } from "@clover/device";
import type { InteractionModel } from "@clover/protocol";
import type { SpeechToText } from "../../packages/server/src/cic/speech-engines.js";
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
  /** End of speech → arrival of the last slice the device sent before StopCapture, ms. */
  sliceWaitRuns: number[];
  /** That slice's arrival → StopCapture on the downchannel (the end-pointer's own time), ms. */
  endPointerRuns: number[];
  /** StopCapture → first byte of the answer (recognition's tail, NLU, the extension), ms. */
  turnRuns: number[];
  /** First byte → first audio byte (the first clause's synthesis), ms. */
  ttsRuns: number[];
  /** Runs whose text was not the words said. */
  misheard: number;
}

/** The full window, the early end before this change, the early end now. */
export const END_POINTERS = {
  "full window (700 ms)": { earlySilenceMs: 0, closedSilenceMs: 0 },
  "early end before (210 ms for any whole request)": {
    earlySilenceMs: 210,
    closedSilenceMs: 0,
    earlyQuietMs: 0,
  },
  "early end now (90 ms when nothing can follow, else 210 ms)": {
    earlySilenceMs: 210,
    closedSilenceMs: 90,
  },
} as const;

/**
 * Where the end of speech falls in its 200 ms slice: "fixed" keeps 300 ms of leading silence
 * (the same point of the slice every turn, as this bench always did); "varied" moves the start
 * so that over the turns the end falls evenly across the slice, as real speech does.
 */
export const ALIGNMENTS = ["fixed", "varied"] as const;

/** `combos`: only the first that many combinations of end-pointer, case and alignment. */
export async function dialogLatency(
  runs: number,
  combos = Number.POSITIVE_INFINITY,
): Promise<{
  /** By "end-pointer · case · alignment". */
  setups: Record<string, LatencyFigures>;
  rssMb: number;
  /** Probe durations (hypothesis finished at a pause) of the early end now, ms. */
  probeMs: number[];
}> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-bench-speech-"));
  const models = ["dice", "pizza", "audio"].map(
    (name) =>
      JSON.parse(
        readFileSync(new URL(`../../examples/${name}/models/en.json`, import.meta.url), "utf8"),
      ) as InteractionModel,
  );
  const tts = new CachedTextToSpeech(new FliteTextToSpeech());
  const recognizers = Object.fromEntries(
    Object.entries(END_POINTERS).map(([name, limits]) => [
      name,
      new PocketsphinxRecognizer({ models, limits }),
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
  const speech: { label: string; samples: Int16Array }[] = [];
  for (const c of cases) {
    const pieces: Int16Array[] = [];
    for (const part of c.parts) {
      if (pieces.length > 0) pieces.push(new Int16Array(4800));
      pieces.push(trim((await voice.synthesizePcm(part)).samples));
    }
    const samples = new Int16Array(pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const piece of pieces) {
      samples.set(piece, at);
      at += piece.length;
    }
    speech.push({ label: c.label, samples });
  }
  /** The upload: leading silence, the speech, 2 s of silence; where the speech ends (bytes). */
  const upload = (samples: Int16Array, alignment: string, k: number) => {
    const SLICE = 3200;
    let lead = 4800;
    if (alignment === "varied") {
      // The k-th turn's speech ends (k + 0.5) / runs of the way through its slice.
      const want = Math.floor(((k + 0.5) / runs) * SLICE);
      lead += (((want - ((lead + samples.length) % SLICE)) % SLICE) + SLICE) % SLICE;
    }
    const padded = new Int16Array(lead + samples.length + 32000);
    padded.set(samples, lead);
    return { pcm: samplesToBytes(padded), speechEndByte: (lead + samples.length) * 2 };
  };
  const names = Object.keys(END_POINTERS) as (keyof typeof END_POINTERS)[];
  // The full window is the reference for fluent speech and the fixed alignment only (its
  // figure hardly depends on either, and the bench must stay short).
  const measured = speech
    .flatMap((s, i) =>
      ALIGNMENTS.flatMap((alignment) =>
        names
          .filter(
            (name) => END_POINTERS[name].earlySilenceMs > 0 || (alignment === "fixed" && i === 0),
          )
          .map((name) => ({ name, speech: s, alignment })),
      ),
    )
    .slice(0, combos);
  const figures: Record<string, LatencyFigures> = {};
  for (const c of measured)
    figures[`${c.name} · ${c.speech.label} · ${c.alignment}`] = {
      runs: [],
      audioRuns: [],
      serverAudioRuns: [],
      sliceWaitRuns: [],
      endPointerRuns: [],
      turnRuns: [],
      ttsRuns: [],
      misheard: 0,
    };
  // One warm-up turn per end-pointer, then every combination takes its turn, round by round.
  const schedule = [
    ...names.flatMap((name) => {
      const combo = measured.find((c) => c.name === name);
      return combo ? [{ combo, k: -1 }] : [];
    }),
    ...Array.from({ length: runs }, (_, k) => measured.map((combo) => ({ combo, k }))).flat(),
  ];
  for (const { combo, k } of schedule) {
    const { name, alignment } = combo;
    const { pcm, speechEndByte } = upload(combo.speech.samples, alignment, Math.max(0, k));
    current = recognizers[name];
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
    let lastSlice = 0;
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
    // StopCapture: the device stops recording at once and ends the upload (cic.md §10).
    let stoppedAt = 0;
    let wake = () => {};
    onStop = () => {
      stoppedAt ||= performance.now();
      wake();
    };
    const start = performance.now();
    for (let at = 0; at < pcm.length && !stoppedAt; at += 6400) {
      // A slice leaves the device once it has been recorded.
      const due = start + ((at + 6400) / 32000) * 1000;
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, Math.max(0, due - performance.now()));
      });
      if (stoppedAt) break;
      stream.write(pcm.subarray(at, at + 6400));
      lastSlice = performance.now();
      if (!speechEnded && at + 6400 >= speechEndByte) {
        // The slice holding the last speech sample: speech ended this far before its end.
        sliceArrived = lastSlice;
        speechEnded = start + (speechEndByte / 32000) * 1000;
      }
    }
    stream.end(`\r\n--${boundary}--\r\n`);
    const answered = await firstByte;
    await ended;
    if (k >= 0) {
      const f = figures[`${name} · ${combo.speech.label} · ${alignment}`]!;
      f.runs.push(answered - speechEnded);
      f.audioRuns.push(firstAudioAt - speechEnded);
      f.serverAudioRuns.push(firstAudioAt - sliceArrived);
      f.sliceWaitRuns.push(lastSlice - speechEnded);
      f.endPointerRuns.push(stoppedAt - lastSlice);
      f.turnRuns.push(answered - stoppedAt);
      f.ttsRuns.push(firstAudioAt - answered);
      if (heard.at(-1) !== said) f.misheard++;
    }
  }
  const rss = process.memoryUsage().rss / 1024 / 1024;
  const probeMs = [...recognizers[names[2]!].earlyStats.probeMs];
  device.close();
  await server.close();
  await Promise.all([
    ...Object.values(recognizers).map((r) => r.close()),
    tts.close(),
    voice.close(),
  ]);
  rmSync(dataDir, { recursive: true, force: true });
  return { setups: figures, rssMb: rss, probeMs };
}

/** The speech without the synthesizer's own leading and trailing silence. */
export function trim(samples: Int16Array): Int16Array {
  const loud = (s: number) => Math.abs(s) > 300;
  const first = samples.findIndex(loud);
  const last = samples.findLastIndex(loud);
  return first < 0 ? samples.subarray(0, 0) : samples.subarray(first, last + 1);
}
