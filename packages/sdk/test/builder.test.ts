import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { directives, ResponseBuilder, speech } from "../src/index.js";

const build = (b: ResponseBuilder) => b.build("1.0", {}).response;

describe("response builder", () => {
  it("makes SimpleSpeech from one item and a SpeechList from several, in order", () => {
    assert.deepEqual(build(new ResponseBuilder("en", false).speak("Hello.")).outputSpeech, {
      type: "SimpleSpeech",
      values: { type: "PlainText", lang: "en", value: "Hello." },
    });
    const list = new ResponseBuilder("ja", false)
      .speakUrl("https://example.org/bell.mp3")
      .speak("いらっしゃいませ。")
      .speakIn("en", "Welcome.");
    assert.deepEqual(build(list).outputSpeech, {
      type: "SpeechList",
      values: [
        { type: "URL", lang: "", value: "https://example.org/bell.mp3" },
        { type: "PlainText", lang: "ja", value: "いらっしゃいませ。" },
        { type: "PlainText", lang: "en", value: "Welcome." },
      ],
    });
  });

  it("makes a SpeechSet with a brief and a verbose form", () => {
    const one = new ResponseBuilder("en", true).speechSet(
      "Two specials.",
      "Rye loaf and lemon tart.",
    );
    assert.deepEqual(build(one).outputSpeech, {
      type: "SpeechSet",
      brief: { type: "PlainText", lang: "en", value: "Two specials." },
      verbose: {
        type: "SimpleSpeech",
        values: { type: "PlainText", lang: "en", value: "Rye loaf and lemon tart." },
      },
    });
    const many = new ResponseBuilder("en", true).speechSet(speech.text("Two.", "en"), [
      "First.",
      "Second.",
    ]);
    const out = build(many).outputSpeech;
    assert.equal(out.type === "SpeechSet" && out.verbose.type, "SpeechList");
  });

  it("adds a reprompt, which keeps the session open", () => {
    const r = build(new ResponseBuilder("en", true).speak("How many?").reprompt("Say a number."));
    assert.equal(r.shouldEndSession, false);
    assert.deepEqual(r.reprompt, {
      outputSpeech: {
        type: "SimpleSpeech",
        values: { type: "PlainText", lang: "en", value: "Say a number." },
      },
    });
  });

  it("says nothing with an empty outputSpeech and always has card and directives", () => {
    assert.deepEqual(build(new ResponseBuilder("en", true)), {
      outputSpeech: {},
      card: {},
      directives: [],
      shouldEndSession: true,
    });
  });

  it("adds an AudioPlayer.Play directive with its stream, and playback controls", () => {
    const b = new ResponseBuilder("en", false)
      .play({
        audioItem: {
          audioItemId: "item-1",
          titleText: "Song",
          titleSubText1: "Artist",
          stream: {
            token: "tok-1",
            url: "https://example.org/1.mp3",
            urlPlayable: true,
            beginAtInMilliseconds: 0,
          },
        },
        source: { name: "Box" },
      })
      .directive(directives.pause())
      .endSession();
    const r = build(b);
    assert.equal(r.shouldEndSession, true);
    // Every directive gets a messageId (§4.2); the rest is as given.
    const ids = r.directives.map((d) => d.header.messageId);
    for (const id of ids) assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(new Set(ids).size, 2);
    assert.deepEqual(r.directives[0], {
      header: { namespace: "AudioPlayer", name: "Play", messageId: ids[0] },
      payload: {
        audioItem: {
          audioItemId: "item-1",
          titleText: "Song",
          titleSubText1: "Artist",
          stream: {
            token: "tok-1",
            url: "https://example.org/1.mp3",
            urlPlayable: true,
            beginAtInMilliseconds: 0,
          },
        },
        playBehavior: "REPLACE_ALL",
        source: { name: "Box" },
      },
    });
    assert.deepEqual(r.directives[1], {
      header: { namespace: "PlaybackController", name: "Pause", messageId: ids[1] },
      payload: {},
    });
    const given = new ResponseBuilder("en", true).directive({
      header: { namespace: "PlaybackController", name: "Stop", messageId: "m-1" },
      payload: {},
    });
    assert.equal(build(given).directives[0]?.header.messageId, "m-1");
    assert.deepEqual(
      directives.streamDeliver("item-2", { token: "t2", url: "https://x/2.mp3" }).payload,
      {
        audioItemId: "item-2",
        audioStream: { token: "t2", url: "https://x/2.mp3" },
      },
    );
  });

  it("sets a card and a raw outputSpeech", () => {
    const r = build(new ResponseBuilder("en", false).card({ type: "Text" }).outputSpeech({}));
    assert.deepEqual(r.card, { type: "Text" });
    assert.deepEqual(r.outputSpeech, {});
  });

  it("puts sessionAttributes at the top level, beside response", () => {
    const message = new ResponseBuilder("en", false).speak("x").build("0.1.0", { a: 1 });
    assert.deepEqual(Object.keys(message).sort(), ["response", "sessionAttributes", "version"]);
    assert.deepEqual(message.sessionAttributes, { a: 1 });
  });
});
