// What the alerts ability says, per language: times and durations as people say them, and
// every answer's sentence. Pure functions of the record, the clock and the zone.
import type { Language } from "../../assistant/turn.js";
import type { AlertRecord, AlertType } from "../../store/alerts.js";
import { withParticle as ko } from "../korean.js";
import { addDays } from "../time/date.js";
import { wallTimeAt } from "../time/zone.js";

const KIND: Record<Language, Record<AlertType, string>> = {
  en: { ALARM: "alarm", TIMER: "timer", REMINDER: "reminder", ACTIONTIMER: "action timer" },
  ja: {
    ALARM: "アラーム",
    TIMER: "タイマー",
    REMINDER: "リマインダー",
    ACTIONTIMER: "アクションタイマー",
  },
  ko: { ALARM: "알람", TIMER: "타이머", REMINDER: "리마인더", ACTIONTIMER: "예약" },
};

export function kindName(type: AlertType, language: Language): string {
  return KIND[language][type];
}

const WEEKDAY: Record<Language, string[]> = {
  en: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  ja: ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"],
  ko: ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"],
};

/** The wall-clock time alone: "7:30 AM", 「7時30分」, "오전 7시 30분". */
export function clockPhrase(hour: number, minute: number, language: Language): string {
  if (language === "ja") return minute === 0 ? `${hour}時` : `${hour}時${minute}分`;
  const half = hour < 12 ? 0 : 1;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  if (language === "ko")
    return `${half === 0 ? "오전" : "오후"} ${h12}시${minute === 0 ? "" : ` ${minute}분`}`;
  return `${h12}${minute === 0 ? "" : `:${String(minute).padStart(2, "0")}`} ${half === 0 ? "AM" : "PM"}`;
}

/** When an instant is, said from `now`: "7:30 AM", "tomorrow at 7:30 AM", "Monday at 7 AM". */
export function whenPhrase(at: number, now: number, timeZone: string, language: Language): string {
  const t = wallTimeAt(at, timeZone);
  const today = wallTimeAt(now, timeZone);
  const clock = clockPhrase(t.hour, t.minute, language);
  const sameDay = (d: { year: number; month: number; day: number }) =>
    d.year === t.year && d.month === t.month && d.day === t.day;
  const days = [0, 1, 2, 3, 4, 5, 6].find((n) => sameDay(addDays(today, n)));
  const day =
    days === 0
      ? { en: "", ja: "", ko: "" }
      : days === 1
        ? { en: "tomorrow", ja: "明日", ko: "내일" }
        : days !== undefined
          ? {
              en: WEEKDAY.en[t.weekday - 1]!,
              ja: WEEKDAY.ja[t.weekday - 1]!,
              ko: WEEKDAY.ko[t.weekday - 1]!,
            }
          : {
              en: `${MONTHS[t.month - 1]} ${t.day}`,
              ja: `${t.month}月${t.day}日`,
              ko: `${t.month}월 ${t.day}일`,
            };
  if (language === "en") return day.en ? `${day.en} at ${clock}` : clock;
  if (language === "ja") return day.ja ? `${day.ja}の${clock}` : clock;
  return day.ko ? `${day.ko} ${clock}` : clock;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** A length of time: "1 hour 30 minutes", 「1時間30分」, "1시간 30분". */
export function durationPhrase(ms: number, language: Language): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (language === "en") {
    const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
    if (h) parts.push(unit(h, "hour"));
    if (m) parts.push(unit(m, "minute"));
    if (s || parts.length === 0) parts.push(unit(s, "second"));
    return parts.join(" ");
  }
  const units = language === "ja" ? ["時間", "分", "秒"] : ["시간", "분", "초"];
  if (h) parts.push(`${h}${units[0]}`);
  if (m) parts.push(`${m}${units[1]}`);
  if (s || parts.length === 0) parts.push(`${s}${units[2]}`);
  return parts.join(language === "ja" ? "" : " ");
}

const REPEAT_WORDS: Record<Language, Record<string, string>> = {
  en: { daily: "every day", weekdays: "on weekdays", weekends: "on weekends" },
  ja: { daily: "毎日", weekdays: "平日", weekends: "週末" },
  ko: { daily: "매일", weekdays: "평일", weekends: "주말" },
};

/** "every day", "on weekdays", "every Tuesday"… of a weekday set. */
export function repeatPhrase(weekdays: readonly number[], language: Language): string {
  const key = weekdays.join(",");
  if (key === "1,2,3,4,5,6,7") return REPEAT_WORDS[language]["daily"]!;
  if (key === "1,2,3,4,5") return REPEAT_WORDS[language]["weekdays"]!;
  if (key === "6,7") return REPEAT_WORDS[language]["weekends"]!;
  const names = weekdays.map((d) => WEEKDAY[language][d - 1]!);
  if (language === "en") return `every ${names.join(" and ")}`;
  if (language === "ja") return `毎週${names.join("と")}`;
  return `매주 ${names.join(", ")}`;
}

