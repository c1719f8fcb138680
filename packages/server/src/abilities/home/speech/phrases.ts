// What the home ability says, in English, Japanese and Korean: confirmations per action, the
// §8 error answers (what happened and what to do), questions, and the platform's own refusals.
import type { Language } from "../../../assistant/turn.js";

type Text = Record<Language, string>;

/** `plain`: the sentence without {v}, when the extension reported no value (§3.4, §12.2). */
type Done = Text & { withValue?: Text; plain?: Text };

/** A sentence the same for up and down, or one per direction ([up, down]). */
type Either = string | [string, string];

/** Increment<Q> and Decrement<Q>: what was done, and the new level when it was reported. */
function stepped(
  quantity: string,
  up: Text,
  down: Text,
  now: Record<Language, Either>,
): Record<string, Done> {
  const pick = (i: 0 | 1): Text =>
    Object.fromEntries(
      Object.entries(now).map(([l, t]) => [l, typeof t === "string" ? t : t[i]]),
    ) as Text;
  return {
    [`Increment${quantity}`]: { ...up, withValue: pick(0) },
    [`Decrement${quantity}`]: { ...down, withValue: pick(1) },
  };
}

/** Success per action; {d} the device, {v} the value the extension reported (if any). */
export const DONE: Record<string, Done> = {
  TurnOn: { en: "Turned on the {d}.", ja: "{d}をつけました。", ko: "{d}{을} 켰어요." },
  TurnOff: { en: "Turned off the {d}.", ja: "{d}を消しました。", ko: "{d}{을} 껐어요." },
  ChangePower: {
    en: "Pressed the power button of the {d}.",
    ja: "{d}の電源を切り替えました。",
    ko: "{d} 전원을 전환했어요.",
  },
  Open: { en: "Opened the {d}.", ja: "{d}を開けました。", ko: "{d}{을} 열었어요." },
  Close: { en: "Closed the {d}.", ja: "{d}を閉めました。", ko: "{d}{을} 닫았어요." },
  SetLockState: { en: "Locked the {d}.", ja: "{d}を施錠しました。", ko: "{d}{을} 잠갔어요." },
  Unlocked: {
    en: "Unlocked the {d}.",
    ja: "{d}を開けました。",
    ko: "{d}{을} 열었어요.",
  },
  SetBrightness: {
    en: "Set the {d} to {v} percent.",
    ja: "{d}の明るさを{v}%にしました。",
    ko: "{d} 밝기를 {v}%로 맞췄어요.",
    plain: {
      en: "Changed the brightness of the {d}.",
      ja: "{d}の明るさを変えました。",
      ko: "{d} 밝기를 바꿨어요.",
    },
  },
  ...stepped(
    "Brightness",
    { en: "Made the {d} brighter.", ja: "{d}を明るくしました。", ko: "{d}{을} 밝게 했어요." },
    { en: "Dimmed the {d}.", ja: "{d}を暗くしました。", ko: "{d}{을} 어둡게 했어요." },
    {
      en: "The {d} is now at {v} percent.",
      ja: "{d}の明るさを{v}%にしました。",
      ko: ["{d} 밝기를 {v}%로 올렸어요.", "{d} 밝기를 {v}%로 낮췄어요."],
    },
  ),
  SetColor: {
    en: "Changed the colour of the {d}.",
    ja: "{d}の色を変えました。",
    ko: "{d} 색을 바꿨어요.",
  },
  SetColorTemperature: {
    en: "Set the {d} to {v} kelvin.",
    ja: "{d}の色温度を{v}ケルビンにしました。",
    ko: "{d} 색온도를 {v}켈빈으로 맞췄어요.",
    plain: {
      en: "Changed the colour temperature of the {d}.",
      ja: "{d}の色温度を変えました。",
      ko: "{d} 색온도를 바꿨어요.",
    },
  },
  SetTargetTemperature: {
    en: "The {d} is set to {v} degrees.",
    ja: "{d}を{v}度に設定しました。",
    ko: "{d}{을} {v}도로 맞췄어요.",
    plain: {
      en: "Changed the temperature setting of the {d}.",
      ja: "{d}の設定温度を変えました。",
      ko: "{d} 설정 온도를 바꿨어요.",
    },
  },
  SetFreezerTargetTemperature: {
    en: "The freezer of the {d} is set to {v} degrees.",
    ja: "{d}の冷凍室を{v}度に設定しました。",
    ko: "{d} 냉동실을 {v}도로 맞췄어요.",
    plain: {
      en: "Changed the freezer temperature of the {d}.",
      ja: "{d}の冷凍室の温度を変えました。",
      ko: "{d} 냉동실 온도를 바꿨어요.",
    },
  },
  SetFridgeTargetTemperature: {
    en: "The fridge of the {d} is set to {v} degrees.",
    ja: "{d}の冷蔵室を{v}度に設定しました。",
    ko: "{d} 냉장실을 {v}도로 맞췄어요.",
    plain: {
      en: "Changed the fridge temperature of the {d}.",
      ja: "{d}の冷蔵室の温度を変えました。",
      ko: "{d} 냉장실 온도를 바꿨어요.",
    },
  },
  ...stepped(
    "TargetTemperature",
    {
      en: "Raised the temperature of the {d}.",
      ja: "{d}の温度を上げました。",
      ko: "{d} 온도를 올렸어요.",
    },
    {
      en: "Lowered the temperature of the {d}.",
      ja: "{d}の温度を下げました。",
      ko: "{d} 온도를 내렸어요.",
    },
    {
      en: "The {d} is now set to {v} degrees.",
      ja: ["{d}を{v}度に上げました。", "{d}を{v}度に下げました。"],
      ko: ["{d} 온도를 {v}도로 올렸어요.", "{d} 온도를 {v}도로 내렸어요."],
    },
  ),
  SetFanSpeed: {
    en: "Set the fan speed of the {d} to {v}.",
    ja: "{d}の風量を{v}にしました。",
    ko: "{d} 풍량을 {v}단계로 맞췄어요.",
    plain: {
      en: "Changed the fan speed of the {d}.",
      ja: "{d}の風量を変えました。",
      ko: "{d} 풍량을 바꿨어요.",
    },
  },
  ...stepped(
    "FanSpeed",
    {
      en: "Turned up the fan of the {d}.",
      ja: "{d}の風量を上げました。",
      ko: "{d} 풍량을 올렸어요.",
    },
    {
      en: "Turned down the fan of the {d}.",
      ja: "{d}の風量を下げました。",
      ko: "{d} 풍량을 내렸어요.",
    },
    {
      en: "The fan speed of the {d} is now {v}.",
      ja: "{d}の風量を{v}にしました。",
      ko: ["{d} 풍량을 {v}단계로 올렸어요.", "{d} 풍량을 {v}단계로 내렸어요."],
    },
  ),
  ChangeFanSpeed: {
    en: "Changed the fan speed of the {d}.",
    ja: "{d}の風量を切り替えました。",
    ko: "{d} 풍량을 바꿨어요.",
  },
  SetMode: {
    en: "Switched the {d} to {v} mode.",
    ja: "{d}を{v}モードにしました。",
    ko: "{d}{을} {v} 모드로 바꿨어요.",
  },
  ReleaseMode: {
    en: "Turned off {v} mode on the {d}.",
    ja: "{d}の{v}モードを解除しました。",
    ko: "{d}의 {v} 모드를 해제했어요.",
  },
  ChangeMode: {
    en: "Changed the mode of the {d}.",
    ja: "{d}のモードを切り替えました。",
    ko: "{d} 모드를 바꿨어요.",
  },
  SetChannel: {
    en: "Switched the {d} to channel {v}.",
    ja: "{d}を{v}チャンネルにしました。",
    ko: "{d}{을} {v}번 채널로 바꿨어요.",
    plain: {
      en: "Changed the channel of the {d}.",
      ja: "{d}のチャンネルを変えました。",
      ko: "{d} 채널을 바꿨어요.",
    },
  },
  SetChannelByName: {
    en: "Switched the {d} to {v}.",
    ja: "{d}を{v}にしました。",
    ko: "{d}{을} {v}{로} 바꿨어요.",
  },
  IncrementChannel: {
    en: "Changed the channel of the {d} up.",
    ja: "{d}のチャンネルを上げました。",
    ko: "{d} 채널을 올렸어요.",
  },
  DecrementChannel: {
    en: "Changed the channel of the {d} down.",
    ja: "{d}のチャンネルを下げました。",
    ko: "{d} 채널을 내렸어요.",
  },
  ...stepped(
    "Volume",
    {
      en: "Turned up the volume of the {d}.",
      ja: "{d}の音量を上げました。",
      ko: "{d} 볼륨을 올렸어요.",
    },
    {
      en: "Turned down the volume of the {d}.",
      ja: "{d}の音量を下げました。",
      ko: "{d} 볼륨을 내렸어요.",
    },
    {
      en: "The volume of the {d} is now {v}.",
      ja: "{d}の音量を{v}にしました。",
      ko: ["{d} 볼륨을 {v}{로} 올렸어요.", "{d} 볼륨을 {v}{로} 내렸어요."],
    },
  ),
  IncrementIntensityLevel: {
    en: "Made the {d} stronger.",
    ja: "{d}を強くしました。",
    ko: "{d}{을} 세게 했어요.",
  },
  DecrementIntensityLevel: {
    en: "Made the {d} gentler.",
    ja: "{d}を弱くしました。",
    ko: "{d}{을} 약하게 했어요.",
  },
  Mute: { en: "Muted the {d}.", ja: "{d}をミュートしました。", ko: "{d}{을} 음소거했어요." },
  Unmute: {
    en: "Unmuted the {d}.",
    ja: "{d}のミュートを解除しました。",
    ko: "{d} 음소거를 해제했어요.",
  },
  ChangeInputSource: {
    en: "Changed the input of the {d}.",
    ja: "{d}の入力を切り替えました。",
    ko: "{d} 입력을 바꿨어요.",
  },
  SetInputSourceByName: {
    en: "Switched the {d} to {v}.",
    ja: "{d}の入力を{v}にしました。",
    ko: "{d} 입력을 {v}{로} 바꿨어요.",
  },
  Raise: { en: "Raising the {d}.", ja: "{d}を上げています。", ko: "{d}{을} 올리고 있어요." },
  Lower: { en: "Lowering the {d}.", ja: "{d}を下げています。", ko: "{d}{을} 내리고 있어요." },
  Stop: { en: "Stopped the {d}.", ja: "{d}を止めました。", ko: "{d}{을} 멈췄어요." },
  Charge: {
    en: "Sent the {d} back to charge.",
    ja: "{d}を充電に戻しました。",
    ko: "{d}{을} 충전하러 보냈어요.",
  },
  StartRecording: {
    en: "The {d} is recording.",
    ja: "{d}で録画を始めました。",
    ko: "{d} 녹화를 시작했어요.",
  },
  StopRecording: {
    en: "Stopped recording on the {d}.",
    ja: "{d}の録画を止めました。",
    ko: "{d} 녹화를 멈췄어요.",
  },
  StartOscillation: {
    en: "The {d} is swinging.",
    ja: "{d}の首振りを始めました。",
    ko: "{d} 회전을 시작했어요.",
  },
  StopOscillation: {
    en: "The {d} stopped swinging.",
    ja: "{d}の首振りを止めました。",
    ko: "{d} 회전을 멈췄어요.",
  },
  Preheat: { en: "Preheating the {d}.", ja: "{d}を予熱しています。", ko: "{d} 예열을 시작했어요." },
  CallElevator: {
    en: "Called the elevator.",
    ja: "エレベーターを呼びました。",
    ko: "엘리베이터를 불렀어요.",
  },
  ActionScene: {
    en: "Started the {d} scene.",
    ja: "シーン「{d}」を実行しました。",
    ko: "{d} 장면을 실행했어요.",
  },
  Routine: { en: "Done: {d}.", ja: "「{d}」を実行しました。", ko: "{d}{을} 실행했어요." },
};

