// End to end by voice: 50 commands synthesised with the default TTS engine, streamed as a
// device uploads them (SpeechRecognizer.Recognize, 200 ms slices), recognised by pocketsphinx
// with the grammar of the registered models, understood by the platform's NLU and delivered to
// the extension — here spy servers standing in for the examples, recording what they receive.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import { type CicDirectiveMessage, DeviceClient, logIn } from "@clover/device";
import type { InteractionModel } from "@clover/protocol";
import type { SpeechToText } from "../../src/cic/speech-engines.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { PocketsphinxRecognizer } from "../../src/speech/asr/pocketsphinx.js";
import { readMp3FrameHeader } from "../../src/speech/audio/mp3.js";
import { DEVICE_SAMPLE_RATE, samplesToBytes } from "../../src/speech/audio/pcm.js";
import { resample } from "../../src/speech/audio/resample.js";
import { CachedTextToSpeech } from "../../src/speech/tts/cache.js";
import { FliteTextToSpeech } from "../../src/speech/tts/flite.js";
import { testCloverConfig } from "../helpers/clover.js";
import { VOICE_COMMANDS, type VoiceCommand } from "./voice-commands.js";
import { wordErrors } from "./wer.js";

interface Received {
  type: string;
  intent?: string;
  slots: Record<string, string>;
}