/** How one alert is named in a sentence: "the 7:30 AM alarm", "the pasta timer (3 minutes left)". */
export function describe(alert: AlertRecord, now: number, language: Language): string {
  const when = whenPhrase(alert.scheduledAt, now, alert.timeZone, language);
  const repeat = alert.repeat ? repeatPhrase(alert.repeat.weekdays, language) : undefined;
  if (alert.type === "TIMER") {
    const left = durationPhrase(alert.scheduledAt - now, language);
    const total = alert.durationMs ? durationPhrase(alert.durationMs, language) : undefined;
    const name = alert.label;
    if (language === "en")
      return `${name ? `the ${name} timer` : total ? `the ${total} timer` : "a timer"}, ${left} left`;
    if (language === "ja")
      return `${name ? `${name}のタイマー` : total ? `${total}のタイマー` : "タイマー"}、残り${left}`;
    return `${name ? `${name} 타이머` : total ? `${total} 타이머` : "타이머"}, ${left} 남음`;
  }
  const label = alert.label;
  if (language === "en") {
    const base =
      alert.type === "ALARM"
        ? `an alarm ${repeat ? `${repeat} at ${clockOf(alert, language)}` : `for ${when}`}`
        : alert.type === "REMINDER"
          ? `a reminder to ${label ? yours(label) : "…"} ${repeat ? `${repeat} at ${clockOf(alert, language)}` : atWhen(when)}`
          : `${label ? yours(label) : "an action"} ${atWhen(when)}`;
    return base;
  }
  if (language === "ja") {
    const time = repeat ? `${repeat}${clockOf(alert, language)}` : when;
    if (alert.type === "ALARM") return `${time}のアラーム`;
    if (alert.type === "REMINDER") return `${time}に「${label ?? ""}」のリマインダー`;
    return `${time}に「${label ?? ""}」`;
  }
  const time = repeat ? `${repeat} ${clockOf(alert, language)}` : when;
  if (alert.type === "ALARM") return `${time} 알람`;
  if (alert.type === "REMINDER") return `${time} '${label ?? ""}' 리마인더`;
  return `${time} '${label ?? ""}' 예약`;
}

/** How an alert that went off is named: "the pasta timer", 「5分のタイマー」, "7시 알람". */
function pastName(alert: AlertRecord, now: number, language: Language): string {
  if (alert.type !== "TIMER") return describe(alert, now, language);
  const total = alert.durationMs ? durationPhrase(alert.durationMs, language) : undefined;
  const name = alert.label ?? total;
  if (language === "en") return name ? `the ${name} timer` : "a timer";
  if (language === "ja") return name ? `${name}のタイマー` : "タイマー";
  return name ? `${name} 타이머` : "타이머";
}

/** A one-shot alert past its time that nothing is ringing: it went off (or was missed). */
export function wentOff(alert: AlertRecord, now: number): boolean {
  return !alert.repeat && alert.scheduledAt <= now && alert.status !== "ringing";
}

function clockOf(alert: AlertRecord, language: Language): string {
  const t = wallTimeAt(alert.scheduledAt, alert.timeZone);
  return clockPhrase(t.hour, t.minute, language);
}

