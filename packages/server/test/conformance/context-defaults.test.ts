// What the server assumes for context objects a device does not send (cic.md §8, the "if
// absent" column marked **doc**), black box with a raw HTTP/2 device and a raw extension:
// without Device.Display a Full-HD class screen; without Device.Audio no audio content.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import {
  admin,
  directiveNames,
  guestTokens,
  heard,
  newProduct,
  type Product,
  RawDevice,
  type RawExtension,
  type Running,
  rawExtension,
  speech,
  speechSetAnswer,
  startServer,
  textRecognize,
} from "./raw.js";

const ID = "org.example.jukebox";
const model = {
  language: "en",
  invocation: { main: "jukebox" },
  intents: [{ name: "PlayIntent", slots: [], utterances: ["play something", "play a song"] }],
};
const AUDIO = {
  header: { namespace: "Device", name: "Audio" },
  payload: {
    acceptContentType: [{ mimeType: "audio/mpeg", audioCodec: "MP3", fileExtension: "MP3" }],
  },
};
const play = {
  header: { namespace: "AudioPlayer", name: "Play" },
  payload: {
    audioItem: {
      audioItemId: "song-1",
      stream: {
        token: "tok-1",
        url: "https://cdn.example.org/song.mp3",
        urlPlayable: true,
        beginAtInMilliseconds: 0,
      },
    },
    playBehavior: "REPLACE_ALL",
    source: { name: "Jukebox" },
  },
};

describe("context objects a device leaves out (cic.md §8)", () => {
  let running: Running;
  let ext: RawExtension;
  let product: Product;
  const devices: RawDevice[] = [];

  async function device(): Promise<RawDevice> {
    const tokens = await guestTokens(running.url, product, `ctx-${randomUUID()}`);
    const d = new RawDevice(running.url, tokens.access_token);
    devices.push(d);
    assert.equal((await d.openDownchannel()).status, 200);
    return d;
  }

  before(async () => {
    running = await startServer({ CLOVER_CIC_ANSWER_TIMEOUT_MS: "120000" });
    ext = await rawExtension();
    const registered = await admin(running.url, "POST", "/api/v1/extensions", {
      id: ID,
      displayName: "Jukebox",
      endpointUrl: ext.url,
      usesAudioPlayer: true,
      models: { en: model },
    });
    assert.equal(registered.status, 201, registered.body.toString());
    product = await newProduct(running.url);
  });
  after(async () => {
    for (const d of devices) d.close();
    await ext?.close();
    await running?.close();
  });

  it("takes a device without Device.Display to have a Full-HD class screen (§8: doc)", async () => {
    const d = await device();
    ext.answer = () => ({
      body: speechSetAnswer("Short.", "The long version."),
    });
    ext.requests.length = 0;
    const answer = await d.event(textRecognize("ask jukebox to play something"));
    assert.equal(answer.status, 200, answer.body.toString());
    const display = ext.requests[0]?.body["context"].System.device.display;
    assert.notEqual(display?.size, "none", "not a screenless device");
    assert.deepEqual(display, {
      size: "custom",
      orientation: "landscape",
      dpi: 160,
      contentLayer: { width: 1920, height: 1080 },
    });
    assert.deepEqual(heard(answer), ["Short."], "a device with a screen plays `brief` (§4.3)");
    // The same device saying it has no screen is screenless from then on.
    await d.event({
      ...textRecognize("ask jukebox to play something"),
      context: [{ header: { namespace: "Device", name: "Display" }, payload: { size: "none" } }],
    });
    assert.deepEqual(ext.requests.at(-1)?.body["context"].System.device.display, { size: "none" });
  });

  it("sends no AudioPlayer.Play to a device without Device.Audio, and says why (§8, §9.2)", async () => {
    const d = await device();
    ext.answer = () => ({
      body: speech("Here is a song.", true, {
        response: {
          outputSpeech: {
            type: "SimpleSpeech",
            values: { type: "PlainText", lang: "en", value: "Here is a song." },
          },
          card: {},
          directives: [play],
          shouldEndSession: true,
        },
      }),
    });
    const refused = await d.event(textRecognize("ask jukebox to play a song"));
    assert.equal(refused.status, 200, refused.body.toString());
    assert.ok(
      !directiveNames(refused.directives).includes("AudioPlayer.Play"),
      String(directiveNames(refused.directives)),
    );
    assert.deepEqual(heard(refused), ["Here is a song.", "This device can't play audio content."]);
    // Once the device says what it plays, the same answer plays.
    const played = await d.event({
      ...textRecognize("ask jukebox to play a song"),
      context: [AUDIO],
    });
    assert.ok(
      directiveNames(played.directives).includes("AudioPlayer.Play"),
      String(directiveNames(played.directives)),
    );
    assert.deepEqual(heard(played), ["Here is a song."]);
  });
});
