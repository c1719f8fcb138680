// Regression set over the example extensions' models: intent accuracy and slot values per
// model and language must stay at or above the floors below.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import { parseUtterance } from "../../src/model/index.js";
import { compileModel } from "../../src/recognizer/index.js";
import { normalizeText } from "../../src/text/index.js";
import { audio, dice, pizza, type RegressionCase } from "./cases.js";

const SUITES = { dice, pizza, audio };
const LANGUAGES = ["en", "ja", "ko"] as const;
/** Floors per model and language: intent accuracy and share of expected slot values found. */
const MIN_INTENT_ACCURACY = 0.9;
const MIN_SLOT_ACCURACY = 0.9;

function load(example: string, language: string): InteractionModel {
  const url = new URL(`../../../../examples/${example}/models/${language}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as InteractionModel;
}

function score(model: InteractionModel, cases: readonly RegressionCase[]) {
  const recognizer = compileModel(model);
  let intents = 0;
  let slots = 0;
  let slotTotal = 0;
  const failures: string[] = [];
  for (const c of cases) {
    const r = recognizer.recognize(c.text);
    const okIntent = r.intent === c.intent;
    if (okIntent) intents++;
    let okSlots = true;
    for (const [name, value] of Object.entries(c.slots ?? {})) {
      slotTotal++;
      if (r.slots[name]?.value === value) slots++;
      else okSlots = false;
    }
    if (!okIntent || !okSlots) {
      const got = Object.fromEntries(Object.entries(r.slots).map(([k, s]) => [k, s.value]));
      failures.push(`${c.text} → ${r.intent} ${JSON.stringify(got)}`);
    }
  }
  return {
    intentAccuracy: intents / cases.length,
    slotAccuracy: slotTotal === 0 ? 1 : slots / slotTotal,
    failures,
  };
}

describe("regression set over the example models", () => {
  it("has at least 200 labelled utterances, none copied from the models' examples", () => {
    let total = 0;
    for (const [name, suite] of Object.entries(SUITES)) {
      for (const language of LANGUAGES) {
        const examples = new Set(
          load(name, language).intents.flatMap((i) =>
            i.utterances.map((u) => normalizeText(parseUtterance(u).text, language)),
          ),
        );
        for (const c of suite[language]) {
          total++;
          assert.ok(
            !examples.has(normalizeText(c.text, language)),
            `${name}/${language}: ${c.text}`,
          );
        }
      }
    }
    assert.ok(total >= 200, `${total} cases`);
  });

  for (const [name, suite] of Object.entries(SUITES)) {
    for (const language of LANGUAGES) {
      it(`${name}/${language}`, () => {
        const result = score(load(name, language), suite[language]);
        const detail = `\n  ${result.failures.join("\n  ")}`;
        assert.ok(
          result.intentAccuracy >= MIN_INTENT_ACCURACY,
          `intent accuracy ${result.intentAccuracy}${detail}`,
        );
        assert.ok(
          result.slotAccuracy >= MIN_SLOT_ACCURACY,
          `slot accuracy ${result.slotAccuracy}${detail}`,
        );
      });
    }
  }

  it("a number in a context the model never saw is no evidence for an intent", () => {
    const cases: Record<string, string[]> = {
      dice: ["what is 2 plus 2", "book a table for 4", "set an alarm for 7"],
      pizza: ["set an alarm for 7", "what is 2 plus 2", "add 2 eggs to my shopping list"],
    };
    for (const [name, texts] of Object.entries(cases)) {
      const recognizer = compileModel(load(name, "en"));
      for (const text of texts) {
        const r = recognizer.recognize(text);
        assert.equal(r.intent, null, `${name}: ${text} → ${r.intent} ${r.confidence}`);
      }
    }
    // the same numbers where the model expects them still fill the slot
    const dice = compileModel(load("dice", "en")).recognize("roll 4 dice");
    assert.equal(dice.intent, "ThrowDiceIntent");
    assert.equal(dice.slots.diceCount?.value, "4");
  });
});
