// Multi-turn dialogs end to end at the assistant layer: text in, turn result out, with a real
// HTTP extension that records every signed request it receives.
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import { bakeryModel } from "../helpers/models.js";
import { device, register, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

const ID = "com.example.bakery";

/** The bakery: asks for a pickup day after an order; remembers the order in sessionAttributes. */
function bakery(request: Json) {
  const r = request.request;
  if (r.type === "LaunchRequest")
    return {
      body: answer("Welcome to the bakery. What would you like?", {
        end: false,
        reprompt: "Say, for example, two croissants.",
      }),
    };
  if (r.type === "SessionEndedRequest")
    return { body: answer("This goodbye must never be spoken.") };
  if (r.type === "IntentRequest") {
    const name = r.intent.name;
    if (name === "OrderBread") {
      const kind = r.intent.slots.breadKind?.value ?? "bread";
      const count = r.intent.slots.breadCount?.value ?? "1";
      return {
        body: answer(`${count} ${kind}. Today or tomorrow?`, {
          end: false,
          attributes: { kind, count, step: "pickup" },
        }),
      };
    }
    if (name === "Clova.YesIntent" && request.session.sessionAttributes.step === "pickup") {
      const { kind, count } = request.session.sessionAttributes;
      return { body: answer(`Done: ${count} ${kind}, see you today.`) };
    }
    if (name === "StoreHours") return { body: answer("We open at seven.") };
    return {
      body: answer(`You said ${name}.`, {
        end: false,
        attributes: request.session.sessionAttributes,
      }),
    };
  }
  return { body: answer("?") };
}

describe("dialogs through the assistant", () => {
  let platform: TestPlatform;
  let ext: TestExtension;

  before(async () => {
    platform = await startPlatform();
    ext = await startExtension(bakery, () => platform.keys.active.publicKeyPem);
    await register(platform, {
      id: ID,
      displayName: "Bakery Bot",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en"), ja: bakeryModel("ja"), ko: bakeryModel("ko") },
    });
  });
  after(async () => {
    await platform.close();
    await ext.close();
  });
  beforeEach(async () => {
    await platform.assistant.settled();
    ext.received.length = 0;
    ext.respond = bakery;
  });

  it("launches, carries sessionAttributes and the sessionId, and ends when the extension says so", async () => {
    const me = device({ deviceId: "dialog-1" });
    const launch = await platform.assistant.handleTurn(say("open bakery bot", me));
    assert.deepEqual(launch.speech, [
      { type: "PlainText", lang: "en", value: "Welcome to the bakery. What would you like?" },
    ]);
    assert.equal(launch.expectSpeech, true);
    assert.deepEqual(launch.reprompt?.[0]?.value, "Say, for example, two croissants.");
    assert.equal(launch.extensionId, ID);
    const order = await platform.assistant.handleTurn(say("two croissants please", me));
    assert.equal(order.speech[0]?.value, "2 croissant. Today or tomorrow?");
    assert.deepEqual(order.intent, {
      name: "OrderBread",
      slots: { breadCount: { value: "2" }, breadKind: { value: "croissant" } },
    });
    const done = await platform.assistant.handleTurn(say("yes", me));
    assert.equal(done.speech[0]?.value, "Done: 2 croissant, see you today.");
    assert.equal(done.expectSpeech, false);

    const [first, second, third] = ext.received.map((r) => r.body);
    assert.deepEqual(first.request, { type: "LaunchRequest", locale: "en-US" });
    assert.equal(first.session.new, true);
    assert.deepEqual(first.session.sessionAttributes, {});
    assert.equal(second.session.new, false);
    assert.equal(second.session.sessionId, first.session.sessionId);
    assert.deepEqual(second.request.intent.slots.breadKind, {
      name: "breadKind",
      value: "croissant",
    });
    assert.equal(third.session.sessionId, first.session.sessionId);
    assert.deepEqual(third.session.sessionAttributes, {
      kind: "croissant",
      count: "2",
      step: "pickup",
    });
    assert.equal(third.request.intent.name, "Clova.YesIntent");
    assert.deepEqual(third.request.intent.slots, {});
    // Ended by the extension: no SessionEndedRequest; the next utterance is outside a session.
    const after = await platform.assistant.handleTurn(say("yes", me));
    assert.equal(after.extensionId, undefined);
    assert.equal(ext.received.length, 3);
  });

  it("sends exactly the signed bytes with the headers of §2.1 and the context of §3.2", async () => {
    const screen = device({
      deviceId: "dialog-2",
      display: { size: "m100", orientation: "landscape", dpi: 160 },
    });
    await platform.assistant.handleTurn(say("ask bakery bot when are you open", screen));
    const [received] = ext.received;
    assert.ok(received);
    assert.equal(received.signatureValid, true);
    assert.equal(received.headers["content-type"], "application/json;charset=UTF-8");
    assert.equal(received.headers.accept, "application/json");
    assert.equal(received.headers["content-length"], String(received.raw.length));
    const body = received.body;
    assert.equal(body.version, "1.0");
    assert.equal(body.context.System.application.applicationId, ID);
    assert.deepEqual(body.context.System.device, {
      deviceId: "dialog-2",
      display: {
        size: "m100",
        orientation: "landscape",
        dpi: 160,
        contentLayer: { width: 427, height: 240 },
      },
    });
    assert.equal(body.context.System.user.userId, screen.userId);
    assert.equal(body.session.user.userId, screen.userId);
    assert.equal("accessToken" in body.session.user, false);
    // One-shot: IntentRequest in a new session.
    assert.equal(body.request.type, "IntentRequest");
    assert.equal(body.request.intent.name, "StoreHours");
    assert.equal(body.session.new, true);
  });

  it("turns an exit phrase into SessionEndedRequest and ignores the answer", async () => {
    const me = device({ deviceId: "dialog-3" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    const stop = await platform.assistant.handleTurn(say("stop", me));
    assert.deepEqual(stop.speech, [], "the farewell is not spoken (§3.7)");
    assert.equal(stop.expectSpeech, false);
    await ext.waitFor(2);
    const ended = ext.received[1]!.body;
    assert.equal(ended.request.type, "SessionEndedRequest");
    assert.equal(ended.session.sessionId, ext.received[0]!.body.session.sessionId);
    // The session is gone: "cancel" now reaches the platform, not the extension.
    const next = await platform.assistant.handleTurn(say("two croissants please", me));
    assert.equal(next.extensionId, undefined);
    assert.equal(ext.received.length, 2);
  });

  it("sends Clova.CancelIntent (not an exit) and maps unknown utterances to Guide/Fallback (§3.3)", async () => {
    const me = device({ deviceId: "dialog-4" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    const cancel = await platform.assistant.handleTurn(say("cancel", me));
    assert.equal(cancel.intent?.name, "Clova.CancelIntent");
    const unknown = await platform.assistant.handleTurn(
      say("turn on the lights in the kitchen", me),
    );
    assert.equal(unknown.intent?.name, "Clova.GuideIntent");
    assert.equal(ext.received.at(-1)!.body.request.intent.name, "Clova.GuideIntent");
    await platform.assistant.handleTurn(say("stop", me));

    await platform.api(
      "PUT",
      `/api/v1/extensions/${ID}/models/en`,
      bakeryModel("en", { fallback: true }),
    );
    await platform.assistant.handleTurn(say("open bakery bot", me));
    const fallback = await platform.assistant.handleTurn(
      say("turn on the lights in the kitchen", me),
    );
    assert.equal(fallback.intent?.name, "Clova.FallbackIntent");
    const help = await platform.assistant.handleTurn(say("help", me));
    assert.equal(help.intent?.name, "Clova.GuideIntent");
    await platform.assistant.handleTurn(say("stop", me));
    await platform.api("PUT", `/api/v1/extensions/${ID}/models/en`, bakeryModel("en"));
  });

  it("routes Japanese and Korean utterances with their models", async () => {
    const ja = device({ deviceId: "dialog-ja", language: "ja", locale: "ja-JP" });
    const launch = await platform.assistant.handleTurn(say("ベーカリーボットを起動して", ja));
    assert.equal(launch.extensionId, ID);
    assert.equal(ext.received.at(-1)!.body.request.type, "LaunchRequest");
    const order = await platform.assistant.handleTurn(say("クロワッサンを2個ください", ja));
    assert.deepEqual(order.intent?.slots.breadKind, { value: "croissant" });
    await platform.assistant.handleTurn(say("終了して", ja));
    // This device's requests only: an earlier test's session may time out meanwhile.
    const ofJa = (body: Json) => body.context.System.device.deviceId === "dialog-ja";
    await ext.waitForRequest((body) => ofJa(body) && body.request.type === "SessionEndedRequest");
    assert.deepEqual(
      ext.received.filter((r) => ofJa(r.body)).map((r) => r.body.request.type),
      ["LaunchRequest", "IntentRequest", "SessionEndedRequest"],
    );

    const ko = device({ deviceId: "dialog-ko", language: "ko", locale: "ko-KR" });
    const oneShot = await platform.assistant.handleTurn(
      say("베이커리봇에서 크루아상 2개 주세요", ko),
    );
    assert.equal(oneShot.intent?.name, "OrderBread");
    assert.equal(ext.received.at(-1)!.body.session.new, true);
    await platform.assistant.handleTurn(say("그만", ko));
  });

  it("answers help, stop and anything else itself outside a session, in each language", async () => {
    const cases = [
      {
        lang: "en",
        help: "help",
        stop: "stop",
        other: "sing me a song",
        name: "bakery bot",
        own: /the time and the date/,
        sorry: /didn't catch/,
      },
      {
        lang: "ja",
        help: "ヘルプ",
        stop: "止めて",
        other: "歌を歌って",
        name: "ベーカリーボット",
        own: /時刻や日付/,
        sorry: /わかりません/,
      },
      {
        lang: "ko",
        help: "도움말",
        stop: "그만",
        other: "노래 불러줘",
        name: "베이커리봇",
        own: /시간과 날짜/,
        sorry: /이해하지/,
      },
    ] as const;
    for (const c of cases) {
      const me = device({ deviceId: `platform-${c.lang}`, language: c.lang });
      const help = await platform.assistant.handleTurn(say(c.help, me));
      assert.ok(help.speech[0]?.value.includes(c.name), `${c.lang} help names the extension`);
      assert.match(
        help.speech[0]?.value ?? "",
        c.own,
        `${c.lang} help says what the platform does`,
      );
      assert.equal(help.speech[0]?.lang, c.lang);
      assert.equal(help.extensionId, undefined);
      const stop = await platform.assistant.handleTurn(say(c.stop, me));
      assert.equal(stop.speech.length, 1);
      assert.equal(stop.expectSpeech, false);
      const other = await platform.assistant.handleTurn(say(c.other, me));
      assert.match(other.speech[0]?.value ?? "", c.sorry);
    }
    assert.equal(ext.received.length, 0, "nothing reached the extension");
    const playing = device({
      deviceId: "platform-playing",
      playback: { playerActivity: "PLAYING" },
    });
    const stop = await platform.assistant.handleTurn(say("stop", playing));
    assert.deepEqual(
      stop.directives.map((d) => `${d.namespace}.${d.name}`),
      ["PlaybackController.Stop"],
    );
  });

  it("plays SpeechSet verbose on screenless devices and brief on screens; keeps cards; drops unknown directives", async () => {
    ext.respond = () => ({
      body: {
        version: "1.0",
        sessionAttributes: {},
        response: {
          outputSpeech: {
            type: "SpeechSet",
            brief: { type: "PlainText", lang: "en", value: "Two specials." },
            verbose: {
              type: "SpeechList",
              values: [
                { type: "PlainText", lang: "en", value: "First, rye." },
                { type: "URL", lang: "", value: "https://example.org/bell.mp3" },
              ],
            },
          },
          card: { type: "ImageText", mainText: { type: "string", value: "Specials" } },
          directives: [
            { header: { namespace: "Custom", name: "Dance" }, payload: {} },
            {
              header: { namespace: "AudioPlayer", name: "Play" },
              payload: {
                audioItem: {
                  audioItemId: "a",
                  stream: {
                    token: "t",
                    url: "https://example.org/a.mp3",
                    urlPlayable: true,
                    beginAtInMilliseconds: 0,
                  },
                },
                playBehavior: "REPLACE_ALL",
              },
            },
          ],
          shouldEndSession: true,
        },
      },
    });
    const speaker = await platform.assistant.handleTurn(
      say("ask bakery bot when are you open", device({ deviceId: "speech-1" })),
    );
    assert.deepEqual(
      speaker.speech.map((s) => s.value),
      ["First, rye.", "https://example.org/bell.mp3"],
    );
    assert.deepEqual(speaker.speech[1], {
      type: "URL",
      lang: "",
      value: "https://example.org/bell.mp3",
    });
    const screen = await platform.assistant.handleTurn(
      say(
        "ask bakery bot when are you open",
        device({ deviceId: "speech-2", display: { size: "l100" } }),
      ),
    );
    assert.deepEqual(
      screen.speech.map((s) => s.value),
      ["Two specials."],
    );
    assert.equal((screen.card as Json).type, "ImageText");
    // Custom.Dance is unknown; AudioPlayer.Play needs "uses AudioPlayer" (§4.7).
    assert.deepEqual(screen.directives, []);
    assert.ok(screen.exchange?.request);
    const exchanged: Json = screen.exchange?.response;
    assert.equal(exchanged.response.outputSpeech.type, "SpeechSet");
    assert.ok((screen.exchange?.durationMs ?? -1) >= 0);
  });

  it("ends the open session when the user clearly invokes another extension (§7.2)", async () => {
    const cafe = await startExtension(() => ({ body: answer("Coffee?", { end: false }) }));
    try {
      await register(platform, {
        id: "com.example.cafe",
        displayName: "Coffee Corner",
        endpointUrl: cafe.url,
        models: { en: { ...bakeryModel("en"), invocation: { main: "coffee corner" } } },
      });
      const me = device({ deviceId: "switch" });
      await platform.assistant.handleTurn(say("open bakery bot", me));
      const switched = await platform.assistant.handleTurn(say("open coffee corner", me));
      assert.equal(switched.extensionId, "com.example.cafe");
      assert.equal(cafe.received[0]!.body.request.type, "LaunchRequest");
      await ext.waitFor(2);
      assert.equal(ext.received[1]!.body.request.type, "SessionEndedRequest");
      const next = await platform.assistant.handleTurn(say("when are you open", me));
      assert.equal(next.extensionId, "com.example.cafe", "the new session continues");
      await platform.assistant.handleTurn(say("stop", me));
      await platform.api("DELETE", "/api/v1/extensions/com.example.cafe");
    } finally {
      await cafe.close();
    }
  });

  it("starts the open extension over when its launch phrase is said again", async () => {
    const me = device({ deviceId: "relaunch" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    const first = ext.received[0]!.body.session.sessionId;
    const again = await platform.assistant.handleTurn(say("open bakery bot", me));
    assert.equal(again.extensionId, ID);
    await ext.waitFor(3);
    const types = ext.received.map((r) => r.body.request.type);
    assert.deepEqual(types, ["LaunchRequest", "SessionEndedRequest", "LaunchRequest"]);
    const relaunch = ext.received[2]!.body.session;
    assert.equal(relaunch.new, true);
    assert.notEqual(relaunch.sessionId, first);
    await platform.assistant.handleTurn(say("stop", me));
  });

  it("keeps the session for a one-shot request to the open extension", async () => {
    const me = device({ deviceId: "oneshot-in-session" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    const hours = await platform.assistant.handleTurn(say("ask bakery bot when are you open", me));
    assert.equal(hours.intent?.name, "StoreHours");
    const asked = ext.received[1]!.body;
    assert.equal(asked.request.type, "IntentRequest");
    assert.equal(asked.session.new, false);
    assert.equal(asked.session.sessionId, ext.received[0]!.body.session.sessionId);
  });

  it("keeps concurrent users' sessions apart", async () => {
    ext.respond = (request) => {
      const r = request.request;
      const attrs = request.session.sessionAttributes;
      if (r.type === "LaunchRequest")
        return { body: answer("hi", { end: false, attributes: { turns: 0 } }) };
      if (r.type === "SessionEndedRequest") return { body: answer("") };
      return {
        delayMs: 5 + Math.floor(Math.random() * 20),
        body: answer(`turn ${attrs.turns + 1} for ${request.session.user.userId}`, {
          end: false,
          attributes: { turns: attrs.turns + 1 },
        }),
      };
    };
    const users = Array.from({ length: 12 }, (_, i) =>
      device({ deviceId: `d${i}`, userId: `U${String(i).padStart(32, "0")}` }),
    );
    await Promise.all(users.map((u) => platform.assistant.handleTurn(say("open bakery bot", u))));
    for (let round = 1; round <= 3; round++) {
      const results = await Promise.all(
        users.map((u) => platform.assistant.handleTurn(say("when are you open", u))),
      );
      for (const [i, result] of results.entries())
        assert.equal(result.speech[0]?.value, `turn ${round} for ${users[i]!.userId}`);
    }
    const sessionsByUser = new Map<string, Set<string>>();
    for (const { body } of ext.received) {
      const set = sessionsByUser.get(body.session.user.userId) ?? new Set();
      set.add(body.session.sessionId);
      sessionsByUser.set(body.session.user.userId, set);
    }
    assert.equal(sessionsByUser.size, 12);
    for (const set of sessionsByUser.values()) assert.equal(set.size, 1, "one session per user");
    assert.equal(new Set([...sessionsByUser.values()].flatMap((s) => [...s])).size, 12);
    await Promise.all(users.map((u) => platform.assistant.handleTurn(say("stop", u))));
  });
});
