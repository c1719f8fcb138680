// The simulator: a conversation as a device over CIC. Type, or hold the button to talk; hear
// the answer, see cards, and open each turn's exact messages and timings.
import { useEffect, useRef, useState } from "react";
import type { Language } from "../api.js";
import { BrowserDevice, logIn, simulatorCredentials } from "../cic/device.js";
import { type Recording, startRecording } from "../cic/mic.js";
import { dialogOf, speechUrls, type Turn } from "../cic/turns.js";
import { DevicePanels } from "./DevicePanels.js";
import { TurnView } from "./TurnView.js";

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
  ) {
    const d = device.current;
    if (!d) return;
    const id = crypto.randomUUID();
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
    void run(said, false, (d) => d.sendText(said));
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
    void run(`(${seconds} s of speech)`, true, (d) => d.sendSpeech(pcm, language));
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
      <div className="conversation" aria-label="Conversation" role="log">
        {turns.length === 0 && (
          <p className="muted">Say something: “open dice”, then “roll two dice”.</p>
        )}
        {turns.map((turn) => (
          <TurnView key={turn.id} turn={turn} />
        ))}
        <div ref={end} />
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
        <label className="small">
          Speech language{" "}
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            <option value="en">en</option>
            <option value="ja">ja</option>
            <option value="ko">ko</option>
          </select>
        </label>
      </form>
      <DevicePanels />
    </section>
  );
}
