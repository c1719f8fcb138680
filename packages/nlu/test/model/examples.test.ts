import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { InteractionModelMessage } from "@clover/protocol";
import { parseUtterance, validateModel } from "../../src/model/index.js";

const EXAMPLES = {
  dice: { id: "ThrowDiceIntent", slots: ["diceCount"] },
  pizza: { id: "OrderPizzaIntent", slots: ["pizzaType", "pizzaSize", "pizzaCount"] },
  audio: { id: "PlayMusicIntent", slots: ["genre"] },
} as const;

function load(example: string, language: string): unknown {
  const url = new URL(`../../../../examples/${example}/models/${language}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8"));
}

describe("example extension models", () => {
  for (const [example, expected] of Object.entries(EXAMPLES)) {
    for (const language of ["en", "ja", "ko"]) {
      it(`${example}/${language} is a clean model with 30+ varied examples per intent`, () => {
        const model = InteractionModelMessage.parse(load(example, language));
        assert.equal(model.language, language);
        assert.deepEqual(validateModel(model), []);
        const intent = model.intents.find((i) => i.name === expected.id);
        assert.ok(intent, `${expected.id} missing`);
        assert.ok(intent.utterances.length >= 30, `${intent.utterances.length} examples`);
        assert.deepEqual(
          intent.slots?.map((s) => s.name),
          [...expected.slots],
        );
        const tagged = new Set(
          intent.utterances.flatMap((u) => parseUtterance(u).slots.map((s) => s.name)),
        );
        for (const slot of expected.slots) assert.ok(tagged.has(slot), `${slot} never tagged`);
      });
    }
  }

  it("number slots are tagged both as digits and as number words", () => {
    for (const [example, language] of [
      ["dice", "en"],
      ["dice", "ja"],
      ["dice", "ko"],
      ["pizza", "en"],
      ["pizza", "ja"],
      ["pizza", "ko"],
    ] as const) {
      const model = InteractionModelMessage.parse(load(example, language));
      const spans = model.intents
        .flatMap((i) => i.utterances.flatMap((u) => parseUtterance(u).slots))
        .filter((s) => /Count$/.test(s.name));
      assert.ok(
        spans.some((s) => /[0-9]/.test(s.text)),
        `${example}/${language}: no digits`,
      );
      assert.ok(
        spans.some((s) => !/[0-9]/.test(s.text)),
        `${example}/${language}: no number words`,
      );
    }
  });
});
