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
