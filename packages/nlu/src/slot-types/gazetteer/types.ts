// The dictionary-backed built-in types, compiled at module load.
import type { Language, SlotTypeParser } from "../types.js";
import { gazetteer } from "./index.js";
import { CITY_WARDS, JP_CITIES, JP_PREFECTURES, TOKYO_WARDS } from "./places-jp.js";
import { KR_DONG, KR_SIDO, KR_SIGUNGU } from "./places-kr.js";
import { WORLD_CITIES, WORLD_COUNTRIES } from "./places-world.js";
import { OFFICIAL_DATES, ORDER_WORDS, RELATIVE_TIMES } from "./words.js";

/** Bare names: 大阪府 → 大阪, 八王子市 → 八王子, 아이치현 → 아이치, "Osaka" → "Osaka Prefecture". */
function bare(suffixes: RegExp, englishSuffix: string, koSuffixes: RegExp) {
  return (name: string, language: Language): string[] => {
    if (language === "en") return [`${name} ${englishSuffix}`];
    const re = language === "ja" ? suffixes : koSuffixes;
    const stem = name.replace(re, "");
    return stem !== name && stem.length >= 2 ? [stem] : [];
  };
}

const split = (words: string): string[] => [...new Set(words.split(" "))].map((w) => `${w}|||`);

export const GAZETTEER_TYPES: Record<string, SlotTypeParser> = {
  "CLOVA.JP_ADDRESS_KEN": gazetteer(JP_PREFECTURES, {
    derive: bare(/[都府県]$/, "Prefecture", /[현부]$|(?<=도쿄)도$/),
  }),
  "CLOVA.JP_ADDRESS_SHI": gazetteer(JP_CITIES, { derive: bare(/[市町村]$/, "City", /[시정촌]$/) }),
  "CLOVA.JP_ADDRESS_KU": gazetteer([...TOKYO_WARDS, ...split(CITY_WARDS)], {
    derive: (n, l) => (l === "en" ? [`${n} Ward`, `${n} City`] : []),
  }),
  "CLOVA.WORLD_COUNTRY": gazetteer(WORLD_COUNTRIES),
  "CLOVA.WORLD_CITY": gazetteer(WORLD_CITIES),
  "CLOVA.KO_ADDRESS_SIDO": gazetteer(KR_SIDO),
  "CLOVA.KO_ADDRESS_SIGUNGU": gazetteer(
    split(KR_SIGUNGU).map((l) => `||${l.slice(0, -3)}|`),
    {
      derive: (n) => (/^[가-힣]{2,}[구시]$/.test(n) && n.length >= 3 ? [n.slice(0, -1)] : []),
    },
  ),
  "CLOVA.KO_ADDRESS_DONG": gazetteer(
    split(KR_DONG).map((l) => `||${l.slice(0, -3)}|`),
    {
      derive: (n) => (n.length >= 3 ? [n.slice(0, -1)] : []),
    },
  ),
  "CLOVA.OFFICIALDATE": gazetteer(OFFICIAL_DATES),
  "CLOVA.ORDER": gazetteer(ORDER_WORDS),
  "CLOVA.RELATIVETIME": gazetteer(RELATIVE_TIMES),
};
