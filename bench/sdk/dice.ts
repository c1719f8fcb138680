// Requests/s and p99 latency of the dice extension over HTTP, side by side in one run:
//   clover — the dice example on @clover/sdk's node:http adapter
//   line   — the same extension on @line/clova-cek-sdk-nodejs + Express
//   bare   — node:http answering a fixed JSON body (the ceiling)
//   json   — node:http that parses the body and stringifies a fixed answer (JSON cost alone)
// Each server runs in its own process; wrk (Debian package `wrk`) drives it with -c10,
// rounds interleaved, medians reported.
//   node --conditions=@clover/source --import tsx bench/sdk/dice.ts [rounds] [seconds]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { requests, type ServerProcess, startServerProcess } from "@clover/sdk";

const rounds = Number(process.argv[2] ?? 5);
const seconds = Number(process.argv[3] ?? 5);
const here = fileURLToPath(new URL(".", import.meta.url));

try {
  execFileSync("wrk", ["--version"], { stdio: "ignore" });
} catch (error) {
  // wrk prints its version and exits 1; only a missing binary is a problem.
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    console.error("wrk is not installed: apt-get install -y wrk");
    process.exit(1);
  }
}

const body = JSON.stringify(
  requests.intent(
    "ThrowDiceIntent",
    { diceCount: "3" },
    {
      applicationId: "com.clover.example.dice",
      sessionAttributes: { lastCount: 1 },
      locale: "en-US",
    },
  ),
);
const dir = mkdtempSync(join(tmpdir(), "sdk-bench-"));
const script = join(dir, "post.lua");
writeFileSync(
  script,
  [
    'wrk.method = "POST"',
    'wrk.headers["Content-Type"] = "application/json;charset=UTF-8"',
    `wrk.body = ${JSON.stringify(body)}`,
  ].join("\n"),
);

interface Sample {
  rps: number;
  p99ms: number;
  /** Server CPU time (user + system) per request: robust when the machine is shared. */
  cpuUs: number;
}

/** utime + stime of a process in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function toMs(value: string, unit: string): number {
  const n = Number(value);
  return unit === "us" ? n / 1000 : unit === "s" ? n * 1000 : n;
}

function runWrk(server: ServerProcess, duration: number): Sample {
  const url = server.url;
  const cpuBefore = cpuMs(server.pid);
  const out = execFileSync(
    "wrk",
    ["-t1", "-c10", `-d${duration}s`, "--latency", "-s", script, url],
    { encoding: "utf8" },
  );
  const cpu = cpuMs(server.pid) - cpuBefore;
  const total = /(\d+) requests in/.exec(out);
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  if (!rps || !p99 || !total) throw new Error(`cannot read wrk output:\n${out}`);
  if (non2xx) throw new Error(`${url} answered ${non2xx[1]} errors:\n${out}`);
  return {
    rps: Number(rps[1]),
    p99ms: toMs(p99[1]!, p99[2]!),
    cpuUs: (cpu * 1000) / Number(total[1]),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const names = ["clover", "line", "bare", "json"] as const;
const servers: Record<string, ServerProcess> = {};
try {
  for (const name of names) {
    servers[name] = await startServerProcess({ script: join(here, "servers", `${name}.ts`) });
    const check = await fetch(servers[name].url, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
    });
    const json = (await check.json()) as { response?: { outputSpeech?: unknown } };
    if (check.status !== 200 || !json.response?.outputSpeech)
      throw new Error(`${name} did not answer the dice request`);
  }
  for (const name of names) runWrk(servers[name]!, 1); // warm up the JIT
  const samples: Record<string, Sample[]> = { clover: [], line: [], bare: [], json: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const name of names) {
      const s = runWrk(servers[name]!, seconds);
      samples[name]!.push(s);
      const rps = s.rps.toFixed(0).padStart(7);
      console.log(
        `round ${round} ${name.padEnd(6)} ${rps} req/s  p99 ${s.p99ms.toFixed(2)} ms  cpu ${s.cpuUs.toFixed(1)} us/req`,
      );
    }
  }
  const of = (n: string, key: keyof Sample) => median(samples[n]!.map((s) => s[key]));
  const result = Object.fromEntries(
    names.map((n) => [n, { rps: of(n, "rps"), p99ms: of(n, "p99ms"), cpuUs: of(n, "cpuUs") }]),
  ) as Record<(typeof names)[number], Sample>;
  console.log(
    `\nmedians over ${rounds} rounds of ${seconds}s, wrk -t1 -c10, body ${body.length} bytes`,
  );
  console.log("server    req/s   p99 ms  server CPU us/req");
  for (const n of names) {
    const r = result[n];
    const cols = [
      r.rps.toFixed(0).padStart(7),
      r.p99ms.toFixed(2).padStart(7),
      r.cpuUs.toFixed(1).padStart(8),
    ];
    console.log(`${n.padEnd(7)} ${cols.join("  ")}`);
  }
  const { clover, line, bare, json } = result;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`\nthroughput: clover/line ${(clover.rps / line.rps).toFixed(2)}x (target >= 2x)`);
  console.log(`            clover/bare ${pct(clover.rps / bare.rps)} (target >= 85%)`);
  console.log(`            clover/json ${pct(clover.rps / json.rps)}`);
  const cpu = (other: Sample) => `${(other.cpuUs / clover.cpuUs).toFixed(2)}x`;
  console.log(`CPU per request vs clover: line ${cpu(line)}, bare ${cpu(bare)}, json ${cpu(json)}`);
} finally {
  for (const server of Object.values(servers)) await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
