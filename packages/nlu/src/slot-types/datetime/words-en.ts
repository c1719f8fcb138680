// English date/time words: relative days, parts of the day (our choice for en, §13 #7:
// morning 06–12, afternoon 12–18, evening 18–21, night 18–24, lunchtime 11–13, meals),
// weekends, connectors.
import { type AtomRule, clock, wordRule } from "./atoms.js";
import * as D from "./days.js";
import { AM, type Atom, NIGHT_ADJUST, NOON_ADJUST, type Part, PM, part } from "./model.js";

export const AM_PART = part(0, 12, AM);
export const PM_PART = part(12, 24, PM);
export const PARTS: Record<string, Part> = {
  morning: part(6, 12, AM),
  afternoon: part(12, 18, PM),
  evening: part(18, 21, PM),
  night: part(18, 24, NIGHT_ADJUST),
  lunchtime: part(11, 13, NOON_ADJUST),
  // meals, as parts of the day
  breakfast: part(6, 10, AM),
  brunch: part(10, 13, NOON_ADJUST),
  elevenses: part(10, 12, AM),
  lunch: part(11, 14, NOON_ADJUST),
  teatime: part(15, 17, PM),
  "tea time": part(15, 17, PM),
  dinner: part(18, 21, PM),
  supper: part(18, 21, PM),
};

const day = (offset: number, p?: Part): Atom => ({ k: "day", day: D.relativeDay(offset), part: p });

export const EN_WORDS: AtomRule = wordRule(
  {
    today: day(0),
    tomorrow: day(1),
    yesterday: day(-1),
    tonight: day(0, PARTS["night"]),
    tonite: day(0, PARTS["night"]),
    "day after tomorrow": day(2),
    "the day after tomorrow": day(2),
    "day before yesterday": day(-2),
    "the day before yesterday": day(-2),
    "this morning": day(0, PARTS["morning"]),
    "this afternoon": day(0, PARTS["afternoon"]),
    "this evening": day(0, PARTS["evening"]),
    "last night": day(-1, PARTS["night"]),
    now: { k: "moment", at: (c) => ({ day: c.today, seconds: c.now }) },
    "right now": { k: "moment", at: (c) => ({ day: c.today, seconds: c.now }) },
    noon: clock(12)!,
    midday: clock(12)!,
    midnight: clock(0)!,
    morning: { k: "part", part: PARTS["morning"]! },
    afternoon: { k: "part", part: PARTS["afternoon"]! },
    evening: { k: "part", part: PARTS["evening"]! },
    night: { k: "part", part: PARTS["night"]! },
    ...Object.fromEntries(
      Object.entries(PARTS).map(([k, p]) => [k, { k: "part", part: p } as Atom]),
    ),
    "in the morning": { k: "part", part: PARTS["morning"]! },
    "in the afternoon": { k: "part", part: PARTS["afternoon"]! },
    "in the evening": { k: "part", part: PARTS["evening"]! },
    "at night": { k: "part", part: PARTS["night"]! },
    weekend: { k: "days", range: D.weekend() },
    "week-end": { k: "days", range: D.weekend() },
    "the weekend": { k: "days", range: D.weekend() },
    "this weekend": { k: "days", range: D.weekend(0) },
    "next weekend": { k: "days", range: D.weekend(1) },
    "last weekend": { k: "days", range: D.weekend(-1) },
    "the week after next": { k: "days", range: D.week(2) },
    from: { k: "from" },
    between: { k: "from" },
    to: { k: "to" },
    until: { k: "to" },
    till: { k: "to" },
    through: { k: "to" },
    thru: { k: "to" },
    and: { k: "to", weak: true },
    at: { k: "join" },
    on: { k: "join" },
    of: { k: "join" },
  },
  true,
);
