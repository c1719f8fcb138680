// English date/time vocabulary. Parts of the day for en are our choice (§13 #7): morning
// 06–12, afternoon 12–18, evening 18–21, night 18–24, lunchtime 11–13.
import { type AtomRule, clock, minutesBefore, moment, num, rule } from "./atoms.js";
import * as D from "./days.js";
import { DURATION_SOURCE, durationTotals } from "./duration.js";
import { HOLIDAY_RULE } from "./holidays.js";
import type { Atom, Part } from "./model.js";
import { AM_PART, EN_WORDS, PARTS, PM_PART } from "./words-en.js";

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH_ABBR: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const ONES = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];
const ORDINALS: Record<string, number> = {};
ONES.forEach((w, i) => {
  ORDINALS[w] = i + 1;
  ORDINALS[`twenty-${w}`] = 21 + i;
  ORDINALS[`twenty ${w}`] = 21 + i;
});
Object.assign(ORDINALS, {
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
  "thirty-first": 31,
  "thirty first": 31,
});

const WD = `(?<wd>${WEEKDAYS.join("|")}|(?:mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\\.|tues|weds|thurs)s?`;
const ABBR = "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
function weekdayIndex(s: string): number {
  return WEEKDAYS.findIndex((w) => w.startsWith(s.slice(0, 3)));
}
const MON = `(?<mon>${MONTHS.join("|")}|${Object.keys(MONTH_ABBR).join("|")})\\.?`;
const ORD = `(?<d>\\d{1,2}(?:st|nd|rd|th)?|${Object.keys(ORDINALS)
  .sort((a, b) => b.length - a.length)
  .join("|")})`;
const SMALL =
  "(?:\\d{1,2}|(?:twenty|thirty|forty|fifty)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";
const DIGIT_WORD = "(?:one|two|three|four|five|six|seven|eight|nine)";
/** The minutes of a clock time said in words: "thirty", "forty-five", "oh five", "15". */
const SPOKEN_MINUTE = `(?:\\d{2}|oh[ -]${DIGIT_WORD}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty)(?:[ -]${DIGIT_WORD})?)`;
const MIN = `(?<m>\\d{2}|oh[ -](?:one|two|three|four|five|six|seven|eight|nine)|${SMALL})`;

function dayNum(s: string): number | undefined {
  return ORDINALS[s] ?? num(s.replace(/(?:st|nd|rd|th)$/, ""));
}
function monthNum(s: string): number {
  const t = s.replace(/\.$/, "");
  return MONTH_ABBR[t] ?? MONTHS.indexOf(t) + 1;
}
function minute(s: string | undefined): number | undefined {
  if (s === undefined) return 0;
  return num(s.replace(/^oh[ -]/, ""));
}
function meridiem(s: string | undefined): Part | undefined {
  if (!s) return undefined;
  if (s.startsWith("a")) return AM_PART;
  if (s.startsWith("p") || s.includes("afternoon") || s.includes("evening")) return PM_PART;
  if (s.includes("morning")) return AM_PART;
  return PARTS["night"];
}
const WEEK_MOD: Record<string, number | "after" | "before"> = {
  this: 0,
  next: 1,
  last: -1,
  coming: "after",
  "this coming": "after",
  following: "after",
  previous: "before",
  past: "before",
};
const RANGE_OFFSET: Record<string, number> = {
  this: 0,
  next: 1,
  last: -1,
  coming: 1,
  previous: -1,
  past: -1,
};
function monthDayAtom(g: Record<string, string | undefined>): Atom | undefined {
  const d = dayNum(g["d"]!);
  return d === undefined
    ? undefined
    : { k: "day", day: D.monthDay(monthNum(g["mon"]!), d, num(g["y"])) };
}
const MER = "(?<mer>a\\.?m\\.?|p\\.?m\\.?|in the morning|in the afternoon|in the evening|at night)";

