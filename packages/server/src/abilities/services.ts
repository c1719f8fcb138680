// What the platform gives every ability: its database, logs, a clock that tests can move,
// delivery to devices outside a turn, and claimed jobs for timed work.
import type { Logger } from "pino";
import type { AdminAuth } from "../api/auth.js";
import type { Assistant, TurnResult } from "../assistant/turn.js";
import type { AccountLinking } from "../cek/account-linking.js";
import type { CekDispatcher } from "../cek/dispatcher.js";
import type { OutboundGuard } from "../cek/outbound-policy.js";
import type { ExtensionRegistry } from "../cek/registry.js";
import type { TextToSpeech } from "../cic/speech-engines.js";
import type { JobRunner } from "../jobs/runner.js";
import type { DatabaseHandle } from "../store/database.js";
import type { JobQueue } from "../store/jobs.js";
import type { SecretBox } from "../store/secret-box.js";

/** Milliseconds since the epoch; injectable so time can be moved in tests. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A device of a user, as the gateway addresses it. */
export interface DeviceTarget {
  userId: string;
  deviceId: string;
  clientId?: string;
}

/**
 * Delivery outside a turn (an alert set from the API, a notification, a Home push): the
 * result becomes directives on the device's downchannel. Resolves with how many devices
 * received it (0 when none is connected; callers that must not lose it keep it themselves).
 */
export interface DeviceOutbox {
  toDevice(target: DeviceTarget, result: TurnResult): Promise<number>;
  toUser(userId: string, result: TurnResult): Promise<number>;
}

export interface AbilityServices {
  database: DatabaseHandle;
  log: Logger;
  clock: Clock;
  outbox: DeviceOutbox;
  /** Schedule timed work here; register its handler on `jobRunner` (one per kind). */
  jobs: JobQueue;
  jobRunner: JobRunner;
  /** Checks the management API's admin token (for handleHttp). */
  admin: AdminAuth;
  /** The CEK side, for abilities that call extensions (home control). */
  cek?: { registry: ExtensionRegistry; linking: AccountLinking; dispatcher: CekDispatcher };
  /**
   * Where calls out of the platform may go (CLOVER_EXTENSION_NETWORKS, docs/security.md
   * "Outbound policy"): the same policy as extension calls. Absent: public addresses only.
   */
  outbound?: OutboundGuard;
  /** Seals secrets at rest (e.g. a user's CalDAV password), like the platform's own. */
  secrets?: SecretBox;
  /** The platform's assistant, for work that runs a turn later (an action timer's command). */
  assistant?: Pick<Assistant, "handleTurn">;
  /** The platform's TTS and public base URL, for audio the platform serves (reminders). */
  speech?: { tts: TextToSpeech; publicUrl: () => string };
}