/** Every sentence of the ability. */
export const SAY = {
  set(alert: AlertRecord, now: number, language: Language): string {
    const when = whenPhrase(alert.scheduledAt, now, alert.timeZone, language);
    const repeat = alert.repeat ? repeatPhrase(alert.repeat.weekdays, language) : undefined;
    const clock = clockOf(alert, language);
    switch (alert.type) {
      case "ALARM":
        if (language === "en")
          return repeat ? `Alarm set ${repeat} at ${clock}.` : `Alarm set for ${when}.`;
        if (language === "ja")
          return repeat
            ? `${repeat}${clock}にアラームをセットしました。`
            : `${when}にアラームをセットしました。`;
        return repeat ? `${repeat} ${clock}에 알람을 맞췄어요.` : `${when}에 알람을 맞췄어요.`;
      case "TIMER": {
        const length = durationPhrase(alert.durationMs ?? alert.scheduledAt - now, language);
        const name = alert.label;
        if (language === "en")
          return `${name ? `${capital(name)} timer` : "Timer"} set for ${length}.`;
        if (language === "ja")
          return `${name ? `${name}の` : ""}タイマーを${length}にセットしました。`;
        return `${name ? `${name} ` : ""}타이머를 ${ko(length, "으로", "로")} 맞췄어요.`;
      }
      case "REMINDER":
        if (language === "en")
          return `OK, I'll remind you to ${yours(alert.label ?? "")} ${repeat ? `${repeat} at ${clock}` : atWhen(when)}.`;
        if (language === "ja")
          return `${repeat ? `${repeat}${clock}` : when}に「${alert.label}」とお知らせします。`;
        return `${repeat ? `${repeat} ${clock}` : when}에 '${alert.label}' 알려 드릴게요.`;
      default:
        if (language === "en")
          return `OK, ${atWhen(when)} I'll ${lowerFirst(yours(alert.label ?? "do that"))}.`;
        if (language === "ja") return `${when}に「${alert.label}」を実行します。`;
        return `${when}에 '${alert.label}' 할게요.`;
    }
  },
  setFailed(type: AlertType, language: Language): string {
    const kind = kindName(type, language);
    if (language === "en") return `Sorry, I couldn't set the ${kind}.`;
    if (language === "ja") return `${kind}をセットできませんでした。`;
    return `${ko(kind, "을", "를")} 설정하지 못했어요.`;
  },
  askTime(type: AlertType, language: Language): string {
    const kind = kindName(type, language);
    if (language === "en") return `What time should the ${kind} be for?`;
    if (language === "ja") return `${kind}は何時にしますか？`;
    return `${ko(kind, "을", "를")} 몇 시로 맞출까요?`;
  },
  askDuration(language: Language): string {
    if (language === "en") return "For how long?";
    if (language === "ja") return "何分のタイマーにしますか？";
    return "몇 분으로 맞출까요?";
  },
  askReminderText(language: Language): string {
    if (language === "en") return "What should I remind you about?";
    if (language === "ja") return "何をリマインドしますか？";
    return "무엇을 알려 드릴까요?";
  },
  /** "February 31st" and the like: said, not replaced by another day. */
  noSuchDate(month: number, day: number, language: Language): string {
    if (language === "en")
      return `${MONTHS[month - 1]} ${day} doesn't exist. Please tell me another date.`;
    if (language === "ja")
      return `${month}月${day}日は存在しない日付です。別の日を教えてください。`;
    return `${month}월 ${day}일은 없는 날짜예요. 다른 날짜를 말해 주세요.`;
  },
  past(language: Language): string {
    if (language === "en") return "That time has already passed. Please tell me a later time.";
    if (language === "ja") return "その時刻はもう過ぎています。もっと後の時刻を教えてください。";
    return "이미 지난 시간이에요. 더 나중 시간을 말해 주세요.";
  },
  tooFar(language: Language): string {
    if (language === "en") return "That's too far ahead. I can set alerts up to a year from now.";
    if (language === "ja") return "先すぎます。1年先まで設定できます。";
    return "너무 먼 시간이에요. 1년 뒤까지 맞출 수 있어요.";
  },
  none(type: AlertType | undefined, language: Language): string {
    const kind = type
      ? kindName(type, language)
      : { en: "alarms, timers or reminders", ja: "アラームやタイマー", ko: "알람이나 타이머" }[
          language
        ];
    if (language === "en") return `You have no ${type ? `${kind}s` : kind}.`;
    if (language === "ja") return `${kind}はありません。`;
    return `설정된 ${ko(kind, "이", "가")} 없어요.`;
  },
  notFound(type: AlertType | undefined, language: Language): string {
    const kind = type
      ? kindName(type, language)
      : { en: "alert", ja: "アラーム", ko: "알람" }[language];
    if (language === "en") return `I couldn't find that ${kind}.`;
    if (language === "ja") return `その${kind}は見つかりませんでした。`;
    return `그 ${ko(kind, "을", "를")} 찾지 못했어요.`;
  },
  list(items: string[], type: AlertType | undefined, language: Language): string {
    const kind = type ? kindName(type, language) : undefined;
    if (language === "en") {
      const count = `${items.length} ${kind ?? "alert"}${items.length === 1 ? "" : "s"}`;
      return `You have ${count}: ${items.join("; ")}.`;
    }
    if (language === "ja")
      return `${kind ?? "アラーム"}は${items.length}件あります。${items.join("、")}。`;
    return `${kind ?? "알람"} ${items.length}개가 있어요. ${items.join(", ")}.`;
  },
  which(items: string[], type: AlertType | undefined, language: Language): string {
    const kind = type ? kindName(type, language) : undefined;
    const n = items.length;
    if (language === "en")
      return `You have ${n === 2 ? "two" : n} ${kind ?? "alert"}s: ${items.join(" and ")}. Which one?`;
    if (language === "ja")
      return `${kind ?? "アラーム"}が${n}つあります。${items.join("と")}。どれですか？`;
    return `${ko(kind ?? "알람", "이", "가")} ${n}개 있어요. ${items.join(", ")}. 어느 것인가요?`;
  },
  deleted(descriptions: string[], language: Language): string {
    if (language === "en") return `Deleted ${descriptions.join(" and ")}.`;
    if (language === "ja") return `${descriptions.join("と")}を削除しました。`;
    return `${ko(descriptions.join(", "), "을", "를")} 삭제했어요.`;
  },
  deletedAll(count: number, type: AlertType | undefined, language: Language): string {
    const kind = type ? kindName(type, language) : undefined;
    if (language === "en")
      return `Deleted ${count === 1 ? "your" : `all ${count} of your`} ${kind ?? "alert"}${count === 1 ? "" : "s"}.`;
    if (language === "ja") return `${kind ?? "アラーム"}を${count}件すべて削除しました。`;
    return `${kind ?? "알람"} ${count}개를 모두 삭제했어요.`;
  },
  moved(alert: AlertRecord, now: number, language: Language): string {
    const when = whenPhrase(alert.scheduledAt, now, alert.timeZone, language);
    const kind = kindName(alert.type, language);
    if (language === "en") return `Moved your ${kind} to ${when}.`;
    if (language === "ja") return `${kind}を${when}に変更しました。`;
    return `${ko(kind, "을", "를")} ${ko(when, "으로", "로")} 바꿨어요.`;
  },
  /**
   * One-shot alerts whose time came while no device rang them (the speaker was offline): kept
   * an hour in the store, but no longer waiting, so said apart from the list.
   */
  wentOff(alerts: readonly AlertRecord[], now: number, language: Language): string {
    return alerts
      .map((alert) => {
        const ago = durationPhrase(Math.max(60_000, now - alert.scheduledAt), language);
        const name = pastName(alert, now, language);
        if (language === "en") return `${capital(name)} went off ${ago} ago.`;
        if (language === "ja") return `${name}は${ago}前に鳴りました。`;
        return `${name}${ko(name, "은", "는")} ${ago} 전에 울렸어요.`;
      })
      .join(" ");
  },
  left(description: string, language: Language): string {
    if (language === "en") return `${capital(description)}.`;
    if (language === "ja") return `${description}です。`;
    // A timer's "…, 4분 남음" ends in a verb: "남았어요", never "남음이에요".
    if (description.endsWith(" 남음")) return `${description.slice(0, -2)}남았어요.`;
    return `${description}${hasFinalConsonant(description) ? "이에요" : "예요"}.`;
  },
  nothingRinging(language: Language): string {
    if (language === "en") return "Nothing is ringing right now.";
    if (language === "ja") return "いま鳴っているアラームはありません。";
    return "지금 울리는 알람이 없어요.";
  },
  snoozed(ms: number, language: Language): string {
    const length = durationPhrase(ms, language);
    if (language === "en") return `Snoozed for ${length}.`;
    if (language === "ja") return `${length}後にもう一度鳴らします。`;
    return `${length} 뒤에 다시 울릴게요.`;
  },
  ringing(alert: AlertRecord, language: Language): string {
    if (alert.type === "REMINDER") {
      if (language === "en") return `Reminder: ${yours(alert.label ?? "")}`;
      if (language === "ja") return `リマインダーです。${alert.label ?? ""}`;
      return `리마인더예요. ${alert.label ?? ""}`;
    }
    return "";
  },
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** English time words after a verb: "at 5 PM", "tomorrow at 5 PM", "on Friday at 5 PM". */
function atWhen(when: string): string {
  if (/^(?:\d|noon|midnight)/i.test(when)) return `at ${when}`;
  return /^tomorrow/i.test(when) ? when : `on ${when}`;
}

const SPEAKER_WORDS: Record<string, string> = {
  i: "you",
  "i'm": "you're",
  me: "you",
  my: "your",
  mine: "yours",
  myself: "yourself",
};

/** The user's own words said back to them: "take my pills" → "take your pills" (English). */
export function yours(text: string): string {
  return text
    .replace(/\bI am\b/g, "you are")
    .replace(/\b(?:I'm|I|me|my|mine|myself)\b/gi, (word) => SPEAKER_WORDS[word.toLowerCase()]!);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Whether a Korean word ends in a final consonant (받침): "알람이에요" but "리마인더예요". */
function hasFinalConsonant(text: string): boolean {
  const last = text.trimEnd().codePointAt(text.trimEnd().length - 1) ?? 0;
  if (last < 0xac00 || last > 0xd7a3) return true;
  return (last - 0xac00) % 28 !== 0;
}
