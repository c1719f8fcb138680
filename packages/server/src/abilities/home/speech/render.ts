// Fills the home phrases: placeholders, Korean particles after the word they follow, and
// spoken answers to queries (Get…Response payloads, §5.2) with numbers, durations and times.
import type { Language } from "../../../assistant/turn.js";

/** Replaces {name} placeholders, then picks Korean particles ({을} {이} {은} {로}). */
export function fill(
  template: string,
  values: Record<string, string | number | undefined>,
  language: Language,
): string {
  let text = template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (["을", "이", "은", "로"].includes(key)) return whole;
    const value = values[key];
    return value === undefined ? "" : String(value);
  });
  if (language === "ko") text = particles(text);
  return text.replace(/\s+/g, " ").trim();
}

const PAIRS: Record<string, [string, string]> = {
  을: ["을", "를"],
  이: ["이", "가"],
  은: ["은", "는"],
  로: ["으로", "로"],
};

function particles(text: string): string {
  return text.replace(/(.)\{(을|이|은|로)\}/g, (_all, before: string, key: string) => {
    const [closed, open] = PAIRS[key]!;
    const code = before.charCodeAt(0);
    if (code >= 0xac00 && code <= 0xd7a3) {
      const final = (code - 0xac00) % 28;
      // "로" after ㄹ takes 로, not 으로.
      if (key === "로") return before + (final === 0 || final === 8 ? open : closed);
      return before + (final === 0 ? open : closed);
    }
    // Digits and Latin letters: read as said.
    if (/[0-9]/.test(before)) {
      const closedDigit = "013678".includes(before);
      if (key === "로")
        return (
          before +
          (before === "1" || before === "7" || before === "8" ? open : closedDigit ? closed : open)
        );
      return before + (closedDigit ? closed : open);
    }
    return `${before}${closed}(${open})`;
  });
}

/** ISO 8601 durations: `PnYnMnWnDTnHnMnS`, and the alternative `PYYYY-MM-DDThh:mm:ss` (§3.4). */
const DESIGNATORS =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const ALTERNATIVE = /^P(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?))?$/;

/** `PT1H25M` or `P0000-00-00T01:25:00` → "1 hour 25 minutes". */
export function duration(value: string, language: Language): string {
  const alternative = ALTERNATIVE.exec(value);
  const match = alternative
    ? [value, alternative[1], alternative[2], undefined, ...alternative.slice(3)]
    : DESIGNATORS.exec(value);
  if (!match) return value;
  const [, y, mo, w, d, h, mi, s] = match.map((p) => (p === undefined ? 0 : Number(p))) as number[];
  const parts: [number, Record<Language, [string, string]>][] = [
    [y!, { en: ["year", "years"], ja: ["年", "年"], ko: ["년", "년"] }],
    [mo!, { en: ["month", "months"], ja: ["か月", "か月"], ko: ["개월", "개월"] }],
    [w!, { en: ["week", "weeks"], ja: ["週間", "週間"], ko: ["주", "주"] }],
    [d!, { en: ["day", "days"], ja: ["日", "日"], ko: ["일", "일"] }],
    [h!, { en: ["hour", "hours"], ja: ["時間", "時間"], ko: ["시간", "시간"] }],
    [mi!, { en: ["minute", "minutes"], ja: ["分", "分"], ko: ["분", "분"] }],
    [s!, { en: ["second", "seconds"], ja: ["秒", "秒"], ko: ["초", "초"] }],
  ];
  const words = parts
    .filter(([n]) => n > 0)
    .map(([n, names]) => {
      const [one, many] = names[language];
      return language === "en" ? `${n} ${n === 1 ? one : many}` : `${n}${one}`;
    });
  if (words.length === 0) return language === "en" ? "no time" : language === "ja" ? "0分" : "0분";
  return words.join(language === "ja" ? "" : " ");
}

/** An ISO timestamp as a time of day in the user's zone ("3:05 PM", "15時05分"). */
export function timeOfDay(value: string, language: Language, timeZone: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const locale = language === "en" ? "en-US" : language === "ja" ? "ja-JP" : "ko-KR";
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
  }).format(date);
}

