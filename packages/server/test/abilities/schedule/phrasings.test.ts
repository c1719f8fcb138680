// The phrasing set (phrasings.txt): schedule and memo commands in en/ja/ko with the intent and
// the resolved times they must be understood as. Accuracy = intent and every listed slot right.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { scheduleRecognizer } from "../../../src/abilities/schedule/index.js";
import type { Language } from "../../../src/assistant/turn.js";

const ZONES: Record<Language, string> = {
  en: "America/New_York",
  ja: "Asia/Tokyo",
  ko: "Asia/Seoul",
};
/** Wednesday, December 2, 2026, 10:00 local time. */
const REFERENCE: Record<Language, Date> = {
  en: new Date("2026-12-02T10:00:00-05:00"),
  ja: new Date("2026-12-02T10:00:00+09:00"),
  ko: new Date("2026-12-02T10:00:00+09:00"),
};
const TARGET = 0.97;

interface Phrasing {
  language: Language;
  text: string;
  intent: string;
  slots: Record<string, string>;
}

function load(): Phrasing[] {
  const file = readFileSync(new URL("./phrasings.txt", import.meta.url), "utf8");
  return file
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const [language, text, intent, slots] = line.split("|").map((part) => part.trim());
      return {
        language: language as Language,
        text: text!,
        intent: intent!,
        slots:
          slots === "-" || !slots
            ? {}
            : Object.fromEntries(
                slots.split(";").map((pair) => {
                  const at = pair.indexOf("=");
                  return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
                }),
              ),
      };
    });
}

describe("schedule phrasing set", () => {
  const phrasings = load();

  it("has at least 200 commands across en, ja and ko", () => {
    assert.ok(phrasings.length >= 200, String(phrasings.length));
    for (const language of ["en", "ja", "ko"] as const)
      assert.ok(phrasings.filter((p) => p.language === language).length >= 60, language);
  });

  it(`understands at least ${TARGET * 100}% with the right intent and times`, () => {
    const misses: string[] = [];
    const perLanguage: Record<string, [number, number]> = {};
    for (const p of phrasings) {
      const recognition = scheduleRecognizer(p.language)!.recognize(p.text, {
        referenceTime: REFERENCE[p.language],
        timeZone: ZONES[p.language],
      });
      const got = Object.fromEntries(
        Object.entries(recognition.slots).map(([name, slot]) => [name, slot.value]),
      );
      const right =
        recognition.intent === p.intent &&
        Object.entries(p.slots).every(([name, value]) => got[name] === value);
      perLanguage[p.language] ??= [0, 0];
      const tally = perLanguage[p.language]!;
      tally[1]++;
      if (right) tally[0]++;
      else
        misses.push(
          `${p.language} "${p.text}": ${recognition.intent} ${JSON.stringify(got)} (want ${p.intent} ${JSON.stringify(p.slots)})`,
        );
    }
    const accuracy = (phrasings.length - misses.length) / phrasings.length;
    const summary = Object.entries(perLanguage)
      .map(([l, [ok, all]]) => `${l} ${ok}/${all}`)
      .join(", ");
    if (process.env["CLOVER_TEST_VERBOSE"] || accuracy < TARGET)
      console.log(`accuracy ${(accuracy * 100).toFixed(1)}% (${summary})\n${misses.join("\n")}`);
    assert.ok(accuracy >= TARGET, `accuracy ${(accuracy * 100).toFixed(1)}% < ${TARGET * 100}%`);
  });

  it("ja: takes a loanword subject whole, never from inside its katakana", () => {
    const ja = scheduleRecognizer("ja")!;
    const options = { referenceTime: REFERENCE.ja, timeZone: ZONES.ja };
    for (const subject of ["ハイキング", "ピクニック", "バーベキュー", "ボウリング"]) {
      const recognition = ja.recognize(`土曜日に${subject}の予定を入れて`, options);
      assert.equal(recognition.intent, "ScheduleAdd");
      assert.equal(recognition.slots["subject"]?.value, subject);
    }
  });
});
