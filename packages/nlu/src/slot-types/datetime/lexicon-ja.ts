// Japanese date/time vocabulary; parts of the day exactly as interaction-model.md §5.2.
import { type AtomRule, clock, minutesBefore, moment, num, rule, wordRule } from "./atoms.js";
import * as D from "./days.js";
import { DURATION_SOURCE, durationTotals } from "./duration.js";
import { HOLIDAY_RULE } from "./holidays.js";
import {
  AM,
  type Atom,
  LATE_NIGHT_ADJUST,
  NIGHT_ADJUST,
  NOON_ADJUST,
  type Part,
  PM,
  part,
} from "./model.js";

const N = "(?:[0-9]{1,4}|[〇一二三四五六七八九十]{1,4})";
const WEEKDAYS = "月火水木金土日";

/** §5.2 parts-of-day table. */
export const JA_PARTS: Record<string, Part> = {
  未明: part(0, 3, AM),
  深夜: part(0, 3, LATE_NIGHT_ADJUST),
  // Our choice (the §5.2 table has no 夜中): the middle of the night, as 深夜.
  夜中: part(0, 3, LATE_NIGHT_ADJUST),
  明け方: part(3, 6, AM),
  朝: part(6, 9, AM),
  昼前: part(9, 12, AM),
  お昼前: part(9, 12, AM),
  昼: part(11, 13, NOON_ADJUST),
  お昼: part(11, 13, NOON_ADJUST),
  昼頃: part(11, 13, NOON_ADJUST),
  昼過ぎ: part(12, 15, PM),
  お昼過ぎ: part(12, 15, PM),
  夕方: part(15, 18, PM),
  午前: part(0, 12, AM),
  午後: part(12, 24, PM),
  日中: part(9, 18, NOON_ADJUST),
  夜: part(18, 24, NIGHT_ADJUST),
  晩: part(18, 24, NIGHT_ADJUST),
};
const day = (offset: number, p?: Part): Atom => ({ k: "day", day: D.relativeDay(offset), part: p });
const WEEK: Record<string, number | "after" | "before"> = {
  今週: 0,
  来週: 1,
  先週: -1,
  再来週: 2,
  先々週: -2,
  次: "after",
  今度: "after",
  この前: "before",
  前: "before",
};
const now: Atom = { k: "moment", at: (c) => ({ day: c.today, seconds: c.now }) };
const parts: Record<string, Atom> = {};
for (const [k, p] of Object.entries(JA_PARTS)) if (k.length > 1) parts[k] = { k: "part", part: p };

