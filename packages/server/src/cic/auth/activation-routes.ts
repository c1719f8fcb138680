// The user's side of the device flow (device-code.ts): look up a user code, then approve or
// deny it. Either the admin token (approving for any userId) or an account token (approving
// for its own user, as /authorize accepts it) as `Authorization: Bearer`.
//   GET  /api/v1/device-activations/{userCode}                          → DeviceCodeView
//   POST /api/v1/device-activations {"userCode","decision","userId"?,"acceptTerms"?}
//        → DeviceCodeView; 451 terms_not_agreed when the account must accept the terms first
import {
  type AnyRequest,
  type AnyResponse,
  ApiError,
  onlyFields,
  sendError,
  sendJson,
} from "../../api/http.js";
import { decodeSegment } from "../../api/url.js";
import type { AdminCheck } from "./admin-routes.js";
import type { DeviceAuthority } from "./authority.js";
import { readObject } from "./json-body.js";
import { AuthError } from "./secrets.js";

export const ACTIVATIONS = "/api/v1/device-activations";
const FIELDS = ["userCode", "decision", "userId", "acceptTerms"];
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

type Approver = { admin: true } | { admin: false; userId: string };

async function approver(
  authority: DeviceAuthority,
  admin: AdminCheck,
  req: AnyRequest,
): Promise<Approver> {
  try {
    admin.check(req);
    return { admin: true };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  const token = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ""))?.[1];
  const userId = await authority.verifyAccountToken(token);
  if (userId) return { admin: false, userId };
  throw new ApiError(
    401,
    "unauthorized",
    token
      ? "Authorization: the token is neither the admin token nor a valid account token"
      : "Authorization: Bearer <admin token> or Bearer <account token> is required",
  );
}

async function decide(authority: DeviceAuthority, who: Approver, req: AnyRequest) {
  const body = await readObject(req);
  onlyFields(body, FIELDS);
  const { userCode, decision, userId, acceptTerms } = body;
  if (acceptTerms !== undefined && typeof acceptTerms !== "boolean")
    throw new ApiError(400, "invalid_body", "acceptTerms: expected true or false");
  if (typeof userCode !== "string" || userCode === "")
    throw new ApiError(400, "invalid_body", "userCode: expected the code the device shows");
  if (decision !== "approve" && decision !== "deny")
    throw new ApiError(400, "invalid_body", 'decision: expected "approve" or "deny"');
  if (userId !== undefined && (typeof userId !== "string" || !USER_ID.test(userId)))
    throw new ApiError(400, "invalid_body", "userId: expected 1-64 letters, digits, _ or -");
  let account: string | undefined;
  if (who.admin) {
    if (decision === "approve" && userId === undefined)
      throw new ApiError(
        400,
        "invalid_body",
        "userId: required with the admin token (the account the device is linked to)",
      );
    account = userId;
  } else {
    if (userId !== undefined && userId !== who.userId)
      throw new ApiError(403, "forbidden", "userId: an account token approves for its own user");
    account = who.userId;
  }
  return authority.deviceCodes.settle(userCode, decision, account, acceptTerms === true);
}

/** Returns true when it answered the request. */
export async function handleDeviceActivation(
  authority: DeviceAuthority,
  admin: AdminCheck,
  req: AnyRequest,
  res: AnyResponse,
): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0]!;
  if (path !== ACTIVATIONS && !path.startsWith(`${ACTIVATIONS}/`)) return false;
  try {
    const code =
      path === ACTIVATIONS
        ? undefined
        : decodeSegment(path.slice(ACTIVATIONS.length + 1), "userCode");
    if (code === undefined && req.method !== "POST")
      throw new ApiError(405, "method_not_allowed", `${ACTIVATIONS} expects POST`);
    if (code !== undefined && req.method !== "GET")
      throw new ApiError(405, "method_not_allowed", `${ACTIVATIONS}/{userCode} expects GET`);
    const who = await approver(authority, admin, req);
    if (code !== undefined) {
      req.resume();
      sendJson(res, 200, await authority.deviceCodes.describe(code));
    } else sendJson(res, 200, await decide(authority, who, req));
  } catch (error) {
    sendError(
      res,
      error instanceof ApiError
        ? error
        : error instanceof AuthError
          ? new ApiError(error.status, error.error, error.message)
          : error instanceof URIError
            ? new ApiError(
                400,
                "invalid_path",
                "the user code in the path is not valid URL encoding",
              )
            : new ApiError(500, "internal", "internal error"),
    );
  }
  return true;
}
