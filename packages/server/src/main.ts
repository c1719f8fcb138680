// The whole platform on one port: the CIC gateway in front (devices, auth API), the assistant
// behind it, and the management API for everything else.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createConsoleHandler } from "@clover/console";
import { type Logger, pino } from "pino";
import type { Clock, DeviceOutbox } from "./abilities/index.js";
import type { NotificationsAbility } from "./abilities/notifications/index.js";
import { ApiError, sendError } from "./api/http.js";
import type { TurnResult } from "./assistant/turn.js";
import { handleDeviceAdmin } from "./cic/auth/admin-routes.js";
import { DeviceAuthority } from "./cic/auth/authority.js";
import { SqlAuthStore } from "./cic/auth/sql-store.js";
import type { AuthStore } from "./cic/auth/store.js";
import { InProcessDirectiveBus, type PushedAttachment } from "./cic/bus.js";
import { type DeviceIdentity, deviceKeyOf } from "./cic/device-key.js";
import { CicGateway } from "./cic/gateway.js";
import { handleDeviceSideRoutes } from "./cic/interfaces/index.js";
import { wholeAttachment } from "./cic/interfaces/parts.js";
import { loadVersionSpecs } from "./cic/interfaces/settings.js";
import type { CicDirective } from "./cic/multipart-writer.js";
import { PreAuthGuard } from "./cic/pre-auth.js";
import type { SpeechToText, TextToSpeech } from "./cic/speech-engines.js";
import { turnToDirectives } from "./cic/turn-directives.js";
import { UserAgentPolicy } from "./cic/user-agent.js";
import type { ServerConfig } from "./config/index.js";
import { MemoryTurnLog, recordingAssistant, type TurnLog } from "./insight/conversation-log.js";
import { PostedModels } from "./insight/posted-models.js";
import { handleInsight } from "./insight/routes.js";
import {
  countedBus,
  handleOps,
  type OpsContext,
  observedAsr,
  observedAssistant,
  observedTts,
  PlatformMetrics,
  ReadinessProbe,
} from "./ops/index.js";
import { createPlatform, type Platform } from "./platform.js";
import { MemoryRateLimiter, type RateLimiter } from "./store/rate-limits.js";
import { openRedisBackend, type RedisBackend, RedisRateLimiter } from "./store/redis/index.js";

export interface CloverServerOptions {
  config: ServerConfig;
  /** PEM certificate and key: TLS with ALPN h2. Without them: h2c + HTTP/1.1. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  tts?: TextToSpeech;
  asr?: SpeechToText;
  logger?: Logger;
  authStore?: AuthStore;
  /** Replace the stored admin token with a new one (`clover serve --rotate-admin-token`). */
  rotateAdminToken?: boolean;
  /** Time as abilities and jobs see it (tests move it). */
  clock?: Clock;
}

