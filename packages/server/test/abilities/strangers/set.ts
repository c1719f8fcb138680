// The stranger's held-out set: what people who never saw the abilities' models say to a smart
// speaker, with what they must get back. One file per language (<lang>.txt), one utterance a
// line: `utterance | ability | expectation`. Expectations (times are wall-clock times in the
// language's zone; `d+N HH:MM` is N days after the day of speaking, `+1h30m` / `+90s` is from
// the moment of speaking):
//   alarm <when>                  Alerts.SetAlert type ALARM at that time
//   timer <+duration>             Alerts.SetAlert type TIMER
//   reminder <when> <label>       Alerts.SetAlert type REMINDER, the stored label naming <label>
//   dc <Directive> [target] [value]   that DeviceControl directive (target/value when given)
//   pb <Directive> [repeatMode]   that PlaybackController directive
//   time | date | weekday         the answer says the hour / the day of the month / the weekday
//   query d+N                     the answer names the day's (seeded) event and no other day's
//   add <when> <title>            an event at that time whose title names <title>
//   notifications                 the notifications answer (none are waiting)
//   nodate                        no SetAlert; the answer says the date does not exist
//   chat                          one of small talk's answers
//   fallback                      the platform's fallback answer (no ability took it)
import { readFileSync } from "node:fs";
import type { Language } from "../../../src/assistant/turn.js";

export const LANGUAGES = ["en", "ja", "ko"] as const satisfies readonly Language[];

export interface Stranger {
  language: Language;
  text: string;
  ability: string;
  kind: string;
  args: string[];
}

/** The held-out set (`""`), or the utterances written after the fixes (`"patterns/"`). */
export function loadStrangers(language: Language, folder = ""): Stranger[] {
  const file = new URL(`./${folder}${language}.txt`, import.meta.url);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const [text, ability, expectation] = line.split("|").map((part) => part.trim());
      if (!text || !ability || !expectation) throw new Error(`bad line: ${line}`);
      const [kind, ...args] = expectation.split(/\s+/);
      return { language, text, ability, kind: kind!, args };
    });
}
