import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findBuiltinSlots, type Language, resolveBuiltinSlot } from "../../src/slot-types/index.js";

// Monday 2024-03-18, 10:00 in Tokyo (the spec's own example date, §5.2)
const referenceTime = new Date("2024-03-18T01:00:00Z");
const timeZone = "Asia/Tokyo";

/** [language, said, DATETIME value, valueType, DATETIME_RECENT value (default: same)] */
type Row = [Language, string, string, string, string?];

const rows: Row[] = [
  ["ja", "水曜日", "2024-03-20", "DATE", "2024-03-13"],
  ["ja", "12月25日", "2024-12-25", "DATE", "2023-12-25"],
  ["ja", "夏", "2024-06-01/2024-08-31", "DATE.INTERVAL", "2023-06-01/2023-08-31"],
  ["ja", "冬", "2024-12-01/2025-02-28", "DATE.INTERVAL", "2023-12-01/2024-02-29"],
  ["ja", "10月", "2024-10-01/2024-10-31", "DATE.INTERVAL", "2023-10-01/2023-10-31"],
  ["ja", "3時", "03:00:00", "TIME"],
  ["ja", "午後3時", "15:00:00", "TIME"],
  ["ja", "夜", "18:00:00/24:00:00", "TIME.INTERVAL"],
  ["ja", "明日の昼", "2024-03-19T11:00:00+09:00/2024-03-19T13:00:00+09:00", "DATETIME.INTERVAL"],
  ["ja", "来週の金曜", "2024-03-29", "DATE"],
  ["ja", "先週の金曜", "2024-03-15", "DATE"],
  ["ja", "明日の朝7時", "2024-03-19T07:00:00+09:00", "DATETIME"],
  ["ja", "明日の夜8時半", "2024-03-19T20:30:00+09:00", "DATETIME"],
  ["ja", "3時から5時まで", "03:00:00/05:00:00", "TIME.INTERVAL"],
  [
    "ja",
    "明日の午後3時から5時",
    "2024-03-19T15:00:00+09:00/2024-03-19T17:00:00+09:00",
    "DATETIME.INTERVAL",
  ],
  ["ja", "金曜から日曜", "2024-03-22/2024-03-24", "DATE.INTERVAL", "2024-03-15/2024-03-17"],
  ["ja", "今週末", "2024-03-23/2024-03-24", "DATE.INTERVAL"],
  ["ja", "2024年3月1日", "2024-03-01", "DATE"],
  ["ja", "十二月二十五日", "2024-12-25", "DATE", "2023-12-25"],
  ["ja", "3日後", "2024-03-21", "DATE"],
  ["ja", "30分後", "2024-03-18T10:30:00+09:00", "DATETIME"],
  ["ja", "今", "2024-03-18T10:00:00+09:00", "DATETIME"],
  ["en", "tomorrow at 7 pm", "2024-03-19T19:00:00+09:00", "DATETIME"],
  ["en", "7 pm tomorrow", "2024-03-19T19:00:00+09:00", "DATETIME"],
  ["en", "next Friday", "2024-03-29", "DATE"],
  ["en", "this coming Friday", "2024-03-22", "DATE"],
  ["en", "Wednesday", "2024-03-20", "DATE", "2024-03-13"],
  ["en", "this weekend", "2024-03-23/2024-03-24", "DATE.INTERVAL"],
  ["en", "the weekend", "2024-03-23/2024-03-24", "DATE.INTERVAL", "2024-03-16/2024-03-17"],
  ["en", "from 3 to 5 pm", "15:00:00/17:00:00", "TIME.INTERVAL"],
  [
    "en",
    "tomorrow from 3 to 5 pm",
    "2024-03-19T15:00:00+09:00/2024-03-19T17:00:00+09:00",
    "DATETIME.INTERVAL",
  ],
  ["en", "March 25th", "2024-03-25", "DATE", "2023-03-25"],
  ["en", "the 5th of April 2025", "2025-04-05", "DATE"],
  ["en", "the 5th", "2024-04-05", "DATE", "2024-03-05"],
  ["en", "in 10 minutes", "2024-03-18T10:10:00+09:00", "DATETIME"],
  ["en", "2 days ago", "2024-03-16", "DATE"],
  ["en", "at seven thirty", "07:30:00", "TIME"],
  ["en", "quarter to eight", "07:45:00", "TIME"],
  ["en", "noon", "12:00:00", "TIME"],
  ["en", "tonight", "2024-03-18T18:00:00+09:00/2024-03-19T00:00:00+09:00", "DATETIME.INTERVAL"],
  ["en", "next week", "2024-03-25/2024-03-31", "DATE.INTERVAL"],
  ["en", "October", "2024-10-01/2024-10-31", "DATE.INTERVAL", "2023-10-01/2023-10-31"],
  ["en", "summer", "2024-06-01/2024-08-31", "DATE.INTERVAL", "2023-06-01/2023-08-31"],
  ["ko", "내일 오후 7시", "2024-03-19T19:00:00+09:00", "DATETIME"],
  ["ko", "다음 주 금요일", "2024-03-29", "DATE"],
  ["ko", "수요일", "2024-03-20", "DATE", "2024-03-13"],
  ["ko", "세 시 반", "03:30:00", "TIME"],
  ["ko", "저녁 일곱 시", "19:00:00", "TIME"],
  ["ko", "3시부터 5시까지", "03:00:00/05:00:00", "TIME.INTERVAL"],
  ["ko", "12월 25일", "2024-12-25", "DATE", "2023-12-25"],
  ["ko", "지난 주말", "2024-03-16/2024-03-17", "DATE.INTERVAL"],
  ["ko", "10분 후", "2024-03-18T10:10:00+09:00", "DATETIME"],
  ["ko", "내일 아침", "2024-03-19T06:00:00+09:00/2024-03-19T09:00:00+09:00", "DATETIME.INTERVAL"],
  ["ko", "모레", "2024-03-20", "DATE"],
  ["ko", "시월", "2024-10-01/2024-10-31", "DATE.INTERVAL", "2023-10-01/2023-10-31"],
  // a day of month inside a month, a month inside a year, overlapping words
  ["ja", "来月の3日", "2024-04-03", "DATE"],
  ["ja", "来年の3月", "2025-03-01/2025-03-31", "DATE.INTERVAL"],
  ["ja", "今夜9時", "2024-03-18T21:00:00+09:00", "DATETIME"],
  ["ja", "1時間半後", "2024-03-18T11:30:00+09:00", "DATETIME"],
  ["ko", "다음 달 3일", "2024-04-03", "DATE"],
  ["ko", "내년 3월", "2025-03-01/2025-03-31", "DATE.INTERVAL"],
  ["ko", "두 시간 뒤", "2024-03-18T12:00:00+09:00", "DATETIME"],
  ["en", "next month on the 5th", "2024-04-05", "DATE"],
  [
    "en",
    "tomorrow between 2 and 4 pm",
    "2024-03-19T14:00:00+09:00/2024-03-19T16:00:00+09:00",
    "DATETIME.INTERVAL",
  ],
  ["en", "1 hour and 20 minutes from now", "2024-03-18T11:20:00+09:00", "DATETIME"],
  ["en", "Aug. the 3rd", "2024-08-03", "DATE", "2023-08-03"],
  ["en", "10:47:15 pm", "22:47:15", "TIME"],
  // holidays with a computable date
  ["ja", "こどもの日", "2024-05-05", "DATE", "2023-05-05"],
  ["ja", "お正月", "2025-01-01", "DATE", "2024-01-01"],
  ["ja", "正月の朝7時", "2025-01-01T07:00:00+09:00", "DATETIME", "2024-01-01T07:00:00+09:00"],
  ["ja", "成人の日", "2025-01-13", "DATE", "2024-01-08"],
  ["ja", "春分の日", "2024-03-20", "DATE", "2023-03-21"],
  ["en", "Thanksgiving", "2024-11-28", "DATE", "2023-11-23"],
  [
    "en",
    "Christmas Eve at 8 pm",
    "2024-12-24T20:00:00+09:00",
    "DATETIME",
    "2023-12-24T20:00:00+09:00",
  ],
  ["ko", "삼일절", "2025-03-01", "DATE", "2024-03-01"],
  ["ko", "크리스마스", "2024-12-25", "DATE", "2023-12-25"],
  // clock times as people say them: minutes before the hour, hour and minutes in words,
  // midnight said with a part of the night
  ["en", "for seven thirty", "07:30:00", "TIME"],
  ["en", "for seven thirty tomorrow", "2024-03-19T07:30:00+09:00", "DATETIME"],
  ["en", "by six forty-five", "06:45:00", "TIME"],
  ["en", "12 at night", "00:00:00", "TIME"],
  ["ja", "8時15分前", "07:45:00", "TIME"],
  ["ja", "午後8時15分前", "19:45:00", "TIME"],
  ["ja", "夜中の12時", "00:00:00", "TIME"],
  ["ja", "夜の12時", "00:00:00", "TIME"],
  ["ja", "真夜中", "00:00:00", "TIME"],
  ["ja", "夜中の2時", "02:00:00", "TIME"],
  ["ko", "8시 15분 전", "07:45:00", "TIME"],
  ["ko", "밤 12시", "00:00:00", "TIME"],
  ["en", "tonight at 12", "2024-03-19T00:00:00+09:00", "DATETIME"],
  ["ja", "明日の夜12時", "2024-03-20T00:00:00+09:00", "DATETIME"],
];

