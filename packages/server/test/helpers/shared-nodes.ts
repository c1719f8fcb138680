// Clover nodes in the test's own process sharing one PostgreSQL and one Redis, as behind a load
// balancer (one encryption key, each its own data directory and node id), for the suites that
// drive two nodes directly rather than through HAProxy (helpers/cluster.ts).
import { randomBytes } from "node:crypto";
import { defineConfig } from "../../src/config/index.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { tempDir } from "./platform.js";
import type { TestPostgres } from "./postgres.js";
import type { TestRedis } from "./redis.js";

/**
 * Starts a node per id and adds each to `into` as soon as it runs (and its data directory at
 * once), so the caller's `after` closes whatever started even if a later node fails.
 */
export async function startSharedNodes(
  ids: readonly string[],
  shared: { postgres: TestPostgres; redis: TestRedis; adminToken: string },
  into: { nodes: CloverServer[]; dirs: string[] },
): Promise<void> {
  const encryptionKey = randomBytes(32).toString("base64");
  for (const nodeId of ids) {
    const dataDir = tempDir(`clover-${nodeId}-`);
    into.dirs.push(dataDir);
    into.nodes.push(
      await startClover({
        config: defineConfig({
          port: 0,
          host: "127.0.0.1",
          dataDir,
          adminToken: shared.adminToken,
          logLevel: "silent",
          examples: "off",
          databaseUrl: shared.postgres.url,
          redisUrl: shared.redis.url,
          nodeId,
          behindLoadBalancer: true,
          encryptionKey,
          registryRefreshMs: 200,
          cek: { extensionNetworks: "loopback" },
        }),
      }),
    );
  }
}
