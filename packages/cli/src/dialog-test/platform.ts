// The platform dialog tests talk to: one given by URL, or one started in this process
// (startClover, temporary data dir) with the extensions under test registered on it.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeviceClient, logIn } from "@clover/device";
import { type ServerProcess, startServerProcess } from "@clover/sdk";
import { loadConfig, startClover } from "@clover/server";
import { ApiRequestError, ManagementApi } from "../core/api.js";
import { CliError, EXIT, unreachableError } from "../core/errors.js";
import { readModelDir } from "../core/files.js";
import type { ExtensionUnderTest } from "./format.js";

export interface TestPlatform {
  url: string;
  api: ManagementApi;
  /** A fresh device (new session) for one conversation. */
  newDevice(): Promise<{ client: DeviceClient; deviceId: string }>;
  close(): Promise<void>;
}

async function deviceFactory(url: string, api: ManagementApi) {
  const client = await api.request<{ clientId: string; clientSecret: string }>(
    "POST",
    "/api/v1/device-clients",
    { name: "clover test" },
  );
  const account = await api.request<{ accountToken: string }>("POST", "/api/v1/accounts", {});
  let n = 0;
  const run = randomBytes(3).toString("hex");
  return async () => {
    const deviceId = `dialog-test-${run}-${++n}`;
    const tokens = await logIn(
      { url, ...client, deviceId, modelId: "clover-test" },
      account.accountToken,
    );
    const device = new DeviceClient({ url, accessToken: tokens.access_token });
    await device.openDownchannel();
    return { client: device, deviceId };
  };
}

export async function remotePlatform(url: string, token: string): Promise<TestPlatform> {
  const api = new ManagementApi(url, token);
  const newDevice = await deviceFactory(url, api);
  return { url, api, newDevice, close: async () => {} };
}

export interface LocalOptions {
  examples: boolean;
  /** Endpoint for every extension under test (instead of its server/endpoint). */
  endpoint?: string;
}

export async function localPlatform(
  extensions: ExtensionUnderTest[],
  options: LocalOptions,
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-test-"));
  const token = randomBytes(18).toString("base64url");
  const config = loadConfig({
    CLOVER_DATA_DIR: dataDir,
    CLOVER_PORT: "0",
    CLOVER_HOST: "127.0.0.1",
    CLOVER_ADMIN_TOKEN: token,
    CLOVER_LOG_LEVEL: process.env["CLOVER_LOG_LEVEL"] || "silent",
    CLOVER_EXTENSION_NETWORKS: "loopback",
    CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
    CLOVER_EXAMPLES: options.examples ? "embedded" : "off",
  });
  const server = await startClover({ config });
  const servers: ServerProcess[] = [];
  const close = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const api = new ManagementApi(server.url, token);
    for (const ext of extensions) {
      let endpoint = options.endpoint ?? ext.endpoint;
      if (!endpoint && ext.server) {
        const started = await startServerProcess({
          script: ext.server,
          env: { PORT: "0", CLOVA_PUBLIC_KEY: server.platform.keys.active.publicKeyPem },
          timeoutMs: 30_000,
        }).catch((error: Error) => {
          throw new CliError(
            `extension.server ${ext.server}: ${error.message.split("\n")[0]}`,
            EXIT.failure,
          );
        });
        servers.push(started);
        endpoint = started.url;
      }
      if (!endpoint)
        throw new CliError(
          `extension ${ext.id}: no endpoint`,
          EXIT.usage,
          "give extension.server or extension.endpoint in the test file, or --endpoint",
        );
      const doc = {
        id: ext.id,
        displayName: ext.displayName ?? ext.id,
        endpointUrl: endpoint,
        ...(ext.models ? { models: readModelDir(ext.models) } : {}),
      };
      await api.request("POST", "/api/v1/extensions", doc).catch((error: unknown) => {
        if (error instanceof ApiRequestError)
          throw new CliError(
            `extension ${ext.id}: the platform refused it: ${error.message}${error.details[0] ? ` (${error.details[0].message})` : ""}`,
            EXIT.failure,
          );
        throw error;
      });
    }
    const newDevice = await deviceFactory(server.url, api);
    return { url: server.url, api, newDevice, close };
  } catch (error) {
    await close();
    throw unreachableError(error, server.url) ?? error;
  }
}
