// Endpoint health (GET /api/v1/extensions/:id/health): calls, error rate, p50/p99 latency over
// the turns the platform still has in its log.
import type { ExtensionHealth } from "@clover/server";
import { api } from "../api.js";
import { missingEndpoint } from "../cic/turns.js";
import { useLoad } from "../hooks.js";

export type HealthView = ExtensionHealth;

export function Health({ id }: { id: string }) {
  const { value, error, reload } = useLoad(
    () => api<HealthView>("GET", `/api/v1/extensions/${encodeURIComponent(id)}/health`),
    id,
  );
  if (missingEndpoint(error))
    return (
      <p className="notice">
        This platform does not report endpoint health yet (no{" "}
        <code>GET /api/v1/extensions/:id/health</code>). The simulator shows each call's timing.
      </p>
    );
  if (error)
    return (
      <p className="error" role="alert">
        {error.message}
      </p>
    );
  if (!value) return <p aria-live="polite">Loading…</p>;
  const ms = (v?: number) => (v === undefined ? "–" : `${v.toFixed(0)} ms`);
  return (
    <div className="card">
      <dl className="facts">
        <dt>Last call</dt>
        <dd>{value.lastCallAt ? new Date(value.lastCallAt).toLocaleString() : "never"}</dd>
        <dt>Calls</dt>
        <dd>{value.calls}</dd>
        <dt>Error rate</dt>
        <dd className={value.errorRate > 0.05 ? "bad" : undefined}>
          {(value.errorRate * 100).toFixed(1)} % ({value.errors} of {value.calls})
        </dd>
        <dt>Latency p50 / p99</dt>
        <dd>
          {ms(value.p50Ms)} / {ms(value.p99Ms)}
        </dd>
        {value.lastError && (
          <>
            <dt>Last error</dt>
            <dd className="bad">{value.lastError}</dd>
          </>
        )}
      </dl>
      <button type="button" className="quiet small" onClick={reload}>
        Refresh
      </button>
    </div>
  );
}
