// Audio extensions (§5, §7.7) and message versions (§12.2): AudioPlayer directives pass only for
// extensions with "uses AudioPlayer"; device events go to the extension owning the playback;
// 0.1.0 extensions get no EventRequests, no audio directives, and EndRequest when asked.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import type { DeviceEventTurn } from "../../src/assistant/turn.js";
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { device, register, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

const play = {
  header: { namespace: "AudioPlayer", name: "Play" },
  payload: {
    audioItem: {
      audioItemId: "item-7",
      titleText: "Moonlit Harbor",
      stream: {
        token: "tok-7",
        url: "https://media.example.net/7.mp3",
        urlPlayable: true,
        beginAtInMilliseconds: 0,
      },
    },
    playBehavior: "REPLACE_ALL",
    source: { name: "Music Box" },
  },
};

function audioExtension(request: Json) {
  const r = request.request;
  if (r.type === "EventRequest") {
    if (r.event.name === "PlayFinished")
      return {
        body: {
          version: "1.0",
          sessionAttributes: { ignored: true },
          response: {
            outputSpeech: {
              type: "SimpleSpeech",
              values: { type: "PlainText", lang: "en", value: "ignored" },
            },
            card: {},
            directives: [
              { header: { namespace: "PlaybackController", name: "Stop" }, payload: {} },
            ],
            shouldEndSession: false,
          },
        },
      };
    return { body: answer("") };
  }
  if (r.type === "IntentRequest" && r.intent.name === "Clova.PauseIntent")
    return {
      body: {
        ...answer(""),
        response: {
          ...answer("").response,
          outputSpeech: {},
          directives: [{ header: { namespace: "PlaybackController", name: "Pause" }, payload: {} }],
        },
      },
    };
  return {
    body: {
      version: "1.0",
      sessionAttributes: {},
      response: {
        outputSpeech: {
          type: "SimpleSpeech",
          values: { type: "PlainText", lang: "en", value: "Playing." },
        },
        card: {},
        directives: [play],
        shouldEndSession: true,
      },
    },
  };
}

const event = (
  name: string,
  on = device({ deviceId: "speaker" }),
  payload: Record<string, unknown> = { token: "tok-7", offsetInMilliseconds: 1000 },
): DeviceEventTurn => ({
  kind: "event",
  namespace: "AudioPlayer",
  name,
  payload,
  dialogRequestId: `evt-${name}`,
  device: {
    ...on,
    playback: {
      playerActivity: "PLAYING",
      token: "tok-7",
      offsetInMilliseconds: 1000,
      stream: play.payload.audioItem.stream,
    },
  },
});

describe("audio playback and message versions", () => {
  let platform: TestPlatform;
  let audio: TestExtension;
  let legacy: TestExtension;

  before(async () => {
    platform = await startPlatform();
    audio = await startExtension(audioExtension, () => platform.keys.active.publicKeyPem);
    legacy = await startExtension(audioExtension);
    await register(platform, {
      id: "com.example.musicbox",
      displayName: "Music Box",
      endpointUrl: audio.url,
      usesAudioPlayer: true,
      models: { en: { ...bakeryModel("en"), invocation: { main: "music box" } } },
    });
    await register(platform, {
      id: "com.example.oldradio",
      displayName: "Old Radio",
      endpointUrl: legacy.url,
      usesAudioPlayer: true,
      messageVersion: "0.1.0",
      legacyEndRequestType: true,
      models: { en: { ...bakeryModel("en"), invocation: { main: "old radio" } } },
    });
  });
  after(async () => {
    await platform.close();
    await audio.close();
    await legacy.close();
  });
  beforeEach(async () => {
    await platform.assistant.settled();
    audio.received.length = 0;
    legacy.received.length = 0;
  });

  it("passes AudioPlayer.Play through with a messageId and routes events to the owner", async () => {
    const speaker = device({ deviceId: "speaker" });
    const started = await platform.assistant.handleTurn(
      say("ask music box to order a croissant", speaker),
    );
    assert.deepEqual(
      started.speech.map((s) => s.value),
      ["Playing."],
    );
    assert.equal(started.directives.length, 1);
    const directive = started.directives[0]!;
    assert.equal(`${directive.namespace}.${directive.name}`, "AudioPlayer.Play");
    assert.match(directive.messageId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(directive.payload, play.payload);

    const result = await platform.assistant.handleTurn(event("PlayStarted"));
    assert.equal(result.extensionId, "com.example.musicbox");
    const sent = audio.received.at(-1)!;
    assert.equal(sent.signatureValid, true);
    const request = sent.body;
    assert.equal(request.request.type, "EventRequest");
    assert.equal(request.request.requestId, "evt-PlayStarted");
    assert.match(request.request.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(request.request.locale, "en-US");
    assert.equal(request.request.extensionId, "com.example.musicbox");
    assert.deepEqual(request.request.event, {
      namespace: "AudioPlayer",
      name: "PlayStarted",
      payload: { token: "tok-7", offsetInMilliseconds: 1000 },
    });
    assert.equal(request.session.new, true);
    assert.deepEqual(request.session.sessionAttributes, {});
    // The playback context carries the stream the device reported (token, customData…).
    assert.deepEqual(request.context.AudioPlayer, {
      playerActivity: "PLAYING",
      offsetInMilliseconds: 1000,
      stream: play.payload.audioItem.stream,
    });

    // Only directives count in answers to events (§7.7).
    const finished = await platform.assistant.handleTurn(event("PlayFinished"));
    assert.deepEqual(finished.speech, []);
    assert.deepEqual(
      finished.directives.map((d) => `${d.namespace}.${d.name}`),
      ["PlaybackController.Stop"],
    );
  });

  it("sends spoken playback control and device buttons to the owner as built-in intents", async () => {
    const playing = {
      ...device({ deviceId: "speaker" }),
      playback: { playerActivity: "PLAYING" as const, extensionId: "com.example.musicbox" },
    };
    const paused = await platform.assistant.handleTurn(say("pause", playing));
    assert.equal(audio.received.at(-1)!.body.request.intent.name, "Clova.PauseIntent");
    assert.deepEqual(
      paused.directives.map((d) => `${d.namespace}.${d.name}`),
      ["PlaybackController.Pause"],
    );
    await platform.assistant.handleTurn({
      kind: "event",
      namespace: "PlaybackController",
      name: "NextCommandIssued",
      payload: {},
      device: playing,
    });
    assert.equal(audio.received.at(-1)!.body.request.intent.name, "Clova.NextIntent");
    // Stop is the platform's (cek §5.8): the owner is not asked; the gateway answers the press
    // (device-side/player.test.ts).
    const asked = audio.received.length;
    const stop = await platform.assistant.handleTurn({
      kind: "event",
      namespace: "PlaybackController",
      name: "StopCommandIssued",
      payload: {},
      device: playing,
    });
    assert.deepEqual(stop.directives, []);
    assert.equal(audio.received.length, asked);
  });

  it("gives 0.1.0 extensions version 0.1.0 requests, no EventRequests, no audio directives, and EndRequest", async () => {
    const radio = device({ deviceId: "radio" });
    const started = await platform.assistant.handleTurn(
      say("ask old radio to order a croissant", radio),
    );
    assert.equal(legacy.received[0]!.body.version, "0.1.0");
    assert.deepEqual(started.directives, [], "audio directives are not honoured for 0.1.0");
    const owned = {
      ...radio,
      playback: { playerActivity: "PLAYING" as const, extensionId: "com.example.oldradio" },
    };
    const result = await platform.assistant.handleTurn({
      ...event("PlayStarted", owned),
      device: owned,
    });
    assert.equal(legacy.received.length, 1, "no EventRequest for 0.1.0");
    assert.equal(result.exchange, undefined);

    legacy.respond = (req: Json) => ({
      body: answer("hi", { end: req.request.type !== "LaunchRequest" }),
    });
    await platform.assistant.handleTurn(say("open old radio", radio));
    await platform.assistant.handleTurn(say("exit", radio));
    await legacy.waitFor(3);
    assert.deepEqual(legacy.received[2]!.body.request, { type: "EndRequest" });
    legacy.respond = audioExtension;
  });

  it("sends no audio directives or events for an extension without uses AudioPlayer", async () => {
    await platform.api("PATCH", "/api/v1/extensions/com.example.musicbox", {
      usesAudioPlayer: false,
    });
    const speaker = device({ deviceId: "speaker-2" });
    const result = await platform.assistant.handleTurn(
      say("ask music box to order a croissant", speaker),
    );
    assert.deepEqual(result.directives, []);
    const owned = {
      ...speaker,
      playback: { playerActivity: "PLAYING" as const, extensionId: "com.example.musicbox" },
    };
    await platform.assistant.handleTurn({ ...event("PlayStarted", owned), device: owned });
    assert.equal(audio.received.length, 1);
    await platform.api("PATCH", "/api/v1/extensions/com.example.musicbox", {
      usesAudioPlayer: true,
    });
  });
});
