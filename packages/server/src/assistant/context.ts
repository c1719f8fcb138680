// What the assistant's parts share: the registry, the CEK client, sessions and settings.
import type { Logger } from "pino";
import type { AbilityRouter } from "../abilities/router.js";
import type { Clock } from "../abilities/services.js";
import type { AccountLinking } from "../cek/account-linking.js";
import type { CekClient } from "../cek/client.js";
import type { ExtensionRegistry } from "../cek/registry.js";
import type { DeviceIdentity } from "../cic/device-key.js";
import type { SessionStore } from "../store/sessions.js";
import type { SessionEndings } from "./session-endings.js";
import type { TurnResult } from "./turn.js";

export interface AssistantOptions {
  /** Listening window after shouldEndSession false (cek-custom-extension.md §7.3). */
  sessionTimeoutMs: number;
  /** Extra time for an answer begun at the end of the window to be spoken and recognized. */
  sessionGraceMs?: number;
  /**
   * How long a device's next call to an extension waits for the SessionEndedRequest still on
   * its way to it (session-endings.ts); default SESSION_END_WAIT_MS.
   */
  sessionEndWaitMs?: number;
  /**
   * Something to tell a device outside any turn (a reprompt when the listening window closed).
   * The CIC gateway sends it over the device's downchannel.
   */
  onProactive?: (target: DeviceIdentity, result: TurnResult) => void;
}

export interface AssistantContext {
  registry: ExtensionRegistry;
  client: CekClient;
  sessions: SessionStore;
  linking: AccountLinking;
  /** The platform's built-in abilities (alarms, schedule, home control…). */
  abilities: AbilityRouter;
  log: Logger;
  options: AssistantOptions;
  /** Fire-and-forget calls still running (awaited by close()). */
  background: Set<Promise<unknown>>;
  /** SessionEndedRequests on their way, which the device's next call to that extension follows. */
  endings: SessionEndings;
  /** "Now" of relative dates in extensions' slots ("tomorrow"); the system clock when absent. */
  clock?: Clock;
}

/** Runs `task` without waiting for it; the returned promise settles with it and never rejects. */
export function inBackground(ctx: AssistantContext, task: Promise<unknown>): Promise<unknown> {
  const tracked = task.catch((error) => ctx.log.error({ err: error }, "background task failed"));
  ctx.background.add(tracked);
  void tracked.finally(() => ctx.background.delete(tracked));
  return tracked;
}

/** When the listening window after this speech closes. */
export function windowClosesAt(ctx: AssistantContext, speech: { type: string; value: string }[]) {
  const { sessionTimeoutMs, sessionGraceMs = 0 } = ctx.options;
  return Date.now() + speakingAllowanceMs(speech) + sessionTimeoutMs + sessionGraceMs;
}

/** Time the device needs to speak before it listens: ~70 ms per character, at most 90 s (§4.4). */
export function speakingAllowanceMs(speech: { type: string; value: string }[]): number {
  let chars = 0;
  for (const item of speech) chars += item.type === "PlainText" ? item.value.length : 100;
  return Math.min(chars * 70, 90_000);
}
