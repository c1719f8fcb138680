// Schedule: a user's events and memos, where the calendar lives (the embedded one or the
// user's CalDAV calendar: connect with URL and credentials, disconnect), and iCalendar files
// in (import) and out (export).
import { useRef, useState } from "react";
import "./personal.css";
import { api, token } from "../api.js";
import { useLoad } from "../hooks.js";
import { useConsoleUser } from "../user.js";
import { type ActionMessage, PageStatus } from "./PageStatus.js";
import { UserPicker } from "./UserPicker.js";

interface Calendar {
  kind: "embedded" | "caldav";
  url?: string;
  username?: string;
  calendarUrl?: string | null;
}

interface Occurrence {
  uid: string;
  summary: string;
  start: string;
  end: string;
  allDay: boolean;
  recurring: boolean;
  location?: string;
  reminderMinutes?: number;
}

interface Memo {
  id: string;
  text: string;
  createdAt: string;
}

const RANGES = [
  [7, "Next 7 days"],
  [31, "Next 31 days"],
  [366, "Next year"],
] as const;
const zone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const base = (userId: string) => `/api/v1/users/${encodeURIComponent(userId)}`;

async function loadSchedule(userId: string, days: number) {
  const from = new Date();
  from.setHours(0, 0, 0, 0);
  const to = new Date(from.getTime() + days * 86_400_000);
  const query = new URLSearchParams({
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone: zone(),
  });
  const [calendar, events, memos] = await Promise.all([
    api<Calendar>("GET", `${base(userId)}/calendar`),
    api<{ events: Occurrence[] }>("GET", `${base(userId)}/events?${query}`).then((r) => r.events),
    api<{ memos: Memo[] }>("GET", `${base(userId)}/memos`).then((r) => r.memos),
  ]);
  return { calendar, events, memos };
}

/** Occurrences grouped by their local day. */
function byDay(events: Occurrence[]): [string, Occurrence[]][] {
  const days = new Map<string, Occurrence[]>();
  for (const e of events) {
    const day = new Date(e.start).toLocaleDateString(undefined, {
      weekday: "long",
      month: "long",
      day: "numeric",
    });
    days.set(day, [...(days.get(day) ?? []), e]);
  }
  return [...days.entries()];
}

const clock = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: "numeric", minute: "2-digit" });

