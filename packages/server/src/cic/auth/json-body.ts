// JSON object bodies of the device management routes, size-limited.
import { type AnyRequest, ApiError, readJson } from "../../api/http.js";

export const MAX_BODY = 16 * 1024;

export async function readObject(req: AnyRequest): Promise<Record<string, unknown>> {
  if (!req.headers["content-type"] && req.headers["content-length"] === "0") return {};
  const value = await readJson(req, MAX_BODY);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ApiError(400, "invalid_body", "body: expected a JSON object");
  return value as Record<string, unknown>;
}
