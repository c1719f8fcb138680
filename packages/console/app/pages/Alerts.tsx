// Alerts: a user's alarms, timers and reminders per device, set, changed and deleted through
// the management API; each change reaches the device on its downchannel (or at its next sync).
import { useState } from "react";
import "./personal.css";
import { api } from "../api.js";
import { useLoad } from "../hooks.js";
import { useConsoleUser } from "../user.js";
import { type ActionMessage, PageStatus } from "./PageStatus.js";
import { UserPicker } from "./UserPicker.js";

export interface AlertView {
  token: string;
  deviceId: string;
  type: "ALARM" | "TIMER" | "REMINDER" | "ACTIONTIMER";
  scheduledTime: string;
  timeZone: string;
  status: string;
  label?: string;
  repeat?: { time: string; weekdays: number[] };
  action?: { text: string };
}

interface DeviceView {
  deviceId: string;
  online: boolean;
  modelId: string | null;
}

const ALL = "*";
const REPEATS = [
  ["", "Once"],
  ["DAILY", "Every day"],
  ["WEEKDAYS", "Weekdays"],
  ["WEEKENDS", "Weekends"],
] as const;
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
const users = (userId: string) => `/api/v1/users/${encodeURIComponent(userId)}`;

/** "2026-12-04T20:30" in the browser's zone, for a datetime-local input. */
function localInput(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

function repeatText(repeat: AlertView["repeat"]): string {
  if (!repeat) return "";
  const days = repeat.weekdays.join(",");
  if (days === "1,2,3,4,5,6,7") return "every day";
  if (days === "1,2,3,4,5") return "weekdays";
  if (days === "6,7") return "weekends";
  return repeat.weekdays.map((d) => DAYS[d - 1]).join(", ");
}

async function loadAlerts(userId: string) {
  const [alerts, devices] = await Promise.all([
    api<{ alerts: AlertView[] }>("GET", `${users(userId)}/alerts`).then((r) => r.alerts),
    api<{ devices: DeviceView[] }>("GET", `${users(userId)}/devices`)
      .then((r) => r.devices)
      .catch(() => [] as DeviceView[]),
  ]);
  return { alerts, devices };
}

export function Alerts() {
  const [userId] = useConsoleUser();
  const { value, error, loading, reload } = useLoad(() => loadAlerts(userId), userId);
  const [editing, setEditing] = useState<string>();
  const [message, setMessage] = useState<ActionMessage>();
  const alerts = value?.alerts ?? [];
  const devices = value?.devices ?? [];
  const groups = new Map<string, AlertView[]>();
  for (const d of devices) groups.set(d.deviceId, []);
  for (const a of alerts) groups.set(a.deviceId, [...(groups.get(a.deviceId) ?? []), a]);

  async function act(work: () => Promise<{ delivered?: number }>, what: string) {
    setMessage(undefined);
    try {
      const { delivered } = await work();
      setMessage({
        done: `${what}${delivered === undefined ? "" : delivered > 0 ? ` — sent to ${delivered} connected device${delivered === 1 ? "" : "s"}` : " — the device gets it when it next connects"}.`,
      });
      setEditing(undefined);
      reload();
    } catch (e) {
      setMessage({ error: (e as Error).message });
    }
  }

  return (
    <section>
      <div className="row spread">
        <h1>Alerts</h1>
        <UserPicker />
      </div>
      <p className="muted">
        Alarms, timers and reminders of user <strong className="mono">{userId}</strong>, per device.
        Devices ring them at their time, even offline.
      </p>
      <PageStatus
        loading={loading}
        loaded={Boolean(value)}
        error={error}
        missing="This platform has no alerts ability (no /api/v1/users/:user/alerts)."
        message={message}
      />
      {value && alerts.length === 0 && (
        <div className="card empty">
          <p>
            <strong>No alerts yet for {userId}.</strong> Set one below, or say “set an alarm for 7
            am” to one of the user's devices (the Simulator is one).
          </p>
        </div>
      )}
      {[...groups.entries()].map(([deviceId, list]) => (
        <section key={deviceId} className="card" aria-label={`Alerts of ${deviceId}`}>
          <h2>
            {deviceId === ALL ? "Every device of the user" : deviceId}{" "}
            {devices.find((d) => d.deviceId === deviceId)?.online && (
              <span className="tag">online</span>
            )}
          </h2>
          {list.length === 0 ? (
            <p className="muted">No alerts on this device.</p>
          ) : (
            <ul className="plain alert-list">
              {list.map((a) =>
                editing === a.token ? (
                  <li key={a.token}>
                    <AlertForm
                      alert={a}
                      devices={devices}
                      onCancel={() => setEditing(undefined)}
                      onSave={(body) =>
                        act(
                          () =>
                            api("PATCH", `${users(userId)}/alerts/${encodeURIComponent(a.token)}`, {
                              json: body,
                            }),
                          "Changed",
                        )
                      }
                    />
                  </li>
                ) : (
                  <li key={a.token} className="row wrap alert-row">
                    <span className="tag">{a.type}</span>
                    <span className="alert-time">
                      {new Date(a.scheduledTime).toLocaleString(undefined, {
                        dateStyle: "medium",
                        timeStyle: "short",
                      })}
                    </span>
                    <span className="muted small">{a.timeZone}</span>
                    {a.label && <span className="alert-label">{a.label}</span>}
                    {a.repeat && <span className="muted">↻ {repeatText(a.repeat)}</span>}
                    {a.action && <span className="muted">then “{a.action.text}”</span>}
                    <span className="muted small">{a.status}</span>
                    {a.type !== "ACTIONTIMER" && (
                      <button
                        type="button"
                        className="quiet small"
                        onClick={() => setEditing(a.token)}
                      >
                        Edit
                      </button>
                    )}
                    <button
                      type="button"
                      className="quiet small danger"
                      onClick={() =>
                        void act(
                          () =>
                            api("DELETE", `${users(userId)}/alerts/${encodeURIComponent(a.token)}`),
                          "Deleted",
                        )
                      }
                    >
                      Delete
                    </button>
                  </li>
                ),
              )}
            </ul>
          )}
        </section>
      ))}
      {value && (
        <section className="card" aria-label="New alert">
          <h2>New alert</h2>
          <AlertForm
            key={`${userId}:${devices.map((d) => d.deviceId).join()}`}
            devices={devices}
            onSave={(body) =>
              act(() => api("POST", `${users(userId)}/alerts`, { json: body }), "Set")
            }
          />
        </section>
      )}
    </section>
  );
}

function AlertForm(props: {
  alert?: AlertView;
  devices: DeviceView[];
  onSave: (body: Record<string, unknown>) => Promise<void>;
  onCancel?: () => void;
}) {
  const { alert } = props;
  const [type, setType] = useState<string>(alert?.type ?? "ALARM");
  const [deviceId, setDeviceId] = useState(props.devices[0]?.deviceId ?? "");
  const [at, setAt] = useState(() =>
    localInput(alert ? new Date(alert.scheduledTime) : new Date(Date.now() + 3_600_000)),
  );
  const [label, setLabel] = useState(alert?.label ?? "");
  const [repeat, setRepeat] = useState(() => {
    const text = repeatText(alert?.repeat);
    return text === "every day"
      ? "DAILY"
      : text === "weekdays"
        ? "WEEKDAYS"
        : text === "weekends"
          ? "WEEKENDS"
          : "";
  });
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<string>();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const when = new Date(at);
    if (Number.isNaN(when.getTime())) return setInvalid("Choose a date and a time.");
    setInvalid(undefined);
    const body: Record<string, unknown> = {
      scheduledTime: when.toISOString(),
      ...(label.trim() ? { label: label.trim() } : {}),
      ...(repeat ? { repeat } : {}),
    };
    if (!alert) {
      body["type"] = type;
      body["timeZone"] = browserZone();
      if (deviceId) body["deviceId"] = deviceId;
    }
    setBusy(true);
    try {
      await props.onSave(body);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="row wrap alert-form" onSubmit={(e) => void submit(e)}>
      {!alert && (
        <label>
          Type{" "}
          <select value={type} onChange={(e) => setType(e.target.value)}>
            <option value="ALARM">Alarm</option>
            <option value="TIMER">Timer</option>
            <option value="REMINDER">Reminder</option>
          </select>
        </label>
      )}
      {!alert && (
        <label>
          Device{" "}
          <select value={deviceId} onChange={(e) => setDeviceId(e.target.value)}>
            {props.devices.map((d) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.deviceId}
              </option>
            ))}
            <option value="">Every device of the user</option>
          </select>
        </label>
      )}
      <label>
        When{" "}
        <input
          type="datetime-local"
          step={1}
          value={at}
          onChange={(e) => setAt(e.target.value)}
          required
        />
      </label>
      <label>
        Label{" "}
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          placeholder={type === "REMINDER" ? "what to remember (required)" : "optional"}
          maxLength={500}
        />
      </label>
      {type !== "TIMER" && (
        <label>
          Repeat{" "}
          <select value={repeat} onChange={(e) => setRepeat(e.target.value)}>
            {REPEATS.map(([v, text]) => (
              <option key={v} value={v}>
                {text}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" disabled={busy}>
        {alert ? "Save" : "Set alert"}
      </button>
      {props.onCancel && (
        <button type="button" className="quiet" onClick={props.onCancel}>
          Cancel
        </button>
      )}
      {invalid && (
        <span className="error" role="alert">
          {invalid}
        </span>
      )}
    </form>
  );
}
