// What users say to control the device itself (cic.md §9.4), in en/ja/ko.
import type { Language } from "../../assistant/turn.js";
import type { AbilityModel } from "../ability.js";

type Phrases = Record<string, string[]>;

const FEATURES: Record<Language, { value: string; synonyms: string[] }[]> = {
  en: [
    { value: "bluetooth", synonyms: ["bluetooth", "the bluetooth"] },
    { value: "wifi", synonyms: ["wifi", "wi-fi", "wireless"] },
    { value: "airplane", synonyms: ["airplane mode", "flight mode"] },
    { value: "flashlight", synonyms: ["flashlight", "torch"] },
    { value: "gps", synonyms: ["gps", "location"] },
    { value: "energysave", synonyms: ["power saving", "power saving mode", "battery saver"] },
    { value: "cellular", synonyms: ["mobile data", "cellular data"] },
  ],
  ja: [
    { value: "bluetooth", synonyms: ["ブルートゥース", "Bluetooth"] },
    { value: "wifi", synonyms: ["ワイファイ", "WiFi", "Wi-Fi"] },
    { value: "airplane", synonyms: ["機内モード"] },
    { value: "flashlight", synonyms: ["ライト", "懐中電灯"] },
    { value: "energysave", synonyms: ["省電力モード", "節電モード"] },
  ],
  ko: [
    { value: "bluetooth", synonyms: ["블루투스"] },
    { value: "wifi", synonyms: ["와이파이"] },
    { value: "airplane", synonyms: ["비행기 모드"] },
    { value: "flashlight", synonyms: ["손전등", "플래시"] },
    { value: "energysave", synonyms: ["절전 모드"] },
  ],
};

