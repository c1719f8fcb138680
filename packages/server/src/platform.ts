// Wires the platform's brain: store, registry, NLU, sessions, dispatcher and assistant, plus
// the management API handler that the CIC gateway mounts on its port.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { type Logger, pino } from "pino";
import {
  type Ability,
  AbilityRouter,
  type AbilityServices,
  type Clock,
  createAbilities,
  type DeviceOutbox,
  systemClock,
} from "./abilities/index.js";
import { setModelCacheDir } from "./abilities/models/cache.js";
import { AdminAuth, generateAdminToken, hashToken } from "./api/auth.js";
import { ApiError, type RequestHandler, sendError } from "./api/http.js";
import { createManagementHandler } from "./api/management.js";
import { CloverAssistant } from "./assistant/assistant.js";
import type { AssistantContext, AssistantOptions } from "./assistant/context.js";
import { SessionEndings } from "./assistant/session-endings.js";
import { AccountLinking } from "./cek/account-linking.js";
import { CekClient } from "./cek/client.js";
import { CekDispatcher } from "./cek/dispatcher.js";
import { registerExamples } from "./cek/examples.js";
import { startEmbeddedHomeExample } from "./cek/home/example.js";
import { OutboundGuard } from "./cek/outbound-policy.js";
import { ExtensionRegistry } from "./cek/registry.js";
import { createSigner } from "./cek/signer.js";
import { SigningKeyRing } from "./cek/signing-key.js";
import { announceAllUserExtensions } from "./cek/skill-enabled-all.js";
import { sendSkillEvent } from "./cek/skill-events.js";
import type { TextToSpeech } from "./cic/speech-engines.js";
import type { ServerConfig } from "./config/index.js";
import { withExtensionTest } from "./extension-test/routes.js";
import { ExtensionTester } from "./extension-test/tester.js";
import { JobRunner } from "./jobs/runner.js";
import { AccountLinkStore } from "./store/account-links.js";
import { type DatabaseHandle, openDatabase } from "./store/database.js";
import { DeviceSideStore } from "./store/device-side.js";
import { ExtensionStore } from "./store/extensions.js";
import { SqlJobQueue } from "./store/jobs.js";
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
  /** Delivery to devices outside a turn (the CIC gateway's downchannels). */
  outbox?: DeviceOutbox;
  /** Time as abilities and jobs see it (tests move it). */
  clock?: Clock;
  /** This node's id, for job claims (default: a random id per start). */
  nodeId?: string;
  /** Builds the abilities instead of the built-in list (tests, embedding). */
  abilities?: (services: AbilityServices) => Ability[];
  /** The platform's TTS, for audio the abilities serve (a reminder's spoken text). */
  tts?: TextToSpeech;
}

