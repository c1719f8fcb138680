// The device side of the client auth API (cic.md §3): get a code (with an account token, or in
// guest mode), exchange it for tokens, refresh, revoke. Plain HTTP/1.1 is fine here (§2.1).

export interface TokenResult {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  token_type: string;
}

export interface DeviceIdentity {
  /** Base URL of the platform, e.g. `http://127.0.0.1:5000`. */
  url: string;
  clientId: string;
  clientSecret: string;
  deviceId: string;
  modelId: string;
}

export class AuthRequestError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(
      status === 451 && typeof body["redirect_uri"] === "string"
        ? `the account must accept the terms of service first: open ${body["redirect_uri"]}, then try again`
        : `auth request failed with ${status}: ${String(body["error_description"] ?? body["error"] ?? "no details")}`,
    );
  }
}

async function call(
  url: string,
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { accept: "application/json", ...headers } });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new AuthRequestError(response.status, body);
  return body;
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** GET /authorize: an authorization code for this device (guest mode without accountToken). */
export async function requestAuthorizationCode(
  identity: DeviceIdentity,
  accountToken?: string,
): Promise<string> {
  const params = {
    client_id: identity.clientId,
    device_id: identity.deviceId,
    model_id: identity.modelId,
    response_type: "code",
    state: Math.random().toString(36).slice(2),
    ...(accountToken ? {} : { request_vu: "Y" }),
  };
  const headers: Record<string, string> = accountToken
    ? { authorization: `Bearer ${accountToken}` }
    : {};
  const body = await call(`${identity.url}/authorize?${query(params)}`, headers);
  return String(body["code"]);
}

/** GET /token?grant_type=authorization_code */
export async function exchangeCode(identity: DeviceIdentity, code: string): Promise<TokenResult> {
  const params = {
    grant_type: "authorization_code",
    client_id: identity.clientId,
    client_secret: identity.clientSecret,
    code,
    device_id: identity.deviceId,
    model_id: identity.modelId,
  };
  return (await call(`${identity.url}/token?${query(params)}`)) as unknown as TokenResult;
}

/** GET /token?grant_type=refresh_token */
export async function refreshTokens(
  identity: DeviceIdentity,
  refreshToken: string,
): Promise<TokenResult> {
  const params = {
    grant_type: "refresh_token",
    client_id: identity.clientId,
    client_secret: identity.clientSecret,
    refresh_token: refreshToken,
    device_id: identity.deviceId,
    model_id: identity.modelId,
  };
  return (await call(`${identity.url}/token?${query(params)}`)) as unknown as TokenResult;
}

/** GET /token?grant_type=delete */
export async function revokeToken(
  identity: DeviceIdentity,
  accessToken: string,
): Promise<Record<string, unknown>> {
  const params = {
    grant_type: "delete",
    client_id: identity.clientId,
    client_secret: identity.clientSecret,
    access_token: accessToken,
    device_id: identity.deviceId,
    model_id: identity.modelId,
  };
  return call(`${identity.url}/token?${query(params)}`);
}

/** Code + exchange in one step. */
export async function logIn(identity: DeviceIdentity, accountToken?: string): Promise<TokenResult> {
  return exchangeCode(identity, await requestAuthorizationCode(identity, accountToken));
}
