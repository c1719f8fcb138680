// One Clover node on a test Redis with the bakery extension registered and a logged-in device
// holding its downchannel: the setup the operations tests share.
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import type { DeviceClient } from "@clover/device";
import type { SpeechToText, TextToSpeech } from "../../src/cic/speech-engines.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { deviceAt, loginDevice, registerClient } from "../helpers/devices.js";
import { type Responder, startExtension, type TestExtension } from "../helpers/extension-server.js";
import { managementApi } from "../helpers/management-api.js";
import { bakeryModel } from "../helpers/models.js";
import { tempDir } from "../helpers/platform.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

export interface NodeRig {
  redis: TestRedis;
  server: CloverServer;
  ext: TestExtension;
  device: DeviceClient;
  accessToken: string;
  admin: string;
  close(): Promise<void>;
}

export async function startNodeRig(options: {
  nodeId: string;
  extension: Responder;
  env?: Record<string, string>;
  asr?: SpeechToText;
  tts?: TextToSpeech;
}): Promise<NodeRig> {
  const admin = `${options.nodeId}-admin-token`;
  const dataDir = tempDir(`clover-${options.nodeId}-`);
  const redis = await startRedis();
  const ext = await startExtension(options.extension);
  const config = testCloverConfig(dataDir, admin, {
    CLOVER_EXAMPLES: "off",
    CLOVER_EXTENSION_NETWORKS: "loopback", // the test extension listens on 127.0.0.1
    CLOVER_NODE_ID: options.nodeId,
    REDIS_URL: redis.url,
    ...options.env,
  });
  const server = await startClover({
    config,
    ...(options.asr ? { asr: options.asr } : {}),
    ...(options.tts ? { tts: options.tts } : {}),
  });
  const created = await managementApi(server.url, admin)("POST", "/api/v1/extensions", {
    id: "com.example.bakery",
    displayName: "Bakery",
    endpointUrl: ext.url,
    models: { en: bakeryModel("en") },
  });
  assert.equal(created.status, 201);
  const login = await loginDevice(server.url, await registerClient(server.url, admin), "dev-1");
  const device = deviceAt(server.url, login);
  await device.openDownchannel();
  return {
    redis,
    server,
    ext,
    device,
    accessToken: login.accessToken,
    admin,
    async close() {
      device.close();
      await server.close();
      await ext.close();
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
