// The latest test's details: executed event, analyzed intent and slots, signature, time against
// the deadline, session attributes, the request JSON (editable in interaction-model mode) and
// the response JSON, with "copy result JSON".
import { useEffect, useState } from "react";
import type { TestResult } from "./api.js";

const json = (value: unknown) => JSON.stringify(value, null, 2);

const FAILURES: Record<string, string> = {
  unreachable: "The extension could not be reached",
  timeout: "The extension did not answer in time",
  "http-status": "The extension answered with an HTTP error",
  "invalid-json": "The extension's answer is not JSON",
  "content-type": "The extension's answer is not labelled application/json",
  "invalid-message": "The extension's answer is not a valid response message",
  "too-large": "The extension's answer is too large",
  "session-attributes-too-large": "The extension's sessionAttributes are too large",
  "bad-endpoint": "The endpoint URL cannot be called",
  "circuit-open": "Calls are paused after repeated failures",
};

export function Result({
  result,
  editable,
  onResend,
}: {
  result: TestResult;
  editable: boolean;
  onResend?: (request: unknown) => Promise<void>;
}) {
  const [draft, setDraft] = useState(() => json(result.request));
  const [draftError, setDraftError] = useState<string>();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    setDraft(json(result.request));
    setDraftError(undefined);
  }, [result]);
  const slots = Object.entries(result.intent?.slots ?? {});
  const resend = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(draft);
    } catch (e) {
      setDraftError(`The request is not JSON: ${(e as Error).message}`);
      return;
    }
    setDraftError(undefined);
    await onResend?.(parsed);
  };
  const copy = async () => {
    await navigator.clipboard.writeText(json(result)).catch(() => undefined);
    setCopied(true);
  };
  return (
    <section className="card test-result" aria-label="Test result">
      <dl className="facts">
        <dt>Executed event</dt>
        <dd className="mono">{result.event ?? "none (nothing was sent)"}</dd>
        {result.intent && (
          <>
            <dt>Analyzed intent</dt>
            <dd className="mono">{result.intent.name}</dd>
          </>
        )}
        {result.durationMs !== undefined && (
          <>
            <dt>Elapsed</dt>
            <dd>
              {result.durationMs} ms of the {result.deadlineMs} ms deadline
            </dd>
          </>
        )}
        {result.signature && (
          <>
            <dt>{result.signature.header}</dt>
            <dd>
              <span className={result.signature.verified ? "ok" : "error"}>
                {result.signature.verified
                  ? "verified with the platform's public key"
                  : "does NOT verify with the platform's public key"}
              </span>{" "}
              <span className="muted small">(key {result.signature.keyId})</span>
              <code className="mono break small signature">{result.signature.value}</code>
            </dd>
          </>
        )}
        {result.scenario && (
          <>
            <dt>sessionAttributes before</dt>
            <dd className="mono">{JSON.stringify(result.scenario.attributesBefore)}</dd>
            <dt>sessionAttributes after</dt>
            <dd className="mono">
              {result.scenario.attributesAfter
                ? JSON.stringify(result.scenario.attributesAfter)
                : "session ended"}
            </dd>
          </>
        )}
      </dl>
      {result.error && (
        <p className="error" role="alert">
          {FAILURES[result.error.code] ?? "The extension failed"} ({result.error.code}):{" "}
          {result.error.message}. See the service response below.
        </p>
      )}
      {result.warnings && (
        <ul className="notice" aria-label="Content guideline warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {result.audioPlayer && (
        <p className="notice">
          The response uses AudioPlayer directives ({result.directives.join(", ")}); the test screen
          does not play audio. Check playback in the simulator or on a device.
        </p>
      )}
      {result.intent && (
        <table aria-label="Analyzed slots">
          <thead>
            <tr>
              <th scope="col">Slot name</th>
              <th scope="col">Analyzed slot data</th>
            </tr>
          </thead>
          <tbody>
            {slots.length === 0 && (
              <tr>
                <td colSpan={2} className="muted">
                  no slots
                </td>
              </tr>
            )}
            {slots.map(([name, value]) => (
              <tr key={name}>
                <td className="mono">{name}</td>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="test-json">
        <section aria-labelledby="request-json">
          <h3 id="request-json">Request JSON</h3>
          {editable && result.request !== undefined ? (
            <>
              <textarea
                aria-labelledby="request-json"
                className="json"
                spellCheck={false}
                rows={18}
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
              />
              {draftError && (
                <p className="error" role="alert">
                  {draftError}
                </p>
              )}
              <button type="button" onClick={resend}>
                Request test again
              </button>
            </>
          ) : (
            <pre className="json">
              {result.request === undefined ? "nothing was sent" : json(result.request)}
            </pre>
          )}
        </section>
        <section aria-labelledby="response-json">
          <h3 id="response-json">Service response JSON</h3>
          <pre className="json">
            {result.response === undefined ? "no response" : json(result.response)}
          </pre>
        </section>
      </div>
      <button type="button" className="quiet" onClick={copy}>
        {copied ? "Copied" : "Copy result JSON"}
      </button>
    </section>
  );
}
