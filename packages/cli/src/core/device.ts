// The CLI's device: credentials registered with the admin token (or given), tokens from the
// auth API (cic.md §3), kept per platform URL in the settings file and refreshed when expired.
import { hostname } from "node:os";
import {
  AuthRequestError,
  type DeviceAuthorization,
  DeviceClient,
  type DeviceIdentity,
  logIn,
  logInWithDeviceCode,
  refreshTokens,
  type TokenResult,
} from "@clover/device";
import { ManagementApi } from "./api.js";
import { CliError, EXIT, unreachableError } from "./errors.js";
import {
  adminToken,
  type DeviceProfile,
  findAdminToken,
  readSettings,
  type Settings,
  updateSettings,
} from "./settings.js";

export interface RegisterOptions {
  name?: string;
  deviceId?: string;
  modelId?: string;
  /** No account: the device logs in as a guest. */
  guest?: boolean;
  userId?: string;
}

const identity = (url: string, p: DeviceProfile): DeviceIdentity => ({
  url,
  clientId: p.clientId,
  clientSecret: p.clientSecret,
  deviceId: p.deviceId,
  modelId: p.modelId,
});

function withTokens(profile: DeviceProfile, tokens: TokenResult): DeviceProfile {
  return {
    ...profile,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  };
}

function saveProfile(url: string, profile: DeviceProfile): void {
  updateSettings((s) => {
    s.devices = { ...s.devices, [url]: profile };
  });
}

async function auth<T>(url: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AuthRequestError)
      throw new CliError(
        `${url} refused the device login: ${error.message}`,
        EXIT.unauthorized,
        "register again with `clover device register`",
      );
    throw unreachableError(error, url) ?? error;
  }
}

/** Registers a new device client with the admin token: credentials, no tokens yet. */
export async function registerClient(
  url: string,
  tokenFlag: string | undefined,
  options: RegisterOptions = {},
): Promise<DeviceProfile> {
  const api = new ManagementApi(url, adminToken(tokenFlag, url));
  const name = options.name ?? `clover CLI on ${hostname()}`;
  const client = await api.request<{ clientId: string; clientSecret: string }>(
    "POST",
    "/api/v1/device-clients",
    { name },
  );
  return {
    ...client,
    deviceId: options.deviceId ?? `cli-${hostname().replace(/[^A-Za-z0-9_-]/g, "")}-${process.pid}`,
    modelId: options.modelId ?? "clover-cli",
  };
}

/** Registers a new device client (and account) with the admin token, then logs in. */
export async function registerDevice(
  url: string,
  tokenFlag: string | undefined,
  options: RegisterOptions = {},
): Promise<DeviceProfile> {
  let profile = await registerClient(url, tokenFlag, options);
  if (!options.guest) {
    const api = new ManagementApi(url, adminToken(tokenFlag, url));
    const account = await api.request<{ userId: string; accountToken: string }>(
      "POST",
      "/api/v1/accounts",
      options.userId ? { userId: options.userId } : {},
    );
    profile = { ...profile, userId: account.userId, accountToken: account.accountToken };
  }
  profile = withTokens(
    profile,
    await auth(url, logIn(identity(url, profile), profile.accountToken)),
  );
  saveProfile(url, profile);
  return profile;
}

/**
 * Links the device by the device-code flow: `show` tells the user where to approve the code,
 * then this waits (polling) until they do. Only the client credentials of `profile` are used.
 */
export async function logInByDeviceCode(
  url: string,
  profile: DeviceProfile,
  show: (authorization: DeviceAuthorization) => void,
): Promise<DeviceProfile> {
  const { clientId, clientSecret, deviceId, modelId, deviceUUID } = profile;
  let tokens: TokenResult;
  try {
    tokens = await logInWithDeviceCode(
      identity(url, { clientId, clientSecret, deviceId, modelId }),
      { onUserCode: show },
    );
  } catch (error) {
    if (!(error instanceof AuthRequestError)) throw unreachableError(error, url) ?? error;
    const reason = error.body["error"];
    throw new CliError(
      reason === "access_denied"
        ? "the user denied this device"
        : reason === "expired_token"
          ? "the code expired before anyone approved it"
          : `${url} refused the device login: ${error.message}`,
      EXIT.unauthorized,
      "run `clover device login --device-code` again",
    );
  }
  const next = withTokens(
    { clientId, clientSecret, deviceId, modelId, ...(deviceUUID ? { deviceUUID } : {}) },
    tokens,
  );
  next.deviceCode = true;
  saveProfile(url, next);
  return next;
}

