// Opaque random secrets, their SHA-256 hashes (the only form stored, cic.md §3.5) and the
// OAuth-style error every auth call throws (cic.md §3.9).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { DEVICE_ID } from "../../api/ids.js";

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

const MAX_ID_LENGTH = 200;

/**
 * `device_id` and `model_id` as a device sends them: 1–200 characters without control
 * characters or markup (they are keys of everything kept per device and shown in the console;
 * the same rule as device ids in management paths, api/ids.ts).
 */
export function checkId(name: string, value: string | undefined, required: boolean): void {
  if (value === undefined || value === "") {
    if (required) throw new AuthError(400, "invalid_request", `${name} is required`);
    return;
  }
  if (value.length > MAX_ID_LENGTH)
    throw new AuthError(400, "invalid_request", `${name} is longer than ${MAX_ID_LENGTH} chars`);
  if (!DEVICE_ID.test(value))
    throw new AuthError(
      400,
      "invalid_request",
      `${name} must not contain control characters, < or >`,
    );
}
