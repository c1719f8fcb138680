// Two corrections the alerts ability makes to what its model tagged, using the NLU's own
// built-in resolution: a date-time slot is widened to the longest CLOVA.DATETIME span around
// it ("at 9 am" inside "on monday at 9 am"), and a free-text slot (a reminder's text, an
// action) grows to the words between it and its neighbouring slots that the tagger left out
// ("charge my" → "charge my phone" before "at 11 pm").
import { findBuiltinSlots, type Recognition, type RecognizedSlot } from "@clover/nlu";
import type { Language } from "../../assistant/turn.js";

interface Span {
  start: number;
  end: number;
}

/** Where a slot's raw text is in the utterance (its first occurrence). */
function spanOf(text: string, slot: RecognizedSlot): Span | undefined {
  const start = text.indexOf(slot.raw);
  return start < 0 ? undefined : { start, end: start + slot.raw.length };
}

/** Joining words at the edges of a free-text slot, per language. */
const LEADING: Record<Language, RegExp> = {
  en: /^(?:[\s,]|to\b|about\b|that\b)+/iu,
  ja: /^[\s、,]*(?:には|に)?[\s、,]*/u,
  ko: /^[\s,]*(?:(?:에는|에)(?=\s))?[\s,]*/u,
};
const TRAILING: Record<Language, RegExp> = {
  en: /(?:[\s,.!?]|\bplease\b|\bat\b|\bin\b|\bon\b|\bfor\b|\band\b)+$/iu,
  ja: /(?:[\s、,。！？]|のことを|ことを|って)+$/u,
  ko: /[\s,.!?]+$/u,
};
/** What closes a reminder's text in ja/ko ("…とリマインドして", "… 알려줘"). */
const FRAME_AFTER: Partial<Record<Language, RegExp>> = {
  ja: /(?:と|って|ことを|のことを|を)?(?:リマインド|リマインダー|お知らせ|知らせて|教えて)/u,
  ko: /\s*(?:하라고|라고)?\s*(?:리마인더|리마인드|알려|알림)/u,
};

type DateTimes = ReturnType<typeof findBuiltinSlots>;
type Found = DateTimes[number];

/** The slot as a CLOVA.DATETIME one holding what the NLU found. */
function dateTimeSlot(name: string, found: Found, slot?: RecognizedSlot): RecognizedSlot {
  const { valueType: _, ...rest } = slot ?? { name, type: "CLOVA.DATETIME" };
  return {
    ...rest,
    raw: found.text,
    value: found.resolved.value,
    ...(found.resolved.valueType ? { valueType: found.resolved.valueType } : {}),
  } as RecognizedSlot;
}

const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

export function refineRecognition(
  recognition: Recognition,
  text: string,
  options: { language: Language; referenceTime: Date; timeZone: string },
): Recognition {
  if (recognition.intent === null) return recognition;
  const slots = { ...recognition.slots };
  let dateTimes: DateTimes | undefined;
  for (const [name, slot] of Object.entries(slots)) {
    if (slot.type !== "CLOVA.DATETIME") continue;
    const span = spanOf(text, slot);
    if (!span) continue;
    dateTimes ??= findBuiltinSlots("CLOVA.DATETIME", text, options);
    // Never into the words of another slot: "lunch" of "eat lunch at noon" is the reminder's.
    const taken = Object.entries(slots)
      .filter(([other, s]) => other !== name && s.type !== "CLOVA.DATETIME")
      .map(([, s]) => spanOf(text, s))
      .filter((s): s is Span => s !== undefined);
    const wider = dateTimes.find(
      (f) =>
        f.start <= span.start &&
        f.end >= span.end &&
        f.end - f.start > span.end - span.start &&
        !taken.some((t) => overlaps(t, f)),
    );
    if (wider) slots[name] = dateTimeSlot(name, wider, slot);
  }
  const when = slots["when"];
  if (when?.valueType === "DATE") {
    dateTimes ??= findBuiltinSlots("CLOVA.DATETIME", text, options);
    const joined = withTimeAfter(text, when, dateTimes, options);
    if (joined) slots["when"] = joined;
  }
  if (!slots["when"] && WITH_WHEN.has(recognition.intent)) {
    dateTimes ??= findBuiltinSlots("CLOVA.DATETIME", text, options);
    timeInFreeText(text, slots, dateTimes, options.language);
  }
  for (const name of ["text", "action"]) {
    const slot = slots[name];
    if (!slot) continue;
    const grown = grow(text, name, slot, slots, options.language);
    if (grown && grown !== slot.raw) slots[name] = { ...slot, raw: grown, value: grown };
  }
  return { ...recognition, slots };
}

