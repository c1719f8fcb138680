// The device flow for devices without a keyboard (RFC 8628 style, see docs/cic.md): ask for a
// device code, show the user code and where to enter it, poll /token until the user approves.
import { setTimeout as sleep } from "node:timers/promises";
import { AuthRequestError, type DeviceIdentity, type TokenResult } from "./auth.js";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** The answer of /device/code. */
export interface DeviceAuthorization {
  device_code: string;
  /** Shown to the user as XXXX-XXXX. */
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  /** Seconds to wait between polls. */
  interval: number;
}

async function post(url: string, form: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      accept: "application/json",
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(form).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new AuthRequestError(response.status, body);
  return body;
}

/** POST /device/code: a device code for this device and the user code to show. */
export async function requestDeviceCode(identity: DeviceIdentity): Promise<DeviceAuthorization> {
  const body = await post(`${identity.url}/device/code`, {
    client_id: identity.clientId,
    client_secret: identity.clientSecret,
    device_id: identity.deviceId,
    model_id: identity.modelId,
  });
  return body as unknown as DeviceAuthorization;
}

/** One poll of /token with the device code; throws AuthRequestError until approved. */
export async function pollDeviceCode(
  identity: DeviceIdentity,
  deviceCode: string,
): Promise<TokenResult> {
  const body = await post(`${identity.url}/token`, {
    grant_type: DEVICE_CODE_GRANT,
    client_id: identity.clientId,
    client_secret: identity.clientSecret,
    device_code: deviceCode,
    device_id: identity.deviceId,
  });
  return body as unknown as TokenResult;
}

export interface DeviceCodeLogInOptions {
  /** Shows the user where to go and what to enter; called once, before the first poll. */
  onUserCode(authorization: DeviceAuthorization): void | Promise<void>;
  /** Stops waiting (the promise rejects with the abort reason). */
  signal?: AbortSignal;
}

/**
 * The whole flow: request a code, show it, poll every `interval` seconds (5 more after each
 * slow_down) until the user approves; rejects with AuthRequestError on access_denied or
 * expired_token.
 */
export async function logInWithDeviceCode(
  identity: DeviceIdentity,
  options: DeviceCodeLogInOptions,
): Promise<TokenResult> {
  const authorization = await requestDeviceCode(identity);
  await options.onUserCode(authorization);
  let interval = authorization.interval;
  for (;;) {
    options.signal?.throwIfAborted();
    await sleep(interval * 1000, undefined, options.signal ? { signal: options.signal } : {}).catch(
      (error: unknown) => {
        throw options.signal?.aborted ? options.signal.reason : error;
      },
    );
    try {
      return await pollDeviceCode(identity, authorization.device_code);
    } catch (error) {
      if (!(error instanceof AuthRequestError)) throw error;
      if (error.body["error"] === "slow_down") interval += 5;
      else if (error.body["error"] !== "authorization_pending") throw error;
    }
  }
}
