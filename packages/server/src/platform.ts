// Wires the platform's brain: store, registry, NLU, sessions, dispatcher and assistant, plus
// the management API handler that the CIC gateway mounts on its port.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { type Logger, pino } from "pino";
import { AdminAuth, generateAdminToken, hashToken } from "./api/auth.js";
import type { RequestHandler } from "./api/http.js";
import { createManagementHandler } from "./api/management.js";
import { CloverAssistant } from "./assistant/assistant.js";
import type { AssistantContext, AssistantOptions } from "./assistant/context.js";
import { AccountLinking } from "./cek/account-linking.js";
import { CekClient } from "./cek/client.js";
import { CekDispatcher } from "./cek/dispatcher.js";
import { registerExamples } from "./cek/examples.js";
import { ExtensionRegistry } from "./cek/registry.js";
import { createSigner } from "./cek/signer.js";
import { SigningKeyRing } from "./cek/signing-key.js";
import { sendSkillEvent } from "./cek/skill-events.js";
import type { ServerConfig } from "./config/index.js";
import { AccountLinkStore } from "./store/account-links.js";
import { type DatabaseHandle, openDatabase } from "./store/database.js";
import { ExtensionStore } from "./store/extensions.js";
import { SecretBox } from "./store/secret-box.js";
import { MemorySessionStore, type SessionStore } from "./store/sessions.js";
import { SettingsStore } from "./store/settings.js";

export interface PlatformOptions {
  logger?: Logger;
  /** Defaults to the in-memory store. */
  sessionStore?: SessionStore;
  onProactive?: AssistantOptions["onProactive"];
  /** Replaces the stored admin token with a new one, shown once like the first. */
  rotateAdminToken?: boolean;
}

export interface Platform {
  assistant: CloverAssistant;
  managementHandler: RequestHandler;
  registry: ExtensionRegistry;
  keys: SigningKeyRing;
  /** Checks the management API's admin token (also used by the device admin routes). */
  adminAuth: AdminAuth;
  /** The platform database (SQLite or PostgreSQL). */
  database: DatabaseHandle;
  /** Set only when this start generated the admin token (shown once). */
  generatedAdminToken?: string;
  close(): Promise<void>;
}

const ADMIN_TOKEN_SETTING = "admin_token_sha256";

/** The AES key for secrets at rest: configured, or kept in `<dataDir>/secret.key`. */
function encryptionKey(config: ServerConfig, log: Logger): Buffer {
  if (config.encryptionKey) return Buffer.from(config.encryptionKey, "base64");
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, "secret.key");
  if (existsSync(file)) return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  const key = randomBytes(32);
  writeFileSync(file, key.toString("base64"), { mode: 0o600 });
  chmodSync(file, 0o600);
  if (config.databaseUrl)
    log.warn(
      "generated an encryption key in the data dir; set CLOVER_ENCRYPTION_KEY on every node",
    );
  return key;
}

export async function createPlatform(
  config: ServerConfig,
  options: PlatformOptions = {},
): Promise<Platform> {
  const log = options.logger ?? pino({ level: config.logLevel, name: "clover" });
  const box = new SecretBox(encryptionKey(config, log));
  const database = await openDatabase(
    config.databaseUrl
      ? { databaseUrl: config.databaseUrl, dataDir: config.dataDir }
      : { dataDir: config.dataDir },
  );
  const settings = new SettingsStore(database.db, box);

  let generatedAdminToken: string | undefined;
  let adminHash: Buffer;
  if (config.adminToken) adminHash = hashToken(config.adminToken);
  else {
    // Insert-if-absent: when several nodes start at once on an empty database, one token wins.
    const candidate = generateAdminToken();
    const hash = hashToken(candidate).toString("hex");
    if (options.rotateAdminToken) await settings.set(ADMIN_TOKEN_SETTING, hash);
    const stored = await settings.setIfAbsent(ADMIN_TOKEN_SETTING, hash);
    adminHash = Buffer.from(stored, "hex");
    if (adminHash.equals(hashToken(candidate))) {
      generatedAdminToken = candidate;
      log.warn(
        { adminToken: generatedAdminToken },
        "generated the management API admin token; it is shown only this once",
      );
    }
  }

  const keys = new SigningKeyRing(settings);
  await keys.load();
  const signer = createSigner(keys, config.cek.signingWorkers);
  const dispatcher = new CekDispatcher(signer, config.cek);
  const client = new CekClient(dispatcher, log, config.cek.maxSessionAttributesBytes);
  const registry = new ExtensionRegistry(new ExtensionStore(database.db, box));
  await registry.load();
  const linking = new AccountLinking(
    new AccountLinkStore(database.db, box),
    config.publicUrl,
    config.cek.timeoutMs,
  );
  const sessions = options.sessionStore ?? new MemorySessionStore();
  const ctx: AssistantContext = {
    registry,
    client,
    sessions,
    linking,
    log,
    options: {
      sessionTimeoutMs: config.session.timeoutMs,
      sessionGraceMs: config.session.graceMs,
      ...(options.onProactive ? { onProactive: options.onProactive } : {}),
    },
    background: new Set(),
  };
  const assistant = new CloverAssistant(ctx);
  assistant.start();
  // Several nodes share PostgreSQL: pick up registry changes and key rotations made elsewhere.
  let refresher: NodeJS.Timeout | undefined;
  if (config.databaseUrl && config.registryRefreshMs > 0) {
    refresher = setInterval(() => {
      Promise.all([registry.refresh(), keys.refresh()]).catch((error) =>
        log.error({ err: error }, "registry refresh failed"),
      );
    }, config.registryRefreshMs);
    refresher.unref();
  }

  let exampleServers: Server[] = [];
  if (config.examples === "embedded")
    exampleServers = await registerExamples(registry, {
      urls: config.exampleUrls,
      publicKeyPem: keys.active.publicKeyPem,
      log,
    });

  const adminAuth = new AdminAuth(adminHash);
  const managementHandler = createManagementHandler({
    registry,
    auth: adminAuth,
    linking,
    keys,
    log,
    allowHttpEndpoints: config.cek.allowHttp,
    maxBodyBytes: 8 * 1024 * 1024,
    onEnablement: (extensionId, userId, enabled) =>
      sendSkillEvent(ctx, extensionId, userId, enabled),
  });

  return {
    assistant,
    managementHandler,
    registry,
    keys,
    adminAuth,
    database,
    ...(generatedAdminToken ? { generatedAdminToken } : {}),
    async close() {
      clearInterval(refresher);
      await assistant.close();
      await Promise.all(
        exampleServers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
      await dispatcher.close();
      await signer.close();
      await sessions.close();
      await database.close();
    },
  };
}
