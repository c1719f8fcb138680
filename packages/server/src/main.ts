// The whole platform on one port: the CIC gateway in front (devices, auth API), the assistant
// behind it, and the management API for everything else.
import type { AddressInfo } from "node:net";
import { createConsoleHandler } from "@clover/console";
import type { Logger } from "pino";
import type { Clock, DeviceOutbox } from "./abilities/index.js";
import type { TurnResult } from "./assistant/turn.js";
import { handleDeviceAdmin } from "./cic/auth/admin-routes.js";
import { DeviceAuthority } from "./cic/auth/authority.js";
import { SqlAuthStore } from "./cic/auth/sql-store.js";
import type { AuthStore } from "./cic/auth/store.js";
import type { PushedAttachment } from "./cic/bus.js";
import { type DeviceIdentity, deviceKeyOf } from "./cic/device-key.js";
import { CicGateway } from "./cic/gateway.js";
import { wholeAttachment } from "./cic/interfaces/parts.js";
import type { CicDirective } from "./cic/multipart-writer.js";
import type { SpeechToText, TextToSpeech } from "./cic/speech-engines.js";
import { turnToDirectives } from "./cic/turn-directives.js";
import type { ServerConfig } from "./config/index.js";
import { ConversationLog, recordingAssistant } from "./insight/conversation-log.js";
import { handleInsight } from "./insight/routes.js";
import { createPlatform, type Platform } from "./platform.js";

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

export async function startClover(options: CloverServerOptions): Promise<CloverServer> {
  const { config } = options;
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
        .catch((error) => options.logger?.error({ err: error }, "device admin route failed"));
    },
    onError: (error) => options.logger?.error({ err: error }, "CIC request failed"),
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
