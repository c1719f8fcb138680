// The extension test screen (interaction-model.md §10.2–10.5): interaction-model test (a typed
// sentence → one request in a new session; the request editable and sent again) and scenario
// test (Launch, turns in one session, End, silence), against the extension's endpoint through
// the platform (POST /api/v1/extensions/:id/test).
import { useState } from "react";
import { getExtension, type Language } from "../api.js";
import { useLoad } from "../hooks.js";
import { langOf } from "../pages/lang.js";
import { linkProps } from "../router.js";
import { runTest, type TestResult, testInfo, unsavedKey } from "./api.js";
import { PlaybackEvents, playToken } from "./PlaybackEvents.js";
import { Result } from "./Result.js";
import "./extension-test.css";

type Mode = "model" | "scenario";
type Line = { who: "user" | "extension" | "note"; text: string; failed?: boolean };

const LAUNCH: Record<Language, (name: string) => string> = {
  en: (name) => `open ${name}`,
  ja: (name) => `${name}を起動して`,
  ko: (name) => `${name} 시작해줘`,
};

const ENDED_BY: Record<string, string> = {
  extension: "the extension ended it (shouldEndSession)",
  user: "ended with End",
  "exit-phrase": "ended by an exit phrase",
  timeout: "the user stayed silent",
  error: "the extension failed",
};

