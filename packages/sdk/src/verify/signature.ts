// RSASSA-PKCS1-v1_5 with SHA-256 over the raw body bytes, Base64 in the SignatureCEK header
// (cek-custom-extension.md §2.5). Never verify a re-serialization of parsed JSON.
import { createPublicKey, type KeyObject, sign, verify } from "node:crypto";

export const SIGNATURE_HEADER = "signaturecek";

/** True when `signature` (Base64) is a valid signature of `body` by any of `keys`. */
export function verifyCekSignature(
  body: Uint8Array,
  signature: string | undefined,
  keys: readonly KeyObject[],
): boolean {
  if (!signature) return false;
  const bytes = Buffer.from(signature.trim(), "base64");
  if (bytes.length === 0) return false;
  return keys.some((key) => verify("sha256", body, key, bytes));
}

/** Signs a body the way the platform does (for tests and local tools). */
export function signCekBody(body: Uint8Array | string, privateKeyPem: string): string {
  const bytes = typeof body === "string" ? Buffer.from(body) : body;
  return sign("sha256", bytes, privateKeyPem).toString("base64");
}

/** Parses a PEM public key (SubjectPublicKeyInfo or certificate), naming what was wrong. */
export function parsePublicKey(pem: string, origin: string): KeyObject {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== "rsa")
      throw new Error(`not an RSA key (${key.asymmetricKeyType})`);
    return key;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${origin}: not a usable RSA public key: ${reason}`);
  }
}