/** A CEK extension that records each request and keeps the session open after a launch. */
async function spyExtension(log: Received[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        request: {
          type: string;
          intent?: { name: string; slots?: Record<string, { value: unknown }> | null };
        };
      };
      const { request } = body;
      const slots: Record<string, string> = {};
      for (const [name, slot] of Object.entries(request.intent?.slots ?? {})) {
        slots[name] = String(slot.value);
      }
      log.push({
        type: request.type,
        ...(request.intent ? { intent: request.intent.name } : {}),
        slots,
      });
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          version: "1.0",
          sessionAttributes: {},
          response: {
            outputSpeech: {
              type: "SimpleSpeech",
              values: { type: "PlainText", lang: "en", value: "Okay." },
            },
            card: {},
            directives: [],
            shouldEndSession: request.type !== "LaunchRequest",
          },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

/** Records what the recognizer heard for each request. */
class RecordingRecognizer implements SpeechToText {
  readonly heard: string[] = [];
  constructor(private readonly inner: SpeechToText) {}
  async recognize(
    audio: Readable,
    options: { language: string; onEndOfSpeech?: () => void },
  ): Promise<{ text: string }> {
    const result = await this.inner.recognize(audio, options);
    this.heard.push(result.text);
    return result;
  }
}

async function* deviceUpload(pcm: Buffer): AsyncIterable<Buffer> {
  // 200 ms slices (cic.md §10), sent twenty times faster than real time.
  for (let at = 0; at < pcm.length; at += 6400) {
    yield pcm.subarray(at, at + 6400);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const EXAMPLES = ["dice", "pizza", "audio"] as const;

describe("voice commands end to end through CIC", { timeout: 240_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-voice-"));
  const received: Record<string, Received[]> = { dice: [], pizza: [], audio: [] };
  const spies: http.Server[] = [];
  const models: InteractionModel[] = EXAMPLES.map(
    (name) =>
      JSON.parse(
        readFileSync(
          new URL(`../../../../examples/${name}/models/en.json`, import.meta.url),
          "utf8",
        ),
      ) as InteractionModel,
  );
  const tts = new CachedTextToSpeech(new FliteTextToSpeech());
  const flite = new FliteTextToSpeech();
  const pocketsphinx = new PocketsphinxRecognizer({ models });
  const asr = new RecordingRecognizer(pocketsphinx);
  let server: CloverServer;
  let device: DeviceClient;
  const stopCaptures: CicDirectiveMessage[] = [];

  before(async () => {
    const urls: Record<string, string> = {};
    for (const name of EXAMPLES) {
      const spy = await spyExtension(received[name] ?? []);
      spies.push(spy);
      urls[`CLOVER_EXAMPLE_${name.toUpperCase()}_URL`] =
        `http://127.0.0.1:${(spy.address() as AddressInfo).port}`;
    }
    const config = testCloverConfig(dataDir, "voice-test-admin", {
      CLOVER_EXTENSION_NETWORKS: "loopback",
      CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
      ...urls,
    });
    server = await startClover({ config, tts, asr });
    const created = await fetch(`${server.url}/api/v1/device-clients`, {
      method: "POST",
      headers: { authorization: "Bearer voice-test-admin", "content-type": "application/json" },
      body: JSON.stringify({ name: "voice test speaker" }),
    });
    const { clientId, clientSecret } = (await created.json()) as {
      clientId: string;
      clientSecret: string;
    };
    const tokens = await logIn({
      url: server.url,
      clientId,
      clientSecret,
      deviceId: "voice-1",
      modelId: "VS-1",
    });
    device = new DeviceClient({ url: server.url, accessToken: tokens.access_token });
    await device.openDownchannel((d) => {
      if (d.header.name === "StopCapture") stopCaptures.push(d);
    });
  });

  after(async () => {
    device?.close();
    await server?.close();
    await Promise.all([pocketsphinx.close(), tts.close(), flite.close()]);
    for (const spy of spies) await new Promise((r) => spy.close(r));
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The upload for a command: 300 ms of silence, the speech, 1 s of silence. */
  async function upload(command: VoiceCommand): Promise<Buffer> {
    const speech = await flite.synthesizePcm(command.say);
    const pcm = await resample(speech, DEVICE_SAMPLE_RATE);
    const padded = new Int16Array(pcm.samples.length + 20800);
    padded.set(pcm.samples, 4800);
    return samplesToBytes(padded);
  }

  async function speak(audio: Buffer) {
    const dialogRequestId = randomUUID();
    const response = await device.sendEvent(
      {
        namespace: "SpeechRecognizer",
        name: "Recognize",
        payload: {
          lang: "en",
          profile: "CLOSE_TALK",
          format: "AUDIO_L16_RATE_16000_CHANNELS_1",
          initiator: { type: "TAP", inputSource: "SELF", payload: { deviceUUID: "u-1" } },
        },
      },
      { dialogRequestId, audio: deviceUpload(audio) },
    );
    return { response, dialogRequestId };
  }

  it("understands at least 90% of 50 spoken commands, with a word error rate of at most 10%", async () => {
    assert.equal(VOICE_COMMANDS.length, 50);
    let correct = 0;
    let errors = 0;
    let words = 0;
    const failures: string[] = [];
    let spokenAnswers = 0;
    // Synthesis of the next commands overlaps with recognition of the current one.
    let previous: Promise<unknown> = Promise.resolve();
    const uploads = VOICE_COMMANDS.map((command) => {
      const next = previous.then(() => upload(command));
      previous = next;
      return next;
    });
    for (const [index, command] of VOICE_COMMANDS.entries()) {
      if (process.env["CLOVER_TEST_VERBOSE"]) console.log(`saying "${command.say}"`);
      if (command.after) await device.sendText(command.after);
      const log = received[command.extension] ?? [];
      const before = log.length;
      const heardBefore = asr.heard.length;
      const { response } = await speak(await (uploads[index] ?? upload(command)));
      const heard = asr.heard[heardBefore] ?? "";
      const wer = wordErrors(command.say, heard);
      errors += wer.errors;
      words += wer.words;
      const got = log.slice(before).at(-1);
      const ok =
        got !== undefined &&
        (command.expect === "LaunchRequest"
          ? got.type === "LaunchRequest"
          : got.intent === command.expect.intent &&
            JSON.stringify(got.slots, Object.keys(got.slots).sort()) ===
              JSON.stringify(command.expect.slots, Object.keys(command.expect.slots).sort()));
      if (ok) correct++;
      else failures.push(`"${command.say}" heard "${heard}" → ${JSON.stringify(got)}`);
      const speak_ = response.directives.find((d) => d.header.name === "Speak");
      const url = String(speak_?.payload["url"] ?? "");
      const mp3 = response.attachments.get(url.replace(/^cid:/, ""));
      if (mp3 && readMp3FrameHeader(mp3)?.sampleRate === 24000) spokenAnswers++;
    }
    const rate = errors / words;
    if (process.env["CLOVER_TEST_VERBOSE"] || correct < 45 || rate > 0.1) {
      console.log(`understood ${correct}/50, WER ${(rate * 100).toFixed(1)}%`);
      for (const f of failures) console.log(`  ${f}`);
    }
    assert.ok(correct >= 45, `understood ${correct}/50:\n${failures.join("\n")}`);
    assert.ok(rate <= 0.1, `word error rate ${(rate * 100).toFixed(1)}%`);
    assert.ok(stopCaptures.length >= 45, `StopCapture pushed ${stopCaptures.length} times`);
    assert.ok(spokenAnswers >= 45, `answers with MP3 speech: ${spokenAnswers}`);
  });
});
