// The home the phrasing set talks about: the example's appliances, with the user's own
// names in each language (the vocabulary a Japanese or Korean user would have given them).
import { readFileSync } from "node:fs";
import { createHome } from "@clover/example-home";
import type { Language } from "../../src/assistant/turn.js";
import type { HomeDiscovery } from "../../src/store/home.js";

const NAMES: Record<Language, Record<string, string>> = {
  en: {},
  ja: {
    "light-living-ceiling": "天井のライト",
    "light-living-desk": "デスクライト",
    "light-kitchen": "キッチンライト",
    "light-porch": "玄関灯",
    "ac-bedroom": "寝室のエアコン",
    "plug-coffee": "コーヒーメーカー",
    "lock-front": "玄関の鍵",
    "gas-valve": "ガス栓",
    "tv-living": "テレビ",
    "fan-bedroom-ir": "寝室の扇風機",
    "sensor-living": "空気センサー",
    "curtain-living": "リビングのカーテン",
    vacuum: "ロボット掃除機",
    washer: "洗濯機",
    "scene-movie": "映画タイム",
    "scene-away": "お出かけ",
    "good night": "おやすみなさい",
  },
  ko: {
    "light-living-ceiling": "천장 조명",
    "light-living-desk": "스탠드",
    "light-kitchen": "주방 조명",
    "light-porch": "현관 조명",
    "ac-bedroom": "침실 에어컨",
    "plug-coffee": "커피머신",
    "lock-front": "현관문",
    "gas-valve": "가스 밸브",
    "tv-living": "티비",
    "fan-bedroom-ir": "침실 선풍기",
    "sensor-living": "공기질 센서",
    "curtain-living": "거실 커튼",
    vacuum: "로봇청소기",
    washer: "세탁기",
    "scene-movie": "영화 보기",
    "scene-away": "외출하기",
    "good night": "잘 자",
  },
};

export const SHORT: Record<string, string> = {
  ceiling: "light-living-ceiling",
  desk: "light-living-desk",
  kitchen: "light-kitchen",
  porch: "light-porch",
  ac: "ac-bedroom",
  plug: "plug-coffee",
  lock: "lock-front",
  valve: "gas-valve",
  tv: "tv-living",
  fan: "fan-bedroom-ir",
  sensor: "sensor-living",
  curtain: "curtain-living",
  vacuum: "vacuum",
  washer: "washer",
};

export function phrasingDiscovery(language: Language): HomeDiscovery {
  const home = createHome();
  const names = NAMES[language];
  return {
    extensionId: "com.clover.example.home",
    userId: "phrasing",
    appliances: home.appliances.map((a) => ({
      ...a.info,
      ...(names[a.info.applianceId] ? { friendlyName: names[a.info.applianceId] } : {}),
    })),
    scenes: home.scenes.map((s) => ({ ...s, sceneName: names[s.sceneId] ?? s.sceneName })),
    customCommands: home.customCommands.map((c) => ({ ...c, name: names[c.name] ?? c.name })),
    discoveredAt: 0,
  };
}

export interface Phrasing {
  language: Language;
  text: string;
  action: string;
  targets: string[];
}

export function readPhrasings(language: Language): Phrasing[] {
  const file = new URL(`./phrasings/${language}.tsv`, import.meta.url);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const [text, action, targets] = line.split("\t");
      return {
        language,
        text: text!,
        action: action!,
        targets: (targets ?? "")
          .split(",")
          .filter((t) => t !== "")
          .map((t) => SHORT[t] ?? t),
      };
    });
}
