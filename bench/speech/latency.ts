// One dice turn by voice through the whole platform: the device uploads in real time (200 ms
// slices every 200 ms), stops when StopCapture arrives, and we time from the last sample of
// speech to the first byte of the answer and to its first audio byte.
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeviceClient, logIn } from "@clover/device";
import type { InteractionModel } from "@clover/protocol";
import { loadConfig } from "../../packages/server/src/config/index.js";
import { startClover } from "../../packages/server/src/main.js";
import { PocketsphinxRecognizer } from "../../packages/server/src/speech/asr/pocketsphinx.js";
import { samplesToBytes } from "../../packages/server/src/speech/audio/pcm.js";
import { CachedTextToSpeech } from "../../packages/server/src/speech/tts/cache.js";
import { FliteTextToSpeech } from "../../packages/server/src/speech/tts/flite.js";

export async function dialogLatency(
  runs: number,
): Promise<{ runs: number[]; audioRuns: number[]; trailingSilenceMs: number; rssMb: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-bench-speech-"));
  const models = ["dice", "pizza", "audio"].map(
    (name) =>
      JSON.parse(
        readFileSync(new URL(`../../examples/${name}/models/en.json`, import.meta.url), "utf8"),
      ) as InteractionModel,
  );
  const tts = new CachedTextToSpeech(new FliteTextToSpeech());
  const asr = new PocketsphinxRecognizer({ models });
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
  const speech = await voice.synthesizePcm("ask dice to roll three dice");
  const padded = new Int16Array(speech.samples.length + 4800 + 32000);
  padded.set(speech.samples, 4800);
  const speechEndByte = (4800 + speech.samples.length) * 2;
  const pcm = samplesToBytes(padded);
  const times: number[] = [];
  const audioTimes: number[] = [];
  for (let run = 0; run < runs + 1; run++) {
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
    for (let at = 0; at < pcm.length && !stopped; at += 6400) {
      stream.write(pcm.subarray(at, at + 6400));
      if (!speechEnded && at + 6400 >= speechEndByte) {
        // The slice holding the last speech sample: speech ended this far into the slice.
        speechEnded = performance.now() - ((at + 6400 - speechEndByte) / 32000) * 1000 + 200;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    stream.end(`\r\n--${boundary}--\r\n`);
    const answered = await firstByte;
    await ended;
    if (run > 0) {
      // The first run warms the caches up.
      times.push(answered - speechEnded);
      audioTimes.push(firstAudioAt - speechEnded);
    }
  }
  const rss = process.memoryUsage().rss / 1024 / 1024;
  device.close();
  await server.close();
  await Promise.all([asr.close(), tts.close(), voice.close()]);
  rmSync(dataDir, { recursive: true, force: true });
  return { runs: times, audioRuns: audioTimes, trailingSilenceMs: 700, rssMb: rss };
}
