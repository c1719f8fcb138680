// Management endpoints for device credentials (admin token required):
//   POST /api/v1/device-clients {"name"}  → {"clientId","clientSecret"}   (secret shown once)
//   POST /api/v1/accounts {"userId"?}     → {"userId","accountToken"}     (token shown once)
// and, mounted here too, the device flow: /device/code (routes.ts) and the user's approval
// (activation-routes.ts).
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  onlyFields,
  sendError,
  sendJson,
} from "../../api/http.js";
import { handleDeviceActivation } from "./activation-routes.js";
import type { DeviceAuthority } from "./authority.js";
import { readObject } from "./json-body.js";
import { handleDeviceCode } from "./routes.js";

export interface AdminCheck {
  /** Throws an ApiError (401) when the request lacks the admin token. */
  check(req: AnyRequest): void;
}

const ROUTES = new Set(["/api/v1/device-clients", "/api/v1/accounts"]);
/** Returns true when it answered the request. */
export async function handleDeviceAdmin(
  authority: DeviceAuthority,
  admin: AdminCheck,
  req: AnyRequest,
  res: AnyResponse,
): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0]!;
  if (path === "/device/code") {
    await handleDeviceCode(authority, req, res);
    return true;
  }
  if (await handleDeviceActivation(authority, admin, req, res)) return true;
  if (!ROUTES.has(path)) return false;
  try {
    if (req.method !== "POST")
      throw new ApiError(405, "method_not_allowed", `${path} expects POST`);
    admin.check(req);
    const body = await readObject(req);
    onlyFields(body, path === "/api/v1/device-clients" ? ["name"] : ["userId"]);
    if (path === "/api/v1/device-clients") {
      const name = body["name"];
      if (typeof name !== "string" || name.trim() === "")
        throw new ApiError(400, "invalid_body", "name: expected non-empty string");
      sendJson(res, 201, await authority.registerClient(name));
    } else {
      const userId = body["userId"];
      if (
        userId !== undefined &&
        (typeof userId !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(userId))
      )
        throw new ApiError(400, "invalid_body", "userId: expected 1-64 letters, digits, _ or -");
      sendJson(res, 201, await authority.createAccount(userId as string | undefined));
    }
  } catch (error) {
    sendError(
      res,
      error instanceof ApiError ? error : new ApiError(500, "internal", "internal error"),
    );
  }
  return true;
}
