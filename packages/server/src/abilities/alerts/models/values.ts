// Dictionaries shared by the models: kinds of alert and repeat patterns, per language. The
// representative values are what the handler reads (the alert type; the repeat rule as ISO
// weekdays, see repeatWeekdays in ../understand.ts).
type Values = { value: string; synonyms?: string[] }[];
type PerLanguage = Record<"en" | "ja" | "ko", Values>;

export const ALERT_KIND_VALUES: PerLanguage = {
  en: [
    { value: "ALARM", synonyms: ["alarm", "alarms", "wake up call", "wake-up alarm"] },
    { value: "TIMER", synonyms: ["timer", "timers", "countdown"] },
    { value: "REMINDER", synonyms: ["reminder", "reminders"] },
    { value: "ACTIONTIMER", synonyms: ["action timer", "action timers", "sleep timer"] },
  ],
  ja: [
    { value: "ALARM", synonyms: ["アラーム", "目覚まし", "目覚まし時計"] },
    { value: "TIMER", synonyms: ["タイマー"] },
    { value: "REMINDER", synonyms: ["リマインダー", "リマインド"] },
    {
      value: "ACTIONTIMER",
      synonyms: ["アクションタイマー", "スリープタイマー", "おやすみタイマー"],
    },
  ],
  ko: [
    { value: "ALARM", synonyms: ["알람", "모닝콜"] },
    { value: "TIMER", synonyms: ["타이머"] },
    { value: "REMINDER", synonyms: ["리마인더", "알림"] },
    { value: "ACTIONTIMER", synonyms: ["예약", "취침 예약", "꺼짐 예약"] },
  ],
};

/**
 * Words without which a request is not for an alarm: "add dentist on Friday at 3 pm" reads like
 * "add an alarm for 3 pm" to a classifier, but is a calendar event (the schedule's).
 */
export const ALARM_CUES: Record<"en" | "ja" | "ko", RegExp> = {
  en: /\b(alarms?|wake|waking|wake-up|get me up|(?:get|be|i'?m) up)\b/i,
  ja: /アラーム|目覚まし|起こ|起き/,
  ko: /알람|깨워|깨우|모닝콜|기상|일어나/,
};

/**
 * Words of a question about the user's alerts: 「今夜のテレビは何」 and "오늘 뉴스 뭐야" are shaped
 * like 「明日のリマインダーは何」 but ask about something else.
 */
export const LIST_CUES: Record<"en" | "ja" | "ko", RegExp> = {
  en: /\b(alarms?|timers?|reminders?|alerts?|wake|set)\b/i,
  ja: /アラーム|タイマー|リマインド|リマインダー|目覚まし|セット|予約|通知/,
  ko: /알람|타이머|리마인더|알림|모닝콜|설정|예약|맞춰/,
};

/**
 * Words that ask for a new alert ("set", 「セットして」, "맞춰줘"): asked "which one?", "set a
 * timer for 10 minutes" is a new timer even when a 10-minute one is among the choices.
 */
export const SET_CUES: Record<"en" | "ja" | "ko", RegExp> = {
  en: /\b(set|start|make|create|add|new|another|remind me|wake me)\b/i,
  ja: /セット|設定|かけて|始めて|スタート|追加|作って|リマインドして|起こして/,
  ko: /맞춰|설정|시작|추가|만들어|새로|하나 더|알려\s?줘|깨워/,
};

/** An "action" about the calendar ("at 9 put hiking on my schedule") is the schedule's. */
export const SCHEDULE_WORDS =
  /\b(schedule|calendar|appointment)\b|予定|スケジュール|カレンダー|일정|스케줄|캘린더/i;

export const REPEAT_VALUES: PerLanguage = {
  en: [
    {
      value: "DAILY",
      synonyms: ["every day", "daily", "everyday", "each day", "every morning", "every night"],
    },
    {
      value: "WEEKDAYS",
      synonyms: ["weekdays", "every weekday", "on weekdays", "weekday", "monday to friday"],
    },
    { value: "WEEKENDS", synonyms: ["weekends", "every weekend", "on weekends", "weekend"] },
    { value: "MO", synonyms: ["every monday", "mondays", "on mondays"] },
    { value: "TU", synonyms: ["every tuesday", "tuesdays", "on tuesdays"] },
    { value: "WE", synonyms: ["every wednesday", "wednesdays", "on wednesdays"] },
    { value: "TH", synonyms: ["every thursday", "thursdays", "on thursdays"] },
    { value: "FR", synonyms: ["every friday", "fridays", "on fridays"] },
    { value: "SA", synonyms: ["every saturday", "saturdays", "on saturdays"] },
    { value: "SU", synonyms: ["every sunday", "sundays", "on sundays"] },
  ],
  ja: [
    { value: "DAILY", synonyms: ["毎日", "毎朝", "毎晩", "毎夜"] },
    { value: "WEEKDAYS", synonyms: ["平日", "平日の朝", "毎週平日", "月曜から金曜"] },
    { value: "WEEKENDS", synonyms: ["週末", "土日", "毎週末", "土日の朝"] },
    { value: "MO", synonyms: ["毎週月曜", "毎週月曜日", "月曜日ごと"] },
    { value: "TU", synonyms: ["毎週火曜", "毎週火曜日"] },
    { value: "WE", synonyms: ["毎週水曜", "毎週水曜日"] },
    { value: "TH", synonyms: ["毎週木曜", "毎週木曜日"] },
    { value: "FR", synonyms: ["毎週金曜", "毎週金曜日"] },
    { value: "SA", synonyms: ["毎週土曜", "毎週土曜日"] },
    { value: "SU", synonyms: ["毎週日曜", "毎週日曜日"] },
  ],
  ko: [
    { value: "DAILY", synonyms: ["매일", "매일 아침", "매일 밤", "날마다"] },
    { value: "WEEKDAYS", synonyms: ["평일", "평일마다", "주중", "평일 아침"] },
    { value: "WEEKENDS", synonyms: ["주말", "주말마다", "주말 아침"] },
    { value: "MO", synonyms: ["매주 월요일", "월요일마다"] },
    { value: "TU", synonyms: ["매주 화요일", "화요일마다"] },
    { value: "WE", synonyms: ["매주 수요일", "수요일마다"] },
    { value: "TH", synonyms: ["매주 목요일", "목요일마다"] },
    { value: "FR", synonyms: ["매주 금요일", "금요일마다"] },
    { value: "SA", synonyms: ["매주 토요일", "토요일마다"] },
    { value: "SU", synonyms: ["매주 일요일", "일요일마다"] },
  ],
};

/** ISO weekdays (1 = Monday) of a repeat value. */
export function repeatWeekdays(value: string): number[] | undefined {
  switch (value) {
    case "DAILY":
      return [1, 2, 3, 4, 5, 6, 7];
    case "WEEKDAYS":
      return [1, 2, 3, 4, 5];
    case "WEEKENDS":
      return [6, 7];
    default: {
      const day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].indexOf(value);
      return day < 0 ? undefined : [day + 1];
    }
  }
}
