// JSON object bodies of the device management routes, size-limited; an empty body is {}.
import { type AnyRequest, readJsonObject } from "../../api/http.js";

export const MAX_BODY = 16 * 1024;

export async function readObject(req: AnyRequest): Promise<Record<string, unknown>> {
  if (!req.headers["content-type"] && req.headers["content-length"] === "0") return {};
  return readJsonObject(req, MAX_BODY);
}
