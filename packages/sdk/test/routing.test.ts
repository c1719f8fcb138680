import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createExtension, normalizeRequest, requests, speechTextOf } from "../src/index.js";

async function answer(
  ext: ReturnType<typeof createExtension>,
  request: ReturnType<typeof requests.launch>,
) {
  const normalized = normalizeRequest(request);
  assert.ok(normalized.ok, "not a CEK request");
  const result = await ext.dispatch(normalized.request);
  assert.ok(result.ok, "dispatch failed");
  return result.response;
}

const said = (r: { response: { outputSpeech: Parameters<typeof speechTextOf>[0] } }) =>
  speechTextOf(r.response.outputSpeech);

describe("routing", () => {
  const ext = createExtension({ defaultLanguage: "en" })
    .onLaunch((ctx) => {
      ctx.say("launch");
    })
    .onIntent("OrderIntent", (ctx) => {
      ctx.say("order");
    })
    .onIntent(["Clova.YesIntent", "Clova.NoIntent"], (ctx) => {
      ctx.say(`answer ${ctx.intentName}`);
    })
    .onIntent("Clova.GuideIntent", (ctx) => {
      ctx.say("guide");
    })
    .onIntent("Clova.PauseIntent", async (ctx) => {
      await new Promise((r) => setTimeout(r, 5));
      ctx.say("paused");
    })
    .onSessionEnded((ctx) => {
      ctx.state.ended = true;
      ctx.say("bye");
    })
    .onEvent("PlayFinished", (ctx) => {
      ctx.say(`finished ${String(ctx.event?.payload?.token)}`);
    })
    .onEvent("ClovaSkill.SkillEnabled", (ctx) => {
      ctx.say("enabled");
    })
    .onEvent((ctx) => {
      ctx.say(`other event ${ctx.event?.name}`);
    });

  it("routes LaunchRequest", async () => {
    assert.equal(said(await answer(ext, requests.launch())), "launch");
  });
  it("routes IntentRequests by intent name, custom and built-in", async () => {
    assert.equal(said(await answer(ext, requests.intent("OrderIntent"))), "order");
    assert.equal(
      said(await answer(ext, requests.intent("Clova.YesIntent"))),
      "answer Clova.YesIntent",
    );
    assert.equal(
      said(await answer(ext, requests.intent("Clova.NoIntent"))),
      "answer Clova.NoIntent",
    );
  });
  it("awaits async handlers", async () => {
    assert.equal(said(await answer(ext, requests.intent("Clova.PauseIntent"))), "paused");
  });
  it("sends intents without a handler to Clova.GuideIntent's handler when no fallback exists", async () => {
    assert.equal(said(await answer(ext, requests.intent("Clova.FallbackIntent"))), "guide");
    assert.equal(said(await answer(ext, requests.intent("NoSuchIntent"))), "guide");
  });
  it("routes unhandled intents to the fallback intent handler", async () => {
    const withFallback = createExtension()
      .onIntent("Clova.GuideIntent", (ctx) => {
        ctx.say("guide");
      })
      .onFallbackIntent((ctx) => {
        ctx.say(`fallback for ${ctx.intentName}`);
      });
    const r = await answer(withFallback, requests.intent("Clova.FallbackIntent"));
    assert.equal(said(r), "fallback for Clova.FallbackIntent");
    assert.equal(said(await answer(withFallback, requests.intent("Clova.GuideIntent"))), "guide");
  });
  it("routes SessionEndedRequest and EndRequest (0.1.0) to the same handler", async () => {
    assert.equal(said(await answer(ext, requests.sessionEnded())), "bye");
    assert.equal(said(await answer(ext, requests.sessionEnded({ version: "0.1.0" }))), "bye");
  });
  it("routes events by name, by Namespace.Name, and the rest to the catch-all", async () => {
    const finished = requests.event("AudioPlayer", "PlayFinished", {
      token: "t1",
      offsetInMilliseconds: 9,
    });
    assert.equal(said(await answer(ext, finished)), "finished t1");
    assert.equal(
      said(await answer(ext, requests.event("ClovaSkill", "SkillEnabled", null))),
      "enabled",
    );
    assert.equal(
      said(await answer(ext, requests.event("AudioPlayer", "PlayPaused", { token: "t1" }))),
      "other event PlayPaused",
    );
  });
  it("answers a request without a handler with a minimal response that ends the session", async () => {
    const bare = createExtension();
    const r = await answer(bare, requests.launch());
    assert.deepEqual(r.response, {
      outputSpeech: {},
      card: {},
      directives: [],
      shouldEndSession: true,
    });
  });
});