export interface Platform {
  assistant: CloverAssistant;
  managementHandler: RequestHandler;
  registry: ExtensionRegistry;
  /** Account linking of extensions (OAuth tokens per user). */
  linking: AccountLinking;
  keys: SigningKeyRing;
  /** Checks the management API's admin token (also used by the device admin routes). */
  adminAuth: AdminAuth;
  /** The platform database (SQLite or PostgreSQL). */
  database: DatabaseHandle;
  /** The built-in abilities (alarms, schedule, home control…). */
  abilities: AbilityRouter;
  /** Timed work claimed once across nodes. */
  jobs: SqlJobQueue;
  jobRunner: JobRunner;
  /** Settings, profiles, notifications, push keys of the device side (cic/interfaces/). */
  deviceSideStore: DeviceSideStore;
  /** SkillEnabled, once per user, for extensions enabled for all users (a device connected). */
  announceExtensions(userId: string): Promise<string[]>;
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
  // One outbound policy for registration and every call (docs/security.md "Outbound policy").
  const guard = new OutboundGuard({ networks: config.cek.extensionNetworks });
  const dispatcher = new CekDispatcher(signer, { ...config.cek, guard });
  const client = new CekClient(dispatcher, log, config.cek.maxSessionAttributesBytes);
  // Compiled models from earlier processes (per process: the last platform created sets it).
  setModelCacheDir(config.modelCacheDir);
  const registry = new ExtensionRegistry(new ExtensionStore(database.db, box));
  await registry.load();
  const linking = new AccountLinking(
    new AccountLinkStore(database.db, box),
    () => config.publicUrl,
    config.cek.timeoutMs,
    guard,
  );
  const sessions = options.sessionStore ?? new MemorySessionStore();
  const adminAuth = new AdminAuth(adminHash);
  const clock = options.clock ?? systemClock;
  const jobs = new SqlJobQueue(database);
  const jobRunner = new JobRunner(jobs, {
    node: options.nodeId ?? `node-${randomBytes(6).toString("hex")}`,
    clock,
    log,
  });
  jobs.onSchedule = (runAt) => jobRunner.wake(runAt);
  const abilities = new AbilityRouter(
    (options.abilities ?? createAbilities)({
      database,
      log,
      clock,
      outbox: options.outbox ?? { toDevice: async () => 0, toUser: async () => 0 },
      jobs,
      jobRunner,
      admin: adminAuth,
      cek: { registry, linking, dispatcher },
      outbound: guard,
      secrets: box,
      // Bound once the assistant exists (it routes to these abilities).
      assistant: { handleTurn: (turn) => assistant.handleTurn(turn) },
      ...(options.tts ? { speech: { tts: options.tts, publicUrl: () => config.publicUrl } } : {}),
    }),
    clock,
  );
  const ctx: AssistantContext = {
    registry,
    client,
    sessions,
    linking,
    abilities,
    log,
    options: {
      sessionTimeoutMs: config.session.timeoutMs,
      sessionGraceMs: config.session.graceMs,
      sessionEndWaitMs: config.session.endWaitMs,
      ...(options.onProactive ? { onProactive: options.onProactive } : {}),
    },
    background: new Set(),
    endings: new SessionEndings(),
    clock,
  };
  const assistant = new CloverAssistant(ctx);
  const deviceSideStore = new DeviceSideStore(database.db);
  assistant.start();
  for (const ability of abilities.list()) await ability.start?.();
  jobRunner.start();
  if (config.warmModels)
    abilities
      .warmInBackground(config.warmLanguages)
      .catch((error) =>
        log.warn({ err: error }, "model warm-up stopped: the models left compile on first use"),
      );
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
  if (config.examples === "embedded") {
    const home = await startEmbeddedHomeExample(registry, linking, {
      publicKeyPem: keys.active.publicKeyPem,
      log,
    });
    const ability = abilities.get("ability:home") as { autoLink?: unknown } | undefined;
    if (home) {
      exampleServers.push(home.server);
      if (ability) ability.autoLink = home.autoLink;
    }
  }
  // The embedded examples run inside the platform: trusted whatever the outbound policy.
  for (const server of exampleServers) {
    const address = server.address();
    if (address && typeof address === "object")
      for (const host of ["127.0.0.1", "localhost"]) guard.trust(`http://${host}:${address.port}`);
  }

  const extensionsApi = createManagementHandler({
    registry,
    auth: adminAuth,
    linking,
    keys,
    log,
    allowHttpEndpoints: config.cek.allowHttp,
    outbound: guard,
    maxBodyBytes: 8 * 1024 * 1024,
    onEnablement: (extensionId, userId, enabled) =>
      sendSkillEvent(ctx, extensionId, userId, enabled),
  });
  // The console's extension test (interaction-model.md §10.3–10.5): its own sessions.
  const tester = new ExtensionTester({
    registry,
    linking,
    abilities,
    dispatcher,
    keys,
    log,
    deadlineMs: config.cek.timeoutMs,
    maxSessionAttributesBytes: config.cek.maxSessionAttributesBytes,
    sessionTimeoutMs: config.session.timeoutMs,
  });
  const managementHandler = withAbilityRoutes(
    abilities,
    withExtensionTest(
      { tester, admin: adminAuth, registry, deadlineMs: config.cek.timeoutMs },
      extensionsApi,
    ),
    log,
  );

  return {
    assistant,
    managementHandler,
    registry,
    linking,
    keys,
    adminAuth,
    database,
    abilities,
    jobs,
    jobRunner,
    deviceSideStore,
    announceExtensions: (userId) =>
      announceAllUserExtensions(ctx, deviceSideStore, userId, clock.now()),
    ...(generatedAdminToken ? { generatedAdminToken } : {}),
    async close() {
      clearInterval(refresher);
      await jobRunner.stop();
      await assistant.close();
      await tester.close();
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

/** Abilities answer their own management paths first (e.g. /api/v1/alerts). */
function withAbilityRoutes(
  abilities: AbilityRouter,
  next: RequestHandler,
  log: Logger,
): RequestHandler {
  const routed = abilities.list().filter((ability) => ability.handleHttp);
  if (routed.length === 0) return next;
  return (req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      for (const ability of routed) if (await ability.handleHttp!(req, res, url)) return;
      next(req, res);
    })().catch((error) => {
      if (error instanceof ApiError) return sendError(res, error);
      log.error({ err: error, ability: true }, "ability route failed");
      sendError(res, new ApiError(500, "internal_error", "the request failed"));
    });
  };
}