export const JA_RULES: readonly AtomRule[] = [
  HOLIDAY_RULE,
  wordRule({
    ...parts,
    真夜中: clock(0)!,
    今日: day(0),
    きょう: day(0),
    本日: day(0),
    明日: day(1),
    あした: day(1),
    あす: day(1),
    明後日: day(2),
    あさって: day(2),
    明々後日: day(3),
    明明後日: day(3),
    しあさって: day(3),
    昨日: day(-1),
    きのう: day(-1),
    一昨日: day(-2),
    おととい: day(-2),
    おとつい: day(-2),
    今朝: day(0, JA_PARTS["朝"]),
    今晩: day(0, JA_PARTS["夜"]),
    今夜: day(0, JA_PARTS["夜"]),
    昨夜: day(-1, JA_PARTS["夜"]),
    昨晩: day(-1, JA_PARTS["夜"]),
    ゆうべ: day(-1, JA_PARTS["夜"]),
    明朝: day(1, JA_PARTS["朝"]),
    明晩: day(1, JA_PARTS["夜"]),
    今週: { k: "days", range: D.week(0) },
    来週: { k: "days", range: D.week(1) },
    先週: { k: "days", range: D.week(-1) },
    再来週: { k: "days", range: D.week(2) },
    先々週: { k: "days", range: D.week(-2) },
    週末: { k: "days", range: D.weekend() },
    土日: { k: "days", range: D.weekend() },
    週明け: { k: "day", day: D.weekday(0, 1) },
    午前中: { k: "part", part: JA_PARTS["午前"]! },
    今週末: { k: "days", range: D.weekend(0) },
    来週末: { k: "days", range: D.weekend(1) },
    先週末: { k: "days", range: D.weekend(-1) },
    今月: { k: "days", range: D.relativeMonth(0) },
    来月: { k: "days", range: D.relativeMonth(1) },
    先月: { k: "days", range: D.relativeMonth(-1) },
    再来月: { k: "days", range: D.relativeMonth(2) },
    今年: { k: "days", range: D.year({ offset: 0 }) },
    来年: { k: "days", range: D.year({ offset: 1 }) },
    去年: { k: "days", range: D.year({ offset: -1 }) },
    昨年: { k: "days", range: D.year({ offset: -1 }) },
    再来年: { k: "days", range: D.year({ offset: 2 }) },
    一昨年: { k: "days", range: D.year({ offset: -2 }) },
    いま: now,
    現在: now,
    正午: clock(12)!,
    から: { k: "to" },
    より: { k: "to" },
    "~": { k: "to" },
    "-": { k: "to" },
    まで: { k: "until" },
    の: { k: "join" },
    "、": { k: "join" },
  }),
  rule("(?<![\\u4e00-\\u9fff])今(?![\\u4e00-\\u9fff])", () => now),
  // one-kanji parts of the day, not inside words (毎朝, 夜中, 朝ごはん)
  rule("(?<![\\u4e00-\\u9fff])(?<p>朝|昼|夜|晩)(?![\\u4e00-\\u9fff]|ごはん|ご飯)", (g) => ({
    k: "part",
    part: JA_PARTS[g["p"]!]!,
  })),
  rule(
    `(?:(?<mod>今週|来週|先週|再来週|先々週|次|今度|この前|前)の?)?(?<wd>[${WEEKDAYS}])曜(?:日)?`,
    (g) => ({
      k: "day",
      day: D.weekday(WEEKDAYS.indexOf(g["wd"]!), g["mod"] ? WEEK[g["mod"]] : undefined),
    }),
  ),
  rule(
    `(?:(?<y>${N})年)?(?<m>${N})月(?<d>${N})日(?!間)|(?<y2>\\d{4})[-/](?<m2>\\d{1,2})[-/](?<d2>\\d{1,2})|(?<m3>\\d{1,2})/(?<d3>\\d{1,2})`,
    (g) => {
      const m = num(g["m"] ?? g["m2"] ?? g["m3"]);
      const d = num(g["d"] ?? g["d2"] ?? g["d3"]);
      return m === undefined || d === undefined
        ? undefined
        : { k: "day", day: D.monthDay(m, d, num(g["y"] ?? g["y2"])) };
    },
  ),
  rule(`(?<d>${N})日(?!間|後|前|以内|ぶり|目|月)`, (g) => {
    const d = num(g["d"]);
    return d === undefined || d < 1 || d > 31
      ? undefined
      : { k: "day", day: D.dayOfMonth(d), dom: d };
  }),
  rule(`(?:(?<y>${N})年)?(?<m>${N})月(?![0-9〇一二三四五六七八九十]|間)`, (g) => {
    const m = num(g["m"]);
    return m === undefined || m < 1 || m > 12
      ? undefined
      : { k: "days", range: D.month(m, num(g["y"])), month: g["y"] ? undefined : m };
  }),
  rule(
    "(?<y>\\d{4}|[〇一二三四五六七八九]{4})年(?!間|後|前|[0-9〇一二三四五六七八九十]+月)",
    (g) => ({ k: "days", range: D.year(num(g["y"])!) }),
  ),
  rule(
    "(?:(?<mod>今年|来年|去年|昨年|この|今度)の?)?(?<![\\u4e00-\\u9fff])(?<s>春|夏|秋|冬)(?![\\u4e00-\\u9fff])",
    (g) => {
      const s = ({ 春: "spring", 夏: "summer", 秋: "autumn", 冬: "winter" } as const)[
        g["s"] as "春"
      ];
      const mod = g["mod"];
      const offset =
        mod === "今年" ? 0 : mod === "来年" ? 1 : mod === "去年" || mod === "昨年" ? -1 : undefined;
      return { k: "days", range: D.season(s, offset) };
    },
  ),
  // "8時15分前" is a quarter to eight (07:45), not 08:15.
  rule(
    `(?:(?<p>午前|午後|朝|夜中|夜|夕方|晩|深夜|未明|明け方|昼)の?)?(?<h>${N})時(?!間)(?:(?<half>半)|(?<m>${N})分(?!間)(?:(?<before>前)|(?<s>${N})秒)?)?(?:ごろ|頃)?`,
    (g) =>
      g["before"]
        ? minutesBefore(num(g["h"]), num(g["m"]), g["p"] ? JA_PARTS[g["p"]] : undefined)
        : clock(
            num(g["h"]),
            g["half"] ? 30 : (num(g["m"]) ?? 0),
            num(g["s"]) ?? 0,
            g["p"] ? JA_PARTS[g["p"]] : undefined,
          ),
  ),
  rule("(?<h>\\d{1,2}):(?<m>\\d{2})", (g) => clock(num(g["h"]), num(g["m"]))),
  rule(`あと(?<d>${DURATION_SOURCE.ja})|(?<d2>${DURATION_SOURCE.ja})(?<rel>後|前|先)`, (g) =>
    moment(durationTotals(g["d"] ?? g["d2"]!, "ja"), g["rel"] === "前" ? -1 : 1),
  ),
];
