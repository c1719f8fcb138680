// Request verification as the HTTP core uses it (cek-custom-extension.md §2.5).
import type { KeyObject } from "node:crypto";
import { CLOVA_PUBLIC_KEY_PEM } from "./clova-public-key.js";
import { type KeySource, staticKey, type UrlKeyOptions, urlKey } from "./key-source.js";
import { LegacyCertificates, type LegacyVerificationOptions } from "./legacy.js";
import { verifyCekSignature } from "./signature.js";

export interface VerificationOptions {
  /** The platform's public key (PEM). */
  publicKey?: string;
  /** URL where the platform publishes its public key (PEM); cached ≤ 24 h. */
  publicKeyUrl?: string | UrlKeyOptions;
  /** Also accept requests signed by the original Clova platform's key. */
  clova?: boolean;
  /** Also accept the 2018 scheme (§2.6): requests that carry SignatureCEKCertChainUrl are
   * checked against that certificate with SHA-1. Off by default. */
  legacy?: boolean | LegacyVerificationOptions;
}

export type VerifyOutcome =
  | { ok: true }
  | { ok: false; status: 401 | 503; code: string; message: string };

export interface Verifier {
  /** `certChainUrl`: the SignatureCEKCertChainUrl header, only used by the legacy scheme. */
  verify(
    body: Uint8Array,
    signature: string | undefined,
    certChainUrl?: string,
  ): Promise<VerifyOutcome>;
}

export function createVerifier(options: VerificationOptions): Verifier {
  const sources: KeySource[] = [];
  if (options.publicKey) sources.push(staticKey(options.publicKey));
  if (options.publicKeyUrl) {
    const url = options.publicKeyUrl;
    sources.push(urlKey(typeof url === "string" ? { url } : url));
  }
  if (options.clova) sources.push(staticKey(CLOVA_PUBLIC_KEY_PEM, "Clova public key"));
  const legacy = options.legacy
    ? new LegacyCertificates(options.legacy === true ? {} : options.legacy)
    : undefined;
  if (sources.length === 0 && !legacy) {
    throw new Error("verification: give publicKey, publicKeyUrl, clova: true or legacy");
  }

  return {
    async verify(body, signature, certChainUrl) {
      if (!signature) {
        return {
          ok: false,
          status: 401,
          code: "signature_missing",
          message: "missing SignatureCEK header",
        };
      }
      if (legacy && certChainUrl) {
        try {
          await legacy.verify(body, signature, certChainUrl);
          return { ok: true };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          return { ok: false, status: 401, code: "signature_invalid", message };
        }
      }
      if (sources.length === 0) {
        return {
          ok: false,
          status: 401,
          code: "signature_invalid",
          message: "missing SignatureCEKCertChainUrl header",
        };
      }
      const keys: KeyObject[] = [];
      const failures: string[] = [];
      for (const source of sources) {
        try {
          keys.push(await source.get());
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
      if (keys.length === 0) {
        return {
          ok: false,
          status: 503,
          code: "public_key_unavailable",
          message: `cannot load the platform's public key: ${failures.join("; ")}`,
        };
      }
      if (verifyCekSignature(body, signature, keys)) return { ok: true };
      // The key behind a URL may have been rotated: fetch it again once and retry.
      const fresh = (await Promise.all(sources.map((s) => s.refresh()))).filter(
        (k): k is KeyObject => k !== undefined,
      );
      if (fresh.length > 0 && verifyCekSignature(body, signature, fresh)) return { ok: true };
      return {
        ok: false,
        status: 401,
        code: "signature_invalid",
        message: "SignatureCEK header does not match the request body (RSA-SHA256)",
      };
    },
  };
}
