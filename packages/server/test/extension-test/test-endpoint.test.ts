// The console's extension test (interaction-model.md §10.3–10.5) through the real management
// endpoint, with real extension HTTP servers that record every signed request they receive.
import assert from "node:assert/strict";
import { verify } from "node:crypto";
import { createServer } from "node:net";
import { after, before, beforeEach, describe, it } from "node:test";
import {
  answer,
  type Json,
  startExtension,
  type TestExtension,
} from "../helpers/extension-server.js";
import { managementApi } from "../helpers/management-api.js";
import { bakeryModel } from "../helpers/models.js";
import { device, register, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

const ID = "com.example.bakery";

/** Remembers the order in sessionAttributes and asks for a pickup day; "yes" ends the session. */
function bakery(request: Json) {
  const r = request.request;
  if (r.type === "LaunchRequest")
    return {
      body: answer("Welcome to the bakery.", { end: false, reprompt: "Say two croissants." }),
    };
  if (r.type === "SessionEndedRequest") return { body: answer("") };
  const name = r.intent.name;
  if (name === "OrderBread") {
    const kind = r.intent.slots.breadKind?.value ?? "bread";
    const count = r.intent.slots.breadCount?.value ?? "1";
    return {
      body: answer(`${count} ${kind}. Today or tomorrow?`, {
        end: false,
        attributes: { kind, count },
      }),
    };
  }
  if (name === "Clova.YesIntent") {
    const { kind, count } = request.session.sessionAttributes;
    return { body: answer(`Done: ${count} ${kind}.`) };
  }
  return { body: answer(`You said ${name}.`, { end: false }) };
}

/** A port on which nothing listens (taken from the system, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("POST /api/v1/extensions/:id/test", () => {
  let platform: TestPlatform;
  let ext: TestExtension;
  const test = (body: unknown, id = ID) =>
    platform.api("POST", `/api/v1/extensions/${id}/test`, body);

  before(async () => {
    platform = await startPlatform();
    ext = await startExtension(bakery, () => platform.keys.active.publicKeyPem);
    await register(platform, {
      id: ID,
      displayName: "Bakery Bot",
      endpointUrl: ext.url,
      models: { en: bakeryModel("en") },
    });
  });
  after(async () => {
    await platform.close();
    await ext.close();
  });
  beforeEach(() => {
    ext.received.length = 0;
    ext.respond = bakery;
  });

  it("says what it tests: one target, the deadline, and when each model was uploaded", async () => {
    const before = Date.now();
    await platform.api("PUT", `/api/v1/extensions/${ID}/models/en`, bakeryModel("en"));
    const { status, body } = await platform.api("GET", `/api/v1/extensions/${ID}/test`);
    assert.equal(status, 200);
    assert.deepEqual(body.targets, ["development"]);
    assert.equal(body.deadlineMs, platform.config.cek.timeoutMs);
    assert.ok(Date.parse(body.models.en.uploadedAt) >= before - 1000, body.models.en.uploadedAt);
    assert.deepEqual(Object.keys(body.models), ["en"]);
  });

  it("analyzes a sentence and sends one signed IntentRequest in a new session", async () => {
    const { status, body } = await test({ text: "order two croissants" });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.event, "IntentRequest");
    assert.deepEqual(body.intent, {
      name: "OrderBread",
      slots: { breadKind: "croissant", breadCount: "2" },
    });
    assert.equal(body.recognition.intent, "OrderBread");
    assert.equal(ext.received.length, 1);
    const [received] = ext.received;
    // The request shown is the request sent, byte for byte, with its signature.
    assert.equal(received!.raw.toString("utf8"), JSON.stringify(body.request));
    assert.equal(received!.signatureValid, true);
    assert.equal(received!.headers.signaturecek, body.signature.value);
    assert.equal(body.signature.verified, true);
    const pem = await fetch(`${platform.apiUrl}/.well-known/signature-public-key.pem`).then((r) =>
      r.text(),
    );
    assert.ok(verify("sha256", received!.raw, pem, Buffer.from(body.signature.value, "base64")));
    assert.equal(body.request.session.new, true);
    assert.equal(body.request.session.user.userId, "console-tester");
    assert.equal(body.request.request.intent.slots.breadCount.value, "2");
    assert.deepEqual(
      body.response,
      answer("2 croissant. Today or tomorrow?", {
        end: false,
        attributes: { kind: "croissant", count: "2" },
      }),
    );
    assert.deepEqual(body.speech, ["2 croissant. Today or tomorrow?"]);
    assert.equal(body.deadlineMs, platform.config.cek.timeoutMs);
    assert.ok(body.durationMs >= 0 && body.durationMs < body.deadlineMs);
    assert.equal(body.audioPlayer, false);
    assert.equal(body.error, undefined);
  });

  it("sends an edited request again, signed anew, and shows the new answer", async () => {
    const first = await test({ text: "order two croissants" });
    const edited = structuredClone(first.body.request);
    edited.request.intent.slots.breadCount.value = "5";
    const again = await test({ request: edited });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal(ext.received.length, 2);
    const resent = ext.received[1]!;
    assert.deepEqual(resent.body, edited);
    assert.equal(resent.signatureValid, true);
    assert.equal(again.body.signature.verified, true);
    assert.notEqual(again.body.signature.value, first.body.signature.value);
    assert.deepEqual(again.body.speech, ["5 croissant. Today or tomorrow?"]);
    assert.equal(again.body.event, "IntentRequest");
  });

  it("runs a scenario: launch, turns carrying sessionAttributes, the extension ending it", async () => {
    const launch = await test({ mode: "scenario", action: "launch" });
    assert.equal(launch.status, 200, JSON.stringify(launch.body));
    assert.equal(launch.body.event, "LaunchRequest");
    assert.deepEqual(launch.body.speech, ["Welcome to the bakery."]);
    const scenario = launch.body.scenario;
    assert.equal(scenario.open, true);
    assert.equal(launch.body.request.session.new, true);
    const order = await test({
      mode: "scenario",
      action: "say",
      scenarioId: scenario.id,
      text: "two croissants please",
    });
    assert.equal(order.body.request.session.new, false);
    assert.equal(order.body.request.session.sessionId, scenario.sessionId);
    assert.deepEqual(order.body.scenario.attributesBefore, {});
    assert.deepEqual(order.body.scenario.attributesAfter, { kind: "croissant", count: "2" });
    assert.equal(order.body.intent.name, "OrderBread");
    const yes = await test({
      mode: "scenario",
      action: "say",
      scenarioId: scenario.id,
      text: "yes",
    });
    // The platform carried the attributes the extension returned.
    assert.deepEqual(ext.received[2]!.body.session.sessionAttributes, {
      kind: "croissant",
      count: "2",
    });
    assert.deepEqual(yes.body.speech, ["Done: 2 croissant."]);
    assert.equal(yes.body.scenario.open, false);
    assert.equal(yes.body.scenario.endedBy, "extension");
    assert.deepEqual(yes.body.scenario.attributesBefore, { kind: "croissant", count: "2" });
    const late = await test({
      mode: "scenario",
      action: "say",
      scenarioId: scenario.id,
      text: "hi",
    });
    assert.equal(late.status, 409);
    assert.equal(late.body.error.code, "session_ended");
    assert.equal(ext.received.length, 3);
  });

  it("ends a scenario with End or an exit phrase (SessionEndedRequest), apart from real users", async () => {
    // A real device's open session with the same extension stays untouched.
    const me = device({ deviceId: "real-device" });
    await platform.assistant.handleTurn(say("open bakery bot", me));
    const launch = await test({ mode: "scenario", action: "launch" });
    const end = await test({
      mode: "scenario",
      action: "end",
      scenarioId: launch.body.scenario.id,
    });
    assert.equal(end.status, 200, JSON.stringify(end.body));
    assert.equal(end.body.event, "SessionEndedRequest");
    assert.equal(end.body.request.session.sessionId, launch.body.scenario.sessionId);
    assert.equal(end.body.scenario.open, false);
    assert.equal(end.body.scenario.endedBy, "user");
    const ended = ext.received.at(-1)!;
    assert.equal(ended.body.request.type, "SessionEndedRequest");
    assert.equal(ended.signatureValid, true);

    const again = await test({ mode: "scenario", action: "launch" });
    assert.notEqual(again.body.scenario.sessionId, launch.body.scenario.sessionId);
    const exit = await test({
      mode: "scenario",
      action: "say",
      scenarioId: again.body.scenario.id,
      text: "exit",
    });
    assert.equal(exit.body.event, "SessionEndedRequest");
    assert.equal(exit.body.scenario.endedBy, "exit-phrase");

    const real = await platform.assistant.handleTurn(say("two croissants please", me));
    assert.equal(real.speech[0]?.value, "2 croissant. Today or tomorrow?");
    assert.equal(ext.received.at(-1)!.body.session.new, false);
    assert.equal(ext.received.at(-1)!.body.session.user.userId, me.userId);
  });

  it("simulates silence: the reprompt first, then SessionEndedRequest", async () => {
    const launch = await test({ mode: "scenario", action: "launch" });
    const id = launch.body.scenario.id;
    const count = ext.received.length;
    const first = await test({ mode: "scenario", action: "silence", scenarioId: id });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.event, null);
    assert.deepEqual(first.body.speech, ["Say two croissants."]);
    assert.equal(first.body.scenario.reprompted, true);
    assert.equal(first.body.scenario.open, true);
    assert.equal(ext.received.length, count);
    const second = await test({ mode: "scenario", action: "silence", scenarioId: id });
    assert.equal(second.body.event, "SessionEndedRequest");
    assert.equal(second.body.scenario.open, false);
    assert.equal(second.body.scenario.endedBy, "timeout");
    assert.equal(ext.received.length, count + 1);
  });

  it("names what went wrong with the extension: timeout, invalid JSON, invalid message", async () => {
    ext.respond = () => ({ body: "<html>oops</html>" });
    const html = await test({ text: "order two croissants" });
    assert.equal(html.status, 200);
    assert.equal(html.body.error.code, "invalid-json");
    assert.match(html.body.error.message, /not JSON.*<html>oops/);
    assert.ok(html.body.request, "the request sent is still shown");

    ext.respond = () => ({ body: { version: "1.0", response: { shouldEndSession: "yes" } } });
    const invalid = await test({ text: "order two croissants" });
    assert.equal(invalid.body.error.code, "invalid-message");
    assert.match(invalid.body.error.message, /invalid response message: .*shouldEndSession/);
    assert.deepEqual(invalid.body.response, {
      version: "1.0",
      response: { shouldEndSession: "yes" },
    });

    ext.respond = () => ({ status: 503, body: "busy" });
    const busy = await test({ text: "order two croissants" });
    assert.equal(busy.body.error.code, "http-status");
    assert.equal(busy.body.error.status, 503);

    ext.respond = () => ({ delayMs: platform.config.cek.timeoutMs + 1000, body: answer("late") });
    const late = await test({ text: "order two croissants" });
    assert.equal(late.body.error.code, "timeout");
    assert.match(late.body.error.message, new RegExp(`${platform.config.cek.timeoutMs} ms`));
    assert.ok(late.body.durationMs >= platform.config.cek.timeoutMs - 50, late.body.durationMs);
  });

  it("names an unreachable extension", async () => {
    await register(platform, {
      id: "com.example.gone",
      displayName: "Gone",
      endpointUrl: `http://127.0.0.1:${await closedPort()}/cek`,
      models: { en: bakeryModel("en") },
    });
    const { status, body } = await test({ text: "order two croissants" }, "com.example.gone");
    assert.equal(status, 200);
    assert.equal(body.error.code, "unreachable");
    assert.match(body.error.message, /ECONNREFUSED/);
  });

  it("says an AudioPlayer answer is not played, and sends playback events as a device would", async () => {
    const play = {
      header: { namespace: "AudioPlayer", name: "Play" },
      payload: {
        audioItem: {
          audioItemId: "song-1",
          stream: { token: "tok-1", url: "https://media.example.net/1.mp3", urlPlayable: true },
        },
        playBehavior: "REPLACE_ALL",
        source: { name: "Radio" },
      },
    };
    const stop = { header: { namespace: "PlaybackController", name: "Stop" }, payload: {} };
    const radio = await startExtension(
      (request) =>
        request.request.type === "EventRequest"
          ? { body: answer("not spoken", { directives: [stop] }) }
          : { body: answer("Playing.", { directives: [play] }) },
      () => platform.keys.active.publicKeyPem,
    );
    try {
      await register(platform, {
        id: "com.example.radio",
        displayName: "Radio",
        endpointUrl: radio.url,
        usesAudioPlayer: true,
        models: { en: bakeryModel("en") },
      });
      const played = await test({ text: "order two croissants" }, "com.example.radio");
      assert.equal(played.body.audioPlayer, true);
      assert.deepEqual(played.body.directives, ["AudioPlayer.Play"]);
      const event = { name: "PlayFinished", token: "tok-1", offsetInMilliseconds: 180000 };
      const finished = await test({ event }, "com.example.radio");
      assert.equal(finished.status, 200, JSON.stringify(finished.body));
      assert.equal(finished.body.event, "EventRequest");
      const sent = radio.received.at(-1)!;
      assert.equal(sent.signatureValid, true);
      assert.deepEqual(sent.body.request.event, {
        namespace: "AudioPlayer",
        name: "PlayFinished",
        payload: { token: "tok-1", offsetInMilliseconds: 180000 },
      });
      assert.equal(sent.body.request.extensionId, "com.example.radio");
      assert.equal(sent.body.session.new, true);
      assert.equal(sent.body.context.AudioPlayer.playerActivity, "STOPPED");
      // Only directives count in answers to events (§7.7).
      assert.deepEqual(finished.body.speech, []);
      assert.deepEqual(finished.body.directives, ["PlaybackController.Stop"]);

      const bakeryEvent = await test({ event });
      assert.equal(bakeryEvent.status, 409);
      assert.equal(bakeryEvent.body.error.code, "no_audio_player");
      const badName = await test(
        { event: { ...event, name: "PlayExploded" } },
        "com.example.radio",
      );
      assert.equal(badName.status, 400);
      assert.match(badName.body.error.message, /event\.name: expected one of PlayStarted/);
      const noToken = await test({ event: { name: "PlayStarted" } }, "com.example.radio");
      assert.match(noToken.body.error.message, /event\.token/);
    } finally {
      await radio.close();
    }
  });

  it("refuses bad input in the management API's error format", async () => {
    const cases: [unknown, number, string, RegExp][] = [
      [{}, 400, "invalid_body", /one of text .*, request .* or event/],
      [{ text: "hi", request: {} }, 400, "invalid_body", /one of text/],
      [{ text: "" }, 400, "invalid_body", /text: expected a non-empty string/],
      [{ text: "x".repeat(2001) }, 413, "payload_too_large", /text: longer than 2000/],
      [{ text: "hi", language: "fr" }, 400, "invalid_body", /language: expected one of/],
      [{ text: "hi", language: "ja" }, 409, "no_model", /no ja interaction model; upload one/],
      [{ request: [] }, 400, "invalid_body", /request: expected a CEK request message/],
      [
        { request: { version: "1.0" } },
        400,
        "invalid_body",
        /request\.request: expected an object/,
      ],
      [{ request: { version: "1.0", request: {} } }, 400, "invalid_body", /request\.request\.type/],
      [{ mode: "device" }, 400, "invalid_body", /mode: expected "model" or "scenario"/],
      [{ mode: "scenario", action: "jump" }, 400, "invalid_body", /action: expected one of/],
      [{ mode: "scenario", action: "say", text: "hi" }, 400, "invalid_body", /scenarioId/],
      [
        { mode: "scenario", action: "end", scenarioId: "nope" },
        404,
        "not_found",
        /no scenario "nope"/,
      ],
      [{ text: "hi", userId: "a b" }, 400, "invalid_id", /userId/],
    ];
    for (const [body, status, code, message] of cases) {
      const answer = await test(body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(answer.body.error.code, code, JSON.stringify(body));
      assert.match(answer.body.error.message, message);
    }
    const unknown = await test({ text: "hi" }, "com.example.nobody");
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error.message, /no extension with id com\.example\.nobody/);
    const notJson = await test("{not json");
    assert.equal(notJson.status, 400);
    const anonymous = await managementApi(platform.apiUrl, null)(
      "POST",
      `/api/v1/extensions/${ID}/test`,
      { text: "hi" },
    );
    assert.equal(anonymous.status, 401);
    const tooBig = await test({ request: { version: "1.0", pad: "x".repeat(300 * 1024) } });
    assert.equal(tooBig.status, 413);
    assert.equal(ext.received.length, 0, "no bad input reached the extension");
  });
});
