// A real platform for the browser test: the CIC gateway (plain HTTP, so HTTP/1.1 for the
// browser) with the console mounted in front of the device admin routes, the insight routes
// (when this platform has them) and the management API; plus the dice example as a real
// extension server. startClover does the same once it mounts the console itself.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDiceExtension } from "@clover/example-dice";
import { listen } from "@clover/sdk";
import * as server from "@clover/server";
import { handleDeviceAdmin } from "../../server/src/cic/auth/admin-routes.js";
import { createConsoleHandler } from "../src/index.js";

type Handler = (req: unknown, res: unknown) => Promise<boolean>;
type Wrap = (assistant: server.Assistant, log: unknown) => server.Assistant;

export interface TestPlatform {
  url: string;
  diceUrl: string;
  /** True when the platform keeps a conversation log (GET /api/v1/conversations). */
  insight: boolean;
  close(): Promise<void>;
}

export async function startTestPlatform(
  adminToken: string,
  diceId: string,
  speech: { tts?: server.TextToSpeech; asr?: server.SpeechToText } = {},
  auth: { termsVersion?: string } = {},
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-console-e2e-"));
  const config = server.loadConfig({
    CLOVER_DATA_DIR: dataDir,
    CLOVER_PORT: "0",
    CLOVER_HOST: "127.0.0.1",
    CLOVER_ADMIN_TOKEN: adminToken,
    CLOVER_LOG_LEVEL: "silent",
    CLOVER_EXTENSION_NETWORKS: "loopback",
    CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
    CLOVER_EXAMPLES: "off",
  });
  const dice = await listen(createDiceExtension({ applicationId: diceId, random: () => 0.5 }), {
    port: 0,
    host: "127.0.0.1",
  });
  const platform = await server.createPlatform(config);
  const authority = new server.DeviceAuthority(new server.MemoryAuthStore(), auth);
  // The conversation log and its routes, where this version of the platform has them.
  const found = server as unknown as Record<string, unknown>;
  const Log = found["ConversationLog"] as (new () => unknown) | undefined;
  const wrap = found["recordingAssistant"] as Wrap | undefined;
  const handleInsight = found["handleInsight"] as
    | ((deps: unknown, req: unknown, res: unknown) => Promise<boolean>)
    | undefined;
  const log = Log && wrap && handleInsight ? new Log() : undefined;
  const insight: Handler | undefined =
    log && handleInsight
      ? (req, res) =>
          handleInsight({ log, registry: platform.registry, admin: platform.adminAuth }, req, res)
      : undefined;
  const consoleHandler = createConsoleHandler();
  const gateway = new server.CicGateway({
    assistant: log && wrap ? wrap(platform.assistant, log) : platform.assistant,
    authority,
    ...speech,
    fallback: (req, res) => {
      if (consoleHandler(req, res)) return;
      void (async () => {
        if (await handleDeviceAdmin(authority, platform.adminAuth, req, res)) return;
        if (insight && (await insight(req, res))) return;
        platform.managementHandler(req, res);
      })();
    },
  });
  const address = await gateway.listen(0, "127.0.0.1");
  return {
    url: `http://127.0.0.1:${address.port}`,
    diceUrl: dice.url,
    insight: log !== undefined,
    async close() {
      await gateway.close();
      await platform.close();
      await new Promise<void>((resolve) => dice.server.close(() => resolve()));
      dice.server.closeAllConnections?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