/** What may stand between a day and its time: 「明日は4時」, "내일은 4시", "tomorrow, at 4". */
const DAY_THEN_TIME: Record<Language, RegExp> = {
  en: /^\s*,?\s*$/u,
  ja: /^\s*(?:は|には|、|,)\s*$/u,
  ko: /^\s*(?:은|는|,)?\s*$/u,
};

/**
 * A day slot followed by its time as a second mention (the date reader reads 「明日は4時」 as two:
 * 「明日」 and 「4時」), joined into the one date-time the user said, so the alarm is not asked
 * "what time?".
 */
function withTimeAfter(
  text: string,
  slot: RecognizedSlot,
  dateTimes: DateTimes,
  options: { language: Language; referenceTime: Date; timeZone: string },
): RecognizedSlot | undefined {
  const span = spanOf(text, slot);
  if (!span) return undefined;
  const time = dateTimes.find(
    (f) =>
      f.start >= span.end &&
      f.resolved.valueType === "TIME" &&
      DAY_THEN_TIME[options.language].test(text.slice(span.end, f.start)),
  );
  if (!time) return undefined;
  const joined = `${slot.raw}${options.language === "ja" ? "" : " "}${time.text}`;
  const whole = findBuiltinSlots("CLOVA.DATETIME", joined, options).find(
    (f) => f.start === 0 && f.end === joined.length && f.resolved.valueType === "DATETIME",
  );
  if (!whole) return undefined;
  return dateTimeSlot(slot.name, { ...whole, text: text.slice(span.start, time.end) }, slot);
}

/** Intents whose free text comes with a time (the `when` slot). */
const WITH_WHEN: ReadonlySet<string> = new Set(["SetReminderIntent", "SetActionTimerIntent"]);

/**
 * A time the tagger took for the free text ("자정" of "자정에 문 잠그기 알려줘" tagged as the
 * reminder itself): the CLOVA.DATETIME span at an edge of the text becomes the `when` slot and
 * the text keeps the rest (up to the words that close it, "알려줘", 「リマインドして」).
 */
function timeInFreeText(
  text: string,
  slots: Record<string, RecognizedSlot>,
  dateTimes: DateTimes,
  language: Language,
): void {
  for (const name of ["text", "action"]) {
    const slot = slots[name];
    const span = slot && spanOf(text, slot);
    if (!slot || !span) continue;
    const time = dateTimes.find(
      (f) =>
        f.start >= span.start &&
        f.end <= span.end &&
        (f.start === span.start || text.slice(f.end, span.end).trim() === ""),
    );
    if (!time) continue;
    slots["when"] = dateTimeSlot("when", time);
    let rest =
      time.start === span.start ? text.slice(time.end) : text.slice(span.start, time.start);
    const closing = FRAME_AFTER[language]?.exec(rest);
    if (closing && time.start === span.start) rest = rest.slice(0, closing.index);
    rest = rest.replace(LEADING[language], "").replace(TRAILING[language], "");
    if (rest === "") delete slots[name];
    else slots[name] = { ...slot, raw: rest, value: rest };
    return;
  }
}

function grow(
  text: string,
  name: string,
  slot: RecognizedSlot,
  slots: Record<string, RecognizedSlot>,
  language: Language,
): string | undefined {
  const span = spanOf(text, slot);
  if (!span) return undefined;
  const others = Object.entries(slots)
    .filter(([other]) => other !== name)
    .map(([, s]) => spanOf(text, s))
    .filter((s): s is Span => s !== undefined);
  const right = Math.min(
    text.length,
    ...others.filter((o) => o.start >= span.end).map((o) => o.start),
  );
  const left = Math.max(0, ...others.filter((o) => o.end <= span.start).map((o) => o.end));
  let start = span.start;
  let end = span.end;
  if (language === "en") {
    end = right;
  } else {
    // The slot follows the time phrase: everything back to it, and on to the closing frame.
    start = left;
    const frame = FRAME_AFTER[language];
    const tail = text.slice(span.end, right);
    const closing = name === "text" && frame ? frame.exec(tail) : null;
    end = closing ? span.end + closing.index : right;
    if (name === "action" && !closing) end = right;
  }
  const grown = text
    .slice(start, end)
    .replace(LEADING[language], "")
    .replace(TRAILING[language], "");
  return grown.length >= slot.raw.trim().length ? grown : undefined;
}
