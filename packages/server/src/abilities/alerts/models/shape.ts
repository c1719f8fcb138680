// What the alerts ability's models share in every language: the intents, their slots and the
// slot types. A language file gives only its words (en.ts, ja.ts, ko.ts).
import type { Language } from "@clover/nlu";
import type { AbilityModel } from "../../ability.js";
import { ALERT_KIND_VALUES, REPEAT_VALUES } from "./values.js";

/** Each intent's slots, name → slot type, in the order the model declares them. */
const INTENT_SLOTS = {
  SetAlarmIntent: { when: "CLOVA.DATETIME", repeat: "ALERT_REPEAT" },
  SetTimerIntent: { duration: "CLOVA.DURATION", name: "TIMER_NAME" },
  SetReminderIntent: { when: "CLOVA.DATETIME", text: "REMINDER_TEXT", repeat: "ALERT_REPEAT" },
  SetActionTimerIntent: { when: "CLOVA.DATETIME", action: "ACTION" },
  ListAlertsIntent: { kind: "ALERT_KIND", when: "CLOVA.DATETIME" },
  TimeLeftIntent: { name: "TIMER_NAME", duration: "CLOVA.DURATION" },
  DeleteAlertIntent: {
    kind: "ALERT_KIND",
    when: "CLOVA.DATETIME",
    duration: "CLOVA.DURATION",
    name: "TIMER_NAME",
  },
  DeleteAllAlertsIntent: { kind: "ALERT_KIND" },
  MoveAlarmIntent: { kind: "ALERT_KIND", from: "CLOVA.DATETIME", to: "CLOVA.DATETIME" },
  StopAlertIntent: { kind: "ALERT_KIND" },
  SnoozeAlertIntent: { duration: "CLOVA.DURATION" },
} as const satisfies Record<string, Record<string, string>>;

export type AlertsIntentName = keyof typeof INTENT_SLOTS;

/** One language's words for the alerts model. */
export interface AlertsWords {
  language: Language & keyof typeof ALERT_KIND_VALUES & keyof typeof REPEAT_VALUES;
  /** Examples of the open TIMER_NAME type ("pasta", "egg"). */
  timerNames: readonly string[];
  /** An example of the open REMINDER_TEXT type. */
  reminderExample: string;
  /** An example of the open ACTION type (what an action timer does). */
  actionExample: string;
  /** Sample utterances of every intent, slots marked `<slot>words</slot>`. */
  utterances: Record<AlertsIntentName, string[]>;
}

export function alertsModel(words: AlertsWords): AbilityModel {
  const { language } = words;
  return {
    language,
    builtinSlotTypes: ["CLOVA.DATETIME", "CLOVA.DURATION"],
    customSlotTypes: [
      { name: "ALERT_KIND", values: ALERT_KIND_VALUES[language] },
      { name: "ALERT_REPEAT", values: REPEAT_VALUES[language] },
      { name: "TIMER_NAME", open: true, values: words.timerNames.map((value) => ({ value })) },
      { name: "REMINDER_TEXT", open: true, values: [{ value: words.reminderExample }] },
      { name: "ACTION", open: true, values: [{ value: words.actionExample }] },
    ],
    intents: Object.entries(INTENT_SLOTS).map(([name, slots]) => ({
      name,
      slots: Object.entries(slots).map(([slot, type]) => ({ name: slot, type })),
      utterances: words.utterances[name as AlertsIntentName],
    })),
  };
}
