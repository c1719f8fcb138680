// SpeechSynthesizer.Request and pushed speech through real CIC (cic.md §9.9): the device asks
// for text to be spoken and gets a Speak with the audio attached; reprompts pushed after a
// listening timeout carry audio too.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { TextToSpeech } from "../../src/cic/speech-engines.js";
import { type DeviceSideWorld, names, startWorld } from "./clover.js";

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
