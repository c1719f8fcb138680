import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { HandlerContext, normalizeRequest, requests } from "../src/index.js";

function contextOf(request: unknown, language: "ja" | "en" | "ko" = "ja") {
  const normalized = normalizeRequest(request);
  assert.ok(normalized.ok);
  return new HandlerContext(normalized.request, language);
}

describe("handler context", () => {
  it("gives typed slot access with value, unit and valueType", () => {
    const ctx = contextOf(
      requests.intent("Order", {
        count: { value: "3", unit: "個" },
        day: { value: "2024-03-19", valueType: "DATE" },
        kind: "croissant",
      }),
    );
    assert.equal(ctx.intentName, "Order");
    assert.deepEqual(ctx.slot("count"), { name: "count", value: "3", unit: "個" });
    assert.equal(ctx.slot("day")?.valueType, "DATE");
    assert.equal(ctx.slotValue("kind"), "croissant");
    assert.equal(ctx.slot("missing"), undefined);
    assert.deepEqual(Object.keys(ctx.slots).sort(), ["count", "day", "kind"]);
  });

  it("exposes user, device user, device, application id and the access token", () => {
    const ctx = contextOf(
      requests.launch({
        userId: "Uowner",
        sessionUserId: "Uspeaker",
        accessToken: "tok-1",
        deviceId: "dev-9",
        display: { size: "m100", orientation: "landscape", dpi: 160 },
        applicationId: "com.example.a",
      }),
    );
    assert.equal(ctx.user.userId, "Uspeaker");
    assert.equal(ctx.deviceUser.userId, "Uowner");
    assert.equal(ctx.accessToken, "tok-1");
    assert.equal(ctx.device.deviceId, "dev-9");
    assert.equal(ctx.device.display?.size, "m100");
    assert.equal(ctx.applicationId, "com.example.a");
    assert.equal(ctx.requestType, "LaunchRequest");
    assert.equal(ctx.isNewSession, true);
  });

  it("treats an absent, null or empty access token as none", () => {
    const raw = requests.launch({ accessToken: "x" }) as unknown as {
      session: { user: unknown };
      context: { System: { user: unknown } };
    };
    raw.session.user = { userId: "U1", accessToken: "" };
    raw.context.System.user = { userId: "U1", accessToken: null };
    assert.equal(contextOf(raw).accessToken, undefined);
  });

  it("carries sessionAttributes into the response and drops them when the session ends", () => {
    const ctx = contextOf(
      requests.intent("Next", {}, { sessionAttributes: { step: 1, cart: ["a"] } }),
    );
    assert.deepEqual(ctx.sessionAttributes, { step: 1, cart: ["a"] });
    ctx.sessionAttributes.step = 2;
    ctx.say("next");
    assert.deepEqual(ctx.toResponse().sessionAttributes, { step: 2, cart: ["a"] });
    ctx.endSession();
    assert.deepEqual(ctx.toResponse().sessionAttributes, {});
  });

  it("echoes the request's version in the response", () => {
    assert.equal(contextOf(requests.launch({ version: "0.1.0" })).toResponse().version, "0.1.0");
    assert.equal(contextOf(requests.launch()).toResponse().version, "1.0");
  });

  it("answers in the request's language when it names a locale, else the default", () => {
    const withLocale = contextOf(requests.launch({ locale: "ko-KR" }), "ja");
    assert.equal(withLocale.locale, "ko-KR");
    assert.equal(withLocale.language, "ko");
    withLocale.say("안녕하세요");
    const speech = withLocale.toResponse().response.outputSpeech;
    assert.deepEqual(speech, {
      type: "SimpleSpeech",
      values: { type: "PlainText", lang: "ko", value: "안녕하세요" },
    });
    const plain = contextOf(requests.launch(), "en");
    assert.equal(plain.locale, undefined);
    assert.equal(plain.language, "en");
    assert.equal(contextOf(requests.launch({ locale: "fr-FR" }), "ja").language, "ja");
  });

  it("keeps dialog sessions open by default and closes event and end answers", () => {
    assert.equal(contextOf(requests.launch()).toResponse().response.shouldEndSession, false);
    assert.equal(contextOf(requests.intent("X")).toResponse().response.shouldEndSession, false);
    assert.equal(contextOf(requests.sessionEnded()).toResponse().response.shouldEndSession, true);
    const event = contextOf(requests.event("ClovaSkill", "SkillDisabled", null));
    assert.equal(event.event?.name, "SkillDisabled");
    assert.equal(event.toResponse().response.shouldEndSession, true);
  });

  it("exposes the AudioPlayer context", () => {
    const ctx = contextOf(
      requests.event(
        "AudioPlayer",
        "PlayPaused",
        { token: "t", offsetInMilliseconds: 5 },
        {
          audioPlayer: { playerActivity: "PAUSED", offsetInMilliseconds: 5 },
        },
      ),
    );
    assert.equal(ctx.audioPlayer?.playerActivity, "PAUSED");
  });
});
