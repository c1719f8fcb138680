// The conversation tester plays the platform: it carries sessionId and sessionAttributes
// between turns and starts a fresh session after shouldEndSession=true (§7.1).
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { after, before, describe, it } from "node:test";
import {
  connectConversation,
  createConversation,
  createExtension,
  createServer,
  requests,
} from "../src/index.js";
import { newKeyPair } from "./helpers/keys.js";
import { close, listen } from "./helpers/server.js";

const counter = () =>
  createExtension({ defaultLanguage: "en" })
    .onLaunch((ctx) => {
      ctx.sessionAttributes.count = 0;
      ctx.say("Say add.");
    })
    .onIntent("AddIntent", (ctx) => {
      const count = Number(ctx.sessionAttributes.count ?? 0) + 1;
      ctx.sessionAttributes.count = count;
      ctx.say(`Count is ${count}.`);
      if (count >= 3) ctx.endSession();
    })
    .onEvent("PlayStarted", (ctx) => {
      ctx.say(
        `started ${String(ctx.event?.payload?.token)} in ${ctx.sessionId ? "a session" : "none"}`,
      );
    })
    .onSessionEnded((ctx) => {
      ctx.say("ignored");
    });

describe("conversation tester", () => {
  it("keeps one session across turns and hands back sessionAttributes", async () => {
    const chat = createConversation(counter());
    const launch = await chat.launch();
    assert.equal(launch.request.session.new, true);
    const id = chat.sessionId;
    assert.ok(id);
    const one = await chat.intent("AddIntent");
    assert.equal(one.request.session.new, false);
    assert.equal(one.request.session.sessionId, id);
    assert.deepEqual(one.request.session.sessionAttributes, { count: 0 });
    assert.equal(one.speech, "Count is 1.");
    assert.deepEqual(chat.sessionAttributes, { count: 1 });
    await chat.intent("AddIntent");
    const three = await chat.intent("AddIntent");
    assert.equal(three.shouldEndSession, true);
    assert.equal(chat.isSessionOpen, false);
    // After the extension closed the session, the next utterance is a new one-shot session.
    const again = await chat.intent("AddIntent");
    assert.equal(again.request.session.new, true);
    assert.notEqual(again.request.session.sessionId, id);
    assert.equal(again.speech, "Count is 1.");
    assert.equal(chat.turns.length, 5);
  });

  it("ends a session with SessionEndedRequest and forgets its state", async () => {
    const chat = createConversation(counter());
    await chat.launch();
    const sessionId = chat.sessionId;
    const end = await chat.end();
    assert.equal(end.request.request.type, "SessionEndedRequest");
    assert.equal(end.request.session.sessionId, sessionId);
    assert.equal(chat.isSessionOpen, false);
    assert.deepEqual(chat.sessionAttributes, {});
  });

  it("sends events outside the dialog session", async () => {
    const chat = createConversation(counter());
    await chat.launch();
    const dialogSession = chat.sessionId;
    const event = await chat.event("PlayStarted", { token: "tok", offsetInMilliseconds: 0 });
    assert.equal(event.request.request.type, "EventRequest");
    assert.equal(event.speech, "started tok in a session");
    assert.notEqual(event.request.session.sessionId, dialogSession);
    assert.equal(event.request.session.new, true);
    assert.equal(chat.sessionId, dialogSession);
    const enabled = await chat.event("SkillEnabled", null);
    assert.equal(JSON.parse(enabled.requestBody).request.event.namespace, "ClovaSkill");
  });

  it("exposes the raw bytes sent and received", async () => {
    const turn = await createConversation(counter()).launch();
    assert.deepEqual(JSON.parse(turn.requestBody), turn.request);
    assert.deepEqual(JSON.parse(turn.body), turn.response);
    assert.equal(turn.status, 200);
  });

  it("signs requests when given the platform's private key", async () => {
    const keys = newKeyPair();
    const ext = createExtension({ verification: { publicKey: keys.publicKey } }).onLaunch((ctx) => {
      ctx.say("signed");
    });
    assert.equal(
      (await createConversation(ext, { privateKey: keys.privateKey }).launch()).speech,
      "signed",
    );
    await assert.rejects(createConversation(ext).launch(), /HTTP 401/);
  });

  describe("over real HTTP", () => {
    let server: Server;
    let url: string;
    before(async () => {
      server = createServer(counter());
      url = await listen(server);
    });
    after(() => close(server));
    it("plays the same dialog against a running server", async () => {
      const chat = connectConversation(url);
      await chat.launch();
      assert.equal((await chat.intent("AddIntent")).speech, "Count is 1.");
      assert.equal((await chat.intent("AddIntent")).speech, "Count is 2.");
    });
  });
});

describe("request factories", () => {
  it("build valid requests of every type", () => {
    const intent = requests.intent(
      "OrderIntent",
      { size: "large", count: { value: "2", unit: "個" } },
      {
        applicationId: "com.example.a",
        locale: "ja-JP",
      },
    );
    assert.equal(intent.request.type, "IntentRequest");
    assert.deepEqual(intent.request.type === "IntentRequest" && intent.request.intent.slots.count, {
      name: "count",
      value: "2",
      unit: "個",
    });
    assert.equal(intent.context.System.application?.applicationId, "com.example.a");
    assert.equal(intent.session.new, false);
    assert.equal(requests.launch().session.new, true);
    const event = requests.event("AudioPlayer", "PlayFinished", { token: "t" });
    assert.match(
      event.request.type === "EventRequest" ? event.request.timestamp : "",
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    assert.equal(requests.sessionEnded({ version: "0.1.0" }).request.type as string, "EndRequest");
  });
});
