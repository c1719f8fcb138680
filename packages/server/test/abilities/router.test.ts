// The ability framework through the assistant: routing after extensions, multi-turn sessions
// under the ability's id, declining, device events by namespace, management routes.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Ability } from "../../src/abilities/index.js";
import { sendJson } from "../../src/api/http.js";
import { device, say, startPlatform, type TestPlatform } from "../helpers/platform.js";

/** A tiny ability: "start a countdown" asks "From what number?", then counts. */
function countdown(seen: string[]): Ability {
  return {
    id: "ability:countdown",
    namespaces: ["Countdown"],
    models: {
      en: {
        language: "en",
        intents: [
          {
            name: "StartCountdown",
            slots: [{ name: "from", type: "CLOVA.NUMBER" }],
            utterances: [
              "start a countdown",
              "count down",
              "start a countdown from <from>10</from>",
              "count down from <from>5</from>",
              "count down from <from>twenty</from>",
              "please start a countdown",
            ],
          },
          {
            name: "GiveNumber",
            slots: [{ name: "from", type: "CLOVA.NUMBER" }],
            utterances: ["<from>3</from>", "from <from>8</from>", "start at <from>12</from>"],
          },
        ],
        builtinSlotTypes: ["CLOVA.NUMBER"],
      },
    },
    async handle(turn) {
      seen.push(turn.recognition.intent ?? "null");
      const from = turn.recognition.slots["from"]?.value;
      if (turn.recognition.intent === "GiveNumber" && !turn.session) return undefined;
      if (!from)
        return {
          speech: [{ type: "PlainText", lang: "en", value: "From what number?" }],
          reprompt: [{ type: "PlainText", lang: "en", value: "Tell me a number." }],
          keepSession: { attributes: { asked: true } },
        };
      return {
        speech: [{ type: "PlainText", lang: "en", value: `Counting down from ${from}.` }],
      };
    },
    async handleEvent(turn) {
      return {
        speech: [],
        directives: [
          { namespace: "Countdown", name: "Ack", messageId: "m1", payload: { got: turn.name } },
        ],
        expectSpeech: false,
      };
    },
    async handleHttp(_req, res, url) {
      if (url.pathname !== "/api/v1/countdowns") return false;
      sendJson(res, 200, { countdowns: [] });
      return true;
    },
  };
}

describe("abilities", () => {
  let platform: TestPlatform;
  const seen: string[] = [];
  before(async () => {
    platform = await startPlatform({}, { abilities: () => [countdown(seen)] });
  });
  after(() => platform.close());

  it("answers an utterance no extension takes, with the ability's id", async () => {
    const result = await platform.assistant.handleTurn(say("count down from 5"));
    assert.equal(result.extensionId, "ability:countdown");
    assert.equal(result.speech[0]?.value, "Counting down from 5.");
    assert.equal(result.intent?.name, "StartCountdown");
    assert.equal(result.expectSpeech, false);
  });

  it("keeps a session for a question and continues it on the next turn", async () => {
    const on = device({ deviceId: "multi-turn" });
    const first = await platform.assistant.handleTurn(say("start a countdown", on));
    assert.equal(first.speech[0]?.value, "From what number?");
    assert.equal(first.expectSpeech, true);
    assert.deepEqual(first.reprompt?.[0]?.value, "Tell me a number.");
    const second = await platform.assistant.handleTurn(say("7", on));
    assert.equal(second.speech[0]?.value, "Counting down from 7.");
    assert.equal(second.expectSpeech, false);
    // The session is gone: a bare number is no longer the ability's.
    const third = await platform.assistant.handleTurn(say("7", on));
    assert.notEqual(third.extensionId, "ability:countdown");
  });

  it("ends its session on an exit phrase", async () => {
    const on = device({ deviceId: "exit" });
    await platform.assistant.handleTurn(say("start a countdown", on));
    const bye = await platform.assistant.handleTurn(say("exit", on));
    assert.equal(bye.extensionId, "ability:countdown");
    assert.deepEqual(bye.speech, []);
    const after = await platform.assistant.handleTurn(say("7", on));
    assert.notEqual(after.extensionId, "ability:countdown");
  });

  it("falls back when no ability understands", async () => {
    const result = await platform.assistant.handleTurn(say("what is the capital of peru"));
    assert.equal(result.extensionId, undefined);
    assert.match(result.speech[0]?.value ?? "", /didn't catch/);
  });

  it("answers device events of its namespace", async () => {
    assert.equal(platform.assistant.answersEvents("Countdown"), true);
    assert.equal(platform.assistant.answersEvents("Nothing"), false);
    const result = await platform.assistant.handleTurn({
      kind: "event",
      namespace: "Countdown",
      name: "Finished",
      payload: {},
      device: device(),
    });
    assert.deepEqual(result.directives[0]?.payload, { got: "Finished" });
  });

  it("serves its management routes before the extensions API", async () => {
    const response = await platform.api("GET", "/api/v1/countdowns");
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { countdowns: [] });
    const other = await platform.api("GET", "/api/v1/extensions");
    assert.equal(other.status, 200);
  });

  it("hands the recognized intent to the handler", () => {
    assert.ok(seen.includes("StartCountdown"));
    assert.ok(seen.includes("GiveNumber"));
  });
});

describe("ability models and time", () => {
  it("resolve relative dates from the platform clock", async () => {
    const now = Date.parse("2026-03-01T09:00:00Z");
    let said: string | null | undefined;
    const platform = await startPlatform(
      {},
      {
        clock: { now: () => now },
        abilities: () => [
          {
            id: "ability:dates",
            models: {
              en: {
                language: "en",
                builtinSlotTypes: ["CLOVA.DATETIME"],
                intents: [
                  {
                    name: "Plan",
                    slots: [{ name: "when", type: "CLOVA.DATETIME" }],
                    utterances: [
                      "plan a picnic <when>tomorrow</when>",
                      "plan a picnic on <when>friday</when>",
                      "plan a picnic",
                    ],
                  },
                ],
              },
            },
            async handle(turn) {
              said = turn.recognition.slots["when"]?.value;
              return { speech: [] };
            },
          },
        ],
      },
    );
    try {
      await platform.assistant.handleTurn(
        say("plan a picnic tomorrow", device({ timeZone: "UTC" })),
      );
      assert.match(String(said), /^2026-03-02/);
    } finally {
      await platform.close();
    }
  });
});

describe("ability models at start", () => {
  it("are compiled in the background when warmModels is set, on first use otherwise", async () => {
    const cold = await startPlatform({}, { abilities: () => [countdown([])] });
    const warm = await startPlatform({ warmModels: true }, { abilities: () => [countdown([])] });
    try {
      const deadline = Date.now() + 30_000;
      while (warm.abilities.compiledModels() < 1 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(
        warm.abilities.compiledModels(),
        1,
        "the countdown's en model, in the background",
      );
      assert.equal(cold.abilities.compiledModels(), 0, "nothing compiled before a turn");
      await cold.assistant.handleTurn(say("start a countdown from 3", device()));
      assert.equal(cold.abilities.compiledModels(), 1);
    } finally {
      await Promise.all([cold.close(), warm.close()]);
    }
  });
});
