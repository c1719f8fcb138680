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
