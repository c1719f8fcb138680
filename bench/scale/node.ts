// Child process of bench/scale/scale.ts: one Clover node (in memory, or on Redis when
// REDIS_URL is set) on loopback with the bench's extension registered and DEVICES devices
// logged in; it answers the parent's push and GC requests.
import { rmSync } from "node:fs";
import { logIn } from "@clover/device";
import { deviceKeyOf } from "../../packages/server/src/cic/device-key.js";
import { createDirective } from "../../packages/server/src/cic/multipart-writer.js";
import { loadConfig } from "../../packages/server/src/config/index.js";
import { startClover } from "../../packages/server/src/main.js";
import { bakeryModel } from "../../packages/server/test/helpers/models.js";
import { tempDir } from "../../packages/server/test/helpers/platform.js";

const ADMIN = "bench-admin";
const dir = tempDir("clover-bench-scale-");
const redisUrl = process.env["REDIS_URL"];
const config = loadConfig({
  CLOVER_DATA_DIR: dir,
  CLOVER_PORT: "0",
  CLOVER_HOST: "127.0.0.1",
  CLOVER_ADMIN_TOKEN: ADMIN,
  CLOVER_LOG_LEVEL: "silent",
  CLOVER_EXTENSION_NETWORKS: "loopback",
  CLOVER_EXAMPLES: "off",
  CLOVER_NODE_ID: process.env["NODE_ID"] ?? "bench",
  CLOVER_SIGNING_WORKERS: "0",
  // Every turn still takes its tokens (in memory or in Redis), none is refused.
  CLOVER_RATE_DEVICE_PER_SECOND: "1000000",
  CLOVER_RATE_DEVICE_BURST: "1000000",
  CLOVER_RATE_CLIENT_PER_SECOND: "1000000",
  CLOVER_RATE_CLIENT_BURST: "1000000",
  ...(redisUrl ? { REDIS_URL: redisUrl, CLOVER_BEHIND_LOAD_BALANCER: "true" } : {}),
});
const server = await startClover({ config });
const call = async (path: string, body: unknown) => {
  const r = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await r.json()) as Record<string, string>;
};
if (process.env["EXTENSION_URL"])
  await call("/api/v1/extensions", {
    id: "com.example.bakery",
    displayName: "Bakery",
    endpointUrl: process.env["EXTENSION_URL"],
    models: { en: bakeryModel("en") },
  });
const devices: { token: string; key: string }[] = [];
const count = Number(process.env["DEVICES"] ?? 0);
if (count > 0) {
  const client = await call("/api/v1/device-clients", { name: "bench" });
  for (let i = 0; i < count; i++) {
    const tokens = await logIn({
      url: server.url,
      clientId: client["clientId"]!,
      clientSecret: client["clientSecret"]!,
      deviceId: `d${i}`,
      modelId: "B-1",
    });
    const grant = await server.authority.verifyAccessToken(tokens.access_token);
    devices.push({ token: tokens.access_token, key: deviceKeyOf(grant!) });
  }
}

process.on("message", async (m: { type: string; key?: string; i?: number }) => {
  if (m.type === "push") {
    const sent = await server.gateway.push(
      m.key!,
      createDirective("Notifier", "SetIndicator", { i: m.i }),
    );
    process.send?.({ type: "pushed", i: m.i, sent: Boolean(sent) });
  } else if (m.type === "cpu") {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: "cpu", ms: (user + system) / 1000 });
  } else if (m.type === "gc") {
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.({ type: "gc" });
  } else if (m.type === "close") {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
process.on("SIGTERM", () => process.exit(0));
// The bench ended (or died): this node goes with it.
process.on("disconnect", () => process.exit(0));
process.send?.({ type: "ready", url: server.url, devices });
