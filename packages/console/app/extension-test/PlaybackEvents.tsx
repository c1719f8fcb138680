// Playback events (interaction-model.md §10.5): what a device's player would report about the
// stream of the last AudioPlayer.Play, sent to the extension as an EventRequest.
import { useEffect, useState } from "react";

// The names of @clover/protocol's CEK_PLAYBACK_EVENT_NAMES, written out: importing the value
// moves the protocol's shared code into the first page's chunk (+44 KB gzipped).
const EVENTS = [
  "PlayStarted",
  "PlayPaused",
  "PlayResumed",
  "PlayStopped",
  "PlayFinished",
  "ProgressReportDelayPassed",
  "ProgressReportIntervalPassed",
  "ProgressReportPositionPassed",
];

/** The stream token of an AudioPlayer.Play in a response, if there is one. */
export function playToken(response: unknown): string | undefined {
  const directives = (response as { response?: { directives?: unknown[] } })?.response?.directives;
  for (const directive of Array.isArray(directives) ? directives : []) {
    const d = directive as {
      header?: { namespace?: string; name?: string };
      payload?: { audioItem?: { stream?: { token?: unknown } } };
    };
    const token = d.payload?.audioItem?.stream?.token;
    if (
      d.header?.namespace === "AudioPlayer" &&
      d.header.name === "Play" &&
      typeof token === "string"
    )
      return token;
  }
  return undefined;
}

export function PlaybackEvents({
  token,
  busy,
  onSend,
}: {
  token: string | undefined;
  busy: boolean;
  onSend: (event: { name: string; token: string; offsetInMilliseconds: number }) => void;
}) {
  const [name, setName] = useState(EVENTS[0]!);
  const [stream, setStream] = useState(token ?? "");
  const [offset, setOffset] = useState("0");
  useEffect(() => {
    if (token) setStream(token);
  }, [token]);
  const ms = Number(offset);
  const valid = stream.trim() !== "" && Number.isInteger(ms) && ms >= 0;
  return (
    <form
      className="row wrap card"
      aria-label="Playback event"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onSend({ name, token: stream.trim(), offsetInMilliseconds: ms });
      }}
    >
      <label>
        Playback event{" "}
        <select value={name} onChange={(e) => setName(e.target.value)}>
          {EVENTS.map((event) => (
            <option key={event} value={event}>
              {event}
            </option>
          ))}
        </select>
      </label>
      <label>
        Stream token <input value={stream} onChange={(e) => setStream(e.target.value)} />
      </label>
      <label>
        Offset (ms){" "}
        <input inputMode="numeric" value={offset} onChange={(e) => setOffset(e.target.value)} />
      </label>
      <button type="submit" disabled={busy || !valid}>
        Send event
      </button>
      <p className="muted small">
        Sent as a device's player reports it: an EventRequest outside any session; only the
        directives of the answer count.
      </p>
    </form>
  );
}
