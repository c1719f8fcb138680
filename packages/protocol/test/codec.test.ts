import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InteractionModelMessage, ProtocolValidationError, pointerToPath } from "../src/index.js";

const dice = {
  language: "en",
  invocation: { main: "dice" },
  builtinIntents: ["Clova.GuideIntent"],
  builtinSlotTypes: ["CLOVA.NUMBER"],
  intents: [
    {
      name: "ThrowDiceIntent",
      slots: [{ name: "diceCount", type: "CLOVA.NUMBER" }],
      utterances: ["roll <diceCount>three</diceCount> dice"],
    },
  ],
};

describe("codec", () => {
  it("accepts a valid document and keeps unknown fields", () => {
    const doc = { ...dice, futureField: { a: 1 } };
    const result = InteractionModelMessage.validate(doc);
    assert.equal(result.ok, true);
    if (result.ok) assert.deepEqual(result.value, doc);
  });

  it("names the path, the expectation and what was found", () => {
    const bad = {
      ...dice,
      intents: [{ ...dice.intents[0], slots: [{ name: "diceCount", type: 3 }] }],
    };
    const result = InteractionModelMessage.validate(bad);
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(
        result.issues[0]?.message,
        "intents[0].slots[0].type: expected non-empty string, got number",
      );
    }
  });

  it("reports enum mismatches with the allowed values", () => {
    const result = InteractionModelMessage.validate({ ...dice, language: "fr" });
    assert.equal(result.ok, false);
    if (!result.ok)
      assert.equal(
        result.issues[0]?.message,
        'language: expected one of "ja", "ko", "en", got "fr"',
      );
  });

  it("reports missing required fields", () => {
    const { invocation: _, ...rest } = dice;
    assert.throws(
      () => InteractionModelMessage.parse(rest),
      (error: unknown) =>
        error instanceof ProtocolValidationError &&
        /invocation: expected object \(required\), got nothing/.test(error.message),
    );
  });

  it("converts JSON pointers to dotted paths", () => {
    assert.equal(
      pointerToPath("/request/intent/slots/count/value"),
      "request.intent.slots.count.value",
    );
    assert.equal(pointerToPath("/a/0/b c"), 'a[0]["b c"]');
    assert.equal(pointerToPath(""), "(root)");
  });
});
