// One turn of the simulator: what was said, the answer (text, speech, card, other directives),
// and, expandable, the exact CIC messages, the CEK exchange and the timings.
import type { Turn } from "../cic/turns.js";
import { Card } from "./Card.js";
import { langOf } from "./lang.js";
import { TurnInsight } from "./TurnInsight.js";

const json = (value: unknown) => JSON.stringify(value, null, 2);

export function TurnView({ turn, onReplay }: { turn: Turn; onReplay?: (() => void) | undefined }) {
  const directives = turn.result?.directives ?? turn.pushed ?? [];
  const said = directives
    .filter((d) => d.header.name === "RenderText")
    .map((d) => String(d.payload["text"] ?? ""));
  const cards = directives.filter((d) => d.header.name === "RenderTemplate");
  const others = directives.filter(
    (d) => !["RenderText", "RenderTemplate", "Speak"].includes(d.header.name),
  );
  const dialog = turn.dialog;
  return (
    <article className={turn.error ? "turn failed" : "turn"}>
      {turn.note && <p className="turn-note">{turn.note}</p>}
      {turn.said && (
        <div className="user-line">
          {onReplay && (
            <button
              type="button"
              className="quiet small replay"
              onClick={onReplay}
              aria-label={`Replay “${turn.said}”`}
            >
              Replay
            </button>
          )}
          <p className="bubble user" lang={langOf(turn.said)}>
            <span className="sr-only">You: </span>
            {turn.said}
          </p>
        </div>
      )}
      {turn.pushed && <p className="muted small">Pushed on the downchannel</p>}
      {!turn.result && !turn.pushed && !turn.error && !turn.note && (
        <p className="muted" aria-live="polite">
          …
        </p>
      )}
      {said.map((s, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: texts of one answer, in order
        <p key={n} className="bubble assistant" lang={langOf(s)}>
          <span className="sr-only">Clover: </span>
          {s}
        </p>
      ))}
      {turn.audioUrls.map((url, n) => (
        // biome-ignore lint/a11y/useMediaCaption: the text of the answer is shown above
        <audio
          key={url}
          src={url}
          controls
          autoPlay={n === 0}
          aria-label={`Spoken answer, part ${n + 1}`}
          // Several Speak directives play one after the other, as on a device.
          onEnded={(e) => {
            const next = e.currentTarget.nextElementSibling;
            if (next instanceof HTMLAudioElement) void next.play();
          }}
        />
      ))}
      {cards.map((c) => (
        <Card key={c.header.messageId} payload={c.payload} />
      ))}
      {others.length > 0 && (
        <p className="small muted">
          {others.map((d) => `${d.header.namespace}.${d.header.name}`).join(" · ")}
        </p>
      )}
      {turn.error && (
        <p className="error" role="alert">
          {turn.error}
        </p>
      )}
      {turn.result && (
        <details className="turn-details">
          <summary>
            Turn details · HTTP {turn.result.status} · {turn.result.timings.totalMs.toFixed(0)} ms
          </summary>
          <dl className="facts">
            <dt>Answer headers</dt>
            <dd>{turn.result.timings.headersMs.toFixed(1)} ms</dd>
            <dt>Whole answer</dt>
            <dd>{turn.result.timings.totalMs.toFixed(1)} ms</dd>
            {typeof dialog === "object" && dialog.exchange && (
              <>
                <dt>Extension call</dt>
                <dd>
                  {dialog.exchange.durationMs.toFixed(1)} ms
                  {dialog.exchange.error ? ` — ${dialog.exchange.error}` : ""}
                </dd>
              </>
            )}
            {turn.result.timings.audioBytes !== undefined && (
              <>
                <dt>Audio sent</dt>
                <dd>{turn.result.timings.audioBytes} bytes</dd>
              </>
            )}
          </dl>
          {typeof dialog === "object" && <TurnInsight turn={dialog} />}
          <h4>CEK request</h4>
          {typeof dialog === "object" && dialog.exchange ? (
            <pre className="json">{json(dialog.exchange.request)}</pre>
          ) : (
            <p className="notice small">
              {dialog === "unavailable"
                ? "This platform does not expose the CEK exchange of a turn yet (GET /api/v1/conversations)."
                : dialog === "none"
                  ? "No extension was called in this turn (the platform answered by itself)."
                  : "Loading…"}
            </p>
          )}
          {typeof dialog === "object" && dialog.exchange?.response !== undefined && (
            <>
              <h4>CEK response</h4>
              <pre className="json">{json(dialog.exchange.response)}</pre>
            </>
          )}
          <h4>CIC event sent</h4>
          <pre className="json">{json(turn.result.event)}</pre>
          <h4>CIC directives received</h4>
          <pre className="json">{json(turn.result.directives)}</pre>
        </details>
      )}
    </article>
  );
}
