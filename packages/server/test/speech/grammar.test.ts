// The recognition grammar compiled from interaction models, and the word-level helpers.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import { buildGrammar } from "../../src/speech/asr/grammar.js";
import { espeakToCmu, Lexicon } from "../../src/speech/asr/lexicon.js";
import { POCKETSPHINX_MODEL_DIR } from "../../src/speech/asr/pocketsphinx.js";
import { numberWords, spokenWords } from "../../src/speech/asr/spoken.js";
import { wordErrors } from "./wer.js";

const pizza = JSON.parse(
  readFileSync(new URL("../../../../examples/pizza/models/en.json", import.meta.url), "utf8"),
) as InteractionModel;

const rule = (jsgf: string, name: string) =>
  new RegExp(`^<${name}> = (.*);$`, "m").exec(jsgf)?.[1]?.split(" | ") ?? [];

describe("spoken words", () => {
  it("writes numbers, digits inside words, symbols and accents the way they are said", () => {
    assert.deepEqual(spokenWords("Roll 12 dice, please!"), ["roll", "twelve", "dice", "please"]);
    assert.deepEqual(spokenWords("Ham & pineapple — lo-fi 4u"), [
      "ham",
      "and",
      "pineapple",
      "lo",
      "fi",
      "four",
      "u",
    ]);
    assert.deepEqual(spokenWords("Café crème, I’d like 1,500"), [
      "cafe",
      "creme",
      "i'd",
      "like",
      "one",
      "thousand",
      "five",
      "hundred",
    ]);
    assert.equal(numberWords(0), "zero");
    assert.equal(numberWords(40), "forty");
    assert.equal(numberWords(999), "nine hundred ninety nine");
  });

  it("maps eSpeak NG phonemes onto the dictionary's phone set", () => {
    assert.equal(espeakToCmu("m_,A@_g_3_r_'i:_t#_@"), "M AA R G ER R IY T AH");
    assert.equal(espeakToCmu("b_V_l_g_'oU_g_i"), "B AH L G OW G IY");
    assert.equal(espeakToCmu("q_X_!"), null, "unknown phonemes: no guess");
  });

  it("counts word errors", () => {
    assert.deepEqual(wordErrors("roll three dice", "roll three dice"), { errors: 0, words: 3 });
    assert.deepEqual(wordErrors("roll three dice", "throw three nice dice"), {
      errors: 2,
      words: 3,
    });
  });
});

describe("grammar from interaction models", () => {
  it("opens slots up to dictionary values, synonyms and spoken numbers", () => {
    const { jsgf } = buildGrammar([pizza]);
    const types = rule(jsgf, "m0_slot_PIZZA_TYPE");
    for (const phrase of ["pepperoni", "ham and pineapple", "quattro formaggi", "margherita"]) {
      assert.ok(types.includes(phrase), phrase);
    }
    const commands = rule(jsgf, "m0_command");
    assert.ok(
      commands.includes(
        "i want <m0_slot_CLOVA_NUMBER> <m0_slot_PIZZA_SIZE> <m0_slot_PIZZA_TYPE> pizzas",
      ),
    );
    assert.ok(commands.includes("can i get <m0_slot_CLOVA_NUMBER> <m0_slot_PIZZA_TYPE> pizzas"));
    assert.ok(rule(jsgf, "m0_slot_CLOVA_NUMBER").includes("<number>"));
    assert.ok(rule(jsgf, "tens").includes("ninety"));
    assert.deepEqual(rule(jsgf, "name"), ["pizza shop"]);
    assert.ok(rule(jsgf, "launch").includes("<launch_verb> <name>"));
    assert.ok(rule(jsgf, "lead").includes("ask <name> to"));
    assert.ok(rule(jsgf, "builtin").includes("never mind"));
    assert.ok(rule(jsgf, "builtin").includes("goodbye"), "exit phrases");
    assert.match(jsgf, /^public <command> = \[<wake>\] <request>;$/m);
  });

  it("leaves out phrases with words nobody can pronounce, and says which", () => {
    const { jsgf, dropped } = buildGrammar([pizza], (w) => w !== "bulgogi");
    assert.ok(!rule(jsgf, "m0_slot_PIZZA_TYPE").includes("bulgogi"));
    assert.ok(dropped.some((d) => d.word === "bulgogi" && d.phrase === "bulgogi pizza"));
    assert.ok(!jsgf.includes("bulgogi"));
  });

  it("ignores models in other languages and still accepts platform phrases without models", () => {
    const { jsgf } = buildGrammar([{ ...pizza, language: "ja" }]);
    assert.ok(!jsgf.includes("pizza shop"));
    assert.deepEqual(rule(jsgf, "request"), ["<body>"]);
  });

  it("finds pronunciations in the CMU dictionary and guesses the rest", async () => {
    const lexicon = new Lexicon(`${POCKETSPHINX_MODEL_DIR}/cmudict-en-us.dict`);
    const { lines, missing } = await lexicon.dictionaryFor(["dice", "the", "margherita"]);
    assert.ok(lines.includes("dice D AY S"));
    assert.ok(lines.includes("the(2) DH IY"), "alternative pronunciations are kept");
    assert.ok(lines.some((l) => l.startsWith("margherita M AA R G")));
    assert.deepEqual(missing, []);
    const none = new Lexicon(`${POCKETSPHINX_MODEL_DIR}/cmudict-en-us.dict`, "no-such-espeak");
    assert.deepEqual((await none.dictionaryFor(["zxqv"])).missing, ["zxqv"]);
  });
});
