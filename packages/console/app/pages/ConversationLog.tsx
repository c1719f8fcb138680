// Recent turns across devices (GET /api/v1/conversations), grouped by device, errors highlighted.
import { api } from "../api.js";
import { type LoggedTurn, missingEndpoint } from "../cic/turns.js";
import { useLoad } from "../hooks.js";

export function ConversationLog() {
  const { value, error, reload, loading } = useLoad(
    () =>
      api<{ turns: LoggedTurn[] }>("GET", "/api/v1/conversations?limit=300").then((r) => r.turns),
    "",
  );
  const byDevice = new Map<string, LoggedTurn[]>();
  // The API answers newest first; a conversation reads oldest first.
  for (const t of [...(value ?? [])].reverse())
    byDevice.set(t.deviceId, [...(byDevice.get(t.deviceId) ?? []), t]);
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
        <p>No turns yet. Talk to the platform from the simulator or a device.</p>
      )}
      {[...byDevice].map(([device, turns]) => (
        <article key={device} className="card">
          <h2 className="mono">{device}</h2>
          <ol className="log">
            {turns.map((t) => {
              const failed = t.error ?? t.exchange?.error;
              return (
                <li key={t.id} className={failed ? "failed" : undefined}>
                  <time dateTime={t.at}>{new Date(t.at).toLocaleTimeString()}</time>{" "}
                  <strong>{t.input}</strong> → {t.speech || "—"}{" "}
                  <span className="muted">
                    {t.extensionId ?? "platform"}
                    {t.exchange ? ` · extension ${t.exchange.durationMs.toFixed(0)} ms` : ""} ·{" "}
                    {t.durationMs.toFixed(0)} ms
                  </span>
                  {failed && <div className="error">Error: {failed}</div>}
                  {t.exchange && (
                    <details>
                      <summary>CEK exchange</summary>
                      <pre className="json">
                        {JSON.stringify(
                          { request: t.exchange.request, response: t.exchange.response },
                          null,
                          2,
                        )}
                      </pre>
                    </details>
                  )}
                </li>
              );
            })}
          </ol>
        </article>
      ))}
    </section>
  );
}
