// Korean date/time vocabulary. Parts of the day for ko are our choice (§13 #7): 새벽 00–06,
// 아침 06–09, 오전 00–12, 점심 11–13, 낮 09–18, 오후 12–24, 저녁 18–21, 밤 18–24.
import { KO_PARTICLES } from "../normalize.js";
import { type AtomRule, clock, minutesBefore, moment, num, rule, wordRule } from "./atoms.js";
import * as D from "./days.js";
import { DURATION_SOURCE, durationTotals } from "./duration.js";
import { HOLIDAY_RULE } from "./holidays.js";
import { AM, type Atom, NIGHT_ADJUST, NOON_ADJUST, type Part, PM, part } from "./model.js";

const N = "(?:[0-9]{1,4}|[일이삼사오육칠팔구십]{1,4})";
const NATIVE_HOUR = "(?:열한|열두|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)";
const WEEKDAYS = "월화수목금토일";
const KO_PARTS: Record<string, Part> = {
  새벽: part(0, 6, AM),
  아침: part(6, 9, AM),
  오전: part(0, 12, AM),
  점심: part(11, 13, NOON_ADJUST),
  낮: part(9, 18, NOON_ADJUST),
  오후: part(12, 24, PM),
  저녁: part(18, 21, PM),
  밤: part(18, 24, NIGHT_ADJUST),
};
const day = (offset: number, p?: Part): Atom => ({ k: "day", day: D.relativeDay(offset), part: p });
const WEEK: Record<string, number | "after" | "before"> = {
  이번주: 0,
  다음주: 1,
  담주: 1,
  차주: 1,
  지난주: -1,
  저번주: -1,
  다다음주: 2,
  지지난주: -2,
  이번: 0,
  다음: 1,
  지난: -1,
  저번: -1,
  오는: "after",
  돌아오는: "after",
};
const now: Atom = { k: "moment", at: (c) => ({ day: c.today, seconds: c.now }) };
const parts: Record<string, Atom> = {};
for (const [k, p] of Object.entries(KO_PARTS)) parts[k] = { k: "part", part: p };
const monthNum = (s: string): number | undefined => (s === "유" ? 6 : s === "시" ? 10 : num(s));

