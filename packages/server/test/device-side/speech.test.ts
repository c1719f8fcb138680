// SpeechSynthesizer.Request and pushed speech through real CIC (cic.md §9.9): the device asks
// for text to be spoken and gets a Speak with the audio attached; reprompts pushed after a
// listening timeout carry audio too.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { SpeechToText, TextToSpeech } from "../../src/cic/speech-engines.js";
import { type DeviceSideWorld, names, startWorld, until } from "./clover.js";

/** A TTS engine whose "MP3" names what it said, so the test can check the audio. */
const tts: TextToSpeech = {
  async synthesize(text, language) {
    return Buffer.from(`mp3:${language}:${text}`);
  },
};

describe("SpeechSynthesizer", () => {
  let world: DeviceSideWorld;
  before(async () => {
    world = await startWorld({ examples: "off" }, { tts });
  });
  after(() => world.close());

  it("SpeechSynthesizer.Request is answered with Speak and the synthesized audio", async () => {
    const device = await world.device("speaker-tts", { account: "tts-user" });
    const response = await device.client.sendEvent(
      {
        namespace: "SpeechSynthesizer",
        name: "Request",
        payload: { text: "Hello there", lang: "en" },
      },
      { context: device.context() },
    );
    assert.deepEqual(names(response.directives), ["SpeechSynthesizer.Speak", "Clova.RenderText"]);
    const url = String(response.directives[0]!.payload["url"]);
    assert.equal(response.attachments.get(url.slice(4))?.toString(), "mp3:en:Hello there");
    const bad = await device.client.sendEvent(
      { namespace: "SpeechSynthesizer", name: "Request", payload: { text: "Hi", lang: "fr" } },
      { context: device.context() },
    );
    assert.equal(bad.status, 400);
  });
});

describe("SpeechRecognizer", () => {
  let world: DeviceSideWorld;
  /** Hears "turn up the volume", after the end of speech takes 1.3 s to be sure. */
  const asr: SpeechToText = {
    async recognize(audio, options) {
      for await (const _chunk of audio) break;
      options.onEndOfSpeech?.();
      await new Promise((resolve) => setTimeout(resolve, 1300));
      return { text: "turn up the volume" };
    },
  };
  before(async () => {
    world = await startWorld({ examples: "off" }, { asr });
    // The reference client's id is known only now; configured like CLOVER_SHOW_RECOGNIZED_TEXT_CLIENTS.
    world.server.gateway.side.options.showRecognizedTextClients = [world.clientId];
  });
  after(() => world.close());

  it("SpeechRecognizer.KeepRecording for a slow answer and ShowRecognizedText for configured clients", async () => {
    const pushed: string[] = [];
    const device = await world.device("voice-speaker", {
      account: "voice-user",
      onDirective: (d, channel) => {
        // Beside the connect-time ExpectReportState (cic.md §13.1): what the request pushed.
        if (channel === "downchannel" && d.header.name !== "ExpectReportState")
          pushed.push(`${d.header.name}:${String(d.payload["text"] ?? "")}`);
      },
    });
    const response = await device.client.sendEvent(
      {
        namespace: "SpeechRecognizer",
        name: "Recognize",
        payload: { lang: "en", profile: "CLOSE_TALK", format: "AUDIO_L16_RATE_16000_CHANNELS_1" },
      },
      { context: device.context(), dialogRequestId: "voice-1", audio: Buffer.alloc(6400) },
    );
    assert.deepEqual(names(response.directives), ["DeviceControl.Increase"]);
    await until(() => pushed.length >= 3);
    assert.deepEqual(pushed, [
      "StopCapture:",
      "KeepRecording:",
      "ShowRecognizedText:turn up the volume",
    ]);
  });

  it("SpeechSynthesizer.SpeechStarted, SpeechFinished and SpeechStopped are answered 204", async () => {
    const device = await world.device("state-speaker", { account: "voice-user" });
    for (const name of ["SpeechStarted", "SpeechFinished", "SpeechStopped"]) {
      const response = await device.send({
        namespace: "SpeechSynthesizer",
        name,
        payload: { token: "t-1" },
      });
      assert.equal(response.status, 204, name);
    }
  });
});
