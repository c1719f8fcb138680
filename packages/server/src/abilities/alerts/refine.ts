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

export function refineRecognition(
  recognition: Recognition,
  text: string,
  options: { language: Language; referenceTime: Date; timeZone: string },
): Recognition {
  if (recognition.intent === null) return recognition;
  const slots = { ...recognition.slots };
  let dateTimes: ReturnType<typeof findBuiltinSlots> | undefined;
  for (const [name, slot] of Object.entries(slots)) {
    if (slot.type !== "CLOVA.DATETIME") continue;
    const span = spanOf(text, slot);
    if (!span) continue;
    dateTimes ??= findBuiltinSlots("CLOVA.DATETIME", text, options);
    const wider = dateTimes.find(
      (f) => f.start <= span.start && f.end >= span.end && f.end - f.start > span.end - span.start,
    );
    if (wider)
      slots[name] = {
        ...slot,
        raw: wider.text,
        value: wider.resolved.value,
        ...(wider.resolved.valueType ? { valueType: wider.resolved.valueType } : {}),
      };
  }
  for (const name of ["text", "action"]) {
    const slot = slots[name];
    if (!slot) continue;
    const grown = grow(text, name, slot, slots, options.language);
    if (grown && grown !== slot.raw) slots[name] = { ...slot, raw: grown, value: grown };
  }
  return { ...recognition, slots };
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