export const KO_RULES: readonly AtomRule[] = [
  HOLIDAY_RULE,
  wordRule({
    ...parts,
    오늘: day(0),
    금일: day(0),
    내일: day(1),
    명일: day(1),
    모레: day(2),
    내일모레: day(2),
    글피: day(3),
    어제: day(-1),
    그제: day(-2),
    그저께: day(-2),
    엊그제: day(-2),
    오늘밤: day(0, KO_PARTS["밤"]),
    어젯밤: day(-1, KO_PARTS["밤"]),
    "이번 주": { k: "days", range: D.week(0) },
    "다음 주": { k: "days", range: D.week(1) },
    담주: { k: "days", range: D.week(1) },
    "지난 주": { k: "days", range: D.week(-1) },
    "저번 주": { k: "days", range: D.week(-1) },
    "다다음 주": { k: "days", range: D.week(2) },
    주말: { k: "days", range: D.weekend() },
    "이번 주말": { k: "days", range: D.weekend(0) },
    "다음 주말": { k: "days", range: D.weekend(1) },
    "지난 주말": { k: "days", range: D.weekend(-1) },
    "이번 달": { k: "days", range: D.relativeMonth(0) },
    이달: { k: "days", range: D.relativeMonth(0) },
    "다음 달": { k: "days", range: D.relativeMonth(1) },
    "지난 달": { k: "days", range: D.relativeMonth(-1) },
    "저번 달": { k: "days", range: D.relativeMonth(-1) },
    올해: { k: "days", range: D.year({ offset: 0 }) },
    금년: { k: "days", range: D.year({ offset: 0 }) },
    내년: { k: "days", range: D.year({ offset: 1 }) },
    작년: { k: "days", range: D.year({ offset: -1 }) },
    지난해: { k: "days", range: D.year({ offset: -1 }) },
    내후년: { k: "days", range: D.year({ offset: 2 }) },
    재작년: { k: "days", range: D.year({ offset: -2 }) },
    지금: now,
    현재: now,
    정오: clock(12)!,
    자정: clock(0)!,
    부터: { k: "to" },
    에서: { k: "to" },
    "~": { k: "to" },
    "-": { k: "to" },
    까지: { k: "until" },
    에: { k: "join" },
    의: { k: "join" },
  }),
  rule(
    `(?:(?<mod>이번 ?주|다음 ?주|지난 ?주|저번 ?주|다다음 ?주|지지난 ?주|담주|차주|이번|다음|지난|저번|오는|돌아오는)(?: ?의)? ?)?(?<wd>[${WEEKDAYS}])요일`,
    (g) => ({
      k: "day",
      day: D.weekday(
        WEEKDAYS.indexOf(g["wd"]!),
        g["mod"] ? WEEK[g["mod"].replace(/ /g, "")] : undefined,
      ),
    }),
  ),
  rule(
    `(?:(?<y>${N}) ?년 ?)?(?<m>${N}|유|시) ?월 ?(?<d>${N}) ?일(?! ?(?:간|동안|후|뒤|전))|(?<y2>\\d{4})[-/.](?<m2>\\d{1,2})[-/.](?<d2>\\d{1,2})|(?<m3>\\d{1,2})/(?<d3>\\d{1,2})`,
    (g) => {
      const m = monthNum(g["m"] ?? g["m2"] ?? g["m3"]!);
      const d = num(g["d"] ?? g["d2"] ?? g["d3"]);
      return m === undefined || d === undefined
        ? undefined
        : { k: "day", day: D.monthDay(m, d, num(g["y"] ?? g["y2"])) };
    },
  ),
  rule(
    `(?<![가-힣])(?<d>[0-9]{1,2} ?|[일이삼사오육칠팔구십]{1,3})일(?!간| ?동안| ?후| ?뒤| ?전|요일|째)(?=${KO_PARTICLES}?(?![가-힣]))`,
    (g) => {
      const d = num(g["d"]);
      return d === undefined || d < 1 || d > 31
        ? undefined
        : { k: "day", day: D.dayOfMonth(d), dom: d };
    },
  ),
  rule(
    `(?<![가-힣])(?:(?<y>${N}) ?년 ?)?(?<m>${N}|유|시) ?월(?!요일| ?[0-9일이삼사오육칠팔구십]+ ?일)`,
    (g) => {
      const m = monthNum(g["m"]!);
      return m === undefined || m < 1 || m > 12
        ? undefined
        : { k: "days", range: D.month(m, num(g["y"])), month: g["y"] ? undefined : m };
    },
  ),
  rule("(?<y>\\d{4}) ?년(?! ?(?:간|동안|후|뒤|전))", (g) => ({
    k: "days",
    range: D.year(num(g["y"])!),
  })),
  rule("(?:(?<mod>올해|내년|작년|이번|다음|지난) ?)?(?<s>봄|여름|가을|겨울)(?!방학|휴가)", (g) => {
    const s = ({ 봄: "spring", 여름: "summer", 가을: "autumn", 겨울: "winter" } as const)[
      g["s"] as "봄"
    ];
    const mod = g["mod"];
    const offset =
      mod === "올해"
        ? 0
        : mod === "내년" || mod === "다음"
          ? 1
          : mod === "작년" || mod === "지난"
            ? -1
            : undefined;
    return { k: "days", range: D.season(s, offset) };
  }),
  // "8시 15분 전" is a quarter to eight (07:45), not 08:15.
  rule(
    `(?:(?<p>오전|오후|아침|저녁|밤|새벽|낮|점심) ?)?(?:(?<h>[0-9]{1,2}|${NATIVE_HOUR}) ?|(?<h2>[일이삼사오육칠팔구십]{1,3}))시(?!간)(?: ?(?<half>반)| ?(?<m>${N}) ?분(?: ?(?<before>전)| ?(?<s>${N}) ?초)?)?(?: ?쯤| ?경)?`,
    (g) =>
      g["before"]
        ? minutesBefore(num(g["h"] ?? g["h2"]), num(g["m"]), g["p"] ? KO_PARTS[g["p"]] : undefined)
        : clock(
            num(g["h"] ?? g["h2"]),
            g["half"] ? 30 : (num(g["m"]) ?? 0),
            num(g["s"]) ?? 0,
            g["p"] ? KO_PARTS[g["p"]] : undefined,
          ),
  ),
  rule("(?<h>\\d{1,2}):(?<m>\\d{2})", (g) => clock(num(g["h"]), num(g["m"]))),
  rule(`(?<![가-힣])(?<d>${DURATION_SOURCE.ko}) ?(?<rel>후|뒤|전|있다가|이따가)`, (g) =>
    moment(durationTotals(g["d"]!, "ko"), g["rel"] === "전" ? -1 : 1),
  ),
];
