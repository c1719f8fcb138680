// Open dialog sessions, one per device (client, device id and user: cic/device-key.ts) (cek-custom-extension.md §7.2). Async and
// expiry-based so that a shared implementation (Redis: a hash per key plus a sorted set of
// expiry instants) can replace the in-memory default without touching the assistant.
import type { DeviceInfo, Language, SpeechItem } from "../assistant/turn.js";
import { type DeviceIdentity, deviceKeyOf } from "../cic/device-key.js";
import { copyData } from "./copy-data.js";

export interface DialogSession {
  /** sessionKey(device): the device's key (deviceKeyOf). */
  key: string;
  clientId: string;
  userId: string;
  deviceId: string;
  extensionId: string;
  sessionId: string;
  language: Language;
  /** The device as of the last turn (for requests sent without a turn, e.g. on timeout). */
  device: DeviceInfo;
  /** The last response's top-level sessionAttributes, replaced each turn (§7.2). */
  sessionAttributes: Record<string, unknown>;
  /** The last response's reprompt, if any, and whether the one extra window was used (§4.5). */
  reprompt?: SpeechItem[];
  repromptUsed: boolean;
  /** When the listening window closes without input (ms since epoch). */
  expiresAt: number;
  /** The expectSpeechId of the ExpectSpeech that opened the current window (cic.md §13.4). */
  expectSpeechId?: string;
}

export interface SessionStore {
  get(key: string): Promise<DialogSession | undefined>;
  put(session: DialogSession): Promise<void>;
  /** Removes the session only if it still has this sessionId; true when it did. */
  delete(key: string, sessionId?: string): Promise<boolean>;
  /** Keys of sessions whose expiresAt <= now; the caller re-reads and deletes each under
   * its lock, so a session is ended once even with several sweepers. */
  expiredKeys(now: number, limit?: number): Promise<string[]>;
  /**
   * Takes an expired session for a sweep: when its window closed at or before `now` and no
   * other sweeper holds it, it is hidden from expiredKeys for `leaseMs` (on every node) and
   * returned; otherwise undefined. A put or delete ends the lease; a sweeper that dies lets
   * it lapse, and another node takes the session over.
   */
  claimExpired(key: string, now: number, leaseMs: number): Promise<DialogSession | undefined>;
  /** The extension that owns a device's audio playback (§5, §7.7), by sessionKey(device). */
  getPlaybackOwner(key: string): Promise<string | undefined>;
  setPlaybackOwner(key: string, extensionId: string | undefined): Promise<void>;
  close(): Promise<void>;
}

/** Sessions are kept per device: the same key as every other per-device record. */
export function sessionKey(device: DeviceIdentity): string {
  return deviceKeyOf(device);
}

export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, DialogSession>();
  readonly #owners = new Map<string, string>();
  /** Sweep leases: key → until when (ms since epoch). */
  readonly #leases = new Map<string, number>();

  async get(key: string) {
    const found = this.#sessions.get(key);
    return found && copyData(found);
  }

  async put(session: DialogSession) {
    this.#sessions.set(session.key, copyData(session));
    this.#leases.delete(session.key);
  }

  async delete(key: string, sessionId?: string) {
    const found = this.#sessions.get(key);
    if (!found || (sessionId !== undefined && found.sessionId !== sessionId)) return false;
    this.#leases.delete(key);
    return this.#sessions.delete(key);
  }

  async expiredKeys(now: number, limit = 1000) {
    const out: string[] = [];
    for (const [key, session] of this.#sessions) {
      if (out.length >= limit) break;
      if (session.expiresAt <= now && (this.#leases.get(key) ?? 0) <= now) out.push(key);
    }
    return out;
  }

  async claimExpired(key: string, now: number, leaseMs: number) {
    const found = this.#sessions.get(key);
    if (!found || found.expiresAt > now || (this.#leases.get(key) ?? 0) > now) return undefined;
    this.#leases.set(key, now + leaseMs);
    return copyData(found);
  }

  async getPlaybackOwner(key: string) {
    return this.#owners.get(key);
  }

  async setPlaybackOwner(key: string, extensionId: string | undefined) {
    if (extensionId === undefined) this.#owners.delete(key);
    else this.#owners.set(key, extensionId);
  }

  async close() {
    this.#sessions.clear();
    this.#owners.clear();
    this.#leases.clear();
  }
}
