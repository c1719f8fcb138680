// The whole platform on one port: the CIC gateway in front (devices, auth API), the assistant
// behind it, and the management API for everything else.
import type { AddressInfo } from "node:net";
import { createConsoleHandler } from "@clover/console";
import type { Logger } from "pino";
import type { Clock, DeviceOutbox } from "./abilities/index.js";
import { ApiError, sendError } from "./api/http.js";
import type { TurnResult } from "./assistant/turn.js";
import { handleDeviceAdmin } from "./cic/auth/admin-routes.js";
import { DeviceAuthority } from "./cic/auth/authority.js";
import { SqlAuthStore } from "./cic/auth/sql-store.js";
import type { AuthStore } from "./cic/auth/store.js";
import { type DeviceIdentity, deviceKeyOf } from "./cic/device-key.js";
import { CicGateway } from "./cic/gateway.js";
import type { CicDirective } from "./cic/multipart-writer.js";
import type { SpeechToText, TextToSpeech } from "./cic/speech-engines.js";
import { turnToDirectives } from "./cic/turn-directives.js";
import type { ServerConfig } from "./config/index.js";
import { ConversationLog, recordingAssistant } from "./insight/conversation-log.js";
import { handleInsight } from "./insight/routes.js";
import { createPlatform, type Platform } from "./platform.js";
import { MemoryRateLimiter, type RateLimiter } from "./store/rate-limits.js";

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
  conversations: ConversationLog;
  authority: DeviceAuthority;
  close(): Promise<void>;
}

/** The per-device and per-client token buckets of the configuration (in memory). */
function rateLimitsOf(config: ServerConfig): { device?: RateLimiter; client?: RateLimiter } {
  const { cic } = config;
  return {
    ...(cic.deviceRatePerSecond > 0
      ? {
          device: new MemoryRateLimiter({
            perSecond: cic.deviceRatePerSecond,
            burst: cic.deviceRateBurst,
          }),
        }
      : {}),
    ...(cic.clientRatePerSecond > 0
      ? {
          client: new MemoryRateLimiter({
            perSecond: cic.clientRatePerSecond,
            burst: cic.clientRateBurst,
          }),
        }
      : {}),
  };
}

export async function startClover(options: CloverServerOptions): Promise<CloverServer> {
  const { config } = options;
  let gateway: CicGateway | undefined;
  // A proactive answer goes to the exact device it belongs to (client, device id and user).
  const pushTurn = async (target: DeviceIdentity, result: TurnResult) => {
    if (!gateway) return;
    const parts = await turnToDirectives(result, undefined, { expectSpeechTimeoutMs: 8000 });
    for (const part of parts) await gateway.push(deviceKeyOf(target), part.directive);
  };
  /** Directives outside a turn (abilities: alerts, notifications, Home pushes). */
  const pushed = async (result: TurnResult, send: (directive: CicDirective) => Promise<number>) => {
    const parts = await turnToDirectives(result, undefined, {
      expectSpeechTimeoutMs: 8000,
      ...(options.tts ? { tts: options.tts } : {}),
    });
    let reached = 0;
    for (const part of parts) reached = Math.max(reached, await send(part.directive));
    return reached;
  };
  const outbox: DeviceOutbox = {
    toDevice: (target, result) =>
      gateway
        ? pushed(result, async (d) =>
            target.clientId === undefined
              ? gateway!.pushToUser(target.userId, d, { deviceId: target.deviceId })
              : (await gateway!.push(deviceKeyOf({ ...target, clientId: target.clientId }), d))
                ? 1
                : 0,
          )
        : Promise.resolve(0),
    toUser: (userId, result) =>
      gateway ? pushed(result, (d) => gateway!.pushToUser(userId, d)) : Promise.resolve(0),
  };
  const platform = await createPlatform(config, {
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.rotateAdminToken ? { rotateAdminToken: true } : {}),
    onProactive: (target, result) => void pushTurn(target, result),
    outbox,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const authority = new DeviceAuthority(
    options.authStore ?? new SqlAuthStore(platform.database.db),
  );
  const conversations = new ConversationLog();
  const consoleHandler = createConsoleHandler();
  const insight = { log: conversations, registry: platform.registry, admin: platform.adminAuth };
  gateway = new CicGateway({
    assistant: recordingAssistant(platform.assistant, conversations),
    authority,
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.tts ? { tts: options.tts } : {}),
    ...(options.asr ? { asr: options.asr } : {}),
    fallback: (req, res) => {
      if (consoleHandler(req, res)) return;
      handleDeviceAdmin(authority, platform.adminAuth, req, res)
        .then(async (handled) => {
          if (!handled && !(await handleInsight(insight, req, res)))
            platform.managementHandler(req, res);
        })
        .catch((error) => {
          options.logger?.error({ err: error }, "device admin route failed");
          if (!res.headersSent)
            sendError(res, new ApiError(500, "internal", "internal error; see the server log"));
          else if (!res.writableEnded) res.end();
        });
    },
    onError: (error) => options.logger?.error({ err: error }, "CIC request failed"),
    limits: {
      bodyIdleTimeoutMs: config.cic.bodyIdleTimeoutMs,
      bodyTimeoutMs: config.cic.bodyTimeoutMs,
    },
    answerTimeoutMs: config.cic.answerTimeoutMs,
    timeouts: {
      headersTimeoutMs: config.cic.headersTimeoutMs,
      idleTimeoutMs: config.cic.idleTimeoutMs,
      keepAliveTimeoutMs: config.cic.keepAliveTimeoutMs,
      shutdownTimeoutMs: config.cic.shutdownTimeoutMs,
    },
    rateLimits: rateLimitsOf(config),
  });
  let address: AddressInfo;
  try {
    address = await gateway.listen(config.port, config.host);
  } catch (error) {
    await platform.close();
    throw error;
  }
  const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  const url = `${options.tls ? "https" : "http"}://${host}:${address.port}`;
  return {
    url,
    port: address.port,
    platform,
    gateway,
    conversations,
    authority,
    async close() {
      await gateway?.close();
      await platform.close();
    },
  };
}
