// What users say to control the device itself (cic.md §9.4), in en/ja/ko. The phrasings that
// only differ by what is controlled are written once: a language's level phrasings ("turn up
// the {x}") are expanded with its words for the volume and the brightness, and its on/off
// phrasings come in pairs with one feature as the example of each.
import type { Language } from "../../assistant/turn.js";
import type { AbilityModel } from "../ability.js";

type Phrases = Record<string, string[]>;
type Level = "volume" | "brightness";

interface LanguagePhrases {
  features: { value: string; synonyms: string[] }[];
  /** Words for what a level phrasing controls, put where `{x}` is. */
  levels: Record<Level, string[]>;
  /** `{x}` phrasings shared by the volume and the brightness; `set` ones hold a `<level>`. */
  up: string[];
  down: string[];
  set: string[];
  /** [turn on, turn off, example features] with `{f}` for the feature. */
  onOff: [string, string, string[]][];
  /** Everything said one way only. */
  own: Phrases;
}

const LANGUAGES: Record<Language, LanguagePhrases> = {
  en: {
    features: [
      { value: "bluetooth", synonyms: ["bluetooth", "the bluetooth"] },
      { value: "wifi", synonyms: ["wifi", "wi-fi", "wireless"] },
      { value: "airplane", synonyms: ["airplane mode", "flight mode"] },
      { value: "flashlight", synonyms: ["flashlight", "torch"] },
      { value: "gps", synonyms: ["gps", "location"] },
      { value: "energysave", synonyms: ["power saving", "power saving mode", "battery saver"] },
      { value: "cellular", synonyms: ["mobile data", "cellular data"] },
    ],
    levels: { volume: ["volume"], brightness: ["brightness"] },
    up: ["turn up the {x}", "{x} up", "increase the {x}"],
    down: ["turn down the {x}", "{x} down", "decrease the {x}"],
    set: [
      "set the {x} to <level>5</level>",
      "{x} <level>3</level>",
      "change the {x} to <level>7</level>",
    ],
    onOff: [
      ["turn on {f}", "turn off {f}", ["bluetooth"]],
      ["switch on {f}", "switch off {f}", ["wifi"]],
      ["enable {f}", "disable {f}", ["airplane mode"]],
      ["turn {f} on", "turn {f} off", ["bluetooth"]],
    ],
    own: {
      VolumeUpIntent: ["louder", "turn it up", "make it louder"],
      VolumeDownIntent: ["quieter", "turn it down", "lower the volume"],
      VolumeSetIntent: ["put the volume at <level>2</level>"],
      BrightnessUpIntent: ["make the screen brighter"],
      BrightnessDownIntent: ["make the screen darker", "dim the screen"],
      PowerOffIntent: [
        "turn yourself off",
        "power off",
        "shut down the speaker",
        "switch yourself off",
      ],
      BtPairIntent: [
        "pair a bluetooth device",
        "start bluetooth pairing",
        "bluetooth pairing",
        "pair with my phone",
      ],
      BtConnectIntent: [
        "connect bluetooth",
        "connect to my phone",
        "connect the bluetooth speaker",
      ],
      BtPlayIntent: [
        "play music from my phone",
        "play music over bluetooth",
        "play from my phone",
        "play the bluetooth audio",
      ],
      BtDisconnectIntent: [
        "disconnect bluetooth",
        "disconnect my phone",
        "disconnect the bluetooth device",
      ],
      VolumeQueryIntent: ["what's the volume", "what is the volume at", "how loud is the speaker"],
      OpenSettingsIntent: ["open the settings", "show settings", "go to settings"],
      GoHomeIntent: ["go to the home screen", "show the home screen", "go home"],
    },
  },
  ja: {
    features: [
      { value: "bluetooth", synonyms: ["ブルートゥース", "Bluetooth"] },
      { value: "wifi", synonyms: ["ワイファイ", "WiFi", "Wi-Fi"] },
      { value: "airplane", synonyms: ["機内モード"] },
      { value: "flashlight", synonyms: ["ライト", "懐中電灯"] },
      { value: "energysave", synonyms: ["省電力モード", "節電モード"] },
    ],
    levels: { volume: ["音量", "ボリューム"], brightness: ["明るさ"] },
    up: ["{x}を上げて", "{x}上げて", "{x}をもう少し上げてください", "{x}アップ"],
    down: ["{x}を下げて", "{x}下げて", "{x}をちょっと下げてください", "{x}ダウン"],
    set: ["{x}を<level>5</level>にして", "{x}<level>4</level>にして", "{x}<level>6</level>"],
    onOff: [
      ["{f}をオンにして", "{f}をオフにして", ["ブルートゥース"]],
      ["{f}をつけて", "{f}を切って", ["ワイファイ"]],
      ["{f}にして", "{f}を解除して", ["機内モード"]],
    ],
    own: {
      VolumeUpIntent: [
        "音を大きくして",
        "もっと大きく",
        "聞こえない",
        "音が小さい",
        "よく聞こえないよ",
      ],
      VolumeDownIntent: [
        "音を小さくして",
        "もっと小さく",
        "うるさすぎる",
        "音が大きすぎる",
        "ちょっとうるさいよ",
      ],
      VolumeSetIntent: ["ボリューム<level>3</level>", "音量<level>7</level>に設定して"],
      BrightnessUpIntent: ["画面を明るくして"],
      BrightnessDownIntent: ["画面を暗くして"],
      PowerOffIntent: ["電源を切って", "電源オフ"],
      BtPairIntent: ["ブルートゥースのペアリングをして", "ペアリングして"],
      BtConnectIntent: [
        "ブルートゥースを接続して",
        "スマホに接続して",
        "イヤホンにつないで",
        "ヘッドホンに接続して",
      ],
      BtPlayIntent: [
        "スマホの音楽を再生して",
        "ブルートゥースで音楽を再生して",
        "スマホから流して",
        "携帯の曲をかけて",
      ],
      BtDisconnectIntent: [
        "ブルートゥースを切断して",
        "接続を解除して",
        "ブルートゥースの接続を解除して",
        "スマホとの接続を切って",
        "切断して",
      ],
      VolumeQueryIntent: ["今の音量は", "音量はいくつ", "ボリュームはいくつ"],
      OpenSettingsIntent: ["設定を開いて", "設定画面を見せて"],
      GoHomeIntent: ["ホーム画面に戻って", "ホームに戻って"],
    },
  },
  ko: {
    features: [
      { value: "bluetooth", synonyms: ["블루투스"] },
      { value: "wifi", synonyms: ["와이파이"] },
      { value: "airplane", synonyms: ["비행기 모드"] },
      { value: "flashlight", synonyms: ["손전등", "플래시"] },
      { value: "energysave", synonyms: ["절전 모드"] },
    ],
    levels: { volume: ["볼륨", "음량"], brightness: ["밝기"] },
    up: ["{x} 올려 줘", "{x} 높여 줘", "{x} 좀 키워 줘", "{x} 올리기"],
    down: ["{x} 내려 줘", "{x} 낮춰 줘", "{x} 좀 줄여 줘", "{x} 내리기"],
    set: ["{x} <level>5</level>로 해 줘", "{x} <level>4</level>로 맞춰 줘", "{x} <level>6</level>"],
    onOff: [["{f} 켜 줘", "{f} 꺼 줘", ["블루투스", "와이파이", "비행기 모드"]]],
    own: {
      VolumeUpIntent: [
        "소리 키워 줘",
        "음량 높여 줘",
        "더 크게",
        "잘 안 들려",
        "소리가 작아",
        "볼륨 크게 해 줘",
        "소리 크게",
      ],
      VolumeDownIntent: [
        "소리 줄여 줘",
        "음량 낮춰 줘",
        "더 작게",
        "시끄러워",
        "소리가 너무 커",
        "볼륨 작게 해 줘",
        "소리 작게",
      ],
      VolumeSetIntent: ["음량 <level>3</level>", "볼륨을 <level>7</level>로 맞춰 줘"],
      BrightnessSetIntent: ["밝기 <level>50</level>으로 해 줘"],
      BrightnessUpIntent: ["화면 밝게 해 줘"],
      BrightnessDownIntent: ["화면 어둡게 해 줘"],
      PowerOffIntent: ["전원 꺼 줘", "스피커 꺼 줘", "전원 끄기", "스피커 종료해 줘"],
      BtPairIntent: ["블루투스 페어링 해 줘", "블루투스 연결 모드"],
      BtConnectIntent: [
        "블루투스 연결해 줘",
        "휴대폰 연결해 줘",
        "이어폰 연결해 줘",
        "블루투스 헤드폰에 연결해 줘",
        "블루투스 이어폰 연결해 줘",
        "블루투스 기기 연결해 줘",
        "스피커에 연결해 줘",
        "헤드셋 연결",
      ],
      BtPlayIntent: ["휴대폰 음악 틀어 줘", "블루투스로 음악 틀어 줘"],
      BtDisconnectIntent: [
        "블루투스 연결 끊어 줘",
        "연결 해제해 줘",
        "블루투스 해제해 줘",
        "휴대폰 연결 끊기",
        "이어폰 연결 해제",
      ],
      VolumeQueryIntent: ["지금 볼륨 몇이야", "음량이 몇이야", "볼륨 얼마야"],
      OpenSettingsIntent: ["설정 열어 줘", "설정 화면 보여 줘"],
      GoHomeIntent: ["홈 화면으로 가 줘", "홈으로 가 줘"],
    },
  },
};

