// Recent turns across devices (GET /api/v1/conversations), newest first: search, filter by
// device, extension or errors, and open a turn to see what was understood, the session's
// attributes before and after, where the time went and the CEK exchange.
import { useMemo, useState } from "react";
import { api } from "../api.js";
import { type LoggedTurn, missingEndpoint } from "../cic/turns.js";
import { useLoad } from "../hooks.js";
import { linkProps } from "../router.js";
import { EmptyState } from "./EmptyState.js";
import { langOf } from "./lang.js";
import { TurnInsight } from "./TurnInsight.js";
import "./simulator.css";

const failureOf = (t: LoggedTurn) => t.error ?? t.exchange?.error;

/** The words a search looks in: what was said and answered, intent, extension, device. */
const haystack = (t: LoggedTurn) =>
  [
    t.input,
    t.speech,
    t.intent?.name,
    t.recognition?.intent,
    t.extensionId,
    t.deviceId,
    failureOf(t),
  ]
    .filter(Boolean)
    .join("\n")
    .toLowerCase();

export function ConversationLog() {
  const { value, error, reload, loading } = useLoad(
    () =>
      api<{ turns: LoggedTurn[] }>("GET", "/api/v1/conversations?limit=300").then((r) => r.turns),
    "",
  );
  const [search, setSearch] = useState("");
  const [device, setDevice] = useState("");
  const [extension, setExtension] = useState("");
  const [errorsOnly, setErrorsOnly] = useState(false);
  const turns = value ?? [];
  const devices = useMemo(() => [...new Set(turns.map((t) => t.deviceId))].sort(), [turns]);
  const extensions = useMemo(
    () => [...new Set(turns.map((t) => t.extensionId ?? "platform"))].sort(),
    [turns],
  );
  const words = search.trim().toLowerCase();
  // The API answers newest first; the log keeps that order.
  const shown = turns.filter(
    (t) =>
      (!device || t.deviceId === device) &&
      (!extension || (t.extensionId ?? "platform") === extension) &&
      (!errorsOnly || failureOf(t) !== undefined) &&
      (!words || haystack(t).includes(words)),
  );
  return (
    <section>
      <div className="row spread">
        <h1>Conversation log</h1>
        <button type="button" className="quiet" onClick={reload} disabled={loading}>
          Refresh
        </button>
      </div>
      {missingEndpoint(error) ? (
        <p className="notice">
          This platform does not keep a conversation log yet (no{" "}
          <code>GET /api/v1/conversations</code>). The simulator still shows each of its own turns
          with the messages it sent and received.
        </p>
      ) : (
        error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )
      )}
      {value?.length === 0 && (
        <EmptyState
          title="No conversations yet"
          action={
            <a className="button" {...linkProps("/simulator")}>
              Talk to the platform in the simulator
            </a>
          }
        >
          Every turn of every device shows up here, newest first: what the user said, what the
          platform understood (intent, slots, confidence), the session's attributes before and
          after, the extension's exchange and where the time went. Nobody has talked to this
          platform since it started.
        </EmptyState>
      )}
      {turns.length > 0 && (
        <search className="log-filters" aria-label="Filter the log">
          <label>
            Search{" "}
            <input
              type="search"
              placeholder="words said or answered, intent, extension"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </label>
          <label>
            Device{" "}
            <select value={device} onChange={(e) => setDevice(e.target.value)}>
              <option value="">all devices</option>
              {devices.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
          <label>
            Answered by{" "}
            <select value={extension} onChange={(e) => setExtension(e.target.value)}>
              <option value="">anyone</option>
              {extensions.map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={errorsOnly}
              onChange={(e) => setErrorsOnly(e.target.checked)}
            />{" "}
            Errors only
          </label>
          <span className="muted small" aria-live="polite">
            {shown.length} of {turns.length} turns
          </span>
        </search>
      )}
      {turns.length > 0 && shown.length === 0 && (
        <p className="muted">No turn matches these filters.</p>
      )}
      <ol className="log-turns" aria-label="Turns, newest first">
        {shown.map((t) => {
          const failed = failureOf(t);
          return (
            <li key={t.id} className={failed ? "log-turn failed" : "log-turn"} data-turn-id={t.id}>
              <div>
                <time dateTime={t.at}>{new Date(t.at).toLocaleTimeString()}</time>{" "}
                <span className="muted mono small">{t.deviceId}</span>{" "}
                <strong lang={langOf(t.input)}>{t.input}</strong> →{" "}
                <span lang={langOf(t.speech)}>{t.speech || "—"}</span>{" "}
                <span className="muted">
                  {t.extensionId ?? "platform"}
                  {t.recognition?.intent
                    ? ` · ${t.recognition.intent} ${Math.round(t.recognition.confidence * 100)}%`
                    : ""}{" "}
                  · {(t.timings?.totalMs ?? t.durationMs).toFixed(0)} ms
                </span>
              </div>
              {failed && <div className="error">Error: {failed}</div>}
              <details>
                <summary>Turn details</summary>
                <TurnInsight turn={t} />
                {t.exchange && (
                  <>
                    <h4>CEK exchange</h4>
                    <pre className="json">
                      {JSON.stringify(
                        { request: t.exchange.request, response: t.exchange.response },
                        null,
                        2,
                      )}
                    </pre>
                  </>
                )}
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
