// Device control by voice (cic.md §9.4): a DeviceControl directive only when the device said
// it can (Device.DeviceState.<feature>.actions[]), values clamped to its min/max, no spoken
// confirmation for the speaker's own volume, a short one otherwise; "this device can't do
// that" when it cannot; "what's the volume" is answered from the device's own report. The device's ActionExecuted/ActionFailed is shared with the user's
// other devices by cic/interfaces/device-control.ts.

import type { Recognition } from "@clover/nlu";
import type { DeviceInfo, Language, SpeechItem, TurnResult } from "../../assistant/turn.js";
import type { Ability, AbilityAnswer } from "../ability.js";
import { deviceControlModels } from "./models.js";

/** DeviceState member holding the actions of each directive target (cic.md §8.6). */
const STATE_OF: Record<string, string> = {
  volume: "volume",
  screenbrightness: "screenBrightness",
  bluetooth: "bluetooth",
  wifi: "wifi",
  airplane: "airplane",
  flashlight: "flashLight",
  gps: "gps",
  energysave: "energySavingMode",
  cellular: "cellular",
  power: "power",
};

const SAY: Record<string, Record<Language, string>> = {
  cannot: {
    en: "Sorry, this device can't do that.",
    ja: "すみません、このデバイスではできません。",
    ko: "죄송해요, 이 기기에서는 할 수 없어요.",
  },
  done: { en: "OK.", ja: "わかりました。", ko: "알겠어요." },
  pairing: {
    en: "Bluetooth pairing is on. Choose this speaker on your phone.",
    ja: "ペアリングを開始しました。スマホでこのスピーカーを選んでください。",
    ko: "페어링을 시작했어요. 휴대폰에서 이 스피커를 선택하세요.",
  },
};

/** Words of a question about the volume ("what's up" is not one). */
const VOLUME_CUES: Record<Language, RegExp> = {
  en: /\bvolume\b|\bhow loud\b/i,
  ja: /音量|ボリューム/,
  ko: /음량|볼륨/,
};

/**
 * A complaint about the sound says which way the volume should go, whatever words it shares
 * with a request ("소리가 너무 작아": it is too quiet, so up; "소리 작게": make it quieter, down).
 * The statistical model mixed them up; these are read first, by their own code.
 */
const SOUND_EN = "(sound|volume|music|voice|it)( is|'s)? (way |much |a bit )?";
const SOUND_JA = "(音|声|音量|ボリューム|音楽)";
const SOUND_KO = "(소리|음량|볼륨)(이|가)?\\s*(너무\\s*|좀\\s*|조금\\s*)?";
const COMPLAINTS: Record<Language, { up: RegExp; down: RegExp }> = {
  en: {
    up: new RegExp(
      `\\btoo (quiet|soft)\\b|\\b${SOUND_EN}too low\\b|\\b(can ?not|can'?t|barely) hear\\b`,
      "i",
    ),
    down: /\btoo (loud|noisy)\b/i,
  },
  ja: {
    up: new RegExp(
      `${SOUND_JA}が?(小さすぎ|小さい|低い|低すぎ)|${SOUND_JA}が(小さ|低)|聞こえ(ない|にく|づら)`,
    ),
    down: new RegExp(
      `${SOUND_JA}が?(大きすぎ|大きい|でかい|でかすぎ|高すぎ)|${SOUND_JA}が(大き|でか)|^(ちょっと|すごく|とても|もう)?うるさ`,
    ),
  },
  ko: {
    up: new RegExp(`${SOUND_KO}(작아|작다|작네|작은데|낮아)|안\\s*들려|잘\\s*안\\s*들`),
    down: new RegExp(`시끄러|${SOUND_KO}(커|크다|크네|큰데|높아)`),
  },
};

function complaint(text: string, language: Language): Recognition | undefined {
  const { up, down } = COMPLAINTS[language];
  // "I can't hear it, turn it up" and "聞こえないから音大きくして" are both up; a text with both
  // kinds of complaint is left to the model.
  const isUp = up.test(text);
  const isDown = down.test(text);
  if (isUp === isDown) return undefined;
  return {
    intent: isUp ? "VolumeUpIntent" : "VolumeDownIntent",
    confidence: 0.95,
    slots: {},
    alternatives: [],
    layer: "exact",
  };
}

/**
 * "What's the volume": the device's own report (Device.DeviceState.volume, else
 * Speaker.VolumeState, cic.md §8.6, §8.8); a question, so nothing changes.
 */
