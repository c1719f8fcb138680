// The phrasing set: alert commands in en/ja/ko with the type, time, label and repeat a user
// expects, said through the platform's routing (every ability and the fallback compete). The
// share fully right must stay at or above 97%; the misses are printed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import { isoWithOffset } from "../../../src/abilities/time/zone.js";
import type { Language } from "../../../src/assistant/turn.js";
import { AlertStore } from "../../../src/store/alerts.js";
import { startPlatform, type TestPlatform } from "../../helpers/platform.js";

const ZONES: Record<Language, string> = {
  en: "America/New_York",
  ja: "Asia/Tokyo",
  ko: "Asia/Seoul",
};
/** Saturday 2026-03-07 10:00 on each language's wall clock. */
const NOW: Record<Language, number> = {
  en: Date.parse("2026-03-07T10:00:00-05:00"),
  ja: Date.parse("2026-03-07T10:00:00+09:00"),
  ko: Date.parse("2026-03-07T10:00:00+09:00"),
};
const WEEKDAYS: Record<string, number[]> = {
  DAILY: [1, 2, 3, 4, 5, 6, 7],
  WEEKDAYS: [1, 2, 3, 4, 5],
  WEEKENDS: [6, 7],
  MO: [1],
  TU: [2],
  WE: [3],
  TH: [4],
  FR: [5],
  SA: [6],
  SU: [7],
};

interface Phrasing {
  language: Language;
  text: string;
  type: string;
  when: string;
  label?: string;
  repeat?: string;
}

export function loadPhrasings(language: Language): Phrasing[] {
  const file = new URL(`./phrasings/${language}.txt`, import.meta.url);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "" && !line.startsWith("#"))
    .map((line) => {
      const [text, type, when, label, repeat] = line.split("|").map((part) => part.trim());
      return {
        language,
        text: text!,
        type: type!,
        when: when!,
        ...(label ? { label } : {}),
        ...(repeat ? { repeat } : {}),
      };
    });
}

/** The expected scheduledTime, to the second, in the device's zone. */
function expectedTime(p: Phrasing): string {
  const zone = ZONES[p.language];
  const now = NOW[p.language];
  const relative = /^\+(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(p.when);
  if (relative) {
    const [, h, m, s] = relative.map((x) => Number(x ?? 0));
    return isoWithOffset(now + ((h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0)) * 1000, zone).slice(
      0,
      19,
    );
  }
  const day = /^d\+(\d+) (\d{2}):(\d{2})$/.exec(p.when);
  if (!day) throw new Error(`bad expected time "${p.when}" for "${p.text}"`);
  const date = new Date(Date.UTC(2026, 2, 7 + Number(day[1])));
  return `${date.toISOString().slice(0, 10)}T${day[2]}:${day[3]}:00`;
}

describe("the alert phrasing set (en, ja, ko)", () => {
  let platform: TestPlatform;
  let clock = 0;
  before(async () => {
    platform = await startPlatform({}, { clock: { now: () => clock } });
  });
  after(() => platform.close());

  it("understands at least 97% of 300+ commands fully (type, time, label, repeat)", async () => {
    const store = new AlertStore(platform.database.db);
    const all = (["en", "ja", "ko"] as const).flatMap(loadPhrasings);
    assert.ok(all.length >= 300, `${all.length} phrasings`);
    const misses: string[] = [];
    const right: Record<string, [number, number]> = { en: [0, 0], ja: [0, 0], ko: [0, 0] };
    for (const [i, p] of all.entries()) {
      clock = NOW[p.language];
      const result = await platform.assistant.handleTurn({
        kind: "text",
        text: p.text,
        dialogRequestId: `d${i}`,
        device: {
          deviceId: `phrasing-${i}`,
          clientId: "phrasing-client",
          userId: `phrasing-${p.language}`,
          language: p.language,
          locale: p.language,
          display: { size: "none" },
          timeZone: ZONES[p.language],
        },
      });
      const set = result.directives.find((d) => d.name === "SetAlert")?.payload;
      const record = set ? await store.get(String(set["token"])) : undefined;
      const got = {
        type: set?.["type"],
        time: String(set?.["scheduledTime"] ?? "").slice(0, 19),
        label: record?.label,
        repeat: record?.repeat?.weekdays.join(","),
      };
      const want = {
        type: p.type,
        time: expectedTime(p),
        label: p.type === "ALARM" ? undefined : p.label,
        repeat: p.repeat ? WEEKDAYS[p.repeat]!.join(",") : undefined,
      };
      const counts = right[p.language]!;
      counts[1]++;
      if (JSON.stringify(got) === JSON.stringify(want)) counts[0]++;
      else
        misses.push(
          `${p.language} "${p.text}": got ${JSON.stringify(got)}${set ? "" : ` (${result.speech.map((s) => s.value).join(" ")})`}, want ${JSON.stringify(want)}`,
        );
    }
    const total = Object.values(right).reduce(
      (sum, [ok, n]) => [sum[0]! + ok, sum[1]! + n],
      [0, 0],
    );
    const accuracy = total[0]! / total[1]!;
    const report = Object.entries(right)
      .map(([language, [ok, n]]) => `${language} ${ok}/${n}`)
      .join(", ");
    console.log(`alert phrasings fully right: ${(accuracy * 100).toFixed(1)}% (${report})`);
    for (const miss of misses) console.log(`  miss: ${miss}`);
    assert.ok(accuracy >= 0.97, `${(accuracy * 100).toFixed(1)}% < 97%`);
  });
});
