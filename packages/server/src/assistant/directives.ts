// Which of an extension's directives reach the device (cek-custom-extension.md §4.7, §12.2):
// the known audio directives only for extensions registered with "uses AudioPlayer" on the
// newest message version; anything else is dropped with a warning naming it.
import { CEK_KNOWN_DIRECTIVES, type CekDirective } from "@clover/protocol";
import type { Logger } from "pino";
import type { ExtensionRecord } from "../store/extensions.js";
import type { PassThroughDirective } from "./turn.js";

/**
 * Clova directives any extension may return (cic.md §9.3): open a web page or app, ask a guest
 * device to log in, show suggested follow-up queries.
 */
const CLOVA_DIRECTIVES = new Set([
  "Clova.LaunchURI",
  "Clova.ExpectLogin",
  "Clova.RenderSuggestion",
]);

export function passThroughDirectives(
  directives: readonly CekDirective[],
  extension: ExtensionRecord,
  log: Logger,
  dialogRequestId: string | undefined,
  /** Where the turn keeps what the developer should see (the turn log's exchange). */
  exchange?: { warnings?: string[] },
): PassThroughDirective[] {
  const out: PassThroughDirective[] = [];
  for (const d of directives) {
    const name = `${d.header.namespace}.${d.header.name}`;
    let reason: string | undefined;
    if (CLOVA_DIRECTIVES.has(name)) {
      if (extension.messageVersion !== "1.0") reason = "not honoured for message version 0.1.0";
    } else if (!CEK_KNOWN_DIRECTIVES.has(name))
      reason = "not a directive custom extensions may send";
    else if (!extension.usesAudioPlayer)
      reason = 'the extension is not registered with "uses AudioPlayer"';
    else if (extension.messageVersion !== "1.0")
      reason = "audio directives are not honoured for message version 0.1.0";
    if (reason) {
      const message = `dropped ${name}: ${reason}`;
      log.warn({ extensionId: extension.id, dialogRequestId, directive: name }, message);
      if (exchange) exchange.warnings = [...(exchange.warnings ?? []), message];
      continue;
    }
    out.push({
      namespace: d.header.namespace,
      name: d.header.name,
      messageId: d.header.messageId,
      payload: d.payload as Record<string, unknown>,
    });
  }
  return out;
}

/** An `AudioPlayer.Play`: the answer starts audio content on the device. */
export function isPlay(directive: { namespace: string; name: string }): boolean {
  return directive.namespace === "AudioPlayer" && directive.name === "Play";
}