/** Logs the stored device in again (new code and tokens). */
export async function logInAgain(url: string, profile: DeviceProfile): Promise<DeviceProfile> {
  if (profile.deviceCode)
    throw new CliError(
      `the device's login on ${url} has ended and was linked by a device code`,
      EXIT.unauthorized,
      "run `clover device login --device-code` and approve the code again",
    );
  const next = withTokens(
    profile,
    await auth(url, logIn(identity(url, profile), profile.accountToken)),
  );
  saveProfile(url, next);
  return next;
}

/** The stored device, with fresh tokens; registers one when the admin token is at hand. */
export async function currentDevice(
  url: string,
  tokenFlag: string | undefined,
  settings: Settings = readSettings(),
): Promise<DeviceProfile> {
  const profile = settings.devices?.[url];
  if (!profile) {
    if (!findAdminToken(tokenFlag, url, settings))
      throw new CliError(
        `no device registered for ${url}`,
        EXIT.unauthorized,
        "run `clover device register` with the admin token, or `clover device login --client-id …`",
      );
    return registerDevice(url, tokenFlag);
  }
  if (profile.accessToken && (profile.expiresAt ?? 0) > Date.now() + 60_000) return profile;
  if (profile.refreshToken) {
    try {
      const next = withTokens(
        profile,
        await refreshTokens(identity(url, profile), profile.refreshToken),
      );
      saveProfile(url, next);
      return next;
    } catch (error) {
      if (!(error instanceof AuthRequestError)) throw unreachableError(error, url) ?? error;
    }
  }
  return logInAgain(url, profile);
}

/**
 * The stored device after the platform refused its access token (401, e.g. the platform's data
 * was reset since the token was saved): new tokens by refresh or a new login, else, when the
 * platform no longer knows the device and the admin token is at hand, a device registered anew.
 */
export async function recoverDevice(
  url: string,
  tokenFlag: string | undefined,
  settings: Settings = readSettings(),
): Promise<DeviceProfile> {
  const profile = settings.devices?.[url];
  const canRegister = Boolean(findAdminToken(tokenFlag, url, settings));
  if (profile) {
    const stale: DeviceProfile = { ...profile, expiresAt: 0 };
    try {
      return await currentDevice(url, tokenFlag, {
        ...settings,
        devices: { ...settings.devices, [url]: stale },
      });
    } catch (error) {
      if (!(error instanceof CliError) || error.exitCode !== EXIT.unauthorized || !canRegister)
        throw error;
    }
  }
  return currentDevice(url, tokenFlag, { ...settings, devices: {} });
}

/**
 * The stored device, connected: `open` opens the downchannel on a client with the current tokens.
 * When the platform refuses them (401: its data was reset since they were saved), the device is
 * recovered (recoverDevice) and `open` runs once more on a new client. A failed `open` closes
 * its client (and whatever it made around it).
 */
export async function connectDevice<T>(
  url: string,
  tokenFlag: string | undefined,
  open: (client: DeviceClient) => Promise<T>,
  options: {
    settings?: Settings;
    progress?: (text: string, work: Promise<DeviceProfile>) => Promise<DeviceProfile>;
  } = {},
): Promise<{ profile: DeviceProfile; client: DeviceClient; opened: T }> {
  const settings = options.settings ?? readSettings();
  const progress = options.progress ?? ((_text, work) => work);
  const attempt = async (profile: DeviceProfile) => {
    const client = deviceClient(url, profile);
    try {
      return { profile, client, opened: await reachable(url, open(client)) };
    } catch (error) {
      client.close();
      throw error;
    }
  };
  const profile = await reachable(
    url,
    progress("logging in", currentDevice(url, tokenFlag, settings)),
  );
  try {
    return await attempt(profile);
  } catch (error) {
    if ((error as { status?: number }).status !== 401) throw error;
  }
  return attempt(
    await reachable(url, progress("logging in again", recoverDevice(url, tokenFlag, settings))),
  );
}

export function deviceClient(url: string, profile: DeviceProfile): DeviceClient {
  return new DeviceClient({
    url,
    accessToken: profile.accessToken!,
    userAgent: "Clover/CLI/0.1.0 (Node.js;clover-cli)",
    // A terminal left open for minutes: PINGs keep the downchannel, a lost one is rebuilt.
    reconnect: true,
  });
}

/** Turns an HTTP/2 failure into exit 3 with the URL. */
export function reachable<T>(url: string, work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    throw unreachableError(error, url) ?? error;
  });
}
