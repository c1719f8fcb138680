// The management API's admin token: Bearer, compared in constant time through SHA-256 digests
// (equal length whatever the input).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { type AnyRequest, ApiError } from "./http.js";

export function hashToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

export function generateAdminToken(): string {
  return `clv_${randomBytes(24).toString("base64url")}`;
}

export class AdminAuth {
  constructor(private readonly expectedHash: Buffer) {}

  check(req: AnyRequest): void {
    const header = req.headers.authorization;
    if (typeof header !== "string" || header === "")
      throw new ApiError(401, "unauthorized", "missing Authorization header (Bearer admin token)");
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match)
      throw new ApiError(
        401,
        "unauthorized",
        "Authorization header must be `Bearer <admin token>`",
      );
    if (!timingSafeEqual(hashToken(match[1]!), this.expectedHash))
      throw new ApiError(401, "unauthorized", "the admin token is not valid");
  }
}