describe("interceptors and the error handler", () => {
  it("runs before and after interceptors around the handler, in order", async () => {
    const calls: string[] = [];
    const ext = createExtension()
      .before((ctx) => {
        calls.push("before1");
        ctx.state.user = "alice";
      })
      .before(async () => {
        calls.push("before2");
      })
      .onLaunch((ctx) => {
        calls.push(`handler ${String(ctx.state.user)}`);
        ctx.say("hi");
      })
      .after((ctx) => {
        calls.push("after");
        ctx.response.reprompt("still there?");
      });
    const r = await answer(ext, requests.launch());
    assert.deepEqual(calls, ["before1", "before2", "handler alice", "after"]);
    assert.equal(speechTextOf(r.response.reprompt?.outputSpeech), "still there?");
  });
  it("skips the handler when a before interceptor marks the request handled", async () => {
    const ext = createExtension()
      .before((ctx) => {
        if (!ctx.accessToken) {
          ctx.say("Please link your account.").endSession();
          ctx.handled = true;
        }
      })
      .onLaunch((ctx) => {
        ctx.say("welcome back");
      });
    assert.equal(said(await answer(ext, requests.launch())), "Please link your account.");
    assert.equal(said(await answer(ext, requests.launch({ accessToken: "tok" }))), "welcome back");
  });
  it("lets the error handler answer when a handler throws, discarding its half-built answer", async () => {
    const seen: unknown[] = [];
    const ext = createExtension({ onLog: () => {} })
      .onLaunch((ctx) => {
        ctx.say("half");
        ctx.sessionAttributes.partial = true;
        throw new Error("database down");
      })
      .onError((error, ctx) => {
        seen.push(error);
        ctx.say("Sorry, something went wrong.").endSession();
      });
    const r = await answer(ext, requests.launch());
    assert.equal(said(r), "Sorry, something went wrong.");
    assert.deepEqual(r.sessionAttributes, {});
    assert.equal((seen[0] as Error).message, "database down");
  });
  it("reports a failure when there is no error handler, or it throws too", async () => {
    const failing = createExtension({ onLog: () => {} }).onLaunch(() => {
      throw new Error("boom");
    });
    const first = await failing.dispatch(requests.launch());
    assert.equal(first.ok, false);
    assert.equal(!first.ok && first.status, 500);
    failing.onError(() => {
      throw new Error("again");
    });
    const second = await failing.dispatch(requests.launch());
    assert.equal(!second.ok && second.status, 500);
  });
  it("gives the error handler a timeout error when a handler never answers", async () => {
    const ext = createExtension({ timeoutMs: 50, onLog: () => {} })
      .onLaunch(() => new Promise<void>(() => {}))
      .onError((error, ctx) => {
        ctx.say(
          error instanceof Error && error.name === "HandlerTimeoutError" ? "too slow" : "other",
        );
      });
    assert.equal(said(await answer(ext, requests.launch())), "too slow");
    const silent = createExtension({ timeoutMs: 30, onLog: () => {} }).onLaunch(
      () => new Promise<void>(() => {}),
    );
    const r = await silent.dispatch(requests.launch());
    assert.equal(!r.ok && r.status, 504);
  });
});