const PHRASES: Record<Language, Phrases> = {
  en: {
    VolumeUpIntent: [
      "turn up the volume",
      "volume up",
      "louder",
      "turn it up",
      "increase the volume",
      "make it louder",
    ],
    VolumeDownIntent: [
      "turn down the volume",
      "volume down",
      "quieter",
      "turn it down",
      "decrease the volume",
      "lower the volume",
    ],
    VolumeSetIntent: [
      "set the volume to <level>5</level>",
      "volume <level>3</level>",
      "change the volume to <level>7</level>",
      "put the volume at <level>2</level>",
    ],
    BrightnessUpIntent: [
      "make the screen brighter",
      "brightness up",
      "increase the brightness",
      "turn up the brightness",
    ],
    BrightnessDownIntent: [
      "make the screen darker",
      "brightness down",
      "decrease the brightness",
      "dim the screen",
      "turn down the brightness",
    ],
    BrightnessSetIntent: [
      "set the brightness to <level>50</level>",
      "brightness <level>80</level>",
      "change the brightness to <level>30</level>",
    ],
    TurnOnIntent: [
      "turn on <feature>bluetooth</feature>",
      "switch on <feature>wifi</feature>",
      "enable <feature>airplane mode</feature>",
      "turn <feature>bluetooth</feature> on",
    ],
    TurnOffIntent: [
      "turn off <feature>bluetooth</feature>",
      "switch off <feature>wifi</feature>",
      "disable <feature>airplane mode</feature>",
      "turn <feature>bluetooth</feature> off",
    ],
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
    BtConnectIntent: ["connect bluetooth", "connect to my phone", "connect the bluetooth speaker"],
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
    OpenSettingsIntent: ["open the settings", "show settings", "go to settings"],
    GoHomeIntent: ["go to the home screen", "show the home screen", "go home"],
  },
  ja: {
    VolumeUpIntent: ["音量を上げて", "ボリュームを上げて", "音を大きくして", "もっと大きく"],
    VolumeDownIntent: ["音量を下げて", "ボリュームを下げて", "音を小さくして", "もっと小さく"],
    VolumeSetIntent: [
      "音量を<level>5</level>にして",
      "ボリューム<level>3</level>",
      "音量<level>7</level>に設定して",
    ],
    BrightnessUpIntent: ["画面を明るくして", "明るさを上げて"],
    BrightnessDownIntent: ["画面を暗くして", "明るさを下げて"],
    BrightnessSetIntent: ["明るさを<level>50</level>にして"],
    TurnOnIntent: [
      "<feature>ブルートゥース</feature>をオンにして",
      "<feature>ワイファイ</feature>をつけて",
      "<feature>機内モード</feature>にして",
    ],
    TurnOffIntent: [
      "<feature>ブルートゥース</feature>をオフにして",
      "<feature>ワイファイ</feature>を切って",
      "<feature>機内モード</feature>を解除して",
    ],
    PowerOffIntent: ["電源を切って", "電源オフ"],
    BtPairIntent: ["ブルートゥースのペアリングをして", "ペアリングして"],
    BtConnectIntent: ["ブルートゥースを接続して", "スマホに接続して"],
    BtPlayIntent: ["スマホの音楽を再生して", "ブルートゥースで音楽を再生して"],
    BtDisconnectIntent: ["ブルートゥースを切断して", "接続を解除して"],
    OpenSettingsIntent: ["設定を開いて", "設定画面を見せて"],
    GoHomeIntent: ["ホーム画面に戻って", "ホームに戻って"],
  },
  ko: {
    VolumeUpIntent: ["볼륨 올려 줘", "소리 키워 줘", "음량 높여 줘", "더 크게"],
    VolumeDownIntent: ["볼륨 내려 줘", "소리 줄여 줘", "음량 낮춰 줘", "더 작게"],
    VolumeSetIntent: [
      "볼륨 <level>5</level>로 해 줘",
      "음량 <level>3</level>",
      "볼륨을 <level>7</level>로 맞춰 줘",
    ],
    BrightnessUpIntent: ["화면 밝게 해 줘", "밝기 올려 줘"],
    BrightnessDownIntent: ["화면 어둡게 해 줘", "밝기 내려 줘"],
    BrightnessSetIntent: ["밝기 <level>50</level>으로 해 줘"],
    TurnOnIntent: [
      "<feature>블루투스</feature> 켜 줘",
      "<feature>와이파이</feature> 켜 줘",
      "<feature>비행기 모드</feature> 켜 줘",
    ],
    TurnOffIntent: [
      "<feature>블루투스</feature> 꺼 줘",
      "<feature>와이파이</feature> 꺼 줘",
      "<feature>비행기 모드</feature> 꺼 줘",
    ],
    PowerOffIntent: ["전원 꺼 줘", "스피커 꺼 줘"],
    BtPairIntent: ["블루투스 페어링 해 줘", "블루투스 연결 모드"],
    BtConnectIntent: ["블루투스 연결해 줘", "휴대폰 연결해 줘"],
    BtPlayIntent: ["휴대폰 음악 틀어 줘", "블루투스로 음악 틀어 줘"],
    BtDisconnectIntent: ["블루투스 연결 끊어 줘", "연결 해제해 줘"],
    OpenSettingsIntent: ["설정 열어 줘", "설정 화면 보여 줘"],
    GoHomeIntent: ["홈 화면으로 가 줘", "홈으로 가 줘"],
  },
};

const SLOTS: Record<string, { name: string; type: string }[]> = {
  VolumeSetIntent: [{ name: "level", type: "CLOVA.NUMBER" }],
  BrightnessSetIntent: [{ name: "level", type: "CLOVA.NUMBER" }],
  TurnOnIntent: [{ name: "feature", type: "FEATURE" }],
  TurnOffIntent: [{ name: "feature", type: "FEATURE" }],
};

export const deviceControlModels: Partial<Record<Language, AbilityModel>> = Object.fromEntries(
  (Object.keys(PHRASES) as Language[]).map((language) => [
    language,
    {
      language,
      builtinSlotTypes: ["CLOVA.NUMBER"],
      customSlotTypes: [{ name: "FEATURE", values: FEATURES[language] }],
      intents: Object.entries(PHRASES[language]).map(([name, utterances]) => ({
        name,
        slots: SLOTS[name] ?? [],
        utterances,
      })),
    },
  ]),
);
