import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findBuiltinSlots, type Language, resolveBuiltinSlot } from "../../src/slot-types/index.js";

type Row = [
  type: string,
  language: Language,
  said: string,
  value: string | undefined,
  unit?: string,
];

// number + unit types (§5.1): value + normalized unit
const withUnit: Row[] = [
  ["CLOVA.GENERIC_NUMBER", "ja", "二杯", "2", "杯"],
  ["CLOVA.GENERIC_NUMBER", "ko", "다섯 마리", "5", "마리"],
  ["CLOVA.GENERIC_NUMBER", "en", "two bottles", "2", "bottle"],
  ["CLOVA.GENERIC_NUMBER", "ja", "2", undefined],
  ["CLOVA.AREA", "ja", "12坪", "12", "坪"],
  ["CLOVA.AREA", "ja", "50㎡", "50", "平方メートル"],
  ["CLOVA.AREA", "en", "30 square meters", "30", "square meter"],
  ["CLOVA.AREA", "ko", "25평", "25", "평"],
  ["CLOVA.INFORMATION", "ja", "128ギガバイト", "128", "ギガバイト"],
  ["CLOVA.INFORMATION", "en", "16 GB", "16", "gigabyte"],
  ["CLOVA.INFORMATION", "ja", "8bit", "8", "ビット"],
  ["CLOVA.LENGTH", "ja", "5.5キロメートル", "5.5", "キロメートル"],
  ["CLOVA.LENGTH", "ja", "10マイル", "10", "マイル"],
  ["CLOVA.LENGTH", "en", "six feet", "6", "foot"],
  ["CLOVA.LENGTH", "ko", "백 미터", "100", "미터"],
  ["CLOVA.MONEY", "ja", "3千円", "3000", "JPY"],
  ["CLOVA.MONEY", "ja", "500ドル", "500", "USD"],
  ["CLOVA.MONEY", "ja", "20ユーロ", "20", "EUR"],
  ["CLOVA.MONEY", "ko", "만 원", "10000", "KRW"],
  ["CLOVA.MONEY", "ko", "3만 5천 원", "35000", "KRW"],
  ["CLOVA.MONEY", "en", "$5", "5", "USD"],
  ["CLOVA.MONEY", "en", "twenty dollars", "20", "USD"],
  ["CLOVA.MONEY", "en", "5 kg", undefined],
  // an amount said in a currency and its hundredths is one amount of the currency
  ["CLOVA.MONEY", "en", "five dollars and fifty cents", "5.5", "USD"],
  ["CLOVA.MONEY", "en", "3 dollars 5 cents", "3.05", "USD"],
  ["CLOVA.MONEY", "en", "twelve euros and ninety nine cents", "12.99", "EUR"],
  ["CLOVA.MONEY", "en", "two pounds fifty pence", "2.5", "GBP"],
  ["CLOVA.MONEY", "en", "seventy five cents", "0.75", "USD"],
  ["CLOVA.MONEY", "ja", "5ドル50セント", "5.5", "USD"],
  ["CLOVA.MONEY", "ja", "10ユーロ20セント", "10.2", "EUR"],
  ["CLOVA.MONEY", "ja", "99セント", "0.99", "USD"],
  ["CLOVA.MONEY", "ko", "5달러 50센트", "5.5", "USD"],
  ["CLOVA.MONEY", "ko", "삼 달러 이십오 센트", "3.25", "USD"],
  ["CLOVA.MONEY", "ko", "50센트", "0.5", "USD"],
  // 100 cents is not a hundredth, and a yen has none
  ["CLOVA.MONEY", "en", "5 dollars 150 cents", undefined],
  ["CLOVA.MONEY", "ja", "500円50セント", undefined],
  ["CLOVA.RATIO", "ja", "3倍", "3", "倍"],
  ["CLOVA.RATIO", "ja", "25％", "25", "パーセント"],
  ["CLOVA.RATIO", "en", "50 percent", "50", "percent"],
  ["CLOVA.SPEED", "ja", "60キロメートル毎時", "60", "キロメートル毎時"],
  ["CLOVA.SPEED", "ja", "分速300メートル", "300", "メートル毎分"],
  ["CLOVA.SPEED", "ja", "時速100キロ", "100", "キロメートル毎時"],
  ["CLOVA.SPEED", "ja", "20メートル毎秒", "20", "メートル毎秒"],
  ["CLOVA.SPEED", "en", "60 miles per hour", "60", "mile per hour"],
  ["CLOVA.SPEED", "en", "100 km/h", "100", "kilometer per hour"],
  ["CLOVA.SPEED", "ko", "시속 80킬로미터", "80", "킬로미터매시"],
  ["CLOVA.SPEED", "ja", "60キロ", undefined],
  ["CLOVA.TEMPERATURE", "ja", "38.2℃", "38.2", "度"],
  ["CLOVA.TEMPERATURE", "ja", "21度", "21", "度"],
  ["CLOVA.TEMPERATURE", "ja", "氷点下5度", "-5", "度"],
  ["CLOVA.TEMPERATURE", "ko", "영하 3도", "-3", "도"],
  ["CLOVA.TEMPERATURE", "en", "72 degrees fahrenheit", "72", "degree Fahrenheit"],
  ["CLOVA.VOLUME", "ja", "2リットル", "2", "リットル"],
  ["CLOVA.VOLUME", "ja", "200ml", "200", "ミリリットル"],
  ["CLOVA.VOLUME", "en", "half a liter", undefined],
  ["CLOVA.VOLUME", "ko", "500밀리리터", "500", "밀리리터"],
  ["CLOVA.WEIGHT", "ja", "250mg", "250", "ミリグラム"],
  ["CLOVA.WEIGHT", "ja", "3キログラム", "3", "キログラム"],
  ["CLOVA.WEIGHT", "en", "two pounds", "2", "pound"],
  ["CLOVA.WEIGHT", "ko", "3킬로", "3", "킬로그램"],
];

