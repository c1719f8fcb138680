// HTTP side of the client auth API (cic.md §3.3–§3.9): GET or POST, parameters from the query
// string and from a form body (body wins), a stray second `?` read as `&`.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { ApiError, closeIfBodyPending, readBody } from "../../api/http.js";
import { AuthError, type DeviceAuthority } from "./authority.js";

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

const MAX_FORM_BYTES = 16 * 1024;

const FORM = "application/x-www-form-urlencoded";

async function readForm(req: Request): Promise<URLSearchParams> {
  if (req.method !== "POST") {
    req.resume();
    return new URLSearchParams();
  }
  const type = String(req.headers["content-type"] ?? "");
  let body: Buffer;
  try {
    body = await readBody(req, MAX_FORM_BYTES);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const message =
      error.status === 413 ? `form body is larger than ${MAX_FORM_BYTES} bytes` : error.message;
    throw new AuthError(error.status === 408 ? 408 : 400, "invalid_request", message);
  }
  if (type.toLowerCase().startsWith(FORM)) return unique(body.toString("utf8"), "form body");
  // A body in another format would be silently ignored: say which format is read instead.
  if (body.length > 0)
    throw new AuthError(
      400,
      "invalid_request",
      `a body of content-type ${JSON.stringify(type.slice(0, 100) || "(none)")} is not read: send the parameters in the query string or as ${FORM}`,
    );
  return new URLSearchParams();
}

/** The parameters of a query or form; a name given twice is refused (RFC 6749 §3.1). */
function unique(text: string, where: string): URLSearchParams {
  const params = new URLSearchParams(text);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key))
      throw new AuthError(
        400,
        "invalid_request",
        `${JSON.stringify(key.slice(0, 100))} is given more than once in the ${where}`,
      );
    seen.add(key);
  }
  return params;
}

export async function authParameters(req: Request): Promise<URLSearchParams> {
  const url = req.url ?? "/";
  const at = url.indexOf("?");
  const query = at < 0 ? "" : url.slice(at + 1).replace(/\?/g, "&");
  const params = unique(query, "query");
  for (const [key, value] of await readForm(req)) params.set(key, value);
  return params;
}

function json(res: Response, status: number, body: unknown): void {
  closeIfBodyPending(res, status);
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(text);
}

function bearer(req: Request): string | undefined {
  const header = String(req.headers.authorization ?? "");
  return /^Bearer\s+(\S+)$/i.exec(header)?.[1];
}

function fail(res: Response, error: unknown, shape: Record<string, unknown>): void {
  if (error instanceof AuthError) {
    json(res, error.status, { ...shape, error: error.error, error_description: error.message });
  } else {
    json(res, 500, { ...shape, error: "server_error", error_description: "internal error" });
  }
}

/** GET|POST /authorize */
export async function handleAuthorize(authority: DeviceAuthority, req: Request, res: Response) {
  let state = "";
  try {
    const params = await authParameters(req);
    state = params.get("state") ?? "";
    if (params.get("response_type") !== "code")
      throw new AuthError(400, "unsupported_response_type", "response_type must be code");
    if (!params.get("state")) throw new AuthError(400, "invalid_request", "state is required");
    const { code, termsRequired } = await authority.authorization({
      clientId: params.get("client_id") ?? undefined,
      deviceId: params.get("device_id") ?? undefined,
      modelId: params.get("model_id") ?? undefined,
      accountToken: bearer(req),
      guest: params.get("request_vu") === "Y",
    });
    if (termsRequired) {
      const page = new URLSearchParams({ code, grant_type: "code", state });
      return json(res, 451, { code, redirect_uri: `${baseUri(req)}/terms?${page}`, state });
    }
    json(res, 200, { code, state });
  } catch (error) {
    fail(res, error, { code: "", state });
  }
}

/** RFC 8628 §3.4 grant type of a device polling with its device code. */
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** This host as the request named it (`https://host:port`), for links back to it. */
export function baseUri(req: Request): string {
  const host = String(req.headers[":authority"] ?? req.headers.host ?? "");
  const safe = /^[A-Za-z0-9.:[\]-]{1,255}$/.test(host) ? host : "localhost";
  const scheme =
    req.headers[":scheme"] ??
    ((req.socket as { encrypted?: boolean }).encrypted ? "https" : "http");
  return `${scheme}://${safe}`;
}

/** Where the user approves a user code: the console's activation page on this host. */
const verificationUri = (req: Request) => `${baseUri(req)}/console/activate`;

/** GET|POST /device/code (RFC 8628 §3.1, §3.2), parameters as for /authorize (cic.md §3.9). */
export async function handleDeviceCode(authority: DeviceAuthority, req: Request, res: Response) {
  try {
    const params = await authParameters(req);
    const get = (name: string) => params.get(name) ?? undefined;
    const started = await authority.deviceCodes.start({
      clientId: get("client_id"),
      clientSecret: get("client_secret"),
      deviceId: get("device_id"),
      modelId: get("model_id"),
    });
    const uri = verificationUri(req);
    json(res, 200, {
      device_code: started.deviceCode,
      user_code: started.userCode,
      verification_uri: uri,
      verification_uri_complete: `${uri}?code=${started.userCode}`,
      expires_in: started.expiresIn,
      interval: started.interval,
    });
  } catch (error) {
    fail(res, error, {
      device_code: "",
      user_code: "",
      verification_uri: "",
      expires_in: 0,
      interval: 0,
    });
  }
}

/** GET|POST /token with grant_type authorization_code, refresh_token, delete or device code. */
export async function handleToken(authority: DeviceAuthority, req: Request, res: Response) {
  try {
    const params = await authParameters(req);
    const get = (name: string) => params.get(name) ?? undefined;
    const common = { clientId: get("client_id"), clientSecret: get("client_secret") };
    switch (params.get("grant_type")) {
      case "authorization_code":
        return json(
          res,
          200,
          await authority.exchangeCode({
            ...common,
            code: get("code"),
            deviceId: get("device_id"),
          }),
        );
      case "refresh_token":
        return json(
          res,
          200,
          await authority.refresh({
            ...common,
            refreshToken: get("refresh_token"),
            deviceId: get("device_id"),
          }),
        );
      case "delete":
        return json(
          res,
          200,
          await authority.revoke({
            ...common,
            accessToken: get("access_token"),
            deviceId: get("device_id"),
          }),
        );
      case DEVICE_CODE_GRANT:
        return json(
          res,
          200,
          await authority.deviceCodes.poll({
            ...common,
            deviceCode: get("device_code"),
            deviceId: get("device_id"),
          }),
        );
      default:
        throw new AuthError(
          400,
          "unsupported_grant_type",
          `grant_type must be authorization_code, refresh_token, delete or ${DEVICE_CODE_GRANT}`,
        );
    }
  } catch (error) {
    fail(res, error, { access_token: "", expires_in: 0, refresh_token: "", token_type: "Bearer" });
  }
}