export function ExtensionTest({ id }: { id: string }) {
  const { value: x, error: loadError } = useLoad(() => getExtension(id), id);
  const { value: info } = useLoad(() => testInfo(id), id);
  const [language, setLanguage] = useState<Language>();
  const [mode, setMode] = useState<Mode>("model");
  const [lines, setLines] = useState<Line[]>([]);
  const [result, setResult] = useState<TestResult>();
  const [scenario, setScenario] = useState<{ id: string; open: boolean }>();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** The stream token of the last AudioPlayer.Play answered, for playback events. */
  const [token, setToken] = useState<string>();

  if (loadError)
    return (
      <p className="error" role="alert">
        {loadError.message}
      </p>
    );
  if (!x) return <p aria-live="polite">Loading…</p>;
  const lang = language ?? x.languages[0] ?? "en";
  const uploadedAt = info?.models[lang]?.uploadedAt;
  const unsaved = sessionStorage.getItem(unsavedKey(id, lang)) !== null;
  const name = x.invocationNamesInUse?.[lang]?.main ?? x.displayName;

  const answered = (r: TestResult) => {
    const said: Line[] = r.speech.map((s) => ({ who: "extension", text: s }));
    if (r.error)
      said.push({
        who: "extension",
        failed: true,
        text: `No response: ${r.error.code} — ${r.error.message}`,
      });
    if (r.audioPlayer)
      said.push({ who: "note", text: "AudioPlayer is not played here; check on a device." });
    if (r.scenario?.reprompted) said.unshift({ who: "note", text: "(reprompt)" });
    if (r.scenario && !r.scenario.open)
      said.push({
        who: "note",
        text: `Session ended: ${ENDED_BY[r.scenario.endedBy ?? ""] ?? "ended"}. Press Launch to start again.`,
      });
    setLines((was) => [...was, ...said]);
    setResult(r);
    const played = playToken(r.response);
    if (played) setToken(played);
    if (r.scenario) setScenario({ id: r.scenario.id, open: r.scenario.open });
  };

  const run = async (body: Record<string, unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      answered(await runTest(id, { language: lang, ...body }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const switchMode = (next: Mode) => {
    setMode(next);
    setLines([]);
    setResult(undefined);
    setScenario(undefined);
    setError(undefined);
    setToken(undefined);
  };

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    const sentence = text.trim();
    if (!sentence) return;
    setText("");
    if (mode === "model") {
      // Each sentence is a test of its own: the previous result goes.
      setLines([{ who: "user", text: sentence }]);
      setResult(undefined);
      await run({ text: sentence });
    } else if (scenario?.open) {
      setLines((was) => [...was, { who: "user", text: sentence }]);
      await run({ mode: "scenario", action: "say", scenarioId: scenario.id, text: sentence });
    }
  };

  const launch = async () => {
    setLines([{ who: "user", text: LAUNCH[lang](name) }]);
    setResult(undefined);
    await run({ mode: "scenario", action: "launch" });
  };
  const step = async (action: "end" | "silence") => {
    if (!scenario) return;
    setLines((was) => [
      ...was,
      { who: "note", text: action === "end" ? "(End pressed)" : "(silence)" },
    ]);
    await run({ mode: "scenario", action, scenarioId: scenario.id });
  };
  const sendEvent = async (event: {
    name: string;
    token: string;
    offsetInMilliseconds: number;
  }) => {
    setLines((was) => [...was, { who: "note", text: `(AudioPlayer.${event.name})` }]);
    await run({ event });
  };
  const resend = async (request: unknown) => {
    setLines((was) => [...was, { who: "note", text: "(request test again)" }]);
    await run({ request });
  };

  const inputOpen = mode === "model" || scenario?.open === true;
  return (
    <section className="extension-test">
      <div className="row spread">
        <h1>
          Test <span lang={langOf(x.displayName)}>{x.displayName}</span>
        </h1>
        <a {...linkProps(`/extensions/${encodeURIComponent(id)}`)}>Back to the extension</a>
      </div>
      <div className="row wrap">
        <label>
          Test target{" "}
          <select value="development" disabled aria-describedby="target-hint">
            <option value="development">in development</option>
          </select>
        </label>
        <label>
          Language{" "}
          <select
            value={lang}
            onChange={(e) => {
              setLanguage(e.target.value as Language);
              switchMode(mode);
            }}
          >
            {x.languages.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <p className="muted small" id="target-hint">
          Clover keeps one version of an extension: the one registered.
        </p>
      </div>
      <p>
        Model last uploaded:{" "}
        <strong>{uploadedAt ? new Date(uploadedAt).toLocaleString() : "never"}</strong>
        {info && <span className="muted"> · deadline {info.deadlineMs} ms per request</span>}
      </p>
      {x.languages.length === 0 && (
        <p className="notice">
          This extension has no interaction model: create and upload one before testing.
        </p>
      )}
      {unsaved && (
        <p className="notice" role="status">
          The model editor holds changes to the {lang} model that are not uploaded: upload before
          testing (Build in the{" "}
          <a {...linkProps(`/extensions/${encodeURIComponent(id)}/models/${lang}`)}>model editor</a>
          ).
        </p>
      )}
      <fieldset className="row">
        <legend>Mode</legend>
        <label>
          <input
            type="radio"
            name="mode"
            checked={mode === "model"}
            onChange={() => switchMode("model")}
          />{" "}
          Interaction-model test
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={mode === "scenario"}
            onChange={() => switchMode("scenario")}
          />{" "}
          Scenario test
        </label>
      </fieldset>
      <p className="hint">
        {mode === "model"
          ? "Each sentence is analyzed with the model and sent as one IntentRequest in a new session."
          : "Launch starts a session; sentences continue it; End, an exit phrase or silence ends it."}
      </p>
      {mode === "scenario" && (
        <div className="row">
          <button type="button" onClick={launch} disabled={busy}>
            Launch
          </button>
          <button type="button" onClick={() => step("end")} disabled={busy || !scenario?.open}>
            End
          </button>
          <button
            type="button"
            className="quiet"
            onClick={() => step("silence")}
            disabled={busy || !scenario?.open}
          >
            Stay silent
          </button>
        </div>
      )}
      <ol className="test-chat" aria-label="Test conversation" aria-live="polite">
        {lines.map((line, n) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: lines of one conversation, in order
            key={n}
            className={`bubble ${line.who === "user" ? "user" : line.who === "note" ? "note" : "assistant"}${line.failed ? " failed" : ""}`}
            lang={langOf(line.text)}
          >
            <span className="sr-only">
              {line.who === "user" ? "You: " : line.who === "note" ? "" : "Extension: "}
            </span>
            {line.text}
          </li>
        ))}
        {busy && <li className="muted">…</li>}
      </ol>
      <form className="row grow" onSubmit={send}>
        <input
          aria-label="Sentence"
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={!inputOpen}
          placeholder={inputOpen ? "Type what a user would say" : "Press Launch to start a session"}
        />
        <button type="submit" disabled={!inputOpen || busy || text.trim() === ""}>
          Send
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {x.usesAudioPlayer && mode === "model" && (
        <PlaybackEvents token={token} busy={busy} onSend={sendEvent} />
      )}
      {result && (
        <Result
          result={result}
          editable={mode === "model"}
          {...(mode === "model" ? { onResend: resend } : {})}
        />
      )}
    </section>
  );
}
