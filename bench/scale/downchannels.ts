// 20,000 downchannels over three Clover nodes (separate `clover serve` processes on PostgreSQL
// and Redis, as in test/scale): the RSS of each node before and after, and what the downchannel
// directory costs in Redis (entries and memory), then again after a heartbeat period (entries
// must all still be there). Devices are held by three client processes, STREAMS downchannels
// per HTTP/2 connection, one third on each node. Loopback only; bounded by DEVICES.
// Run: npm run bench -- scale-downchannels   (DEVICES=20000 STREAMS=50)
import { type ChildProcess, fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { hashSecret, newToken } from "../../packages/server/src/cic/auth/secrets.js";
import { openRedis } from "../../packages/server/src/store/redis/connection.js";
import { startCluster } from "../../packages/server/test/helpers/cluster.js";

const DEVICES = Math.min(50_000, Number(process.env["DEVICES"] ?? 20_000));
const STREAMS = Number(process.env["STREAMS"] ?? 50);
const load: number[] = [loadavg()[0]!];

const cluster = await startCluster({
  nodes: 3,
  env: {
    CLOVER_LOG_LEVEL: "warn",
    CLOVER_RATE_CLIENT_PER_SECOND: "0",
    CLOVER_RATE_DEVICE_PER_SECOND: "0",
  },
});
const children: ChildProcess[] = [];
const redis = await openRedis(cluster.redis.url);
try {
  const api = async (path: string, body: unknown) => {
    const response = await fetch(`${cluster.url}${path}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${cluster.adminToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, string>;
  };
  const client = await api("/api/v1/device-clients", { name: "bench" });
  const account = await api("/api/v1/accounts", {});
  // Access tokens written straight into PostgreSQL (hashed, as the authority stores them):
  // logging 20,000 devices in through the auth API would measure the auth API.
  const tokens: string[] = [];
  const db = new pg.Client({ connectionString: cluster.postgres.url });
  await db.connect();
  for (let start = 0; start < DEVICES; start += 1000) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let i = start; i < Math.min(DEVICES, start + 1000); i++) {
      const token = newToken("cv_at_");
      tokens.push(token);
      const n = values.length;
      rows.push(`($${n + 1}, 'access', $${n + 2}, $${n + 3}, $${n + 4}, NULL, 0, $${n + 5})`);
      values.push(
        hashSecret(token),
        account["userId"],
        client["clientId"],
        `dc-${i}`,
        Date.now() + 86_400_000,
      );
    }
    await db.query(
      `INSERT INTO device_tokens (hash, kind, user_id, client_id, device_id, model_id, guest, expires_at) VALUES ${rows.join(", ")}`,
      values,
    );
  }
  await db.end();

  const rssMb = (pid: number | undefined) =>
    Math.round(
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
    );
  const usedMemory = async () =>
    Number(/used_memory:(\d+)/.exec(await redis.info("memory"))?.[1] ?? 0);
  const directorySize = async () => {
    let cursor = "0";
    let count = 0;
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", "clover:downchannel:*", "COUNT", 5000);
      cursor = next;
      count += keys.length;
    } while (cursor !== "0");
    return count;
  };
  const rssBefore = cluster.nodes.map((n) => rssMb(n.process?.pid));
  const redisBefore = await usedMemory();

  const started = performance.now();
  const results = await Promise.all(
    cluster.nodes.map((node, i) => {
      const child = fork(fileURLToPath(new URL("./downchannel-clients.ts", import.meta.url)), [], {
        execArgv: ["--conditions=@clover/source", "--import", "tsx"],
      });
      children.push(child);
      const share = tokens.filter((_, t) => t % cluster.nodes.length === i);
      return new Promise<{ opened: number; failed: number }>((resolve, reject) => {
        child.on(
          "message",
          (m: { type: string; opened: number; failed: number; message?: string }) =>
            m.type === "opened" ? resolve(m) : reject(new Error(m.message)),
        );
        child.send({ type: "start", url: node.url, tokens: share, streamsPerSession: STREAMS });
      });
    }),
  );
  const openSeconds = (performance.now() - started) / 1000;
  load.push(loadavg()[0]!);
  await new Promise((r) => setTimeout(r, 2000));
  const rssAfter = cluster.nodes.map((n) => rssMb(n.process?.pid));
  const entries = await directorySize();
  const held = await Promise.all(
    cluster.nodes.map(async (node) => {
      const text = await (await fetch(`${node.url}/metrics`)).text();
      return Number(/^clover_downchannels_open\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? Number.NaN);
    }),
  );
  const redisAfter = await usedMemory();
  // One heartbeat period later (renewed every 10 s, 30 s expiry): every entry is still there.
  await new Promise((r) => setTimeout(r, 12_000));
  const entriesLater = await directorySize();
  load.push(loadavg()[0]!);

  const opened = results.reduce((a, r) => a + r.opened, 0);
  const failed = results.reduce((a, r) => a + r.failed, 0);
  console.log(
    `scale-out downchannels: ${DEVICES} devices over ${cluster.nodes.length} nodes, ${STREAMS} per HTTP/2 connection`,
  );
  console.log(`load average (1 min) during the run: ${load.map((l) => l.toFixed(1)).join(" → ")}`);
  console.log(`opened ${opened} (refused ${failed}) in ${openSeconds.toFixed(1)} s`);
  console.log(
    "| node | downchannels opened | held (/metrics) | RSS before (MB) | RSS after (MB) | per 1,000 (MB) |",
  );
  console.log("|---|---|---|---|---|---|");
  cluster.nodes.forEach((node, i) => {
    console.log(
      `| ${node.id} | ${results[i]!.opened} | ${held[i]} | ${rssBefore[i]} | ${rssAfter[i]} | ${(((rssAfter[i]! - rssBefore[i]!) / results[i]!.opened) * 1000).toFixed(1)} |`,
    );
  });
  const bytes = redisAfter - redisBefore;
  console.log(
    `directory in Redis: ${entries} entries (${entriesLater} after 12 s of heartbeats), ${(bytes / 1024 / 1024).toFixed(1)} MB (${Math.round(bytes / Math.max(1, entries))} bytes per entry)`,
  );
} finally {
  for (const child of children) child.send({ type: "close" });
  redis.disconnect();
  await cluster.stop();
}
