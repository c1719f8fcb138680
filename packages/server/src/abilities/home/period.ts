// Spoken time spans → PeriodInfoObject (cek-home-extension.md §7 period rules): whole days in
// the user's time zone, with its offset; weeks start on Monday (the §7 suggestion).

export interface Period {
  start: string;
  end: string;
}

const DAY = 86_400_000;

/** `span` is one of the lexicon's period keys (today, thisWeek, lastMonth…). */
export function periodOf(span: string, now: number, timeZone: string): Period {
  const today = localDate(now, timeZone);
  let from = today;
  let to = today;
  const weekday = (new Date(Date.UTC(today.y, today.m - 1, today.d)).getUTCDay() + 6) % 7;
  const shift = (date: LocalDate, days: number) =>
    fromUtc(Date.UTC(date.y, date.m - 1, date.d) + days * DAY);
  switch (span) {
    case "yesterday":
      from = to = shift(today, -1);
      break;
    case "tomorrow":
      from = to = shift(today, 1);
      break;
    case "thisWeek":
      from = shift(today, -weekday);
      to = shift(from, 6);
      break;
    case "lastWeek":
      from = shift(today, -weekday - 7);
      to = shift(from, 6);
      break;
    case "nextWeek":
      from = shift(today, 7 - weekday);
      to = shift(from, 6);
      break;
    case "thisMonth":
    case "lastMonth":
    case "nextMonth": {
      const delta = span === "thisMonth" ? 0 : span === "lastMonth" ? -1 : 1;
      const first = new Date(Date.UTC(today.y, today.m - 1 + delta, 1));
      from = fromUtc(first.getTime());
      to = fromUtc(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1) - DAY);
      break;
    }
    default:
      break;
  }
  return {
    start: stamp(from, "00:00:00", timeZone),
    end: stamp(to, "23:59:59", timeZone),
  };
}

interface LocalDate {
  y: number;
  m: number;
  d: number;
}

function fromUtc(ms: number): LocalDate {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function localDate(now: number, timeZone: string): LocalDate {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(new Date(now));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { y: get("year"), m: get("month"), d: get("day") };
}

/** `YYYY-MM-DDThh:mm:ss±hh:mm` (§3.4) of a local wall-clock time. */
function stamp(date: LocalDate, time: string, timeZone: string): string {
  const [h, min, s] = time.split(":").map(Number) as [number, number, number];
  const wall = Date.UTC(date.y, date.m - 1, date.d, h, min, s);
  const offset = offsetMinutes(wall, timeZone);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.y}-${pad(date.m)}-${pad(date.d)}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The zone's UTC offset in minutes around a wall-clock instant. */
function offsetMinutes(wallAsUtc: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(wallAsUtc));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const seen = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour"),
    get("minute"),
    get("second"),
  );
  return Math.round((seen - wallAsUtc) / 60_000);
}
