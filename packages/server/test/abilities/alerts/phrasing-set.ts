// Alert commands with what a user expects of them (type, time, label, repeat), written one a
// line in text files, and said through the platform's routing (every ability and the fallback
// compete), on Saturday 2026-03-07 at 10:00 on the device's wall clock.
import { readFileSync } from "node:fs";
import { isoWithOffset } from "../../../src/abilities/time/zone.js";
import type { Language } from "../../../src/assistant/turn.js";
import { AlertStore } from "../../../src/store/alerts.js";
import type { TestPlatform } from "../../helpers/platform.js";

export const ZONES: Record<Language, string> = {
  en: "America/New_York",
  ja: "Asia/Tokyo",
  ko: "Asia/Seoul",
};
/** Saturday 2026-03-07 10:00 on each language's wall clock. */
export const NOW: Record<Language, number> = {
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

export interface Phrasing {
  language: Language;
  text: string;
  type: string;
  when: string;
  label?: string;
  repeat?: string;
}

/** `text | type | when (d+N HH:MM local, or +duration) | label | repeat`, # for comments. */
export function loadPhrasings(file: URL, language: Language): Phrasing[] {
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

export interface Outcome {
  phrasing: Phrasing;
  right: boolean;
  /** What went wrong, for the test's message; empty when right. */
  miss: string;
}

/**
 * Says every phrasing on its own device of a per-language account, with the platform's clock
 * (`setClock`) at NOW, and compares the SetAlert and the stored alert with what is expected.
 */
export async function sayPhrasings(
  platform: TestPlatform,
  setClock: (now: number) => void,
  phrasings: readonly Phrasing[],
  devicePrefix = "phrasing",
): Promise<Outcome[]> {
  const store = new AlertStore(platform.database.db);
  const outcomes: Outcome[] = [];
  for (const [i, p] of phrasings.entries()) {
    setClock(NOW[p.language]);
    const result = await platform.assistant.handleTurn({
      kind: "text",
      text: p.text,
      dialogRequestId: `d${i}`,
      device: {
        deviceId: `${devicePrefix}-${i}`,
        clientId: "phrasing-client",
        userId: `${devicePrefix}-${p.language}`,
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
    const right = JSON.stringify(got) === JSON.stringify(want);
    const heard = set ? "" : ` (${result.speech.map((s) => s.value).join(" ")})`;
    outcomes.push({
      phrasing: p,
      right,
      miss: right
        ? ""
        : `${p.language} "${p.text}": got ${JSON.stringify(got)}${heard}, want ${JSON.stringify(want)}`,
    });
  }
  return outcomes;
}
