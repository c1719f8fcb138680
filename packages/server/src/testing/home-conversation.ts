// A dialog tester for Clova Home extensions: a real platform in this process (temporary
// SQLite store, its own signing key) that links a test user to the extension, runs discovery
// right after (§12.1), and then understands what the test says with the platform's own home
// NLU — target resolution, checks, clarifying and confirmation questions — sending signed
// Clova Home requests to the extension exactly as `clover serve` would. The extension runs in
// this process (a HomeExtension, served on a loopback port) or anywhere (its URL).
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type HomeConversationOptions,
  type HomeTarget,
  type HomeTurnExchange,
  type HomeConversation as SdkHomeConversation,
  type HomeTurn as SdkHomeTurn,
  toHomeNodeListener,
} from "@clover/sdk";
import { pino } from "pino";
import type { HomeAbility } from "../abilities/home/ability.js";
import type { TurnResult } from "../assistant/turn.js";
import { defineConfig } from "../config/index.js";
import { createPlatform, type Platform } from "../platform.js";

/** A turn as the SDK describes it, with the platform's whole result. */
export interface HomeTurn extends SdkHomeTurn {
  result: TurnResult;
}

export class HomeConversation implements SdkHomeConversation {
  readonly turns: HomeTurn[] = [];
  #counter = 0;

  constructor(
    readonly platform: Platform,
    private readonly options: Required<Omit<HomeConversationOptions, "timeZone">> & {
      timeZone?: string;
    },
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** The platform's public key (PEM), for `verification: { publicKey }`. */
  get publicKeyPem(): string {
    return this.platform.keys.active.publicKeyPem;
  }

  /** The user's devices as discovered (what the NLU knows). */
  async devices(): Promise<{ applianceId: string; name: string; types: string[] }[]> {
    const vocabulary = await this.#ability().vocabulary(this.options.userId, this.options.language);
    return vocabulary.devices.map((d) => ({
      applianceId: d.appliance.applianceId,
      name: d.name,
      types: d.types,
    }));
  }

  /** Runs discovery again (DiscoverAppliancesRequest, then DiscoverScenesRequest). */
  async discover(): Promise<{ ok: boolean; appliances?: number; scenes?: number }> {
    const result = await this.#ability().discovery.discover(
      this.options.extensionId,
      this.options.userId,
    );
    return result.ok
      ? { ok: true, appliances: result.appliances, scenes: result.scenes }
      : { ok: false };
  }

  /** Says something; an open question (which one? sure?) is answered by the next `say`. */
  async say(text: string): Promise<HomeTurn> {
    const { language, userId, timeZone } = this.options;
    const result = await this.platform.assistant.handleTurn({
      kind: "text",
      text,
      dialogRequestId: `home-test-${++this.#counter}`,
      device: {
        clientId: "home-tester",
        deviceId: "home-tester-speaker",
        userId,
        language,
        locale: { en: "en-US", ja: "ja-JP", ko: "ko-KR" }[language],
        display: { size: "none" },
        ...(timeZone ? { timeZone } : {}),
      },
    });
    const turn = toTurn(result);
    this.turns.push(turn);
    return turn;
  }

  async close(): Promise<void> {
    await this.cleanup();
  }

  #ability(): HomeAbility {
    return this.platform.abilities.get("ability:home") as unknown as HomeAbility;
  }
}

function toTurn(result: TurnResult): HomeTurn {
  const exchange = result.exchange;
  const list = <T>(value: unknown): T[] =>
    value === undefined ? [] : Array.isArray(value) ? (value as T[]) : [value as T];
  const response = exchange?.response as { target?: unknown; answer?: unknown } | undefined;
  const requests = list<HomeTurnExchange["request"]>(exchange?.request);
  const answers = list<HomeTurnExchange["response"]>(response?.answer);
  const home = result.extensionId === "ability:home";
  return {
    speech: result.speech.map((s) => s.value).join(" "),
    question: result.expectSpeech,
    exchanges: home
      ? requests.map((request, i) => ({
          request,
          ...(answers[i] ? { response: answers[i] } : {}),
        }))
      : [],
    targets: home
      ? list<{ applianceId: string; name: string }>(response?.target).map((t) => ({
          applianceId: t.applianceId,
          name: t.name,
        }))
      : [],
    ...(result.intent ? { intent: result.intent.name } : {}),
    result,
  };
}

/**
 * Starts the platform, registers the extension as a home extension, links the test user
 * (the extension then receives `accessToken` in every request) and runs discovery.
 */
export async function startHomeConversation(
  target: HomeTarget,
  options: HomeConversationOptions = {},
): Promise<HomeConversation> {
  const settings = {
    language: options.language ?? "en",
    accessToken: options.accessToken ?? "test-access-token",
    userId: options.userId ?? "home-tester",
    extensionId: options.extensionId ?? "com.example.home.test",
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  };
  const dataDir = mkdtempSync(join(tmpdir(), "clover-home-test-"));
  const platform = await createPlatform(
    defineConfig({
      dataDir,
      adminToken: randomBytes(18).toString("base64url"),
      examples: "off",
      logLevel: "silent",
    }),
    { logger: pino({ level: "silent" }) },
  );
  // A loopback server: the token endpoint of the test link, and the extension when in process.
  const extension =
    typeof target === "function" ? target(platform.keys.active.publicKeyPem) : target;
  const listener = typeof extension === "string" ? undefined : toHomeNodeListener(extension);
  const server: Server = createServer((req, res) => {
    if (req.url === "/token") {
      req.resume();
      req.on("end", () => {
        const body = JSON.stringify({
          access_token: settings.accessToken,
          refresh_token: `refresh-${randomUUID()}`,
          token_type: "Bearer",
        });
        res.writeHead(200, { "content-type": "application/json" }).end(body);
      });
      return;
    }
    if (req.url === "/clova" && listener) return listener(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cleanup = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const accountLinking = {
      authorizationUrl: `${origin}/authorize`,
      accessTokenUri: `${origin}/token`,
      clientId: "home-tester",
      clientSecret: "home-tester",
      clientAuthentication: "basic" as const,
      scopes: [],
    };
    await platform.registry.create({
      id: settings.extensionId,
      type: "home",
      displayName: "Home under test",
      endpointUrl: typeof extension === "string" ? extension : `${origin}/clova`,
      accountLinking,
      invocationNames: {},
      messageVersion: "1.0",
      legacyEndRequestType: false,
      usesAudioPlayer: false,
      enabledForAllUsers: false,
    });
    // The platform's own account linking (§10): discovery runs right after (§12.1).
    const { state } = await platform.linking.authorizationUrl(
      settings.extensionId,
      accountLinking,
      settings.userId,
    );
    await platform.linking.completeRedirect(state, "test-code", () => accountLinking);
  } catch (error) {
    await cleanup();
    throw error;
  }
  return new HomeConversation(platform, settings, cleanup);
}
