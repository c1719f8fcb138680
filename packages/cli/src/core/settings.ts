// The user's CLI settings file: <config dir>/clover/config.json, mode 0600 (it holds the admin
// token and device credentials). The directory is CLOVER_CONFIG_DIR, else
// $XDG_CONFIG_HOME/clover, else ~/.config/clover.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError } from "./errors.js";

/** A device registered with one platform, and its current tokens. */
export interface DeviceProfile {
  clientId: string;
  clientSecret: string;
  deviceId: string;
  modelId: string;
  /** The account the device is registered to; absent in guest mode. */
  userId?: string;
  accountToken?: string;
  accessToken?: string;
  refreshToken?: string;
  /** Epoch milliseconds. */
  expiresAt?: number;
  /** Random id made once for SpeechRecognizer initiators (cic.md §9.8). */
  deviceUUID?: string;
  /** Linked by the device-code flow: logging in again needs the user's approval again. */
  deviceCode?: boolean;
}

export interface Settings {
  /** Platform used when neither --url nor CLOVER_URL is given. */
  url?: string;
  /** Admin tokens by platform URL. */
  adminTokens?: Record<string, string>;
  /** Devices by platform URL. */
  devices?: Record<string, DeviceProfile>;
}

export const DEFAULT_URL = "http://127.0.0.1:8443";

export function settingsFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir =
    env["CLOVER_CONFIG_DIR"] ||
    join(env["XDG_CONFIG_HOME"] || join(homedir(), ".config"), "clover");
  return join(dir, "config.json");
}

export function readSettings(file = settingsFile()): Settings {
  if (!existsSync(file)) return {};
  try {
    const value: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof value !== "object" || value === null || Array.isArray(value))
      throw new Error("expected a JSON object");
    return value as Settings;
  } catch (error) {
    throw new CliError(
      `${file}: ${(error as Error).message}`,
      1,
      "fix or delete the file; `clover device login` writes it again",
    );
  }
}

/** Applies `change` and writes the file atomically with mode 0600. */
export function updateSettings(change: (settings: Settings) => void, file = settingsFile()): void {
  const settings = readSettings(file);
  change(settings);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

export const normalizeUrl = (url: string) => url.replace(/\/+$/, "");

/** The platform URL: --url, CLOVER_URL, the settings file, or the default. */
export function platformUrl(flag: string | undefined, settings: Settings = readSettings()): string {
  const url = flag || process.env["CLOVER_URL"] || settings.url || DEFAULT_URL;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error();
  } catch {
    throw new CliError(`--url: "${url}" is not an http:// or https:// URL`, 2);
  }
  return normalizeUrl(url);
}

/** The admin token if there is one: --token, CLOVER_ADMIN_TOKEN, or the one saved for this platform. */
export function findAdminToken(
  flag: string | undefined,
  url: string,
  settings: Settings = readSettings(),
): string | undefined {
  return flag || process.env["CLOVER_ADMIN_TOKEN"] || settings.adminTokens?.[url];
}

/** The admin token (findAdminToken), or an error saying how to give one. */
export function adminToken(
  flag: string | undefined,
  url: string,
  settings: Settings = readSettings(),
): string {
  const token = findAdminToken(flag, url, settings);
  if (!token)
    throw new CliError(
      `no admin token for ${url}`,
      4,
      "pass --token, set CLOVER_ADMIN_TOKEN, or run `clover serve` once (it saves the generated token)",
    );
  return token;
}
