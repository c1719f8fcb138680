// A Clover cluster on loopback for tests and the scale benchmark: PostgreSQL, redis-server,
// N nodes (each a real `clover serve` process) and HAProxy with deploy/haproxy.cfg as is.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openRedis } from "../../src/store/redis/connection.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "./postgres.js";
import { freePort, redisAvailable, startRedis, type TestRedis } from "./redis.js";

export const CLOVER_BIN = fileURLToPath(new URL("../../../cli/bin/clover.js", import.meta.url));
export const HAPROXY_CFG = fileURLToPath(
  new URL("../../../../deploy/haproxy.cfg", import.meta.url),
);
export const haproxyAvailable = spawnSync("haproxy", ["-v"]).status === 0;
export const clusterAvailable = postgresAvailable && redisAvailable && haproxyAvailable;

export interface ClusterNode {
  id: string;
  port: number;
  url: string;
  process: ChildProcess | undefined;
  /** Its own config and data directory. */
  dir: string;
  /** What the node wrote on stderr (JSON log lines). */
  log: string[];
}

export interface Cluster {
  /** Where devices and tools connect: HAProxy. */
  url: string;
  adminToken: string;
  nodes: ClusterNode[];
  redis: TestRedis;
  postgres: TestPostgres;
  /** Starts (or restarts) a node process and waits until it is ready. */
  startNode(node: ClusterNode): Promise<void>;
  /** kill -9 */
  killNode(node: ClusterNode): void;
  /** SIGTERM, resolved with the exit code once the node has drained and exited. */
  stopNode(node: ClusterNode): Promise<number | null>;
  /** The node holding a device's downchannel, from the directory in Redis. */
  holderOf(deviceKey: string): Promise<ClusterNode | undefined>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nodes?: number;
  env?: Record<string, string>;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what}: not reached in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ready = async (url: string) => (await fetch(`${url}/readyz`)).status === 200;

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const spawned: ChildProcess[] = [];
  try {
    return await launch(options, postgres, redis, spawned);
  } catch (error) {
    // Whatever started is stopped: a failed start leaves no process behind.
    for (const child of spawned) child.kill("SIGKILL");
    await redis.stop();
    await postgres.stop();
    throw error;
  }
}

async function launch(
  options: ClusterOptions,
  postgres: TestPostgres,
  redis: TestRedis,
  spawned: ChildProcess[],
): Promise<Cluster> {
  const adminToken = `admin-${randomBytes(8).toString("hex")}`;
  const shared: Record<string, string> = {
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    CLOVER_ADMIN_TOKEN: adminToken,
    CLOVER_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    CLOVER_HOST: "127.0.0.1",
    CLOVER_EXAMPLES: "off",
    CLOVER_BEHIND_LOAD_BALANCER: "true",
    CLOVER_REGISTRY_REFRESH_MS: "200",
    CLOVER_LOG_LEVEL: "info",
    CLOVER_TTS: "none",
    CLOVER_ASR: "none",
    CLOVER_DRAIN_TIMEOUT_MS: "5000",
    NO_COLOR: "1",
    ...options.env,
  };
  const nodes: ClusterNode[] = [];
  for (let i = 1; i <= (options.nodes ?? 3); i++) {
    const port = await freePort();
    nodes.push({
      id: `node${i}`,
      port,
      url: `http://127.0.0.1:${port}`,
      process: undefined,
      dir: mkdtempSync(join(tmpdir(), `clover-node${i}-`)),
      log: [],
    });
  }
  const startNode = async (node: ClusterNode) => {
    const child = spawn(process.execPath, [CLOVER_BIN, "serve", "--no-save-token"], {
      env: {
        ...process.env,
        ...shared,
        CLOVER_PORT: String(node.port),
        CLOVER_NODE_ID: node.id,
        // Each node its own config dir: nothing is written next to the user's settings.
        XDG_CONFIG_HOME: node.dir,
        CLOVER_DATA_DIR: join(node.dir, "data"),
        // Compiling the abilities' models blocks a node's loop for up to a second per model:
        // deploy/haproxy.cfg's checks (500 ms) would then mark every starting node down.
        CLOVER_WARM_MODELS: "false",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    node.process = child;
    spawned.push(child);
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      node.log.push(...chunk.split("\n").filter(Boolean));
      if (node.log.length > 5000) node.log.splice(0, node.log.length - 5000);
    });
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`${node.id} exited: ${node.log.join("\n")}`);
      return ready(node.url);
    }, `${node.id} ready`);
  };
  // The first node migrates the empty database; the others then start together.
  await startNode(nodes[0]!);
  await Promise.all(nodes.slice(1).map(startNode));

  const lbPort = await freePort();
  const env: Record<string, string> = {
    ...process.env,
    CLOVER_LB_BIND: `127.0.0.1:${lbPort}`,
  } as Record<string, string>;
  nodes.forEach((node, i) => {
    env[`CLOVER_NODE${i + 1}`] = `127.0.0.1:${node.port}`;
  });
  const haproxy = spawn("haproxy", ["-f", HAPROXY_CFG, "-db"], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const haproxyLog: string[] = [];
  haproxy.stderr?.setEncoding("utf8");
  haproxy.stderr?.on("data", (chunk: string) => haproxyLog.push(chunk));
  const url = `http://127.0.0.1:${lbPort}`;
  await until(async () => {
    if (haproxy.exitCode !== null) throw new Error(`haproxy exited: ${haproxyLog.join("")}`);
    return ready(url);
  }, "haproxy ready");

  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
      else child.once("exit", (code) => resolve(code));
    });
  return {
    url,
    adminToken,
    nodes,
    redis,
    postgres,
    startNode,
    killNode(node) {
      node.process?.kill("SIGKILL");
    },
    async stopNode(node) {
      if (!node.process) return null;
      node.process.kill("SIGTERM");
      return exited(node.process);
    },
    async holderOf(deviceKey) {
      const client = await openRedis(redis.url);
      try {
        const id = await client.get(`clover:downchannel:${deviceKey}`);
        return nodes.find((n) => n.id === id);
      } finally {
        client.disconnect();
      }
    },
    async stop() {
      haproxy.kill("SIGKILL");
      await Promise.all(
        nodes.map(async (node) => {
          const child = node.process;
          if (!child || child.exitCode !== null || child.signalCode !== null) return;
          child.kill("SIGKILL");
          await exited(child);
        }),
      );
      await exited(haproxy);
      await redis.stop();
      await postgres.stop();
      for (const node of nodes) rmSync(node.dir, { recursive: true, force: true });
    },
  };
}
