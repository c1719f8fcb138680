// A Clover cluster on loopback for tests and the scale benchmark: PostgreSQL, redis-server,
// N nodes (each a real `clover serve` process) and HAProxy with deploy/haproxy.cfg as is.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { type AddressInfo, connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openRedis } from "../../src/store/redis/connection.js";
import { postgresAvailable, startPostgres, type TestPostgres } from "./postgres.js";
import { redisAvailable, startRedis, type TestRedis } from "./redis.js";

export const CLOVER_BIN = fileURLToPath(new URL("../../../cli/bin/clover.js", import.meta.url));
export const HAPROXY_CFG = fileURLToPath(
  new URL("../../../../deploy/haproxy.cfg", import.meta.url),
);
export const haproxyAvailable = spawnSync("haproxy", ["-v"]).status === 0;
export const clusterAvailable = postgresAvailable && redisAvailable && haproxyAvailable;

export interface ClusterNode {
  id: string;
  /**
   * The port the node listens on: the one the system gave it (it listens on port 0 and says
   * which in its banner). A restart gets a new one, and HAProxy is told it through its runtime
   * API: asking for the old port again could find it taken by another process meanwhile.
   */
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

/**
 * Waits until `check` holds. The deadline is for a state that stopped moving: `progress` (e.g.
 * the node's /readyz answer: "compiling the abilities' models (3/9)") restarts it whenever it
 * changes, so a node that warms up slowly on a loaded machine is waited for, a stuck one is not.
 */
async function until(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
  explain?: () => Promise<string>,
  progress?: () => Promise<string>,
) {
  let deadline = Date.now() + timeoutMs;
  let last: string | undefined;
  while (!(await check().catch(() => false))) {
    const now = progress ? await progress().catch(() => undefined) : undefined;
    if (now !== undefined && now !== last) {
      last = now;
      deadline = Date.now() + timeoutMs;
    }
    if (Date.now() > deadline) {
      const why = await explain?.().catch((error: Error) => error.message);
      throw new Error(`${what}: not reached in ${timeoutMs} ms${why ? `: ${why}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ready = async (url: string) => (await fetch(`${url}/readyz`)).status === 200;
const alive = async (url: string) => (await fetch(`${url}/healthz`)).status === 200;
/** What a node's /readyz says is still missing ("models: compiling … (3/9)"): its progress. */
const readyzProgress = (url: string) => async () => {
  const { checks } = (await (await fetch(`${url}/readyz`)).json()) as {
    checks?: Record<string, { ok: boolean; error?: string }>;
  };
  return Object.entries(checks ?? {})
    .filter(([, check]) => !check.ok)
    .map(([name, check]) => `${name}: ${check.error}`)
    .join("; ");
};

/**
 * A free port held until `release()`: nothing else can take it in between (the load balancer's
 * port is named to the nodes before HAProxy, which binds it, can start).
 */
async function reservePort(): Promise<{ port: number; release(): Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // A cluster whose start failed must not be kept alive by it.
  server.unref();
  const { port } = server.address() as AddressInfo;
  let released: Promise<void> | undefined;
  return {
    port,
    release: () => {
      released ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return released;
    },
  };
}

/** One command on HAProxy's runtime API (its admin socket); resolves with the answer. */
function haproxyCommand(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      answer += chunk;
    });
    socket.once("error", reject);
    // Without "prompt" HAProxy answers one command and closes the connection.
    socket.once("close", () => resolve(answer.trim()));
    socket.write(`${command}\n`);
  });
}

/** The port in the JSON banner `clover --json serve` prints on stdout once it listens. */
function bannerPort(child: ChildProcess, node: ClusterNode): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let found = false;
    child.stdout?.setEncoding("utf8");
    // Read to the end (a full pipe would block the node); only the banner counts.
    child.stdout?.on("data", (chunk: string) => {
      if (found) return;
      stdout += chunk;
      try {
        const banner = JSON.parse(stdout) as { port?: unknown };
        found = true;
        if (typeof banner.port === "number" && banner.port > 0) resolve(banner.port);
        else reject(new Error(`${node.id}: no port in its banner: ${stdout}`));
      } catch {}
    });
    child.once("exit", (code) =>
      reject(new Error(`${node.id} exited (${code}) before listening: ${node.log.join("\n")}`)),
    );
  });
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  const spawned: ChildProcess[] = [];
  const lb = { ...(await reservePort()), dir: mkdtempSync(join(tmpdir(), "clover-lb-")) };
  try {
    return await launch(options, postgres, redis, spawned, lb);
  } catch (error) {
    await lb.release();
    rmSync(lb.dir, { recursive: true, force: true });
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
  /** `dir`: HAProxy's runtime config and admin socket. */
  lb: { port: number; release(): Promise<void>; dir: string },
): Promise<Cluster> {
  const adminToken = `admin-${randomBytes(8).toString("hex")}`;
  const lbPort = lb.port;
  const shared: Record<string, string> = {
    // Every node names the load balancer as its address (account-linking redirects, links).
    CLOVER_PUBLIC_URL: `http://127.0.0.1:${lbPort}`,
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
  // HAProxy's runtime API, to point it at a restarted node's new port: the deploy config plus a
  // file of ours with the admin socket (a second `global` section adds to the first).
  const lbDir = lb.dir;
  const lbSocket = join(lbDir, "admin.sock");
  const runtimeCfg = join(lbDir, "runtime.cfg");
  writeFileSync(runtimeCfg, `global\n    stats socket "${lbSocket}" level admin\n`);
  let haproxyStarted = false;
  /** Points both backends' server of `node` at `port`. */
  const repoint = async (node: ClusterNode, port: number) => {
    for (const backend of ["clover", "clover-home-notifications"]) {
      const command = `set server ${backend}/${node.id} addr 127.0.0.1 port ${port}`;
      const answer = await haproxyCommand(lbSocket, command);
      if (!/changed|no need to change/.test(answer))
        throw new Error(`haproxy refused "${command}": ${answer}`);
    }
  };
  const nodes: ClusterNode[] = [];
  for (let i = 1; i <= (options.nodes ?? 3); i++) {
    nodes.push({
      id: `node${i}`,
      port: 0,
      url: "",
      process: undefined,
      dir: mkdtempSync(join(tmpdir(), `clover-node${i}-`)),
      log: [],
    });
  }
  /** Starts a node's process; resolves once it listens (its port known). */
  const spawnNode = async (node: ClusterNode) => {
    const child = spawn(process.execPath, [CLOVER_BIN, "--json", "serve", "--no-save-token"], {
      env: {
        ...process.env,
        ...shared,
        // No port is picked ahead and left free for someone else to take.
        CLOVER_PORT: "0",
        CLOVER_NODE_ID: node.id,
        // Each node its own config dir: nothing is written next to the user's settings.
        XDG_CONFIG_HOME: node.dir,
        CLOVER_DATA_DIR: join(node.dir, "data"),
        // Models compile on a worker thread and the node is ready once they are in (English
        // only here: the tests speak English, and three nodes share a small machine).
        CLOVER_WARM_MODELS: "true",
        CLOVER_WARM_LANGUAGES: "en",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    node.process = child;
    spawned.push(child);
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      node.log.push(...chunk.split("\n").filter(Boolean));
      if (node.log.length > 5000) node.log.splice(0, node.log.length - 5000);
    });
    const port = await bannerPort(child, node);
    if (haproxyStarted && port !== node.port) await repoint(node, port);
    node.port = port;
    node.url = `http://127.0.0.1:${port}`;
    return child;
  };
  /** Waits until a started node is ready (or only alive). */
  const nodeUp = async (node: ClusterNode, until_: "ready" | "alive" = "ready") => {
    const child = node.process!;
    await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`${node.id} exited: ${node.log.join("\n")}`);
        return until_ === "ready" ? ready(node.url) : alive(node.url);
      },
      `${node.id} ${until_}`,
      // A node is ready once its models are compiled: seconds on a quiet machine, more than a
      // minute at a load average of 25 on two cores (two nodes compile at once).
      180_000,
      async () => {
        const readyz = await fetch(`${node.url}/readyz`).then((r) => r.text());
        return `/readyz ${readyz}; log: ${node.log.slice(-5).join("\n")}`;
      },
      readyzProgress(node.url),
    );
  };
  const startNode = async (node: ClusterNode) => {
    await spawnNode(node);
    await nodeUp(node);
  };
  // The first node migrates the empty database and makes the signing keys; once it answers,
  // the others start (all of them warm their models at the same time). HAProxy starts once
  // every node listens (it is told their ports) and the port reserved for it is let go.
  await spawnNode(nodes[0]!);
  await nodeUp(nodes[0]!, "alive");
  await Promise.all(nodes.slice(1).map((node) => spawnNode(node)));
  const started = Promise.all([
    until(
      () => ready(nodes[0]!.url),
      `${nodes[0]!.id} ready`,
      60_000,
      undefined,
      readyzProgress(nodes[0]!.url),
    ),
    ...nodes.slice(1).map((node) => nodeUp(node)),
  ]);
  started.catch(() => {}); // awaited below, once HAProxy is started too
  await lb.release();

  const env: Record<string, string> = {
    ...process.env,
    CLOVER_LB_BIND: `127.0.0.1:${lbPort}`,
  } as Record<string, string>;
  nodes.forEach((node, i) => {
    env[`CLOVER_NODE${i + 1}`] = `127.0.0.1:${node.port}`;
  });
  const haproxy = spawn("haproxy", ["-f", HAPROXY_CFG, "-f", runtimeCfg, "-db"], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  spawned.push(haproxy);
  const haproxyLog: string[] = [];
  haproxy.stderr?.setEncoding("utf8");
  haproxy.stderr?.on("data", (chunk: string) => haproxyLog.push(chunk));
  const url = `http://127.0.0.1:${lbPort}`;
  await started;
  await until(async () => {
    if (haproxy.exitCode !== null) throw new Error(`haproxy exited: ${haproxyLog.join("")}`);
    return ready(url);
  }, "haproxy ready");
  haproxyStarted = true;

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
    startNode: (node) => startNode(node),
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
      rmSync(lbDir, { recursive: true, force: true });
    },
  };
}
