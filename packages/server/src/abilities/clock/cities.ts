// Places whose time people ask for ("what time is it in London"), with the IANA zone that
// answers and the name each language says. A city missing here is not understood (the
// ability declines and the fallback answers) rather than answered in the wrong zone.
import type { Language } from "../../assistant/turn.js";

export interface City {
  zone: string;
  names: Record<Language, string[]>;
}

const city = (zone: string, en: string[], ja: string[], ko: string[]): City => ({
  zone,
  names: { en, ja, ko },
});

export const CITIES: readonly City[] = [
  city(
    "Asia/Tokyo",
    ["Tokyo", "Osaka", "Japan"],
    ["東京", "大阪", "日本"],
    ["도쿄", "오사카", "일본"],
  ),
  city(
    "Asia/Seoul",
    ["Seoul", "Busan", "Korea"],
    ["ソウル", "釜山", "韓国"],
    ["서울", "부산", "한국"],
  ),
  city(
    "Asia/Shanghai",
    ["Beijing", "Shanghai", "China"],
    ["北京", "上海", "中国"],
    ["베이징", "상하이", "중국"],
  ),
  city("Asia/Taipei", ["Taipei", "Taiwan"], ["台北", "台湾"], ["타이베이", "대만"]),
  city("Asia/Hong_Kong", ["Hong Kong"], ["香港"], ["홍콩"]),
  city("Asia/Singapore", ["Singapore"], ["シンガポール"], ["싱가포르"]),
  city("Asia/Bangkok", ["Bangkok", "Thailand"], ["バンコク", "タイ"], ["방콕", "태국"]),
  city(
    "Asia/Kolkata",
    ["Delhi", "Mumbai", "India"],
    ["デリー", "ムンバイ", "インド"],
    ["델리", "뭄바이", "인도"],
  ),
  city("Asia/Dubai", ["Dubai"], ["ドバイ"], ["두바이"]),
  city(
    "Europe/London",
    ["London", "the UK", "England"],
    ["ロンドン", "イギリス"],
    ["런던", "영국"],
  ),
  city("Europe/Paris", ["Paris", "France"], ["パリ", "フランス"], ["파리", "프랑스"]),
  city("Europe/Berlin", ["Berlin", "Germany"], ["ベルリン", "ドイツ"], ["베를린", "독일"]),
  city("Europe/Madrid", ["Madrid", "Spain"], ["マドリード", "スペイン"], ["마드리드", "스페인"]),
  city("Europe/Rome", ["Rome", "Italy"], ["ローマ", "イタリア"], ["로마", "이탈리아"]),
  city("Europe/Moscow", ["Moscow"], ["モスクワ"], ["모스크바"]),
  city(
    "America/New_York",
    ["New York", "Washington", "Boston"],
    ["ニューヨーク", "ワシントン"],
    ["뉴욕", "워싱턴"],
  ),
  city("America/Chicago", ["Chicago"], ["シカゴ"], ["시카고"]),
  city("America/Denver", ["Denver"], ["デンバー"], ["덴버"]),
  city(
    "America/Los_Angeles",
    ["Los Angeles", "San Francisco", "Seattle"],
    ["ロサンゼルス", "サンフランシスコ", "シアトル"],
    ["로스앤젤레스", "샌프란시스코", "시애틀"],
  ),
  city("America/Toronto", ["Toronto"], ["トロント"], ["토론토"]),
  city(
    "America/Sao_Paulo",
    ["Sao Paulo", "Brazil"],
    ["サンパウロ", "ブラジル"],
    ["상파울루", "브라질"],
  ),
  city("Pacific/Honolulu", ["Honolulu", "Hawaii"], ["ホノルル", "ハワイ"], ["호놀룰루", "하와이"]),
  city(
    "Australia/Sydney",
    ["Sydney", "Melbourne"],
    ["シドニー", "メルボルン"],
    ["시드니", "멜버른"],
  ),
  city(
    "Pacific/Auckland",
    ["Auckland", "New Zealand"],
    ["オークランド", "ニュージーランド"],
    ["오클랜드", "뉴질랜드"],
  ),
  city(
    "UTC",
    ["UTC", "GMT"],
    ["協定世界時", "グリニッジ標準時"],
    ["협정 세계시", "그리니치 표준시"],
  ),
];

/** The zone of a city value (the slot's value is the zone itself). */
export function cityOf(zone: string): City | undefined {
  return CITIES.find((c) => c.zone === zone);
}