describe("CLOVA.DATETIME and CLOVA.DATETIME_RECENT", () => {
  it("reads a count of minutes as no clock time ('for twenty five minutes')", () => {
    const options = { language: "en" as const, referenceTime, timeZone };
    for (const said of ["set a timer for twenty five minutes", "for ten twenty-minute runs"])
      assert.deepEqual(findBuiltinSlots("CLOVA.DATETIME", said, options), [], said);
  });

  for (const [language, said, value, valueType, recent] of rows) {
    it(`${language} "${said}"`, () => {
      const options = { language, referenceTime, timeZone };
      assert.deepEqual(resolveBuiltinSlot("CLOVA.DATETIME", said, options), { value, valueType });
      assert.deepEqual(resolveBuiltinSlot("CLOVA.DATETIME_RECENT", said, options), {
        value: recent ?? value,
        valueType,
      });
    });
  }

  it("uses the caller's time zone for today and for the offset", () => {
    const late = new Date("2024-03-18T20:00:00Z"); // Monday in UTC, Tuesday 05:00 in Tokyo
    const at = (timeZone?: string) =>
      resolveBuiltinSlot("CLOVA.DATETIME", "tomorrow", {
        language: "en",
        referenceTime: late,
        timeZone,
      });
    assert.equal(at("UTC")?.value, "2024-03-19");
    assert.equal(at(undefined)?.value, "2024-03-19");
    assert.equal(at("Asia/Tokyo")?.value, "2024-03-20");
    const ny = resolveBuiltinSlot("CLOVA.DATETIME", "tomorrow at 7 pm", {
      language: "en",
      referenceTime: late,
      timeZone: "America/New_York",
    });
    assert.deepEqual(ny, { value: "2024-03-19T19:00:00-04:00", valueType: "DATETIME" });
  });

  it("applies the offset in force on the resolved day (daylight saving change)", () => {
    const friday = new Date("2024-03-08T15:00:00Z"); // Friday before US DST starts on Sunday
    const options = {
      language: "en" as const,
      referenceTime: friday,
      timeZone: "America/New_York",
    };
    assert.equal(
      resolveBuiltinSlot("CLOVA.DATETIME", "today at 3 pm", options)?.value,
      "2024-03-08T15:00:00-05:00",
    );
    assert.equal(
      resolveBuiltinSlot("CLOVA.DATETIME", "Sunday at 3 pm", options)?.value,
      "2024-03-10T15:00:00-04:00",
    );
  });

  it("returns undefined for spans that are not dates or times", () => {
    for (const [language, said] of [
      ["en", "banana"],
      ["en", "at the station"],
      ["ja", "りんご"],
      ["ko", "피자"],
      ["ja", "13月"],
      ["en", "25:00"],
    ] as const) {
      assert.equal(
        resolveBuiltinSlot("CLOVA.DATETIME", said, { language, referenceTime, timeZone }),
        undefined,
        said,
      );
    }
  });

  it("does not read dates into ordinary words", () => {
    const none: [Language, string][] = [
      ["en", "may I have the second one"],
      ["en", "order a pizza for me"],
      ["ja", "今回は秋葉原に行く"],
      ["ja", "朝ごはんを食べた"],
      ["ja", "夏休みの予定"],
      ["ja", "一緒に三日月を見る"],
      ["ko", "이 일 좀 해줘"],
      ["ko", "이 시 좀 읽어줘"],
      ["ko", "일이 많아"],
    ];
    for (const [language, text] of none) {
      assert.deepEqual(
        findBuiltinSlots("CLOVA.DATETIME", text, { language, referenceTime, timeZone }),
        [],
        text,
      );
    }
  });

  it("joins a time with a day said after it", () => {
    const options = { language: "en" as const, referenceTime, timeZone };
    assert.equal(
      resolveBuiltinSlot("CLOVA.DATETIME", "eight o'clock tonight", options)?.value,
      "2024-03-18T20:00:00+09:00",
    );
    assert.equal(
      resolveBuiltinSlot("CLOVA.DATETIME", "6:30 tomorrow morning", options)?.value,
      "2024-03-19T06:30:00+09:00",
    );
    const ko = { language: "ko" as const, referenceTime, timeZone };
    assert.equal(
      resolveBuiltinSlot("CLOVA.DATETIME", "오늘 밤 열 시", ko)?.value,
      "2024-03-18T22:00:00+09:00",
    );
  });

  it("rejects a time zone that is not an IANA name", () => {
    assert.throws(
      () =>
        resolveBuiltinSlot("CLOVA.DATETIME", "tomorrow", {
          language: "en",
          referenceTime,
          timeZone: "Mars/Olympus",
        }),
      /timeZone: "Mars\/Olympus"/,
    );
  });

  it("finds date/time spans with offsets in whole utterances", () => {
    const en = findBuiltinSlots("CLOVA.DATETIME", "remind me tomorrow at 7 pm to call mom", {
      language: "en",
      referenceTime,
      timeZone,
    });
    assert.deepEqual(en, [
      {
        start: 10,
        end: 26,
        text: "tomorrow at 7 pm",
        resolved: { value: "2024-03-19T19:00:00+09:00", valueType: "DATETIME" },
      },
    ]);
    const ja = findBuiltinSlots("CLOVA.DATETIME", "明日の朝7時に起こして", {
      language: "ja",
      referenceTime,
      timeZone,
    });
    assert.deepEqual(
      ja.map((s) => [s.start, s.end, s.text]),
      [[0, 6, "明日の朝7時"]],
    );
    const ko = findBuiltinSlots("CLOVA.DATETIME", "내일 오후 7시에 알려줘", {
      language: "ko",
      referenceTime,
      timeZone,
    });
    assert.deepEqual(
      ko.map((s) => [s.start, s.end, s.text]),
      [[0, 8, "내일 오후 7시"]],
    );
    const two = findBuiltinSlots(
      "CLOVA.DATETIME_RECENT",
      "what did I do yesterday and last Friday",
      { language: "en", referenceTime, timeZone },
    );
    assert.deepEqual(
      two.map((s) => [s.start, s.end, s.resolved.value]),
      [
        [14, 23, "2024-03-17"],
        [28, 39, "2024-03-15"],
      ],
    );
    const between = resolveBuiltinSlot("CLOVA.DATETIME", "between Monday and Wednesday", {
      language: "en",
      referenceTime,
      timeZone,
    });
    assert.deepEqual(between, { value: "2024-03-18/2024-03-20", valueType: "DATE.INTERVAL" });
  });
});
