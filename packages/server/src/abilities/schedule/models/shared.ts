// Slot types and intent slots shared by the three languages' schedule models.
import type { ModelSource } from "./build.js";

export const SLOTS = {
  ScheduleQuery: { when: "CLOVA.DATETIME" },
  ScheduleNext: {},
  ScheduleFind: { subject: "SUBJECT" },
  ScheduleAdd: {
    subject: "SUBJECT",
    when: "CLOVA.DATETIME",
    repeat: "REPEAT",
    reminder: "CLOVA.DURATION",
  },
  ScheduleMove: { subject: "SUBJECT", from: "CLOVA.DATETIME", when: "CLOVA.DATETIME" },
  ScheduleCancel: { subject: "SUBJECT", when: "CLOVA.DATETIME" },
  ScheduleRemind: { reminder: "CLOVA.DURATION" },
  GiveTime: { when: "CLOVA.DATETIME" },
  MemoAdd: { memo: "MEMO" },
  MemoRead: {},
  MemoDelete: { which: "WHICH" },
} as const;

export type ScheduleIntent = keyof typeof SLOTS;

/** Representative words of REPEAT are RRULE frequencies (the handler builds the rule). */
export function repeatType(words: Record<string, string[]>): ModelSource["customSlotTypes"][0] {
  return {
    name: "REPEAT",
    values: Object.entries(words).map(([value, synonyms]) => ({ value, synonyms })),
  };
}
