// From what the NLU recognized (built-in CLOVA.DATETIME / CLOVA.DURATION values, the
// ability's own slot types) to the times an alert rings at, in the user's zone.
import type { Recognition, RecognizedSlot } from "@clover/nlu";
import type { AlertRepeat, AlertType } from "../../store/alerts.js";
import { wallTimeAt } from "../time/zone.js";
import { repeatWeekdays } from "./models/values.js";
import {
  type ClockTime,
  durationMs,
  formatClockTime,
  nextOccurrence,
  parseClockTime,
} from "./time.js";

export type When =
  /** A moment: ring then. */
  | { kind: "at"; at: number; time?: ClockTime }
  /** A day without a time ("tomorrow"): ask for the time. */
  | { kind: "date"; date: { year: number; month: number; day: number } }
  | { kind: "past" };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A CLOVA.DATETIME value as a moment after `now`. A time alone is the next time the clock
 * shows it (today, else tomorrow; with a repeat, the next repeat day); an interval counts by
 * its start; a date alone asks for the time.
 */
export function resolveWhen(
  value: string | undefined,
  timeZone: string,
  now: number,
  repeat?: AlertRepeat,
  options: { raw?: string; eitherHalfOfDay?: boolean } = {},
): When | undefined {
  if (!value) return undefined;
  const start = value.split("/")[0]!;
  const time = parseClockTime(start);
  if (time) {
    const days = repeat ? { weekdays: repeat.weekdays } : {};
    const at = nextOccurrence(time, timeZone, now, days);
    // "remind me at 5" said in the morning means 5 PM: a bare hour of a reminder or an
    // action is the next time the clock shows it, in either half of the day.
    if (options.eitherHalfOfDay && options.raw !== undefined && isBareHour(time, options.raw)) {
      const afternoon = { ...time, hour: time.hour + 12 };
      const later = nextOccurrence(afternoon, timeZone, now, days);
      if (later < at) return { kind: "at", at: later, time: afternoon };
    }
    return { kind: "at", at, time };
  }
  const date = DATE.exec(start);
  if (date) return { kind: "date", date: { year: +date[1]!, month: +date[2]!, day: +date[3]! } };
  const at = Date.parse(start);
  if (Number.isNaN(at)) return undefined;
  if (value.includes("/") && !/T\d{2}:\d{2}/.test(start)) return undefined;
  const local = wallTimeAt(at, timeZone);
  const clock = { hour: local.hour, minute: local.minute, second: local.second };
  if (repeat) {
    const next = nextOccurrence(clock, timeZone, now - 1, { weekdays: repeat.weekdays });
    return { kind: "at", at: next, time: clock };
  }
  if (at <= now) return { kind: "past" };
  return { kind: "at", at, time: clock };
}

/** Words that fix the half of the day (AM/PM, parts of the day, 24-hour forms). */
const HALF_OF_DAY =
  /\b(?:a\.?m\.?|p\.?m\.?|morning|afternoon|evening|night|tonight|noon|midnight|o'clock in)\b|午前|午後|朝|昼|夕方|夜|晩|正午|深夜|未明|오전|오후|아침|점심|낮|저녁|밤|새벽|정오|자정/iu;

/** An hour from 1 to 11 said without AM/PM or a part of the day ("at 5", 「5時」, "5시"). */
export function isBareHour(time: ClockTime, raw: string): boolean {
  return time.hour >= 1 && time.hour <= 11 && !HALF_OF_DAY.test(raw) && !/\b0\d:/.test(raw);
}

/** A repeat slot (ALERT_REPEAT) as the rule stored on the alert, given its time of day. */
export function repeatOf(
  slot: RecognizedSlot | undefined,
  time?: ClockTime,
): AlertRepeat | undefined {
  if (!slot) return undefined;
  const weekdays = repeatWeekdays(slot.value);
  if (!weekdays) return undefined;
  return { time: time ? formatClockTime(time) : "00:00:00", weekdays };
}

/** CLOVA.DURATION value in milliseconds. */
export function durationOf(slot: RecognizedSlot | undefined): number | undefined {
  return slot ? durationMs(slot.value) : undefined;
}

export function kindOf(slot: RecognizedSlot | undefined): AlertType | undefined {
  const value = slot?.value;
  return value === "ALARM" || value === "TIMER" || value === "REMINDER" || value === "ACTIONTIMER"
    ? value
    : undefined;
}

/** Words that join a time phrase to the command ("in", 「に」, "에") and are not the command. */
const EDGE_WORDS =
  /^(?:[、,。.!?\s]|please|and|then|に|には|、|에|에는)+|(?:[、,。.!?\s]|please|and|then|に|には|、|에|에는)+$/giu;

/**
 * The command an action timer runs: the action slot, else the utterance without its time
 * phrase ("stop the music in 30 minutes" → "stop the music").
 */
export function actionText(recognition: Recognition, utterance: string): string {
  const action = recognition.slots["action"]?.raw;
  if (action && action.trim() !== "") return action.replace(EDGE_WORDS, "").trim();
  const when = recognition.slots["when"]?.raw;
  const rest = when ? utterance.replace(when, " ") : utterance;
  return rest.replace(/\s+/g, " ").replace(EDGE_WORDS, "").trim();
}

/** The reminder's text, without joining words the tagger may have kept. */
export function reminderText(recognition: Recognition): string | undefined {
  const raw = recognition.slots["text"]?.raw;
  if (!raw) return undefined;
  const cleaned = raw
    .replace(/^(?:to|about|that)\s+/i, "")
    .replace(/(?:って|と|ことを|こと|を)$/u, "")
    .replace(/(?:하라고|라고|이라고)$/u, "")
    .trim();
  return cleaned === "" ? undefined : cleaned;
}