/** Infrared devices: the outcome cannot be known (§4.9 rule 3). */
export const SENT_IR: Text = {
  en: "Sent the command to the {d}.",
  ja: "{d}に操作を送信しました。",
  ko: "{d}에 명령을 보냈어요.",
};

/** §8.2, with what to do; {d} device, {min}/{max}, {state}, {ext} the service. */
export const ERRORS: Record<string, Text> = {
  ActionFailedError: {
    en: "The {d} couldn't complete that. Please try again.",
    ja: "{d}で操作を完了できませんでした。もう一度お試しください。",
    ko: "{d}에서 작업을 완료하지 못했어요. 다시 시도해 주세요.",
  },
  ActionTemporarilyBlockedError: {
    en: "The {d} is blocking that for the moment. Please try again shortly.",
    ja: "{d}は今その操作を受け付けていません。少し待ってからお試しください。",
    ko: "{d}에서 지금은 그 작업이 막혀 있어요. 잠시 후 다시 시도해 주세요.",
  },
  ConditionsNotMetError: {
    en: "The {d} can't do that while it is in {state}. Please check it and try again.",
    ja: "{d}は{state}のため、その操作ができません。確認してからもう一度お試しください。",
    ko: "{d}{이} {state} 상태라서 할 수 없어요. 확인한 뒤 다시 시도해 주세요.",
  },
  DeviceFailureError: {
    en: "There seems to be a problem with the {d}. Please check the device.",
    ja: "{d}に問題があるようです。機器を確認してください。",
    ko: "{d}에 문제가 있는 것 같아요. 기기를 확인해 주세요.",
  },
  DriverInternalError: {
    en: "{ext} couldn't handle that right now. Please try again later.",
    ja: "{ext}で処理できませんでした。しばらくしてからお試しください。",
    ko: "{ext}에서 처리하지 못했어요. 잠시 후 다시 시도해 주세요.",
  },
  ExpiredAccessTokenError: {
    en: "Your {ext} account needs to be linked again. Please link it in the app.",
    ja: "{ext}のアカウント連携が切れています。アプリでもう一度連携してください。",
    ko: "{ext} 계정 연결이 만료됐어요. 앱에서 다시 연결해 주세요.",
  },
  InvalidAccessTokenError: {
    en: "Your {ext} account is no longer linked. Please link it again in the app.",
    ja: "{ext}のアカウント連携が解除されています。アプリでもう一度連携してください。",
    ko: "{ext} 계정 연결이 끊어졌어요. 앱에서 다시 연결해 주세요.",
  },
  NoSuchTargetError: {
    en: "I couldn't find the {d}. I'm refreshing your device list; please try again in a moment.",
    ja: "{d}が見つかりませんでした。機器の一覧を更新しますので、少ししてからお試しください。",
    ko: "{d}{을} 찾지 못했어요. 기기 목록을 새로 고칠게요. 잠시 후 다시 시도해 주세요.",
  },
  NotSupportedInCurrentModeError: {
    en: "The {d} can't do that in its current mode. Change the mode and try again.",
    ja: "{d}は今のモードではその操作ができません。モードを変えてからお試しください。",
    ko: "{d}{은} 지금 모드에서는 할 수 없어요. 모드를 바꾼 뒤 다시 시도해 주세요.",
  },
  TargetOfflineError: {
    en: "The {d} seems to be offline. Check its power and Wi-Fi.",
    ja: "{d}がオフラインのようです。電源とWi-Fiを確認してください。",
    ko: "{d}{이} 오프라인인 것 같아요. 전원과 와이파이를 확인해 주세요.",
  },
  UnsupportedOperationError: {
    en: "The {d} doesn't support that.",
    ja: "{d}はその操作に対応していません。",
    ko: "{d}{은} 그 기능을 지원하지 않아요.",
  },
  ValueNotFoundError: {
    en: "The {d} can't provide that right now. Please try again later.",
    ja: "{d}から今その値を取得できません。しばらくしてからお試しください。",
    ko: "{d}에서 지금 그 값을 가져올 수 없어요. 잠시 후 다시 시도해 주세요.",
  },
  ValueNotSupportedError: {
    en: "The {d} doesn't support that setting. Please try another value.",
    ja: "{d}はその設定値に対応していません。別の値でお試しください。",
    ko: "{d}{은} 그 설정값을 지원하지 않아요. 다른 값으로 시도해 주세요.",
  },
  ValueOutOfRangeError: {
    en: "The {d} can be set between {min} and {max}{unit}.",
    ja: "{d}は{min}から{max}{unit}の間で設定できます。",
    ko: "{d}{은} {min}에서 {max}{unit} 사이로 설정할 수 있어요.",
  },
};

