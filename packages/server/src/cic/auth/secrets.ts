// Opaque random secrets, their SHA-256 hashes (the only form stored, cic.md §3.5) and the
// OAuth-style error every auth call throws (cic.md §3.9).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export class AuthError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 408 | 409 | 451,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export const hashSecret = (value: string) => createHash("sha256").update(value).digest("hex");

export const newToken = (prefix: string) => `${prefix}${randomBytes(24).toString("base64url")}`;

export function sameSecret(value: string, hash: string): boolean {
  const a = Buffer.from(hashSecret(value), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