const fill = (templates: string[], words: string[]) =>
  templates.flatMap((t) => words.map((word) => t.replaceAll("{x}", word)));

/** Every intent's utterances of one language. */
export function phrasesOf(language: Language): Phrases {
  const l = LANGUAGES[language];
  const slot = (f: string) => `<feature>${f}</feature>`;
  const level = (kind: Level, templates: string[]) => fill(templates, l.levels[kind]);
  const intents: Phrases = {
    VolumeUpIntent: level("volume", l.up),
    VolumeDownIntent: level("volume", l.down),
    VolumeSetIntent: level("volume", l.set),
    BrightnessUpIntent: level("brightness", l.up),
    BrightnessDownIntent: level("brightness", l.down),
    BrightnessSetIntent: level("brightness", l.set),
    TurnOnIntent: l.onOff.flatMap(([on, , fs]) => fs.map((f) => on.replace("{f}", slot(f)))),
    TurnOffIntent: l.onOff.flatMap(([, off, fs]) => fs.map((f) => off.replace("{f}", slot(f)))),
  };
  for (const [intent, utterances] of Object.entries(l.own))
    intents[intent] = [...(intents[intent] ?? []), ...utterances];
  return intents;
}

const SLOTS: Record<string, { name: string; type: string }[]> = {
  VolumeSetIntent: [{ name: "level", type: "CLOVA.NUMBER" }],
  BrightnessSetIntent: [{ name: "level", type: "CLOVA.NUMBER" }],
  TurnOnIntent: [{ name: "feature", type: "FEATURE" }],
  TurnOffIntent: [{ name: "feature", type: "FEATURE" }],
};

export const deviceControlModels: Partial<Record<Language, AbilityModel>> = Object.fromEntries(
  (Object.keys(LANGUAGES) as Language[]).map((language) => [
    language,
    {
      language,
      builtinSlotTypes: ["CLOVA.NUMBER"],
      customSlotTypes: [{ name: "FEATURE", values: LANGUAGES[language].features }],
      intents: Object.entries(phrasesOf(language)).map(([name, utterances]) => ({
        name,
        slots: SLOTS[name] ?? [],
        utterances,
      })),
    },
  ]),
);
