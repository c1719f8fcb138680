// The simulator: a conversation as a device over CIC. Type, or hold the button to talk; hear
// the answer, see it on the device's screen, open each turn's messages, what was understood,
// the session attributes and where the time went; replay a turn or start a new session.
import { useEffect, useRef, useState } from "react";
import { type Language, listExtensions } from "../api.js";
import { BrowserDevice, logIn, simulatorCredentials } from "../cic/device.js";
import { type Recording, startRecording } from "../cic/mic.js";
import { dialogOf, speechUrls, type Turn } from "../cic/turns.js";
import { useLoad } from "../hooks.js";
import { DisplayPreview, screenOf } from "./DisplayPreview.js";
import { EmptyState } from "./EmptyState.js";
import { namesInUse } from "./invocation-names.js";
import { TurnView } from "./TurnView.js";
import "./simulator.css";

/** What a turn sent, to send it again. */
type Replay = { text: string } | { pcm: Uint8Array; language: Language };

type Status = { state: "connecting" | "ready" | "closed"; message?: string };

export function Simulator() {
  const [status, setStatus] = useState<Status>({ state: "connecting" });
  const [turns, setTurns] = useState<Turn[]>([]);
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [language, setLanguage] = useState<Language>("en");
  const [recording, setRecording] = useState<Recording>();
  const device = useRef<BrowserDevice>(undefined);
  const deviceId = useRef("");
  const [attempt, setAttempt] = useState(0);
  const end = useRef<HTMLDivElement>(null);
  const replays = useRef(new Map<string, Replay>());
  const { value: extensions } = useLoad(listExtensions, "");
  const firstName = extensions
    ?.map((x) => namesInUse(x, "en")?.main)
    .find((n): n is string => n !== undefined);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt reconnects
  useEffect(() => {
    let closed = false;
    setStatus({ state: "connecting" });
    (async () => {
      const credentials = await simulatorCredentials();
      deviceId.current = credentials.deviceId;
      const token = await logIn(credentials);
      const d = new BrowserDevice(
        token,
        (directives, attachments) =>
          setTurns((t) => [
            ...t,
            {
              id: crypto.randomUUID(),
              said: "",
              spoken: false,
              pushed: directives,
              audioUrls: speechUrls(directives, attachments),
            },
          ]),
        (reason) => !closed && setStatus({ state: "closed", message: reason }),
      );
      await d.openDownchannel();
      if (closed) return d.close();
      device.current = d;
      setStatus({ state: "ready" });
    })().catch((e: Error) => !closed && setStatus({ state: "closed", message: e.message }));
    return () => {
      closed = true;
      device.current?.close();
      device.current = undefined;
    };
  }, [attempt]);

  // Newer Chromium returns a promise from scrollIntoView: never hand it to React as a cleanup.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever a turn changes
  useEffect(() => {
    void end.current?.scrollIntoView({ block: "nearest" });
  }, [turns]);

  async function run(
    said: string,
    spoken: boolean,
    send: (d: BrowserDevice) => ReturnType<BrowserDevice["sendText"]>,
    replay?: Replay,
  ) {
    const d = device.current;
    if (!d) return;
    const id = crypto.randomUUID();
    if (replay) replays.current.set(id, replay);
    setTurns((t) => [...t, { id, said, spoken, audioUrls: [] }]);
    setBusy(true);
    try {
      const result = await send(d);
      const audioUrls = speechUrls(result.directives, result.attachments);
      const update = (patch: Partial<Turn>) =>
        setTurns((t) => t.map((x) => (x.id === id ? { ...x, ...patch } : x)));
      update({ result, audioUrls, ...(result.error ? { error: result.error } : {}) });
      const dialogRequestId = (result.event as { event: { header: { dialogRequestId: string } } })
        .event.header.dialogRequestId;
      update({ dialog: await dialogOf(deviceId.current, dialogRequestId) });
    } catch (e) {
      setTurns((t) => t.map((x) => (x.id === id ? { ...x, error: (e as Error).message } : x)));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const said = text.trim();
    if (!said) return;
    setText("");
    say(said);
  }

  function say(said: string) {
    void run(said, false, (d) => d.sendText(said), { text: said });
  }

  function replay(turnId: string) {
    const what = replays.current.get(turnId);
    if (!what) return;
    if ("text" in what) say(what.text);
    else
      void run(
        `(${(what.pcm.length / 32000).toFixed(1)} s of speech, again)`,
        true,
        (d) => d.sendSpeech(what.pcm, what.language),
        what,
      );
  }

  /** Ends the open conversation (the exit phrase, as a user would say it) and marks the place. */
  async function newSession() {
    const d = device.current;
    const last = [...turns].reverse().find((t) => t.result);
    const open = last?.result?.directives.some((x) => x.header.name === "ExpectSpeech");
    setBusy(true);
    try {
      if (d && open) await d.sendText("exit");
      setTurns((t) => [
        ...t,
        {
          id: crypto.randomUUID(),
          said: "",
          spoken: false,
          audioUrls: [],
          note: open
            ? "New session: the open conversation was ended; what you say next starts fresh."
            : "New session: no conversation was open; what you say next starts fresh.",
        },
      ]);
    } catch (e) {
      setStatus({ state: "closed", message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  async function talkStart() {
    if (recording || busy || status.state !== "ready") return;
    try {
      setRecording(await startRecording());
    } catch (e) {
      setTurns((t) => [
        ...t,
        {
          id: crypto.randomUUID(),
          said: "",
          spoken: true,
          audioUrls: [],
          error: `microphone: ${(e as Error).message}`,
        },
      ]);
    }
  }
  async function talkEnd() {
    if (!recording) return;
    const pcm = await recording.stop();
    setRecording(undefined);
    const seconds = (pcm.length / 32000).toFixed(1);
    void run(`(${seconds} s of speech)`, true, (d) => d.sendSpeech(pcm, language), {
      pcm,
      language,
    });
  }

  const ready = status.state === "ready";
  return (
    <section className="simulator">
      <div className="row spread">
        <h1>Simulator</h1>
        <p className={`status ${status.state}`} aria-live="polite">
          {status.state === "ready"
            ? `Connected as ${deviceId.current}`
            : status.state === "connecting"
              ? "Connecting…"
              : `Disconnected: ${status.message}`}
          {status.state === "closed" && (
            <button type="button" className="quiet small" onClick={() => setAttempt((n) => n + 1)}>
              Reconnect
            </button>
          )}
        </p>
      </div>
      <div className="simulator-layout">
        <div className="conversation" aria-label="Conversation" role="log">
          {turns.length === 0 && (
            <EmptyState
              title="Talk to the platform as a device would"
              action={
                <button
                  type="button"
                  disabled={!ready || busy}
                  onClick={() => say(firstName ? `open ${firstName}` : "what can you do")}
                >
                  Say “{firstName ? `open ${firstName}` : "what can you do"}”
                </button>
              }
            >
              This is a device on the platform's CIC API: type what a user would say or hold the
              button to talk, hear and see the answer, and open a turn to see what was understood,
              the session's attributes and where the time went. Start by naming an extension.
            </EmptyState>
          )}
          {turns.map((turn) => (
            <TurnView
              key={turn.id}
              turn={turn}
              onReplay={
                replays.current.has(turn.id) && ready && !busy ? () => replay(turn.id) : undefined
              }
            />
          ))}
          <div ref={end} />
        </div>
        <DisplayPreview
          shown={screenOf(turns.map((t) => t.result?.directives ?? t.pushed ?? []))}
        />
      </div>
      <form className="composer row grow" onSubmit={submit}>
        <input
          aria-label="Say"
          placeholder="Type what you would say"
          value={text}
          onChange={(e) => setText(e.target.value)}
          disabled={!ready}
        />
        <button type="submit" disabled={!ready || busy || !text.trim()}>
          Send
        </button>
        <button
          type="button"
          className={recording ? "talk on" : "talk"}
          aria-pressed={recording !== undefined}
          disabled={!ready}
          onPointerDown={() => void talkStart()}
          onPointerUp={() => void talkEnd()}
          onPointerLeave={() => void talkEnd()}
          onKeyDown={(e) => {
            if ((e.key !== " " && e.key !== "Enter") || e.repeat) return;
            e.preventDefault();
            void talkStart();
          }}
          onKeyUp={(e) => {
            if (e.key !== " " && e.key !== "Enter") return;
            e.preventDefault();
            void talkEnd();
          }}
        >
          {recording ? "Listening… release to send" : "Hold to talk"}
        </button>
        <button
          type="button"
          className="quiet"
          disabled={!ready || busy}
          onClick={() => void newSession()}
        >
          New session
        </button>
        <label className="small">
          Speech language{" "}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            <option value="en">en</option>
            <option value="ja">ja</option>
            <option value="ko">ko</option>
          </select>
        </label>
      </form>
    </section>
  );
}
