import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findBuiltinSlots, type Language, resolveBuiltinSlot } from "../../src/slot-types/index.js";

const rows: [type: string, language: Language, said: string, value: string | undefined][] = [
  ["CLOVA.JP_ADDRESS_KEN", "ja", "大阪府", "大阪府"],
  ["CLOVA.JP_ADDRESS_KEN", "ja", "大阪", "大阪府"],
  ["CLOVA.JP_ADDRESS_KEN", "ja", "東京", "東京都"],
  ["CLOVA.JP_ADDRESS_KEN", "ja", "北海道", "北海道"],
  ["CLOVA.JP_ADDRESS_KEN", "en", "Osaka Prefecture", "Osaka"],
  ["CLOVA.JP_ADDRESS_KEN", "ko", "아이치", "아이치현"],
  ["CLOVA.JP_ADDRESS_KEN", "ja", "大阪市", undefined],
  ["CLOVA.JP_ADDRESS_SHI", "ja", "八王子市", "八王子市"],
  ["CLOVA.JP_ADDRESS_SHI", "ja", "八王子", "八王子市"],
  ["CLOVA.JP_ADDRESS_SHI", "en", "Yokohama", "Yokohama"],
  ["CLOVA.JP_ADDRESS_SHI", "ko", "삿포로", "삿포로시"],
  ["CLOVA.JP_ADDRESS_KU", "ja", "中央区", "中央区"],
  ["CLOVA.JP_ADDRESS_KU", "ja", "世田谷", "世田谷区"],
  ["CLOVA.JP_ADDRESS_KU", "ja", "博多区", "博多区"],
  ["CLOVA.JP_ADDRESS_KU", "en", "Shibuya", "Shibuya"],
  ["CLOVA.WORLD_COUNTRY", "ja", "ドイツ", "ドイツ"],
  ["CLOVA.WORLD_COUNTRY", "en", "the US", "United States"],
  ["CLOVA.WORLD_COUNTRY", "ko", "미국", "미국"],
  ["CLOVA.WORLD_COUNTRY", "ko", "Germany", "독일"],
  ["CLOVA.WORLD_COUNTRY", "en", "Atlantis", undefined],
  ["CLOVA.WORLD_COUNTRY", "en", "Kuwait", "Kuwait"],
  ["CLOVA.WORLD_COUNTRY", "ja", "Kuwait", "クウェート"],
  ["CLOVA.WORLD_COUNTRY", "ko", "보스니아 헤르체고비나", "보스니아 헤르체고비나"],
  ["CLOVA.WORLD_CITY", "ja", "パリ", "パリ"],
  ["CLOVA.WORLD_CITY", "en", "new york city", "New York"],
  ["CLOVA.WORLD_CITY", "ko", "서울", "서울"],
  ["CLOVA.OFFICIALDATE", "ja", "建国記念の日", "建国記念の日"],
  ["CLOVA.OFFICIALDATE", "ja", "体育の日", "スポーツの日"],
  ["CLOVA.OFFICIALDATE", "ko", "추석", "추석"],
  ["CLOVA.OFFICIALDATE", "ko", "입춘", "입춘"],
  ["CLOVA.OFFICIALDATE", "en", "christmas", "Christmas"],
  ["CLOVA.ORDER", "ja", "次", "次"],
  ["CLOVA.ORDER", "ja", "前", "前"],
  ["CLOVA.ORDER", "en", "previous", "previous"],
  ["CLOVA.ORDER", "ko", "마지막", "마지막"],
  ["CLOVA.RELATIVETIME", "ja", "あとで", "あとで"],
  ["CLOVA.RELATIVETIME", "ja", "後で", "あとで"],
  ["CLOVA.RELATIVETIME", "ja", "さっき", "さっき"],
  ["CLOVA.RELATIVETIME", "ko", "지금", "지금"],
  ["CLOVA.RELATIVETIME", "en", "later", "later"],
  ["CLOVA.KO_ADDRESS_SIDO", "ko", "서울", "서울특별시"],
  ["CLOVA.KO_ADDRESS_SIGUNGU", "ko", "강남", "강남구"],
  ["CLOVA.KO_ADDRESS_DONG", "ko", "역삼동", "역삼동"],
];

describe("dictionary-backed built-in types", () => {
  for (const [type, language, said, value] of rows) {
    it(`${type} ${language} "${said}"`, () => {
      const got = resolveBuiltinSlot(type, said, { language });
      assert.deepEqual(got, value === undefined ? undefined : { value });
    });
  }

  it("finds places in whole utterances, particles and all", () => {
    const ko = findBuiltinSlots("CLOVA.KO_ADDRESS_SIDO", "서울에서 부산까지 얼마나 걸려", {
      language: "ko",
    });
    assert.deepEqual(
      ko.map((s) => [s.start, s.end, s.resolved.value]),
      [
        [0, 2, "서울특별시"],
        [5, 7, "부산광역시"],
      ],
    );
    const en = findBuiltinSlots("CLOVA.WORLD_CITY", "fly from New York to Paris tomorrow", {
      language: "en",
    });
    assert.deepEqual(
      en.map((s) => [s.text, s.resolved.value]),
      [
        ["New York", "New York"],
        ["Paris", "Paris"],
      ],
    );
    const ja = findBuiltinSlots("CLOVA.JP_ADDRESS_KEN", "東京都と大阪の天気", { language: "ja" });
    assert.deepEqual(
      ja.map((s) => [s.start, s.end, s.resolved.value]),
      [
        [0, 3, "東京都"],
        [4, 6, "大阪府"],
      ],
    );
  });

  it("does not match words inside other words", () => {
    assert.deepEqual(findBuiltinSlots("CLOVA.ORDER", "名前を教えて", { language: "ja" }), []);
    assert.deepEqual(findBuiltinSlots("CLOVA.ORDER", "전화해 줘", { language: "ko" }), []);
    assert.deepEqual(findBuiltinSlots("CLOVA.WORLD_COUNTRY", "chinaware", { language: "en" }), []);
  });
});