export const UNITS: Record<"percent" | "degree" | "kelvin", Text> = {
  percent: { en: " percent", ja: "%", ko: "%" },
  degree: { en: " degrees", ja: "度", ko: "도" },
  kelvin: { en: " kelvin", ja: "ケルビン", ko: "켈빈" },
};

export const SAY = {
  noDevices: {
    en: "You have no home devices linked yet. Link a home service in the app first.",
    ja: "まだスマートホーム機器が連携されていません。先にアプリでサービスを連携してください。",
    ko: "아직 연결된 스마트홈 기기가 없어요. 먼저 앱에서 서비스를 연결해 주세요.",
  },
  notFound: {
    en: "I couldn't find that device. Say \"find my devices\" if it's new.",
    ja: "その機器が見つかりませんでした。新しい機器なら「機器を探して」と言ってください。",
    ko: '그 기기를 찾지 못했어요. 새 기기라면 "기기 찾아줘"라고 말해 주세요.',
  },
  cannot: {
    en: "The {d} can't do that.",
    ja: "{d}はその操作ができません。",
    ko: "{d}{은} 그 작업을 할 수 없어요.",
  },
  unlockForbidden: {
    en: "For your safety, I can't unlock the {d} by voice. Please use the app.",
    ja: "安全のため、{d}を音声で開けることはできません。アプリを使ってください。",
    ko: "안전을 위해 {d}{은} 음성으로 열 수 없어요. 앱을 이용해 주세요.",
  },
  notAllowed: {
    en: "The {d} accepts only {values}.",
    ja: "{d}で使える値は{values}です。",
    ko: "{d}에서 쓸 수 있는 값은 {values}예요.",
  },
  unknownMode: {
    en: "The {d} doesn't have a {v} mode.",
    ja: "{d}には{v}モードがありません。",
    ko: "{d}에는 {v} 모드가 없어요.",
  },
  noValue: {
    en: "What should I set the {d} to?",
    ja: "{d}をいくつにしますか?",
    ko: "{d}{을} 얼마로 할까요?",
  },
  which: {
    en: "Which one: {list}?",
    ja: "どれですか?{list}",
    ko: "어느 거요? {list}",
  },
  whichAgain: {
    en: "Sorry, which one: {list}?",
    ja: "すみません、どれですか?{list}",
    ko: "죄송해요, 어느 거요? {list}",
  },
  confirm: {
    en: "Do you want me to do that on the {d}?",
    ja: "{d}を本当に操作しますか?",
    ko: "{d}{을} 정말 조작할까요?",
  },
  confirmScene: {
    en: "Do you want me to start the {d} scene?",
    ja: "シーン「{d}」を実行しますか?",
    ko: "{d} 장면을 실행할까요?",
  },
  cancelled: {
    en: "OK, I won't.",
    ja: "わかりました。やめておきます。",
    ko: "알겠어요. 하지 않을게요.",
  },
  discovered: {
    en: "Found {n} devices.",
    ja: "{n}台の機器が見つかりました。",
    ko: "기기를 {n}개 찾았어요.",
  },
  discoverFailed: {
    en: "I couldn't reach {ext} to find your devices. Please try again later.",
    ja: "{ext}に接続できず、機器を探せませんでした。しばらくしてからお試しください。",
    ko: "{ext}에 연결하지 못해 기기를 찾지 못했어요. 잠시 후 다시 시도해 주세요.",
  },
  groupDone: {
    en: "Done for {n} devices: {list}.",
    ja: "{n}台の機器を操作しました：{list}。",
    ko: "기기 {n}개를 조작했어요: {list}.",
  },
  skipped: {
    en: "The {list} can't do that.",
    ja: "{list}はその操作ができません。",
    ko: "{list}{은} 그 작업을 할 수 없어요.",
  },
  failedSome: {
    en: "The {list} didn't respond as expected.",
    ja: "{list}はうまく操作できませんでした。",
    ko: "{list}{은} 제대로 조작되지 않았어요.",
  },
  notice: {
    en: "Notice from {ext}: {text}",
    ja: "{ext}からのお知らせです。{text}",
    ko: "{ext} 알림이에요. {text}",
  },
} satisfies Record<string, Text>;

export const LIST_AND: Record<Language, (items: string[]) => string> = {
  en: (items) =>
    items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`,
  ja: (items) => items.join("、"),
  ko: (items) => items.join(", "),
};

export const LIST_OR: Record<Language, (items: string[]) => string> = {
  en: (items) =>
    items.length <= 1
      ? `the ${items[0] ?? ""}`
      : `${items
          .slice(0, -1)
          .map((i) => `the ${i}`)
          .join(", ")} or the ${items.at(-1)}`,
  ja: (items) => items.join("、"),
  ko: (items) => items.join(", "),
};
