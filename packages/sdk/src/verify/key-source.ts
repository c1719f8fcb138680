// Where the platform's public key comes from: a PEM given directly, or a URL where the
// platform publishes it, fetched and cached for at most 24 h (cek-custom-extension.md §2.5,
// §13 #4).
import type { KeyObject } from "node:crypto";
import { parsePublicKey } from "./signature.js";

export const MAX_KEY_AGE_MS = 24 * 60 * 60 * 1000;

export interface KeySource {
  /** Current key; fetches when the cache is empty or stale. */
  get(): Promise<KeyObject>;
  /** Fetch again now (after a failed verification, the key may have rotated). */
  refresh(): Promise<KeyObject | undefined>;
  readonly description: string;
}

export function staticKey(pem: string, description = "configured public key"): KeySource {
  const key = parsePublicKey(pem, description);
  return { get: async () => key, refresh: async () => undefined, description };
}

export interface UrlKeyOptions {
  url: string;
  /** Cache lifetime; capped at 24 h. */
  maxAgeMs?: number;
  /** Fetch timeout. Default 5000 ms. */
  timeoutMs?: number;
  /** Minimum time between refreshes caused by bad signatures. Default 60 s. */
  minRefreshIntervalMs?: number;
  fetch?: typeof fetch;
}

export function urlKey(options: UrlKeyOptions): KeySource {
  const maxAge = Math.min(options.maxAgeMs ?? MAX_KEY_AGE_MS, MAX_KEY_AGE_MS);
  const minRefresh = options.minRefreshIntervalMs ?? 60_000;
  const doFetch = options.fetch ?? fetch;
  let cached: { key: KeyObject; at: number } | undefined;
  let pending: Promise<KeyObject> | undefined;

  const load = (): Promise<KeyObject> => {
    pending ??= (async () => {
      try {
        const res = await doFetch(options.url, {
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
        });
        if (!res.ok) throw new Error(`${options.url}: HTTP ${res.status}`);
        const key = parsePublicKey(await res.text(), options.url);
        cached = { key, at: Date.now() };
        return key;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  return {
    description: options.url,
    async get() {
      if (cached && Date.now() - cached.at < maxAge) return cached.key;
      try {
        return await load();
      } catch (error) {
        // Keep serving with the last good key when the publisher is briefly unreachable.
        if (cached) return cached.key;
        throw error;
      }
    },
    async refresh() {
      if (cached && Date.now() - cached.at < minRefresh) return undefined;
      try {
        return await load();
      } catch {
        return undefined;
      }
    },
  };
}
