// Handlers see the newest message shape whatever version the platform speaks (§12.2).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CekResponseMessage } from "@clover/protocol";
import { createConversation, createExtension, directives } from "../src/index.js";

function recorder() {
  const seen: { type: string; slot?: unknown; version: string; application?: string }[] = [];
  const ext = createExtension({ applicationId: "com.example.v", allowMissingApplicationId: true })
    .onLaunch((ctx) => {
      seen.push({ type: ctx.requestType, version: ctx.version, application: ctx.applicationId });
      ctx.say("hi");
    })
    .onIntent("CountIntent", (ctx) => {
      seen.push({ type: ctx.requestType, version: ctx.version, slot: ctx.slotValue("n") });
      ctx.say(`${ctx.slotValue("n")}`);
    })
    .onSessionEnded((ctx) => {
      seen.push({ type: ctx.requestType, version: ctx.version });
    });
  return { ext, seen };
}

describe("message versions", () => {
  it("hands a 0.1.0 dialog to handlers in the 1.0 shape and answers in 0.1.0", async () => {
    const { ext, seen } = recorder();
    const chat = createConversation(ext, { version: "0.1.0" });
    const first = await chat.launch();
    assert.equal(first.request.context.System.application, undefined);
    assert.equal(first.response.version, "0.1.0");
    const second = await chat.intent("CountIntent", { n: 3 });
    assert.equal(JSON.parse(second.requestBody).request.intent.slots.n.value, 3); // a JSON number on the wire
    assert.equal(second.speech, "3");
    const end = await chat.end();
    assert.equal(JSON.parse(end.requestBody).request.type, "EndRequest");
    assert.deepEqual(seen, [
      { type: "LaunchRequest", version: "0.1.0", application: undefined },
      { type: "IntentRequest", version: "0.1.0", slot: "3" },
      { type: "SessionEndedRequest", version: "0.1.0" },
    ]);
  });

  it("answers both versions with every member either expects", async () => {
    const { ext } = recorder();
    for (const version of ["1.0", "0.1.0"] as const) {
      const turn = await createConversation(ext, {
        version,
        applicationId: "com.example.v",
      }).launch();
      assert.deepEqual(Object.keys(turn.response).sort(), [
        "response",
        "sessionAttributes",
        "version",
      ]);
      assert.deepEqual(Object.keys(turn.response.response).sort(), [
        "card",
        "directives",
        "outputSpeech",
        "shouldEndSession",
      ]);
      assert.equal(turn.response.version, version);
    }
  });

  it("produces responses the protocol's strict response schema accepts", async () => {
    const ext = createExtension()
      .onLaunch((ctx) => {
        ctx.response.speakUrl("https://example.org/a.mp3").speak("x").reprompt("again?");
        ctx.sessionAttributes.n = 1;
      })
      .onIntent("PlayIntent", (ctx) => {
        ctx.response
          .speechSet("brief", ["long one", "long two"])
          .play({
            audioItem: {
              audioItemId: "i",
              stream: {
                token: "t",
                url: "https://example.org/t.mp3",
                urlPlayable: true,
                beginAtInMilliseconds: 0,
              },
            },
          })
          .directive(directives.stop())
          .endSession();
      });
    for (const version of ["1.0", "0.1.0"] as const) {
      const chat = createConversation(ext, { version, applicationId: "com.example.v" });
      for (const turn of [await chat.launch(), await chat.intent("PlayIntent"), await chat.end()]) {
        const checked = CekResponseMessage.validate(turn.response);
        assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.issues));
      }
    }
  });

  it("refuses a request without application id unless the extension opts in", async () => {
    const strict = createExtension({ applicationId: "com.example.v" }).onLaunch((ctx) => {
      ctx.say("hi");
    });
    await assert.rejects(
      createConversation(strict, { version: "0.1.0" }).launch(),
      /HTTP 403.*application_id_missing/,
    );
  });
});