export function Schedule() {
  const [userId] = useConsoleUser();
  const [days, setDays] = useState(31);
  const { value, error, loading, reload } = useLoad(
    () => loadSchedule(userId, days),
    `${userId}:${days}`,
  );
  const [message, setMessage] = useState<ActionMessage>();
  const file = useRef<HTMLInputElement>(null);

  async function act(work: () => Promise<string>) {
    setMessage(undefined);
    try {
      setMessage({ done: await work() });
      reload();
    } catch (e) {
      setMessage({ error: (e as Error).message });
    }
  }

  const importFile = (chosen: File) =>
    act(async () => {
      const text = await chosen.text();
      const r = await api<{ created: number; replaced: number }>(
        "POST",
        `${base(userId)}/calendar.ics`,
        { text, type: "text/calendar" },
      );
      return `Imported ${chosen.name}: ${r.created} added, ${r.replaced} replaced.`;
    });

  const exportFile = () =>
    act(async () => {
      const response = await fetch(`${base(userId)}/calendar.ics`, {
        headers: { authorization: `Bearer ${token.get() ?? ""}` },
      });
      if (!response.ok) throw new Error(`export failed: HTTP ${response.status}`);
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = `${userId}-calendar.ics`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return `Exported the calendar of ${userId} as ${a.download}.`;
    });

  const events = value?.events ?? [];
  const memos = value?.memos ?? [];
  return (
    <section>
      <div className="row spread">
        <h1>Schedule</h1>
        <UserPicker />
      </div>
      <p className="muted">
        Events and memos of user <strong className="mono">{userId}</strong>, as the assistant reads
        them (“what's on my schedule today”, “take a note”), in your time zone ({zone()}).
      </p>
      <PageStatus
        loading={loading}
        loaded={Boolean(value)}
        error={error}
        missing="This platform has no schedule ability (no /api/v1/users/:user/calendar)."
        message={message}
      />
      <CalendarCard
        userId={userId}
        calendar={value?.calendar}
        onChanged={(done) => {
          setMessage({ done });
          reload();
        }}
      />
      <section className="card" aria-label="Events">
        <div className="row spread wrap">
          <h2>Events</h2>
          <div className="row wrap">
            <label className="small">
              Show{" "}
              <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
                {RANGES.map(([n, text]) => (
                  <option key={n} value={n}>
                    {text}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="quiet small" onClick={() => file.current?.click()}>
              Import .ics
            </button>
            <input
              ref={file}
              type="file"
              accept=".ics,text/calendar"
              hidden
              aria-label="iCalendar file to import"
              onChange={(e) => {
                const chosen = e.target.files?.[0];
                e.target.value = "";
                if (chosen) void importFile(chosen);
              }}
            />
            <button type="button" className="quiet small" onClick={() => void exportFile()}>
              Export .ics
            </button>
          </div>
        </div>
        {value && events.length === 0 && (
          <p className="muted empty-events">
            Nothing in this period. Import a <code>.ics</code> file from another calendar, connect
            the user's CalDAV calendar below, or say “add lunch with Mika on Friday at noon” to one
            of the user's devices.
          </p>
        )}
        {byDay(events).map(([day, list]) => (
          <section key={day} aria-label={day}>
            <h3>{day}</h3>
            <ul className="plain">
              {list.map((e) => (
                <li key={`${e.uid}:${e.start}`} className="row wrap appliance event">
                  <span className="mono small">
                    {e.allDay ? "all day" : `${clock(e.start)}–${clock(e.end)}`}
                  </span>
                  <strong className="event-summary">{e.summary}</strong>
                  {e.location && <span className="muted">{e.location}</span>}
                  {e.recurring && <span className="muted">↻ repeats</span>}
                  {e.reminderMinutes !== undefined && (
                    <span className="muted small">reminder {e.reminderMinutes} min before</span>
                  )}
                </li>
              ))}
            </ul>
          </section>
        ))}
      </section>
      <section className="card" aria-label="Memos">
        <h2>Memos</h2>
        {value && memos.length === 0 && (
          <p className="muted">
            No memos. Say “take a note: buy milk” to one of the user's devices.
          </p>
        )}
        <ul className="plain">
          {memos.map((m) => (
            <li key={m.id} className="row wrap appliance">
              <span className="memo-text">{m.text}</span>
              <span className="muted small">{new Date(m.createdAt).toLocaleString()}</span>
              <button
                type="button"
                className="quiet small danger"
                onClick={() =>
                  void act(async () => {
                    await api("DELETE", `${base(userId)}/memos/${encodeURIComponent(m.id)}`);
                    return "Memo deleted.";
                  })
                }
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function CalendarCard(props: {
  userId: string;
  calendar: Calendar | undefined;
  onChanged: (done: string) => void;
}) {
  const { userId, calendar } = props;
  const [url, setUrl] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setProblem(undefined);
    try {
      props.onChanged(await work());
      setPassword("");
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (!calendar) return null;
  return (
    <section className="card" aria-label="Calendar">
      <h2>Calendar</h2>
      {calendar.kind === "caldav" ? (
        <div className="row wrap">
          <span>
            CalDAV calendar <code className="break">{calendar.calendarUrl ?? calendar.url}</code> as{" "}
            <strong>{calendar.username}</strong>. Reads and writes go to that server.
          </span>
          <button
            type="button"
            className="quiet small danger"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                await api("DELETE", `${base(userId)}/calendar`);
                return "Disconnected: the embedded calendar is used again.";
              })
            }
          >
            Disconnect
          </button>
        </div>
      ) : (
        <>
          <p>
            The embedded calendar (kept by the platform). To use the calendar the user already has
            (Nextcloud, Radicale, Baïkal, Fastmail, iCloud…), connect it with its CalDAV URL:
          </p>
          <form
            className="row wrap inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                const r = await api<{ calendarUrl: string; events: number }>(
                  "PUT",
                  `${base(userId)}/calendar`,
                  { json: { url: url.trim(), username, password } },
                );
                return `Connected ${r.calendarUrl} (${r.events} event${r.events === 1 ? "" : "s"}).`;
              });
            }}
          >
            <label>
              CalDAV URL{" "}
              <input
                type="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                placeholder="https://cloud.example.com/remote.php/dav"
                size={34}
                required
              />
            </label>
            <label>
              User name{" "}
              <input
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                autoComplete="off"
                required
              />
            </label>
            <label>
              Password{" "}
              <input
                type="password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoComplete="new-password"
                required
              />
            </label>
            <button type="submit" disabled={busy}>
              Connect
            </button>
          </form>
        </>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