export const EN_RULES: readonly AtomRule[] = [
  HOLIDAY_RULE,
  EN_WORDS,
  rule("-|~", () => ({ k: "to" })),
  rule(",", () => ({ k: "join" })),
  rule(
    `(?<mod>this|next|last|coming|previous|past) (?<u>week|month|year)`,
    (g) => {
      const o = RANGE_OFFSET[g["mod"]!]!;
      const u = g["u"];
      return {
        k: "days",
        range:
          u === "week" ? D.week(o) : u === "month" ? D.relativeMonth(o) : D.year({ offset: o }),
      };
    },
    true,
  ),
  rule(
    `(?:(?<mod>this coming|this|next|last|coming|following|previous|past) )?${WD}(?: (?<wk>this|next|last) week)?`,
    (g) => {
      const w = weekdayIndex(g["wd"]!);
      const mod = g["wk"] ? WEEK_MOD[g["wk"]] : g["mod"] ? WEEK_MOD[g["mod"]] : undefined;
      return { k: "day", day: D.weekday(w, mod) };
    },
    true,
  ),
  rule(
    `(?<wk>this|next|last) week(?:'s)? ${WD}`,
    (g) => ({ k: "day", day: D.weekday(weekdayIndex(g["wd"]!), WEEK_MOD[g["wk"]!]) }),
    true,
  ),
  rule(`${MON} (?:the )?${ORD}(?:,? (?<y>\\d{4}))?`, monthDayAtom, true),
  rule(`(?:the )?${ORD} (?:of )?${MON}(?:,? (?<y>\\d{4}))?`, monthDayAtom, true),
  rule(
    "(?<y>\\d{4})-(?<m>\\d{1,2})-(?<d>\\d{1,2})|(?<m2>\\d{1,2})/(?<d2>\\d{1,2})(?:/(?<y2>\\d{4}))?",
    (g) => ({
      k: "day",
      day: D.monthDay(num(g["m"] ?? g["m2"])!, num(g["d"] ?? g["d2"])!, num(g["y"] ?? g["y2"])),
    }),
    true,
  ),
  rule(
    `(?:(?<mod>this|next|last) |(?:in|of|during|until) )?(?<mon>${MONTHS.filter((m) => m !== "may").join("|")}|(?:${ABBR})\\.)(?: (?<y>\\d{4}))?|(?:(?<mod2>this|next|last) |(?:in|of|during|until) )(?<may>may|${ABBR})\\.?(?: (?<y2>\\d{4}))?`,
    (g) => {
      const mod = g["mod"] ?? g["mod2"];
      const m = monthNum(g["mon"] ?? g["may"]!);
      const y = num(g["y"] ?? g["y2"]);
      if (!mod) return { k: "days", range: D.month(m, y), month: y === undefined ? m : undefined };
      const offset = RANGE_OFFSET[mod]!;
      return {
        k: "days",
        range: (c) => D.month(m, new Date(c.today * 864e5).getUTCFullYear() + offset)(c),
      };
    },
    true,
  ),
  rule(
    `on the ${ORD}|the (?<d2>\\d{1,2}(?:st|nd|rd|th))`,
    (g) => {
      const d = dayNum(g["d"] ?? g["d2"]!);
      return d === undefined || d > 31 ? undefined : { k: "day", day: D.dayOfMonth(d), dom: d };
    },
    true,
  ),
  rule(
    "(?:in|the year) (?<y>(?:19|20)\\d{2})",
    (g) => ({ k: "days", range: D.year(num(g["y"])!) }),
    true,
  ),
  rule(
    "(?:(?<mod>this|next|last|in the|in) )?(?<s>spring|summer|autumn|winter)|(?<mod2>this|next|last|in the) fall",
    (g) => {
      const s = (g["s"] ?? "autumn") as D.Season;
      const mod = g["mod"] ?? g["mod2"];
      const offset = mod && mod in RANGE_OFFSET ? RANGE_OFFSET[mod] : undefined;
      return { k: "days", range: D.season(s, offset) };
    },
    true,
  ),
  rule(
    `(?:at )?(?<h>${SMALL})(?:[: ]${MIN}(?::(?<s>\\d{2}))?)? ?${MER}`,
    (g) => clock(num(g["h"]), minute(g["m"]), num(g["s"]) ?? 0, meridiem(g["mer"])),
    true,
  ),
  rule(
    `(?:at )?(?<h>${SMALL}) o'?clock(?: ${MER})?`,
    (g) => clock(num(g["h"]), 0, 0, meridiem(g["mer"])),
    true,
  ),
  rule(
    "(?:at )?(?<h>\\d{1,2}):(?<m>\\d{2})(?::(?<s>\\d{2}))?",
    (g) => clock(num(g["h"]), num(g["m"]), num(g["s"]) ?? 0),
    true,
  ),
  rule(`at (?<h>${SMALL})(?: ${MIN})?`, (g) => clock(num(g["h"]), minute(g["m"])), true),
  // "for seven thirty", "by six forty-five": an hour and its minutes said after a word of time,
  // never a count of something ("for twenty five minutes", "for ten twenty-minute runs").
  rule(
    `(?:for|by|around|until|till) (?<h>${SMALL}) (?<m>${SPOKEN_MINUTE})(?![ -]?(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|days?|weeks?))`,
    (g) => clock(num(g["h"]), minute(g["m"])),
    true,
  ),
  rule(
    `(?:from|between) (?<h>${SMALL})(?= ?(?:-|to|and|until|till) )`,
    (g) => {
      const atom = clock(num(g["h"]));
      return atom?.k === "time" ? { ...atom, opens: true } : undefined;
    },
    true,
  ),
  rule(
    `(?:at )?(?:(?<q>half|(?:a )?quarter)|(?<mm>${SMALL})(?: minutes?)?) (?<rel>past|after|to|before) (?<h>${SMALL})`,
    (g) => {
      const h = num(g["h"]);
      const mm = g["q"] ? (g["q"] === "half" ? 30 : 15) : num(g["mm"]);
      if (h === undefined || mm === undefined || mm > 59) return undefined;
      const back = g["rel"] === "to" || g["rel"] === "before";
      return back ? minutesBefore(h, mm) : clock(h, mm);
    },
    true,
  ),
  rule(
    `in (?<d>${DURATION_SOURCE.en})|(?<d2>${DURATION_SOURCE.en}) (?<rel>from now|later|ago)`,
    (g) => moment(durationTotals(g["d"] ?? g["d2"]!, "en"), g["rel"] === "ago" ? -1 : 1),
    true,
  ),
];