const GRADES: Record<string, Record<Language, string>> = {
  good: { en: "good", ja: "良好", ko: "좋음" },
  normal: { en: "moderate", ja: "普通", ko: "보통" },
  bad: { en: "bad", ja: "悪い", ko: "나쁨" },
  verybad: { en: "very bad", ja: "非常に悪い", ko: "매우 나쁨" },
};

type Payload = Record<string, unknown>;
const v = (o: unknown) => (o as { value?: unknown } | undefined)?.value;

/** One sentence answering a query from its response payload; {d} is the device. */
export function queryAnswer(
  action: string,
  payload: Payload,
  device: string,
  language: Language,
  timeZone: string,
): string {
  const t = (en: string, ja: string, ko: string) =>
    fill({ en, ja, ko }[language], { d: device }, language);
  const grade = (g: unknown) => GRADES[String(g)]?.[language] ?? String(g);
  switch (action) {
    case "GetCurrentTemperature":
      return t(
        `The ${device} reads ${v(payload.currentTemperature)} degrees.`,
        `${device}の温度は${v(payload.currentTemperature)}度です。`,
        `${device} 온도는 ${v(payload.currentTemperature)}도예요.`,
      );
    case "GetTargetTemperature":
      return t(
        `The ${device} is set to ${v(payload.targetTemperature)} degrees.`,
        `${device}の設定温度は${v(payload.targetTemperature)}度です。`,
        `${device} 설정 온도는 ${v(payload.targetTemperature)}도예요.`,
      );
    case "GetHumidity":
      return t(
        `The humidity by the ${device} is ${v(payload.humidity)} percent.`,
        `${device}の湿度は${v(payload.humidity)}%です。`,
        `${device} 습도는 ${v(payload.humidity)}%예요.`,
      );
    case "GetAirQuality": {
      const g = grade((payload.airQuality as Payload)?.index);
      return t(`The air quality is ${g}.`, `空気の状態は${g}です。`, `공기 상태는 ${g}이에요.`);
    }
    case "GetFineDust":
    case "GetUltraFineDust": {
      const o = (payload.fineDust ?? payload.ultraFineDust) as Payload;
      const g = grade(o?.index);
      const n = o?.value === undefined ? "" : ` (${o.value})`;
      return action === "GetFineDust"
        ? t(`Fine dust is ${g}${n}.`, `PM10は${g}${n}です。`, `미세먼지는 ${g}${n}이에요.`)
        : t(`Ultrafine dust is ${g}${n}.`, `PM2.5は${g}${n}です。`, `초미세먼지는 ${g}${n}이에요.`);
    }
    case "GetBatteryInfo":
      return t(
        `The ${device} battery is at ${v(payload.batteryInfo)} percent.`,
        `${device}のバッテリー残量は${v(payload.batteryInfo)}%です。`,
        `${device} 배터리는 ${v(payload.batteryInfo)}% 남았어요.`,
      );
    case "GetRemainingTime":
    case "GetCleaningCycle": {
      const d = duration(String(payload.remainingTime), language);
      return action === "GetRemainingTime"
        ? t(
            `The ${device} has ${d} left.`,
            `${device}は残り${d}です。`,
            `${device}{은} ${d} 남았어요.`,
          )
        : t(
            `The ${device} needs cleaning in ${d}.`,
            `${device}のお手入れまで${d}です。`,
            `${device} 세척까지 ${d} 남았어요.`,
          );
    }
    case "GetKeepWarmTime": {
      const d = duration(String(payload.keepWarmTime), language);
      return t(
        `The ${device} has kept warm for ${d}.`,
        `${device}は${d}保温しています。`,
        `${device}{은} ${d} 동안 보온 중이에요.`,
      );
    }
    case "GetPhase":
      return t(
        `The ${device} is in ${v(payload.phase)}.`,
        `${device}は${v(payload.phase)}中です。`,
        `${device}{은} ${v(payload.phase)} 중이에요.`,
      );
    case "GetLockState": {
      const locked = payload.lockState === "LOCKED";
      return locked
        ? t(
            `The ${device} is locked.`,
            `${device}は施錠されています。`,
            `${device}{은} 잠겨 있어요.`,
          )
        : t(
            `The ${device} is unlocked.`,
            `${device}は開いています。`,
            `${device}{은} 열려 있어요.`,
          );
    }
    case "GetOpenState": {
      const state = String(payload.openState ?? (payload as Payload).OpenState);
      return state === "OPENED"
        ? t(`The ${device} is open.`, `${device}は開いています。`, `${device}{은} 열려 있어요.`)
        : t(
            `The ${device} is closed.`,
            `${device}は閉まっています。`,
            `${device}{은} 닫혀 있어요.`,
          );
    }
    case "GetOpenTime":
    case "GetCloseTime":
    case "GetDetectedTime": {
      const raw = payload.openTimestamp ?? payload.closeTimestamp ?? payload.detectedTime;
      const when = typeof raw === "string" ? timeOfDay(raw, language, timeZone) : String(v(raw));
      const verb = {
        GetOpenTime: ["opened", "開いた", "열린"],
        GetCloseTime: ["closed", "閉まった", "닫힌"],
        GetDetectedTime: ["detected something", "検知した", "감지한"],
      }[action]!;
      return t(
        `The ${device} last ${verb[0]} at ${when}.`,
        `${device}が最後に${verb[1]}のは${when}です。`,
        `${device}{이} 마지막으로 ${verb[2]} 시각은 ${when}이에요.`,
      );
    }
    case "GetConsumption":
    case "GetEstimateConsumption": {
      const items = (payload.consumption as Payload[] | undefined) ?? [];
      const list = items.map((c) => `${c.name} ${c.value} ${c.unit}`).join(", ");
      return action === "GetConsumption"
        ? t(
            `The ${device} used ${list}.`,
            `${device}の使用量は${list}です。`,
            `${device} 사용량은 ${list}예요.`,
          )
        : t(
            `The ${device} is expected to use ${list}.`,
            `${device}の予測使用量は${list}です。`,
            `${device} 예상 사용량은 ${list}예요.`,
          );
    }
    case "GetCurrentBill":
    case "GetEstimateBill": {
      const bill = (payload.currentBill ?? payload.estimateBill) as Payload;
      const amount = `${bill?.value} ${bill?.currency}`;
      return action === "GetCurrentBill"
        ? t(
            `The bill so far is ${amount}.`,
            `現在の料金は${amount}です。`,
            `지금까지 요금은 ${amount}이에요.`,
          )
        : t(
            `The estimated bill is ${amount}.`,
            `予測料金は${amount}です。`,
            `예상 요금은 ${amount}이에요.`,
          );
    }
    case "GetProgressiveTaxBracket":
      return t(
        `You are in tariff tier ${v(payload.progressiveTaxBracket)}.`,
        `現在の料金段階は${v(payload.progressiveTaxBracket)}段階です。`,
        `현재 누진 ${v(payload.progressiveTaxBracket)}단계예요.`,
      );
    case "GetDeviceState": {
      const states = (payload.states as Payload[] | undefined) ?? [];
      const list = states
        .map((s) => `${s.name} ${s.value}${unitWord(s.unit, language)}`)
        .join(", ");
      return t(`The ${device}: ${list}.`, `${device}の状態：${list}。`, `${device} 상태: ${list}.`);
    }
    case "GetExpendableState": {
      const items = (payload.expendableInfo as Payload[] | undefined) ?? [];
      const list = items
        .map((e) => {
          if (typeof e.remainingTime === "string")
            return `${e.name} ${duration(e.remainingTime, language)}`;
          const usage = e.usage as Payload | undefined;
          return `${e.name} ${usage?.value ?? ""}${unitWord(usage?.unit, language)}`;
        })
        .join(", ");
      return t(
        `The ${device} consumables: ${list}.`,
        `${device}の消耗品：${list}。`,
        `${device} 소모품: ${list}.`,
      );
    }
    case "GetAsleepDuration":
    case "GetAwakeDuration":
    case "GetUsageTime": {
      const raw = payload.asleepDuration ?? payload.awakeDuration ?? payload.usageTime;
      const d = duration(String(raw), language);
      const what = {
        GetAsleepDuration: ["You slept", "睡眠時間は", "수면 시간은"],
        GetAwakeDuration: ["It took you", "寝付くまで", "잠들기까지"],
        GetUsageTime: ["You used it for", "使用時間は", "사용 시간은"],
      }[action]!;
      return t(`${what[0]} ${d}.`, `${what[1]}${d}です。`, `${what[2]} ${d}이에요.`);
    }
    case "GetSleepStartTime": {
      const list = ((payload.startTimestampList as string[] | undefined) ?? [])
        .map((s) => timeOfDay(s, language, timeZone))
        .join(", ");
      return t(
        `You fell asleep at ${list}.`,
        `寝た時刻は${list}です。`,
        `잠든 시각은 ${list}이에요.`,
      );
    }
    case "GetSleepScore":
    case "GetHealthScore": {
      const score = v(payload.sleepScore ?? payload.healthScore);
      return action === "GetSleepScore"
        ? t(
            `Your sleep score is ${score}.`,
            `睡眠スコアは${score}点です。`,
            `수면 점수는 ${score}점이에요.`,
          )
        : t(
            `Your health score is ${score}.`,
            `健康スコアは${score}点です。`,
            `건강 점수는 ${score}점이에요.`,
          );
    }
    case "GetWeight":
      return t(
        `Your weight is ${v(payload.weight)} kilograms.`,
        `体重は${v(payload.weight)}キロです。`,
        `몸무게는 ${v(payload.weight)}킬로그램이에요.`,
      );
    case "GetBMI":
      return t(
        `Your BMI is ${v(payload.bmi)}.`,
        `BMIは${v(payload.bmi)}です。`,
        `BMI는 ${v(payload.bmi)}예요.`,
      );
    case "GetBodyFat":
    case "GetMuscle":
    case "GetRightPostureRatio": {
      const value = v(
        payload.bodyFatPercentage ?? payload.musclePercentage ?? payload.rightPostureRatio,
      );
      const what = {
        GetBodyFat: ["Body fat", "体脂肪率", "체지방률"],
        GetMuscle: ["Muscle", "筋肉率", "근육량"],
        GetRightPostureRatio: ["Good posture", "正しい姿勢の割合", "바른 자세 비율"],
      }[action]!;
      return t(
        `${what[0]} is ${value} percent.`,
        `${what[1]}は${value}%です。`,
        `${what[2]}은 ${value}%예요.`,
      );
    }
    case "GetCurrentSittingState":
      return v(payload.sittingState) === true
        ? t(
            `Someone is sitting on the ${device}.`,
            `${device}に誰か座っています。`,
            `${device}에 누군가 앉아 있어요.`,
          )
        : t(
            `Nobody is sitting on the ${device}.`,
            `${device}には誰も座っていません。`,
            `${device}에 아무도 앉아 있지 않아요.`,
          );
    case "GetDetectionCount":
    case "GetPowerState": {
      const text = String(v(payload.detectionCount ?? payload.powerState));
      return t(`The ${device}: ${text}.`, `${device}：${text}。`, `${device}: ${text}.`);
    }
    case "GetNotice":
    case "GetPackage": {
      const items = ((payload.notice ?? payload.package) as string[] | undefined) ?? [];
      if (items.length === 0)
        return t("There is nothing new.", "新しいものはありません。", "새로운 건 없어요.");
      return t(`${items.join(". ")}.`, `${items.join("。")}。`, `${items.join(". ")}.`);
    }
    case "GetVehicleLocation": {
      const list = ((payload.vehicleLocationList as Payload[] | undefined) ?? [])
        .map((c) => `${c.name}: ${c.value}`)
        .join(", ");
      return t(`${list}.`, `${list}。`, `${list}.`);
    }
    case "HealthCheck": {
      if (payload.isReachable !== true)
        return t(
          `The ${device} is offline.`,
          `${device}はオフラインです。`,
          `${device}{은} 오프라인이에요.`,
        );
      return payload.isTurnOn === true
        ? t(
            `The ${device} is online and on.`,
            `${device}はオンラインで、動作中です。`,
            `${device}{은} 연결돼 있고 켜져 있어요.`,
          )
        : t(
            `The ${device} is online and off.`,
            `${device}はオンラインで、停止中です。`,
            `${device}{은} 연결돼 있고 꺼져 있어요.`,
          );
    }
    default:
      return t(`The ${device} answered.`, `${device}が応答しました。`, `${device}{이} 응답했어요.`);
  }
}

function unitWord(unit: unknown, language: Language): string {
  if (unit === "celsius") return language === "en" ? " degrees" : language === "ja" ? "度" : "도";
  if (unit === "percentage") return language === "en" ? " percent" : "%";
  return "";
}
