// Numbers in home commands: digits, and the numerals of the custom-extension NLU in each
// language (en words, kanji, hangul) with their units, signs from the words before them.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { understand } from "../../src/abilities/home/understand.js";
import { buildVocabulary } from "../../src/abilities/home/vocabulary.js";
import type { Language } from "../../src/assistant/turn.js";
import { phrasingDiscovery } from "./phrasing-home.js";

const spokenValue = (language: Language, text: string) => {
  const command = understand(text, buildVocabulary([phrasingDiscovery(language)], language));
  return command?.number ? { value: command.number.value, unit: command.number.unit } : undefined;
};

describe("numbers in home commands", () => {
  it("English numerals, value words and signs", () => {
    assert.deepEqual(spokenValue("en", "set the bedroom air conditioner to twenty four degrees"), {
      value: 24,
      unit: "degree",
    });
    assert.deepEqual(spokenValue("en", "dim the kitchen light to thirty five percent"), {
      value: 35,
      unit: "percent",
    });
    assert.equal(spokenValue("en", "set the kitchen light to one hundred percent")?.value, 100);
    assert.equal(spokenValue("en", "make the kitchen light full brightness")?.value, 100);
    assert.equal(spokenValue("en", "set the freezer to minus eighteen degrees")?.value, -18);
    assert.equal(spokenValue("en", "turn on the kitchen light"), undefined);
  });

  it("kanji numerals with a unit; not inside words", () => {
    assert.deepEqual(spokenValue("ja", "寝室のエアコンを二十四度にして"), {
      value: 24,
      unit: "degree",
    });
    assert.equal(spokenValue("ja", "キッチンライトを五十パーセントにして")?.value, 50);
    assert.equal(spokenValue("ja", "冷凍庫をマイナス二十度にして")?.value, -20);
    assert.equal(spokenValue("ja", "キッチンライトを一番明るくして"), undefined);
  });

  it("hangul numerals with a unit; not the particle 이", () => {
    assert.deepEqual(spokenValue("ko", "침실 에어컨 이십사 도로 맞춰줘"), {
      value: 24,
      unit: "degree",
    });
    assert.equal(spokenValue("ko", "주방 조명 오십 퍼센트로 해줘")?.value, 50);
    assert.equal(spokenValue("ko", "침실 에어컨이 켜져 있어"), undefined);
  });
});
