// Child process of the memory benchmark: a whole Clover platform (SQLite, embedded examples)
// whose RSS the parent asks for over IPC, after garbage collection.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig } from "../../packages/server/src/config/index.js";
import { startClover } from "../../packages/server/src/main.js";

const server = await startClover({
  config: loadConfig({
    CLOVER_DATA_DIR: mkdtempSync(join(tmpdir(), "clover-memory-")),
    CLOVER_PORT: "0",
    CLOVER_HOST: "127.0.0.1",
    CLOVER_ADMIN_TOKEN: "memory-admin",
    CLOVER_LOG_LEVEL: "silent",
    // 1,200 turns from a few devices as fast as they go: the per-device bucket would answer
    // 429 to most of them (its own test is robustness/rate-limits.test.ts).
    CLOVER_RATE_DEVICE_PER_SECOND: "0",
  }),
});

const memory = async () => {
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};

process.on("message", async (m: { type: string }) => {
  if (m.type === "memory") process.send?.({ type: "memory", ...(await memory()) });
  if (m.type === "stop") {
    await server.close();
    process.exit(0);
  }
});
process.send?.({ type: "ready", url: server.url });