// unit-only types: the unit, normalized
const unitOnly: Row[] = [
  ["CLOVA.UNIT", "ja", "冊", "冊"],
  ["CLOVA.UNIT", "ja", "7冊", "冊"],
  ["CLOVA.UNIT_GENERAL", "ja", "枚", "枚"],
  ["CLOVA.UNIT_AREA", "ja", "平方メートル", "平方メートル"],
  ["CLOVA.UNIT_CURRENCY", "ja", "ドル", "USD"],
  ["CLOVA.UNIT_CURRENCY", "ja", "円", "JPY"],
  ["CLOVA.UNIT_CURRENCY", "ko", "원", "KRW"],
  ["CLOVA.UNIT_CURRENCY", "en", "euros", "EUR"],
  ["CLOVA.UNIT_INFORMATION", "ja", "bit", "ビット"],
  ["CLOVA.UNIT_LENGTH", "ja", "マイル", "マイル"],
  ["CLOVA.UNIT_RATIO", "ja", "％", "パーセント"],
  ["CLOVA.UNIT_SPEED", "ja", "メートル毎秒", "メートル毎秒"],
  ["CLOVA.UNIT_TEMPERATURE", "ja", "℃", "度"],
  ["CLOVA.UNIT_VOLUME", "ja", "ミリリットル", "ミリリットル"],
  ["CLOVA.UNIT_WEIGHT", "ja", "キログラム", "キログラム"],
  ["CLOVA.UNIT_WEIGHT", "en", "kg", "kilogram"],
  ["CLOVA.UNIT_WEIGHT", "ja", "メートル", undefined],
];

describe("number + unit types", () => {
  for (const [type, language, said, value, unit] of withUnit) {
    it(`${type} ${language} "${said}"`, () => {
      const got = resolveBuiltinSlot(type, said, { language });
      assert.deepEqual(got, value === undefined ? undefined : { value, unit });
    });
  }
});

describe("unit-only types", () => {
  for (const [type, language, said, value] of unitOnly) {
    it(`${type} ${language} "${said}"`, () => {
      const got = resolveBuiltinSlot(type, said, { language });
      assert.deepEqual(got, value === undefined ? undefined : { value });
    });
  }

  it("reports only the unit part of a number + unit in whole utterances", () => {
    const found = findBuiltinSlots("CLOVA.UNIT", "本を7冊買った", { language: "ja" });
    assert.deepEqual(found, [{ start: 3, end: 4, text: "冊", resolved: { value: "冊" } }]);
    const currency = findBuiltinSlots("CLOVA.UNIT_CURRENCY", "500ドルをユーロに換算して", {
      language: "ja",
    });
    assert.deepEqual(
      currency.map((s) => [s.start, s.end, s.resolved.value]),
      [
        [3, 5, "USD"],
        [6, 9, "EUR"],
      ],
    );
    // a lone counter word is not a unit without a number
    assert.deepEqual(
      findBuiltinSlots("CLOVA.UNIT_GENERAL", "what time is it", { language: "en" }),
      [],
    );
  });
});

describe("findBuiltinSlots with number + unit types", () => {
  it("finds amounts of money in a sentence", () => {
    const found = findBuiltinSlots("CLOVA.MONEY", "I paid $20 and 5 euros", { language: "en" });
    assert.deepEqual(found, [
      { start: 7, end: 10, text: "$20", resolved: { value: "20", unit: "USD" } },
      { start: 15, end: 22, text: "5 euros", resolved: { value: "5", unit: "EUR" } },
    ]);
  });

  it("finds an amount in a currency and its hundredths as one amount", () => {
    const found = findBuiltinSlots("CLOVA.MONEY", "it costs five dollars and fifty cents", {
      language: "en",
    });
    assert.deepEqual(found, [
      {
        start: 9,
        end: 37,
        text: "five dollars and fifty cents",
        resolved: { value: "5.5", unit: "USD" },
      },
    ]);
    const ja = findBuiltinSlots("CLOVA.MONEY", "値段は５ドル５０セントです", { language: "ja" });
    assert.deepEqual(ja, [
      { start: 3, end: 11, text: "５ドル５０セント", resolved: { value: "5.5", unit: "USD" } },
    ]);
  });

  it("maps offsets back through width normalization", () => {
    const found = findBuiltinSlots("CLOVA.WEIGHT", "小麦粉を５００ｇください", { language: "ja" });
    assert.deepEqual(found, [
      { start: 4, end: 8, text: "５００ｇ", resolved: { value: "500", unit: "グラム" } },
    ]);
    const squeezed = findBuiltinSlots("CLOVA.AREA", "広さは５０㎡です", { language: "ja" });
    assert.deepEqual(squeezed, [
      { start: 3, end: 6, text: "５０㎡", resolved: { value: "50", unit: "平方メートル" } },
    ]);
  });
});
