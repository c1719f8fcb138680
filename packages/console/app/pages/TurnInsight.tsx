// What the platform's turn log says about one turn: what the NLU understood (confidence and
// the layer that decided), each slot's words, the session attributes before and after, and
// where the time went. Shared by the simulator and the conversation log.
import type { LoggedTurn } from "../cic/turns.js";

const LAYERS = {
  exact: "exact template match",
  statistical: "statistical model",
  none: "no match",
} as const;

const percent = (n: number) => `${Math.round(n * 100)}%`;
const ms = (n: number | undefined) => (n === undefined ? "—" : `${n.toFixed(n < 10 ? 1 : 0)} ms`);
const json = (value: unknown) => JSON.stringify(value, null, 2);

export function Understood({ turn }: { turn: LoggedTurn }) {
  const r = turn.recognition;
  if (!r && !turn.intent) return null;
  const slots = Object.entries(r?.slots ?? {});
  return (
    <div className="insight-block">
      <h4>Understood</h4>
      <p className="understood">
        <strong className="insight-intent">{r?.intent ?? turn.intent?.name ?? "no intent"}</strong>
        {r && (
          <>
            {" "}
            <span className="confidence" title="confidence">
              {percent(r.confidence)}
            </span>{" "}
            <span className="layer">decided by the {LAYERS[r.layer]}</span>
          </>
        )}
        {!r?.intent && turn.intent && <span className="muted"> (sent as {turn.intent.name})</span>}
      </p>
      {slots.length > 0 && (
        <table className="slots-table">
          <thead>
            <tr>
              <th scope="col">Slot</th>
              <th scope="col">Heard</th>
              <th scope="col">Value</th>
              <th scope="col">Type</th>
            </tr>
          </thead>
          <tbody>
            {slots.map(([name, slot]) => (
              <tr key={name}>
                <td className="mono">{name}</td>
                <td>{slot.raw}</td>
                <td className="insight-slot-value">{slot.value}</td>
                <td className="mono">{slot.type}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r && r.alternatives.length > 0 && (
        <p className="small muted">
          Next best: {r.alternatives.map((a) => `${a.intent} ${percent(a.confidence)}`).join(", ")}
        </p>
      )}
    </div>
  );
}

export function SessionChange({ turn }: { turn: LoggedTurn }) {
  const s = turn.session;
  if (!s) return null;
  return (
    <div className="insight-block session-change">
      <h4>Session attributes</h4>
      <p className="small muted">
        {s.new ? "New session" : "Continued session"} <span className="mono">{s.sessionId}</span>
        {s.attributesAfter === undefined ? " · ended with this turn" : ""}
      </p>
      <div className="before-after">
        <div>
          <h5>Before</h5>
          <pre className="json attributes-before">{json(s.attributesBefore)}</pre>
        </div>
        <div>
          <h5>After</h5>
          {s.attributesAfter === undefined ? (
            <p className="muted attributes-after">(session ended)</p>
          ) : (
            <pre className="json attributes-after">{json(s.attributesAfter)}</pre>
          )}
        </div>
      </div>
    </div>
  );
}

/** The stages of a turn as rows with bars proportional to the total. */
export function TimeSpent({ turn }: { turn: LoggedTurn }) {
  const t = turn.timings;
  if (!t) return null;
  const total = t.totalMs ?? turn.durationMs;
  const rows: [string, string, number | undefined][] = [
    ["asr", "Speech recognition (ASR)", t.asrMs],
    ["nlu", "Understanding (NLU, routing)", t.understandingMs],
    ["extension", "Extension", t.extensionMs],
    ["tts", "Speech synthesis (TTS)", t.ttsMs],
  ];
  return (
    <div className="insight-block">
      <h4>Where the time went</h4>
      <table className="timings">
        <tbody>
          {rows.map(([key, label, value]) => (
            <tr key={key} data-stage={key}>
              <th scope="row">{label}</th>
              <td className="ms">{value === undefined ? "not used" : ms(value)}</td>
              <td className="bar-cell" aria-hidden="true">
                {value !== undefined && total > 0 && (
                  <span
                    className={`bar ${key}`}
                    style={{ width: `${Math.min(100, (value / total) * 100)}%` }}
                  />
                )}
              </td>
            </tr>
          ))}
          <tr data-stage="total" className="total">
            <th scope="row">Total on the platform</th>
            <td className="ms">{ms(total)}</td>
            <td />
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function TurnInsight({ turn }: { turn: LoggedTurn }) {
  return (
    <div className="turn-insight">
      <Understood turn={turn} />
      <SessionChange turn={turn} />
      <TimeSpent turn={turn} />
    </div>
  );
}