export interface CloverServer {
  /** Base URL of the listener (CIC, auth API, management API). */
  url: string;
  port: number;
  platform: Platform;
  gateway: CicGateway;
  /** The turn log: this node's memory, or Redis (shared by every node) with REDIS_URL. */
  conversations: TurnLog;
  authority: DeviceAuthority;
  ops: OpsContext;
  /** Port of the separate ops listener, when CLOVER_OPS_PORT is set. */
  opsPort?: number;
  /** Graceful stop (SIGTERM): not ready, GOAWAY, turns in flight finish, then close. */
  drain(deadlineMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The per-device and per-client token buckets of the configuration: in memory, or on Redis
 * (one bucket per key for the whole cluster) when REDIS_URL is set.
 */
function rateLimitsOf(
  config: ServerConfig,
  redis: RedisBackend | undefined,
  log: Logger,
): { device?: RateLimiter; client?: RateLimiter } {
  const { cic } = config;
  let warnedAt = 0;
  // While Redis is away requests are let through (events fail on the device state anyway).
  const unavailable = (error: unknown) => {
    if (Date.now() - warnedAt < 10_000) return;
    warnedAt = Date.now();
    log.warn({ err: error }, "rate limits: Redis does not answer; requests are not limited");
  };
  const limiter = (name: string, perSecond: number, burst: number): RateLimiter =>
    redis
      ? new RedisRateLimiter(
          redis.rateLimits,
          { perSecond, burst },
          name,
          undefined,
          false,
          unavailable,
        )
      : new MemoryRateLimiter({ perSecond, burst });
  return {
    ...(cic.deviceRatePerSecond > 0
      ? { device: limiter("device", cic.deviceRatePerSecond, cic.deviceRateBurst) }
      : {}),
    ...(cic.clientRatePerSecond > 0
      ? { client: limiter("client", cic.clientRatePerSecond, cic.clientRateBurst) }
      : {}),
  };
}

export async function startClover(options: CloverServerOptions): Promise<CloverServer> {
  const { config } = options;
  // Every log line names its node, so a turn is followed across nodes by dialogRequestId.
  const logger = (options.logger ?? pino({ level: config.logLevel, name: "clover" })).child({
    node: config.nodeId,
  });
  const redis = config.redisUrl
    ? await openRedisBackend(config.redisUrl, config.nodeId, logger)
    : undefined;
  let gateway: CicGateway | undefined;
  /**
   * Directives outside a turn (reprompts after a listening timeout, alerts, notifications,
   * Home pushes): speech is synthesized and travels as a cid: attachment on the downchannel,
   * so screenless devices hear it.
   */
  const pushed = async (
    result: TurnResult,
    send: (directive: CicDirective, attachment?: PushedAttachment) => Promise<number>,
  ) => {
    const parts = await turnToDirectives(result, undefined, {
      expectSpeechTimeoutMs: 8000,
      ...(options.tts ? { tts: options.tts } : {}),
    });
    let reached = 0;
    for (const part of parts)
      reached = Math.max(reached, await send(part.directive, await wholeAttachment(part)));
    return reached;
  };
  // A proactive answer goes to the exact device it belongs to (client, device id and user).
  const pushTurn = (target: DeviceIdentity, result: TurnResult) =>
    gateway
      ? pushed(result, async (d, a) => ((await gateway!.push(deviceKeyOf(target), d, a)) ? 1 : 0))
      : Promise.resolve(0);
  const outbox: DeviceOutbox = {
    toDevice: (target, result) =>
      gateway
        ? pushed(result, async (d, a) =>
            target.clientId === undefined
              ? gateway!.pushToUser(target.userId, d, { deviceId: target.deviceId }, a)
              : (await gateway!.push(deviceKeyOf({ ...target, clientId: target.clientId }), d, a))
                ? 1
                : 0,
          )
        : Promise.resolve(0),
    toUser: (userId, result) =>
      gateway
        ? pushed(result, (d, a) => gateway!.pushToUser(userId, d, undefined, a))
        : Promise.resolve(0),
  };
  let platform: Platform;
  try {
    platform = await createPlatform(config, {
      logger,
      ...(redis ? { sessionStore: redis.sessions } : {}),
      ...(options.rotateAdminToken ? { rotateAdminToken: true } : {}),
      onProactive: (target, result) =>
        void pushTurn(target, result).catch((error) =>
          logger.warn({ err: error, deviceId: target.deviceId }, "push failed"),
        ),
      outbox,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.tts ? { tts: options.tts } : {}),
    });
  } catch (error) {
    await Promise.all([redis?.bus.close(), redis?.deviceStates.close(), redis?.sessions.close()]);
    await redis?.close();
    throw error;
  }
  const metrics = new PlatformMetrics(config.nodeId, () => gateway?.downchannels.size ?? 0);
  const readiness = new ReadinessProbe(platform.database.db, redis?.probe, metrics);
  await readiness.start();
  // With warm-up, a node is ready once the abilities' models are compiled: behind a load
  // balancer, no turn then waits for a compile.
  if (config.warmModels)
    readiness.local.set("models", () => {
      const warmup = platform.abilities.warmup();
      if (!warmup || warmup.finished) return { ok: true };
      return {
        ok: false,
        error: `compiling the abilities' models (${warmup.done}/${warmup.total})`,
      };
    });
  const ops: OpsContext = { nodeId: config.nodeId, metrics, readiness };
  const authority = new DeviceAuthority(
    options.authStore ?? new SqlAuthStore(platform.database.db),
    {
      ...(config.device.termsVersion ? { termsVersion: config.device.termsVersion } : {}),
      ...(config.device.termsFile
        ? { termsText: readFileSync(config.device.termsFile, "utf8") }
        : {}),
    },
  );
  const conversations: TurnLog = redis?.turns ?? new MemoryTurnLog();
  const consoleHandler = createConsoleHandler();
  const insight = {
    log: conversations,
    registry: platform.registry,
    admin: platform.adminAuth,
    posted: new PostedModels(),
  };
  gateway = new CicGateway({
    assistant: observedAssistant(
      recordingAssistant(platform.assistant, conversations, {
        node: config.nodeId,
        onError: (error) => logger.warn({ err: error }, "turn log: write failed"),
      }),
      metrics,
      logger,
    ),
    authority,
    bus: countedBus(redis?.bus ?? new InProcessDirectiveBus(), metrics),
    ...(redis ? { deviceStates: redis.deviceStates, userDeviceIndex: redis.userDevices } : {}),
    downchannelScope: config.behindLoadBalancer ? "cluster" : "connection",
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.tts ? { tts: observedTts(options.tts, metrics) } : {}),
    ...(options.asr ? { asr: observedAsr(options.asr, metrics) } : {}),
    fallback: (req, res) => {
      if (handleOps(ops, req, res)) return;
      if (consoleHandler(req, res)) return;
      handleDeviceAdmin(authority, platform.adminAuth, req, res)
        .then(async (handled) => {
          if (handled || (await handleInsight(insight, req, res))) return;
          if (gateway && (await handleDeviceSideRoutes(gateway.side, platform.adminAuth, req, res)))
            return;
          platform.managementHandler(req, res);
        })
        .catch((error) => {
          if (error instanceof ApiError) return sendError(res, error);
          logger.error({ err: error }, "device admin route failed");
          if (!res.headersSent)
            sendError(res, new ApiError(500, "internal", "internal error; see the server log"));
          else if (!res.writableEnded) res.end();
        });
    },
    onEvent: (name, _status, durationMs) => {
      if (name.endsWith(".Recognize"))
        metrics.turnSeconds.observe({ stage: "total" }, durationMs / 1000);
    },
    onError: (error) => logger.error({ err: error }, "CIC request failed"),
    preAuth: new PreAuthGuard({
      connectionsPerIp: config.cic.preAuthConnectionsPerIp,
      failuresPerSecond: config.cic.preAuthFailuresPerSecond,
      failureBurst: config.cic.preAuthFailureBurst,
      behindLoadBalancer: config.behindLoadBalancer,
    }),
    limits: {
      bodyIdleTimeoutMs: config.cic.bodyIdleTimeoutMs,
      bodyTimeoutMs: config.cic.bodyTimeoutMs,
    },
    answerTimeoutMs: config.cic.answerTimeoutMs,
    downchannelBacklogBytes: config.cic.downchannelBacklogBytes,
    timeouts: {
      headersTimeoutMs: config.cic.headersTimeoutMs,
      idleTimeoutMs: config.cic.idleTimeoutMs,
      keepAliveTimeoutMs: config.cic.keepAliveTimeoutMs,
      shutdownTimeoutMs: config.drainTimeoutMs,
    },
    rateLimits: rateLimitsOf(config, redis, logger),
    onRateLimited: (scope) => metrics.rateLimited.inc({ scope }),
    deviceSide: {
      store: platform.deviceSideStore,
      ...(config.device.defaultTimeZone ? { defaultTimeZone: config.device.defaultTimeZone } : {}),
      customButtons: config.device.customButtons,
      showRecognizedTextClients: config.device.showRecognizedTextClients,
      ...(redis
        ? {
            shared: redis.sideMemory,
            onSharedError: (error: unknown) =>
              logger.warn({ err: error }, "device side: shared memory write failed"),
          }
        : {}),
      ...(config.device.versionSpecsFile
        ? { versionSpecs: loadVersionSpecs(config.device.versionSpecsFile) }
        : {}),
    },
    userAgent: new UserAgentPolicy(
      config.device.userAgentPolicy,
      config.device.userAgentAllow,
      (problem, userAgent) =>
        logger.warn({ userAgent }, `User-Agent does not follow cic.md §2.4: ${problem}`),
    ),
    onDownchannelOpen: (grant) => {
      const target = { userId: grant.userId, deviceId: grant.deviceId, clientId: grant.clientId };
      const notifications = platform.abilities.get("ability:notifications") as
        | NotificationsAbility
        | undefined;
      Promise.all([
        notifications?.notifier.deviceConnected(target),
        grant.guest ? undefined : platform.announceExtensions(grant.userId),
      ]).catch((error) => logger.error({ err: error }, "device connect work failed"));
    },
  });
  let opsServer: Server | undefined;
  const closeAll = async () => {
    readiness.stop();
    if (opsServer) await new Promise<void>((resolve) => opsServer!.close(() => resolve()));
    await gateway?.close();
    await platform.close();
    await insight.posted.close();
    await redis?.deviceStates.close();
    await conversations.close();
    await redis?.close();
  };
  let address: AddressInfo;
  try {
    address = await gateway.listen(config.port, config.host);
    if (config.opsPort > 0) {
      opsServer = createServer((req, res) => {
        if (!handleOps(ops, req, res)) {
          req.resume();
          res.writeHead(404, { "content-type": "application/json" }).end(
            JSON.stringify({
              error: { code: "not_found", message: "this port serves /healthz, /readyz, /metrics" },
            }),
          );
        }
      });
      await new Promise<void>((resolve, reject) => {
        opsServer!.once("error", reject);
        opsServer!.listen(config.opsPort, config.host, resolve);
      });
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `${options.tls ? "https" : "http"}://${host}:${address.port}`;
  // Without CLOVER_PUBLIC_URL, the links handed out (account-linking redirect, reminder audio)
  // name the port actually bound and the scheme actually spoken, never "localhost:0".
  if (config.publicUrlConfigured === false)
    config.publicUrl = `${options.tls ? "https" : "http"}://localhost:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port: address.port,
    platform,
    gateway,
    conversations,
    authority,
    ops,
    ...(opsServer ? { opsPort: (opsServer.address() as AddressInfo).port } : {}),
    drain(deadlineMs = config.drainTimeoutMs) {
      if (closing) return closing;
      readiness.draining = true;
      logger.info({ deadlineMs }, "draining: no new connections, turns in flight finish");
      closing = gateway!.drain(deadlineMs).then(closeAll);
      return closing;
    },
    close() {
      closing ??= closeAll();
      return closing;
    },
  };
}
