// Holidays with a computable date, so CLOVA.DATETIME can resolve 「こどもの日」, "Christmas",
// "추석"-free (lunar holidays are not computed) names to the next (RECENT: last) occurrence.
import { type AtomRule, wordRule } from "./atoms.js";
import { civil, dayOf, lastDayOfMonth, weekdayOf } from "./clock.js";
import type { Atom, Ctx } from "./model.js";

type DateOfYear = (year: number) => number | undefined;

const fixed =
  (m: number, d: number): DateOfYear =>
  (y) =>
    dayOf(y, m, d);
/** n-th weekday (0 = Monday) of a month; n = -1 for the last one. */
const nth =
  (m: number, n: number, weekday: number): DateOfYear =>
  (y) => {
    if (n < 0) {
      const last = lastDayOfMonth(y, m);
      return last - ((weekdayOf(last) - weekday + 7) % 7);
    }
    const first = dayOf(y, m, 1)!;
    return first + ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1);
  };
/** Japan's equinox days (the usual approximation, valid 1980–2099). */
const equinox =
  (m: 3 | 9): DateOfYear =>
  (y) => {
    const base = m === 3 ? 20.8431 : 23.2488;
    return dayOf(y, m, Math.floor(base + 0.242194 * (y - 1980) - Math.floor((y - 1980) / 4)));
  };

const TABLE: [DateOfYear, string][] = [
  // お正月: the first of the three days of the New Year, the day a user means by "on New Year"
  [fixed(1, 1), "元日|元旦|お正月|正月|new year's day|new years day|신정|새해 첫날"],
  [nth(1, 2, 0), "成人の日|coming of age day|성인의 날"],
  [fixed(2, 11), "建国記念の日|建国記念日|national foundation day"],
  [fixed(2, 14), "バレンタインデー|valentine's day|valentines day|밸런타인데이|발렌타인데이"],
  [fixed(2, 23), "天皇誕生日|emperor's birthday"],
  [fixed(3, 1), "삼일절|3.1절|independence movement day"],
  [fixed(3, 3), "ひな祭り|ひなまつり|雛祭り"],
  [fixed(3, 14), "ホワイトデー|white day|화이트데이"],
  [fixed(3, 17), "st. patrick's day|saint patrick's day|st patrick's day"],
  [equinox(3), "春分の日"],
  [fixed(4, 5), "식목일|arbor day"],
  [fixed(4, 29), "昭和の日|showa day"],
  [fixed(5, 3), "憲法記念日|constitution day"],
  [fixed(5, 4), "みどりの日|greenery day"],
  [fixed(5, 5), "こどもの日|子供の日|子どもの日|children's day|어린이날"],
  [fixed(5, 8), "어버이날|parents' day"],
  [fixed(5, 15), "스승의 날|teachers' day"],
  [nth(5, 2, 6), "母の日|mother's day|mothers day|어머니날"],
  [nth(5, -1, 0), "memorial day"],
  [fixed(6, 6), "현충일"],
  [nth(6, 3, 6), "父の日|father's day|fathers day|아버지날"],
  [fixed(7, 4), "independence day|fourth of july|the fourth of july|july fourth"],
  [fixed(7, 7), "七夕|たなばた|칠석"],
  [nth(7, 3, 0), "海の日|marine day"],
  [fixed(8, 11), "山の日|mountain day"],
  [fixed(8, 15), "광복절|liberation day"],
  [nth(9, 1, 0), "labor day|labour day"],
  [nth(9, 3, 0), "敬老の日|respect for the aged day"],
  [equinox(9), "秋分の日"],
  [fixed(10, 3), "개천절"],
  [fixed(10, 9), "한글날|hangul day"],
  [nth(10, 2, 0), "スポーツの日|体育の日|sports day"],
  [fixed(10, 31), "ハロウィン|ハロウィーン|halloween|핼러윈|할로윈"],
  [fixed(11, 3), "文化の日|culture day"],
  [fixed(11, 23), "勤労感謝の日|labor thanksgiving day"],
  [nth(11, 4, 3), "thanksgiving|thanksgiving day"],
  [fixed(12, 24), "クリスマスイブ|クリスマスイヴ|christmas eve|크리스마스 이브"],
  [fixed(12, 25), "クリスマス|christmas|christmas day|크리스마스|성탄절"],
  [fixed(12, 31), "大晦日|おおみそか|new year's eve|new years eve"],
];

/** The holiday's next (DATETIME) or last (RECENT) date, today included. */
function occurrence(date: DateOfYear) {
  return (c: Ctx): number | undefined => {
    const { y } = civil(c.today);
    for (let k = 0; k < 3; k++) {
      const day = date(y + c.dir * k);
      if (day !== undefined && (c.dir > 0 ? day >= c.today : day <= c.today)) return day;
    }
    return undefined;
  };
}

const words: Record<string, Atom> = {};
for (const [date, names] of TABLE) {
  const atom: Atom = { k: "day", day: occurrence(date) };
  for (const name of names.split("|")) words[name] = atom;
}

export const HOLIDAY_RULE: AtomRule = wordRule(words, true);