function volumeAnswer(device: DeviceInfo, language: Language): SpeechItem[] {
  const state = stateOf(device, "volume");
  const speaker = device.context?.["Speaker.VolumeState"];
  const value =
    typeof state?.["value"] === "number"
      ? state["value"]
      : typeof speaker?.["volume"] === "number"
        ? speaker["volume"]
        : undefined;
  const max = typeof state?.["max"] === "number" ? state["max"] : undefined;
  const muted = speaker?.["muted"] === true || state?.["mute"] === true;
  const text =
    value === undefined
      ? {
          en: "I can't tell this device's volume.",
          ja: "このデバイスの音量はわかりません。",
          ko: "이 기기의 음량을 알 수 없어요.",
        }[language]
      : {
          en: `${muted ? "The sound is muted. " : ""}The volume is ${value}${max === undefined ? "" : ` out of ${max}`}.`,
          ja: `${muted ? "ミュート中です。" : ""}音量は${value}です。`,
          ko: `${muted ? "음소거 중이에요. " : ""}음량은 ${value}입니다.`,
        }[language];
  return [{ type: "PlainText", lang: language, value: text }];
}

interface Control {
  name: string;
  target: string;
  value?: number;
  /** Spoken confirmation (none for the speaker's own volume, §9.4). */
  speak: boolean;
  /** Another directive payload than { target, value }. */
  payload?: Record<string, unknown>;
  say?: string;
}

function controlOf(
  intent: string,
  slots: Record<string, { value: string | null }>,
): Control | undefined {
  const level = slots["level"]?.value;
  const feature = slots["feature"]?.value ?? undefined;
  switch (intent) {
    case "VolumeUpIntent":
      return { name: "Increase", target: "volume", speak: false };
    case "VolumeDownIntent":
      return { name: "Decrease", target: "volume", speak: false };
    case "VolumeSetIntent":
      return level
        ? { name: "SetValue", target: "volume", value: Number(level), speak: false }
        : undefined;
    case "BrightnessUpIntent":
      return { name: "Increase", target: "screenbrightness", speak: true };
    case "BrightnessDownIntent":
      return { name: "Decrease", target: "screenbrightness", speak: true };
    case "BrightnessSetIntent":
      return level
        ? { name: "SetValue", target: "screenbrightness", value: Number(level), speak: true }
        : undefined;
    case "TurnOnIntent":
    case "TurnOffIntent":
      return feature
        ? { name: intent === "TurnOnIntent" ? "TurnOn" : "TurnOff", target: feature, speak: true }
        : undefined;
    case "PowerOffIntent":
      return { name: "TurnOff", target: "power", speak: true };
    case "BtPairIntent":
      return {
        name: "BtStartPairing",
        target: "bluetooth",
        speak: true,
        payload: {},
        say: "pairing",
      };
    case "BtConnectIntent":
      return { name: "BtConnect", target: "bluetooth", speak: true, payload: {} };
    case "BtPlayIntent":
      return { name: "BtPlay", target: "bluetooth", speak: false, payload: {} };
    case "BtDisconnectIntent":
      return { name: "BtDisconnect", target: "bluetooth", speak: true, payload: {} };
    default:
      return undefined;
  }
}

const say = (key: string, language: Language): SpeechItem[] => [
  { type: "PlainText", lang: language, value: SAY[key]![language] },
];

/** The device's own report of what it can do for a target, if any. */
function stateOf(device: DeviceInfo, target: string): Record<string, unknown> | undefined {
  const state = device.context?.["Device.DeviceState"];
  const member = state?.[STATE_OF[target] ?? target];
  return typeof member === "object" && member !== null
    ? (member as Record<string, unknown>)
    : undefined;
}

function directive(
  name: string,
  payload: Record<string, unknown>,
): TurnResult["directives"][number] {
  return { namespace: "DeviceControl", name, messageId: crypto.randomUUID(), payload };
}

export function deviceControlAbility(): Ability {
  return {
    id: "ability:device-control",
    models: deviceControlModels,
    async recognize(text, device) {
      return complaint(text, device.language);
    },
    async handle(turn): Promise<AbilityAnswer | undefined> {
      const { device, recognition } = turn;
      const language = device.language;
      if (recognition.intent === "OpenSettingsIntent" || recognition.intent === "GoHomeIntent") {
        if (device.display.size === "none") return { speech: say("cannot", language) };
        const target = recognition.intent === "OpenSettingsIntent" ? "settings" : "home";
        return { speech: [], directives: [directive("Open", { target })] };
      }
      if (recognition.intent === "VolumeQueryIntent")
        return VOLUME_CUES[language].test(turn.text)
          ? { speech: volumeAnswer(device, language) }
          : undefined;
      const control = controlOf(recognition.intent ?? "", recognition.slots);
      if (!control) return undefined;
      const state = stateOf(device, control.target);
      const actions = Array.isArray(state?.["actions"]) ? (state["actions"] as unknown[]) : [];
      if (!actions.includes(control.name)) return { speech: say("cannot", language) };
      let payload: Record<string, unknown> = control.payload ?? { target: control.target };
      if (control.value !== undefined) {
        const min = typeof state?.["min"] === "number" ? state["min"] : 0;
        const max = typeof state?.["max"] === "number" ? state["max"] : Number.POSITIVE_INFINITY;
        payload = {
          target: control.target,
          value: String(Math.min(max, Math.max(min, Math.round(control.value)))),
        };
      }
      return {
        speech: control.speak ? say(control.say ?? "done", language) : [],
        directives: [directive(control.name, payload)],
      };
    },
  };
}
