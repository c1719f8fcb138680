// Type an utterance, see what the recognizer makes of it: intent, confidence, slots,
// alternatives. With `deployed`, the platform answers with the extension's saved model
// (POST /api/v1/extensions/:id/recognize); otherwise, or on a platform without that route, the
// same recognizer (@clover/nlu) runs here in the browser on the model as given.
import { compileModel, type Recognition, type Recognizer } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import { useMemo, useState } from "react";
import { api } from "../api.js";
import { missingEndpoint } from "../cic/turns.js";

interface Props {
  model: InteractionModel;
  /** Ask the platform about this saved extension's model. */
  deployed?: string;
}

export function Recognize({ model, deployed }: Props) {
  const [text, setText] = useState("");
  const [error, setError] = useState<string>();
  const [remote, setRemote] = useState(deployed !== undefined);
  const [result, setResult] = useState<{
    text: string;
    recognition: Recognition;
    ms: number;
    where: string;
  }>();
  const compiled = useMemo((): { recognizer?: Recognizer; error?: string; ms: number } => {
    const t0 = performance.now();
    try {
      return { recognizer: compileModel(model), ms: performance.now() - t0 };
    } catch (e) {
      return { error: (e as Error).message, ms: performance.now() - t0 };
    }
  }, [model]);

  async function test(event: React.FormEvent) {
    event.preventDefault();
    const said = text.trim();
    if (!said) return;
    setError(undefined);
    const t0 = performance.now();
    if (remote && deployed) {
      try {
        const recognition = await api<Recognition>(
          "POST",
          `/api/v1/extensions/${encodeURIComponent(deployed)}/recognize`,
          {
            json: { text: said, language: model.language, referenceTime: new Date().toISOString() },
          },
        );
        setResult({
          text: said,
          recognition,
          ms: performance.now() - t0,
          where: "by the platform",
        });
        return;
      } catch (e) {
        if (!missingEndpoint(e)) return setError((e as Error).message);
        setRemote(false);
      }
    }
    if (!compiled.recognizer) return;
    const t1 = performance.now();
    const recognition = compiled.recognizer.recognize(said, { referenceTime: new Date() });
    setResult({ text: said, recognition, ms: performance.now() - t1, where: "in this browser" });
  }

  return (
    <div className="recognize">
      {compiled.error && (
        <p className="error" role="alert">
          The model does not compile: {compiled.error}
        </p>
      )}
      <form className="row grow" onSubmit={(e) => void test(e)}>
        <input
          lang={model.language}
          aria-label="Utterance to test"
          placeholder="Type what a user would say"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" disabled={(!remote && !compiled.recognizer) || !text.trim()}>
          Test
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <div className="card result" aria-live="polite">
          <p>
            “{result.text}” →{" "}
            <strong className="intent-name">{result.recognition.intent ?? "no intent"}</strong>{" "}
            <span className="muted">
              confidence {(result.recognition.confidence * 100).toFixed(1)} % ·{" "}
              {result.recognition.layer} · {result.ms.toFixed(1)} ms {result.where}
            </span>
          </p>
          {Object.keys(result.recognition.slots).length > 0 && (
            <table>
              <caption>Slots</caption>
              <thead>
                <tr>
                  <th scope="col">Slot</th>
                  <th scope="col">Type</th>
                  <th scope="col">Said</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {Object.values(result.recognition.slots).map((s) => (
                  <tr key={s.name}>
                    <td>{s.name}</td>
                    <td className="mono">{s.type}</td>
                    <td>{s.raw}</td>
                    <td className="slot-value">
                      {s.value}
                      {s.unit ? ` ${s.unit}` : ""}
                      {s.valueType ? ` (${s.valueType})` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.recognition.alternatives.length > 0 && (
            <>
              <h4>Alternatives</h4>
              <ol>
                {result.recognition.alternatives.map((a) => (
                  <li key={a.intent}>
                    {a.intent} <span className="muted">{(a.confidence * 100).toFixed(1)} %</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </div>
  );
}
