// Words without which a first turn is not the schedule's, whatever its model made of it: "book a
// table for two" is not a note, "book a flight to paris" not an event, "what's up" not a
// question about the next event, "엄마한테 전화해 줘" not a memo. Such an utterance goes on to
// the other abilities (or the fallback). And words that make a short question about a day the
// schedule's though its model is less sure of it (「明日何かある」, "anything on tomorrow").
import type { Language } from "../../assistant/turn.js";

export const INTENT_CUES: Readonly<Partial<Record<string, Record<Language, RegExp>>>> = {
  MemoAdd: {
    en: /\b(notes?|memos?|write|jot|remember)\b/i,
    ja: /メモ|書い|覚えて|記録/,
    ko: /메모|적어|기록|기억/,
  },
  ScheduleAdd: {
    en: /\b(add|put|create|new|schedule|calendar|events?|appointments?|meetings?|plans?)\b/i,
    ja: /予定|スケジュール|カレンダー|入れ|追加|登録|会議/,
    ko: /일정|스케줄|캘린더|추가|넣어|등록|잡아|약속|회의/,
  },
  ScheduleFind: {
    en: /\b(when|what time|schedule|calendar|events?|appointments?|meetings?)\b/i,
    ja: /いつ|何時|予定|スケジュール|カレンダー/,
    ko: /언제|몇 ?시|일정|스케줄|캘린더|약속/,
  },
  ScheduleRemind: {
    en: /\b(remind|reminder|alert|notify)\b/i,
    ja: /教えて|知らせ|リマインド|通知|思い出させ/,
    ko: /알려|리마인드|알림|리마인더/,
  },
  ScheduleNext: {
    en: /\b(next|schedule|calendar|events?|appointments?|meetings?|agenda|coming up)\b/i,
    ja: /次|予定|スケジュール/,
    ko: /다음|일정|스케줄|약속/,
  },
};

/** "Anything on <day>": a question about a day's agenda in few words. */
export const AGENDA_CUES: Readonly<Record<Language, RegExp>> = {
  en: /\b(anything|busy|plans|what have i got|what am i doing)\b/i,
  ja: /何か(?:ある|あった|予定)|なんか(?:ある|予定)|予定|用事|忙しい/,
  ko: /뭐 ?있|일정|약속|바빠|스케줄/,
};

/**
 * "The next <thing>" where the thing is not one of the user's events: "when is the next full
 * moon", 「次の日食はいつ」, "다음 보름달은 언제야" ask about the world, not the calendar, so the
 * schedule's "next" question declines them (the fallback answers) unless a word of the
 * user's own agenda is also said (`OWN_AGENDA`: "when is my next dentist appointment").
 */
export const WORLD_NEXT: Readonly<Record<Language, RegExp>> = {
  en: /\bnext\s+(?!(?:on|up|for|in|to|event|events|appointment|appointments|meeting|meetings|thing|things|item|one|plan|plans|call|class|schedule|calendar)\b)[a-z]/i,
  ja: /次の(?!予定|会議|スケジュール|用事|約束|ミーティング|アポ|打ち合わせ|イベント)\S/,
  ko: /다음\s*(?!일정|약속|스케줄|회의|미팅|이벤트|거|건|뭐|은|는|에|으로)[가-힣]/,
};

/** Words that make "the next …" the user's own: my, appointment, 予定, 일정. */
export const OWN_AGENDA: Readonly<Record<Language, RegExp>> = {
  en: /\b(my|schedule|calendar|events?|appointments?|meetings?|agenda|plans?)\b/i,
  ja: /予定|スケジュール|カレンダー|会議|用事|約束|ミーティング|アポ|私の|僕の/,
  ko: /일정|스케줄|캘린더|약속|회의|미팅|내 |제 /,
};

/**
 * Asking for a recommendation ("what do you recommend for today", 「今日のおすすめは何」,
 * "오늘의 추천은 뭐야") names a day but not the user's agenda: never the schedule's.
 */
export const RECOMMENDATION: Readonly<Record<Language, RegExp>> = {
  en: /\b(recommend\w*|suggest\w*)\b/i,
  ja: /おすすめ|オススメ|お勧め|お薦め/,
  ko: /추천/,
};
