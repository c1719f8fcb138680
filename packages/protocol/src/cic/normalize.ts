// Input leniencies resolved to the one spelling the rest of the platform uses (cic.md §8.2,
// §9.4): PAUSE → PAUSED, BtRequestToCancelPinCodeInput → BtRequestToCancelPINCodeInput.
import type { CicEvent } from "./envelope.js";

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

const EVENT_RENAMES: Record<string, string> = {
  "DeviceControl.BtRequestToCancelPinCodeInput": "BtRequestToCancelPINCodeInput",
};

function pausedFixed(payload: Json): Json {
  return payload["playerActivity"] === "PAUSE" ? { ...payload, playerActivity: "PAUSED" } : payload;
}

/**
 * Returns a copy of a valid event with legacy spellings replaced; the input is not modified.
 * Apply it after validateCicEvent, before storing context or routing the event.
 */
export function normalizeCicEvent<T extends CicEvent>(message: T): T {
  const context = message.context.map((entry) =>
    entry.header.namespace === "AudioPlayer" && entry.header.name === "PlaybackState"
      ? { ...entry, payload: pausedFixed(entry.payload) }
      : entry,
  );
  const { header, payload } = message.event;
  const key = `${header.namespace}.${header.name}`;
  const name = EVENT_RENAMES[key] ?? header.name;
  const fixedPayload =
    key === "AudioPlayer.ReportPlaybackState" && isRecord(payload) ? pausedFixed(payload) : payload;
  return {
    ...message,
    context,
    event: { ...message.event, header: { ...header, name }, payload: fixedPayload },
  };
}
