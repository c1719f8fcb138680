import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BUILTIN_SLOT_TYPE_NAMES,
  findBuiltinSlots,
  isBuiltinSlotType,
  type Language,
  resolveBuiltinSlot,
} from "../../src/slot-types/index.js";

type Row = [
  type: string,
  language: Language,
  span: string,
  value: string | undefined,
  unit?: string,
];

const rows: Row[] = [
  ["CLOVA.NUMBER", "en", "three", "3"],
  ["CLOVA.NUMBER", "en", "twenty-one", "21"],
  ["CLOVA.NUMBER", "en", "a dozen", "12"],
  ["CLOVA.NUMBER", "en", "one hundred and five", "105"],
  ["CLOVA.NUMBER", "en", "1.5 million", "1500000"],
  ["CLOVA.NUMBER", "en", "minus 4", "-4"],
  ["CLOVA.NUMBER", "en", "three point five", "3.5"],
  ["CLOVA.NUMBER", "en", "3 kg", "3", "kilogram"],
  ["CLOVA.NUMBER", "en", "two cups", "2", "cup"],
  ["CLOVA.NUMBER", "en", "banana", undefined],
  ["CLOVA.NUMBER", "ja", "三", "3"],
  ["CLOVA.NUMBER", "ja", "二十五", "25"],
  ["CLOVA.NUMBER", "ja", "3個", "3", "個"],
  ["CLOVA.NUMBER", "ja", "１５個", "15", "個"],
  ["CLOVA.NUMBER", "ja", "ふたつ", "2", "つ"],
  ["CLOVA.NUMBER", "ja", "マイナス2.5", "-2.5"],
  ["CLOVA.NUMBER", "ja", "りんご", undefined],
  ["CLOVA.NUMBER", "ko", "세 개", "3", "개"],
  ["CLOVA.NUMBER", "ko", "스물", "20"],
  ["CLOVA.NUMBER", "ko", "삼십", "30"],
  ["CLOVA.NUMBER", "ko", "서른다섯 명", "35", "명"],
  ["CLOVA.NUMBER", "ko", "3만 5천", "35000"],
  ["CLOVA.NUMBER", "ko", "세", undefined],
  ["CLOVA.NUMBER", "ko", "스물한 개", "21", "개"],
  ["CLOVA.NUMBER", "en", "nineteen eighty four", "1984"],
  ["CLOVA.NUMBER", "en", "two thousand and twenty four", "2024"],
  ["CLOVA.NUMBER", "ko", "세 개를", "3", "개"],
  ["CLOVA.NUMBER", "ja", "3個を", "3", "個"],
  ["CLOVA.WHOLE_NUMBER", "ja", "0312 7788", "03127788"],
  ["CLOVA.WHOLE_NUMBER", "ja", "２３４５", "2345"],
  ["CLOVA.WHOLE_NUMBER", "ja", "五百六十七", "567"],
  ["CLOVA.WHOLE_NUMBER", "ja", "三百二十", "320"],
  ["CLOVA.WHOLE_NUMBER", "en", "zero one two", "12"],
  ["CLOVA.WHOLE_NUMBER", "en", "-3", undefined],
  ["CLOVA.WHOLE_NUMBER", "en", "2.5", undefined],
  ["CLOVA.WHOLE_NUMBER", "ko", "010-1234-5678", "01012345678"],
  ["CLOVA.WHOLE_NUMBER", "ko", "공일공 일이삼사 오육칠팔", "01012345678"],
  ["CLOVA.WHOLE_NUMBER", "ja", "〇三一二", "0312"],
  ["CLOVA.WHOLE_NUMBER", "ja", "二〇二四", "2024"],
  ["CLOVA.WHOLE_NUMBER", "ko", "삼십", "30"],
];

describe("CLOVA.NUMBER and CLOVA.WHOLE_NUMBER", () => {
  for (const [type, language, span, value, unit] of rows) {
    it(`${type} ${language} "${span}"`, () => {
      const got = resolveBuiltinSlot(type, span, { language });
      if (value === undefined) assert.equal(got, undefined);
      else assert.deepEqual(got, unit ? { value, unit } : { value });
    });
  }

  it("finds number spans with their counters in whole utterances", () => {
    const ja = findBuiltinSlots("CLOVA.NUMBER", "クロワッサンを3個予約して", { language: "ja" });
    assert.deepEqual(ja, [{ start: 7, end: 9, text: "3個", resolved: { value: "3", unit: "個" } }]);
    const ko = findBuiltinSlots("CLOVA.NUMBER", "피자 세 개를 주문해줘", { language: "ko" });
    assert.deepEqual(ko, [
      { start: 3, end: 6, text: "세 개", resolved: { value: "3", unit: "개" } },
    ]);
    const en = findBuiltinSlots("CLOVA.NUMBER", "roll twenty one dice and 3 more", {
      language: "en",
    });
    assert.deepEqual(
      en.map((s) => [s.start, s.end, s.resolved.value]),
      [
        [5, 15, "21"],
        [25, 26, "3"],
      ],
    );
  });

  it("does not read numerals inside ordinary words", () => {
    assert.deepEqual(findBuiltinSlots("CLOVA.NUMBER", "一緒に行こう", { language: "ja" }), []);
    assert.deepEqual(findBuiltinSlots("CLOVA.NUMBER", "오늘 이 피자 줘", { language: "ko" }), []);
    assert.deepEqual(
      findBuiltinSlots("CLOVA.NUMBER", "I want the red one", { language: "en" }),
      [],
    );
    const one = findBuiltinSlots("CLOVA.NUMBER", "roll one die", { language: "en" });
    assert.deepEqual(
      one.map((s) => s.resolved.value),
      ["1"],
    );
  });

  it("scans long repetitive input without runaway backtracking", () => {
    // each of these took seconds to hours with unbounded nested repetitions
    const inputs = ["9".repeat(60), "one ".repeat(20), "세 ".repeat(20), "3時から".repeat(10)];
    for (const text of inputs) {
      for (const type of BUILTIN_SLOT_TYPE_NAMES) {
        for (const language of ["en", "ja", "ko"] as const) {
          assert.ok(Array.isArray(findBuiltinSlots(type, text, { language })));
        }
      }
    }
  });

  it("rejects unknown type names and languages with a clear error", () => {
    assert.throws(() => resolveBuiltinSlot("CLOVA.NOPE", "3", { language: "en" }), /CLOVA\.NOPE/);
    const bad = { language: "fr" } as unknown as { language: Language };
    assert.throws(() => findBuiltinSlots("CLOVA.NUMBER", "3", bad), /language: "fr"/);
  });

  it("lists the implemented types and accepts the retired CLOVA.CURRENCY name", () => {
    assert.ok(BUILTIN_SLOT_TYPE_NAMES.includes("CLOVA.NUMBER"));
    assert.ok(BUILTIN_SLOT_TYPE_NAMES.includes("CLOVA.DATETIME_RECENT"));
    assert.ok(BUILTIN_SLOT_TYPE_NAMES.every((n) => isBuiltinSlotType(n)));
    assert.equal(isBuiltinSlotType("CLOVA.CURRENCY"), true);
    assert.ok(!BUILTIN_SLOT_TYPE_NAMES.includes("CLOVA.CURRENCY"));
    assert.equal(isBuiltinSlotType("PIZZA_TYPE"), false);
    assert.deepEqual(resolveBuiltinSlot("CLOVA.CURRENCY", "ドル", { language: "ja" }), {
      value: "USD",
    });
  });
});
