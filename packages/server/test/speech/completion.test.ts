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
  const completion = new GrammarCompletion(
    buildGrammar([model("dice"), model("pizza"), model("audio")]).rules,
  );

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
});
