import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findBuiltinSlots, type Language, resolveBuiltinSlot } from "../../src/slot-types/index.js";

const rows: [Language, string, string | undefined][] = [
  ["en", "for ten minutes", "PT10M"],
  ["en", "an hour and a half", "PT1H30M"],
  ["en", "1 hour and 20 minutes", "PT1H20M"],
  ["en", "half an hour", "PT30M"],
  ["en", "1.5 hours", "PT1H30M"],
  ["en", "2 weeks", "P14D"],
  ["en", "three years", "P3Y"],
  ["en", "ninety seconds", "PT90S"],
  ["en", "minutes", undefined],
  ["ja", "1時間20分", "PT1H20M"],
  ["ja", "1時間20分15秒", "PT1H20M15S"],
  ["ja", "2年間", "P2Y"],
  ["ja", "半年", "P6M"],
  ["ja", "3日間", "P3D"],
  ["ja", "８時間", "PT8H"],
  ["ja", "45分間", "PT45M"],
  ["ja", "30秒", "PT30S"],
  ["ja", "1週間", "P7D"],
  ["ja", "1時間半", "PT1H30M"],
  ["ja", "三十分", "PT30M"],
  ["ja", "時間", undefined],
  ["ko", "30분", "PT30M"],
  ["ko", "한 시간 반", "PT1H30M"],
  ["ko", "두 시간 삼십 분 동안", "PT2H30M"],
  ["ko", "일주일", "P7D"],
  ["ko", "이틀", "P2D"],
  ["ko", "한 달", "P1M"],
  ["ko", "3년", "P3Y"],
  ["ko", "시간", undefined],
];

describe("CLOVA.DURATION", () => {
  for (const [language, said, value] of rows) {
    it(`${language} "${said}"`, () => {
      const got = resolveBuiltinSlot("CLOVA.DURATION", said, { language });
      assert.deepEqual(got, value === undefined ? undefined : { value });
    });
  }

  it("finds durations in whole utterances", () => {
    const en = findBuiltinSlots("CLOVA.DURATION", "set a timer for ten minutes please", {
      language: "en",
    });
    assert.deepEqual(en, [
      { start: 12, end: 27, text: "for ten minutes", resolved: { value: "PT10M" } },
    ]);
    const ja = findBuiltinSlots("CLOVA.DURATION", "タイマーを1時間20分にセットして", {
      language: "ja",
    });
    assert.deepEqual(
      ja.map((s) => [s.start, s.end, s.resolved.value]),
      [[5, 11, "PT1H20M"]],
    );
    const ko = findBuiltinSlots("CLOVA.DURATION", "30분 동안 타이머 맞춰줘", { language: "ko" });
    assert.deepEqual(
      ko.map((s) => [s.start, s.end, s.resolved.value]),
      [[0, 6, "PT30M"]],
    );
  });
});
