// When the grammar says a recognized request is whole, so the end-pointer may end it early.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import { GrammarCompletion } from "../../src/speech/asr/completion.js";
import { buildGrammar } from "../../src/speech/asr/grammar.js";

const model = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../examples/${name}/models/en.json`, import.meta.url), "utf8"),
  ) as InteractionModel;

describe("grammar completion", () => {
  const grammar = buildGrammar([model("dice"), model("pizza"), model("audio")]);
  const completion = new GrammarCompletion(grammar.rules, grammar.intents);

  it("calls whole a command, a one-shot request, a launch and a built-in phrase", () => {
    for (const text of [
      "ask dice to roll three dice",
      "hey clova ask dice to roll three dice",
      "roll three dice",
      "i want two large bulgogi pizzas",
      "open pizza shop",
      "yes",
      "stop",
    ])
      assert.equal(completion.isFinal(text), true, text);
  });

  it("ignores words that may follow without changing the request, and trailing courtesies", () => {
    // "roll <n> dice for me" and "… on dice" exist, but the request means the same without them.
    assert.equal(completion.isFinal("roll three dice"), true);
    assert.equal(completion.isFinal("roll three dice on dice"), true);
  });

  it("keeps open what needs more: an invocation alone, a slot to come, a value that goes on", () => {
    for (const text of [
      "ask dice", // "ask dice to …"
      "ask dice to",
      "ask pizza shop to order a large", // a pizza type may follow
      "roll twenty", // "twenty one"
      "play some jazz", // "jazz music"
      "open dice", // "open dice roller"
      "roll", // not a sentence at all
      "",
      "order a pizza pizza",
    ])
      assert.equal(completion.isFinal(text), false, text);
  });

  it("calls closed a whole request that nothing that may follow could change", () => {
    for (const text of [
      "ask dice to roll three dice", // "… for the game" is the same intent, plain words
      "tell dice to throw five dice for me",
      "ask pizza shop to order a pizza",
      "ask music box to play some classical music",
    ])
      assert.equal(completion.completion(text), "closed", text);
  });

  it("keeps merely whole a request that may go on with a launch, a name or a slot", () => {
    for (const text of [
      "open pizza shop", // "open pizza shop and order a pizza"
      "open dice roller", // "open dice roller and …"
      "roll three dice", // "roll three dice on dice": the name routes the request
      "i want two large bulgogi pizzas", // likewise "… with pizza shop"
    ])
      assert.equal(completion.completion(text), "whole", text);
    for (const text of ["ask dice", "roll twenty", "open dice"])
      assert.equal(completion.completion(text), "open", text);
  });

  it("keeps merely whole a request whose longer examples add a slot or belong to another intent", () => {
    const forecast: InteractionModel = {
      language: "en",
      invocation: { main: "weather station" },
      customSlotTypes: [{ name: "CITY", values: [{ value: "london" }] }],
      intents: [
        {
          name: "ForecastIntent",
          slots: [{ name: "city", type: "CITY" }],
          utterances: [
            "what is the forecast",
            "what is the forecast in <city>london</city>",
            "will it rain",
            "will it rain today",
          ],
        },
        { name: "AlertIntent", utterances: ["what is the forecast alert"] },
      ],
    };
    const g = buildGrammar([forecast]);
    const c = new GrammarCompletion(g.rules, g.intents);
    // "… in london" (a slot) and "… alert" (another intent) may follow.
    assert.equal(c.completion("ask weather station what is the forecast"), "whole");
    // Only plain words of the same intent may follow.
    assert.equal(c.completion("ask weather station will it rain"), "closed");
    assert.equal(c.completion("ask weather station what is the forecast in london"), "closed");
    assert.equal(c.completion("ask weather station what is the forecast alert"), "closed");
  });
});
