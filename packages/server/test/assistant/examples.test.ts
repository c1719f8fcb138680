// The embedded default: the SDK's example extensions run in-process, signed requests verified
// by them with the platform's public key, and answer real dialogs.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { device, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

describe("embedded example extensions", () => {
  let platform: TestPlatform;
  before(async () => {
    platform = await startPlatform({ examples: "embedded" });
  });
  after(async () => {
    await platform.close();
  });

  it("registers the examples whose servers exist, with their models", () => {
    const dice = platform.registry.get("com.clover.example.dice");
    assert.ok(dice, "dice is registered");
    assert.match(dice.endpointUrl, /^http:\/\/127\.0\.0\.1:\d+\//);
    assert.deepEqual(platform.registry.languages("com.clover.example.dice").sort(), [
      "en",
      "ja",
      "ko",
    ]);
  });

  it("rolls dice in a multi-turn dialog", async () => {
    const me = device({ deviceId: "dice-table" });
    const launch = await platform.assistant.handleTurn(say("open dice", me));
    assert.equal(launch.extensionId, "com.clover.example.dice");
    assert.equal(launch.expectSpeech, true);
    assert.equal(launch.exchange?.error, undefined, "the example accepted our signature");
    const roll = await platform.assistant.handleTurn(say("roll three dice", me));
    assert.equal(roll.intent?.name, "ThrowDiceIntent");
    assert.deepEqual(roll.intent?.slots.diceCount, { value: "3" });
    assert.match(roll.speech[0]?.value ?? "", /3 dice/);
    const no = await platform.assistant.handleTurn(say("no", me));
    assert.equal(no.expectSpeech, false);
  });

  it("rolls dice in Japanese with a one-shot request", async () => {
    const ja = device({ deviceId: "dice-ja", language: "ja", locale: "ja-JP" });
    const result = await platform.assistant.handleTurn(say("サイコロでサイコロを2個振って", ja));
    assert.equal(result.extensionId, "com.clover.example.dice");
    assert.equal(result.speech[0]?.lang, "ja");
  });

  it("takes a pizza order over several turns", async () => {
    const me = device({ deviceId: "pizza-counter" });
    const launch = await platform.assistant.handleTurn(say("open pizza shop", me));
    assert.equal(launch.extensionId, "com.clover.example.pizza");
    const order = await platform.assistant.handleTurn(say("i want two large pepperoni pizzas", me));
    assert.deepEqual(order.intent, {
      name: "OrderPizzaIntent",
      slots: {
        pizzaCount: { value: "2" },
        pizzaSize: { value: "large" },
        pizzaType: { value: "pepperoni" },
      },
    });
    assert.equal(order.expectSpeech, true);
    const placed = await platform.assistant.handleTurn(say("yes", me));
    assert.equal(placed.intent?.name, "Clova.YesIntent");
    assert.equal(placed.expectSpeech, false);
    assert.match(placed.speech[0]?.value ?? "", /2 large pepperoni/);
  });

  it("plays music and answers the device's PlayFinished with the next track", async () => {
    const me = device({ deviceId: "music-room" });
    const started = await platform.assistant.handleTurn(say("ask music box to play some jazz", me));
    const play = started.directives.find((d) => d.namespace === "AudioPlayer" && d.name === "Play");
    assert.ok(play, "AudioPlayer.Play passed through");
    const stream = (play.payload as { audioItem: { stream: { token: string } } }).audioItem.stream;
    const finished = await platform.assistant.handleTurn({
      kind: "event",
      namespace: "AudioPlayer",
      name: "PlayFinished",
      payload: { token: stream.token, offsetInMilliseconds: 1000 },
      device: { ...me, playback: { playerActivity: "PLAYING", token: stream.token } },
    });
    assert.equal(finished.extensionId, "com.clover.example.audio");
    const next = finished.directives.find((d) => d.name === "Play");
    assert.ok(next, "the next track is queued");
    const nextToken = (next.payload as { audioItem: { stream: { token: string } } }).audioItem
      .stream.token;
    assert.notEqual(nextToken, stream.token);
  });
});
