// The CLI's device keeps alerts as a real one would (@clover/device DeviceAlerts): it stores
// what SetAlert / SynchronizeAlert give it, rings on time, answers with the Alerts events, and
// prints each step so the whole alert loop is visible in a terminal.
import {
  type ContextObject,
  type DeviceAlert,
  DeviceAlerts,
  type DeviceClient,
} from "@clover/device";
import type { Output } from "../core/output.js";
import { nameOf, spokenText } from "./render.js";

function label(alert: DeviceAlert): string {
  return `${alert.type} ${alert.scheduledTime}${alert.label ? ` "${alert.label}"` : ""}`;
}

/**
 * Alerts kept by the CLI's device; rings on real timers until `stop()`. `context`: more context
 * objects for every event (what the device is, e.g. TERMINAL_CONTEXT).
 */
export function keepAlerts(
  client: DeviceClient,
  out: Output,
  context?: () => ContextObject[],
): DeviceAlerts {
  const alerts = new DeviceAlerts(client, {
    ...(context ? { context } : {}),
    onRing: (alert) => {
      if (!out.json)
        out.line(`${out.c.magenta("⏰ ringing")} ${label(alert)}  ${out.c.dim('(say "stop")')}`);
    },
    onStop: (alert) => {
      if (!out.json) out.line(`${out.c.magenta("⏰ stopped")} ${label(alert)}`);
    },
    onResponse: (event, response) => {
      if (out.json) return;
      const said = spokenText(response.directives);
      const others = response.directives
        .map(nameOf)
        .filter((name) => name !== "Clova.RenderText" && name !== "SpeechSynthesizer.Speak");
      if (event === "TextRecognizer.Recognize" || (!said && others.length === 0)) return;
      out.line(
        `       ${out.c.dim(`${event} →`)} ${said ? `${out.c.cyan("clova›")} ${said} ` : ""}${out.c.dim(others.join(", "))}`,
      );
    },
  });
  alerts.start();
  return alerts;
}

/**
 * How long a closing device waits for the events of the alerts directives it is acting on
 * (an AlertStopped for a "stop" just heard, a SetAlertSucceeded): an event sent after the
 * connection is closed would open a new one and keep the process alive until the platform's
 * idle timeout; a platform that does not answer must not keep the device from closing either.
 */
export const ALERT_EVENTS_WAIT_MS = 5000;

/** Alerts directives being acted on (their events on their way). */
export class AlertWork {
  readonly #work = new Set<Promise<void>>();

  track(work: Promise<void>): void {
    const tracked = work.catch(() => {}).finally(() => this.#work.delete(tracked));
    this.#work.add(tracked);
  }

  /** Resolves when every tracked piece of work, and any tracked meanwhile, is done. */
  async settled(): Promise<void> {
    while (this.#work.size > 0) await Promise.all([...this.#work]);
  }
}

/** Waits for `work`, at most `ms`; true when it finished in time. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      work.then(
        () => true as const,
        () => true as const,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
