// The OpenAI-compatible adapters against a small real server implementing both endpoints:
// /v1/audio/speech answers with Flite's speech, /v1/audio/transcriptions transcribes the
// uploaded WAV with pocketsphinx.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import busboy from "busboy";
import { OpenAiSpeechToText } from "../../src/speech/asr/openai.js";
import { PocketsphinxRecognizer } from "../../src/speech/asr/pocketsphinx.js";
import { encodeMp3, readMp3FrameHeader } from "../../src/speech/audio/mp3.js";
import { decodeWav, encodeWav, readWavHeader, samplesToBytes } from "../../src/speech/audio/pcm.js";
import { FliteTextToSpeech } from "../../src/speech/tts/flite.js";
import { OpenAiTextToSpeech } from "../../src/speech/tts/openai.js";
import { slices, spoken } from "./audio-fixtures.js";

const KEY = "sk-test";
const model: InteractionModel = {
  language: "en",
  invocation: { main: "dice" },
  intents: [{ name: "RollIntent", utterances: ["roll the dice", "roll two dice"] }],
};

interface Upload {
  fields: Record<string, string>;
  wav?: Buffer;
  filename?: string;
}

describe("OpenAI-compatible engines", () => {
  const flite = new FliteTextToSpeech({ voice: "awb" });
  const recognizer = new PocketsphinxRecognizer({ models: [model] });
  const uploads: Upload[] = [];
  let mode: "ok" | "mp3" | "broken" | "html" | "deep" | "endless" = "ok";
  /** Bytes an endless answer sent before the client hung up (it stops at 64 MB regardless). */
  let endlessSent = 0;

  /** Answers 200 with a body without end, written as the client reads it, until it hangs up. */
  async function endless(res: http.ServerResponse, type: string) {
    res.writeHead(200, { "content-type": type });
    endlessSent = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x5b);
    while (!res.destroyed && endlessSent < 64 * 1024 * 1024) {
      endlessSent += chunk.length;
      if (!res.write(chunk))
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done);
            res.off("close", done);
            resolve();
          };
          res.on("drain", done);
          res.on("close", done);
        });
    }
    res.end();
  }
  let url = "";

  const server = http.createServer((req, res) => {
    const reply = (status: number, body: string | Buffer, type = "application/json") => {
      res.writeHead(status, { "content-type": type });
      res.end(body);
    };
    if (req.headers.authorization !== `Bearer ${KEY}`) {
      req.resume();
      return reply(401, JSON.stringify({ error: { message: "Incorrect API key provided" } }));
    }
    if (mode === "broken") {
      req.resume();
      return reply(500, JSON.stringify({ error: { message: "model not loaded" } }));
    }
    if (req.url === "/v1/audio/speech") {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, string>;
        if (mode === "html") return reply(200, "<html>busy</html>", "text/html");
        if (mode === "endless") return endless(res, "audio/mpeg");
        const pcm = await flite.synthesizePcm(body["input"] ?? "");
        if (mode === "mp3") return reply(200, await encodeMp3(pcm), "audio/mpeg");
        reply(200, encodeWav(pcm), "audio/wav");
      });
      return;
    }
    if (req.url === "/v1/audio/transcriptions") {
      const upload: Upload = { fields: {} };
      const form = busboy({ headers: req.headers });
      form.on("field", (name, value) => {
        upload.fields[name] = value;
      });
      form.on("file", (_name, file, info) => {
        upload.filename = info.filename;
        const chunks: Buffer[] = [];
        file.on("data", (c: Buffer) => chunks.push(c));
        file.on("end", () => {
          upload.wav = Buffer.concat(chunks);
        });
      });
      form.on("close", async () => {
        uploads.push(upload);
        if (mode === "html") return reply(200, "<html>busy</html>", "text/html");
        if (mode === "endless") return endless(res, "application/json");
        if (mode === "deep") {
          const depth = 100_000;
          return reply(200, `{"text":"roll","x":${"[".repeat(depth)}${"]".repeat(depth)}}`);
        }
        const pcm = decodeWav(upload.wav ?? Buffer.alloc(0));
        const { text } = await recognizer.recognize(slices(samplesToBytes(pcm.samples)), {
          language: "en",
        });
        reply(200, JSON.stringify({ text: `${text[0]?.toUpperCase()}${text.slice(1)}.` }));
      });
      req.pipe(form);
      return;
    }
    req.resume();
    reply(404, "{}");
  });

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await recognizer.updateModels([model]);
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    await Promise.all([flite.close(), recognizer.close()]);
  });

  it("transcribes an upload: end-pointed here, sent as a 16 kHz mono WAV with its language", async () => {
    mode = "ok";
    const asr = new OpenAiSpeechToText({ baseUrl: url, apiKey: KEY, model: "whisper-large" });
    let ended = 0;
    const result = await asr.recognize(slices(await spoken(flite, "roll two dice")), {
      language: "en",
      onEndOfSpeech: () => ended++,
    });
    assert.equal(result.text, "Roll two dice.");
    assert.equal(ended, 1);
    const upload = uploads.at(-1);
    assert.deepEqual(upload?.fields, {
      model: "whisper-large",
      language: "en",
      response_format: "json",
    });
    assert.equal(upload?.filename, "speech.wav");
    const header = readWavHeader(upload?.wav ?? Buffer.alloc(0));
    assert.equal(header?.sampleRate, 16000);
    assert.equal(header?.channels, 1);
  });

  it("reports server errors, bodies that are not JSON and an unreachable server", async () => {
    const audio = await spoken(flite, "roll the dice");
    mode = "broken";
    const asr = new OpenAiSpeechToText({ baseUrl: url, apiKey: KEY });
    await assert.rejects(
      asr.recognize(slices(audio), { language: "en" }),
      /transcriptions answered 500: .*model not loaded/,
    );
    mode = "html";
    await assert.rejects(asr.recognize(slices(audio), { language: "en" }), /not JSON: <html>/);
    const wrongKey = new OpenAiSpeechToText({ baseUrl: url, apiKey: "nope" });
    await assert.rejects(wrongKey.recognize(slices(audio), { language: "en" }), /answered 401/);
    const nowhere = new OpenAiSpeechToText({ baseUrl: "http://127.0.0.1:9", apiKey: KEY });
    await assert.rejects(nowhere.recognize(slices(audio), { language: "en" }), /unreachable/);
  });

  it("refuses a transcription answer nested past 64 levels or without end, naming it", async () => {
    const audio = await spoken(flite, "roll the dice");
    const asr = new OpenAiSpeechToText({ baseUrl: url, apiKey: KEY });
    mode = "deep";
    await assert.rejects(
      asr.recognize(slices(audio), { language: "en" }),
      /transcriptions sent JSON nesting arrays and objects deeper than 64 levels/,
    );
    mode = "endless";
    await assert.rejects(
      asr.recognize(slices(audio), { language: "en" }),
      /transcriptions answered more than 1048576 bytes/,
    );
    assert.ok(endlessSent < 16 * 1024 * 1024, `the rest was not read (${endlessSent} bytes sent)`);
    mode = "ok";
    assert.equal((await asr.recognize(slices(audio), { language: "en" })).text, "Roll the dice.");
  });

  it("refuses a TTS answer without end once past 16 MiB", async () => {
    const tts = new OpenAiTextToSpeech({ baseUrl: url, apiKey: KEY });
    mode = "endless";
    await assert.rejects(tts.synthesize("hi", "en"), /speech answered more than 16777216 bytes/);
    assert.ok(endlessSent < 48 * 1024 * 1024, `the rest was not read (${endlessSent} bytes sent)`);
  });

  it("refuses a language outside its list and returns nothing for silence", async () => {
    const asr = new OpenAiSpeechToText({ baseUrl: url, apiKey: KEY, languages: ["en", "ja"] });
    await assert.rejects(
      asr.recognize(slices(Buffer.alloc(640)), { language: "ko" }),
      /openai speech engine does not handle lang "ko" \(it handles "en", "ja"\)/,
    );
    const count = uploads.length;
    const silent = new OpenAiSpeechToText({
      baseUrl: url,
      apiKey: KEY,
      limits: { noSpeechTimeoutMs: 500 },
    });
    assert.deepEqual(await silent.recognize(slices(Buffer.alloc(32000 * 2)), { language: "en" }), {
      text: "",
    });
    assert.equal(uploads.length, count, "silence is not uploaded");
  });

  it("speaks through the server, turning WAV answers into MP3 and passing MP3 through", async () => {
    const tts = new OpenAiTextToSpeech({ baseUrl: `${url}/`, apiKey: KEY, voices: { en: "nova" } });
    mode = "ok";
    const fromWav = await tts.synthesize("You rolled a five.", "en");
    assert.equal(fromWav && readMp3FrameHeader(fromWav)?.sampleRate, 24000);
    mode = "mp3";
    const mp3 = await tts.synthesize("You rolled a five.", "en");
    assert.equal(mp3 && readMp3FrameHeader(mp3)?.bitrateKbps, 48);
    assert.equal(await tts.synthesize("Bonjour", "fr"), undefined);
  });

  it("reports a TTS server that fails or sends something that is not audio", async () => {
    const tts = new OpenAiTextToSpeech({ baseUrl: url, apiKey: KEY });
    mode = "broken";
    await assert.rejects(tts.synthesize("hi", "en"), /audio\/speech answered 500/);
    mode = "html";
    await assert.rejects(tts.synthesize("hi", "en"), /sent text\/html that is neither MP3 nor WAV/);
    const wrongKey = new OpenAiTextToSpeech({ baseUrl: url, apiKey: "nope" });
    mode = "ok";
    await assert.rejects(wrongKey.synthesize("hi", "en"), /answered 401: .*Incorrect API key/);
  });

  it("keeps a stream that is cut off from reaching the server", async () => {
    const asr = new OpenAiSpeechToText({ baseUrl: url, apiKey: KEY });
    const count = uploads.length;
    const cut = new Readable({ read() {} });
    cut.push(Buffer.alloc(6400));
    // Cut off once the capture has read the 200 ms sent (it may start late on a loaded machine).
    const reading = setInterval(() => {
      if (!cut.readableFlowing || cut.readableLength > 0) return;
      clearInterval(reading);
      cut.destroy(new Error("reset"));
    }, 5);
    await assert.rejects(asr.recognize(cut, { language: "en" }), /upload failed after 200 ms/);
    assert.equal(uploads.length, count);
  });
});
