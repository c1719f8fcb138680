// Text turns end to end (h2load → CIC → assistant → NLU → signed CEK call → dice extension)
// side by side with the bare chain, in one run, interleaved rounds, medians.
// Needs h2load (Debian nghttp2-client). Run: node --conditions=@clover/source --import tsx bench/cic/turns.ts
import { type ChildProcess, execFile, fork } from "node:child_process";
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ServerStats } from "./server-stats.js";

const run = promisify(execFile);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const execArgv = ["--conditions=@clover/source", "--import", "tsx"];
const rounds = Number(process.env["ROUNDS"] ?? 5);
const requests = Number(process.env["REQUESTS"] ?? 3000);
const clients = Number(process.env["CLIENTS"] ?? 16);
const dir = mkdtempSync(join(tmpdir(), "clover-turns-"));

let servers = 0;

function start(
  file: string,
  env: Record<string, string> = {},
  nodeOptions: string[] = [],
): Promise<{ child: ChildProcess; port: number }> {
  // CPU_PROF=<dir>: write a --cpu-prof profile of each server (summarize with
  // bench/profile-summary.mjs).
  // SERVER_NODE_OPTIONS="--perf-basic-prof": more node options for the servers (e.g. for
  // `perf record -g -p <pid>`; each server's pid is printed on stderr).
  const prof = process.env["CPU_PROF"];
  // SERVER_STDOUT_DIR=<dir>: each server's standard output into <dir>/<pid>.log (e.g. with
  // SERVER_NODE_OPTIONS="--trace-gc").
  const more = [
    ...(process.env["SERVER_NODE_OPTIONS"] ?? "").split(" ").filter(Boolean),
    ...nodeOptions,
  ];
  const outDir = process.env["SERVER_STDOUT_DIR"];
  const log = outDir && join(outDir, `server-${++servers}.log`);
  if (log) console.error(`${file}: standard output in ${log}`);
  const out = log ? openSync(log, "w") : "ignore";
  const child = fork(file, [], {
    execArgv: [...execArgv, ...more, ...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : [])],
    env: { ...process.env, ...env },
    stdio: ["ignore", out, "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.on("message", (m: { type: string; port: number }) => {
      if (m.type !== "ready") return;
      if (more.length > 0) console.error(`${file}: pid ${child.pid}`);
      resolve({ child, port: m.port });
    });
    child.on("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

async function startDice(): Promise<{ child: ChildProcess; url: string }> {
  // An ephemeral port; the extension prints the URL it listens on.
  const child = fork(
    fileURLToPath(new URL("../../examples/dice/src/server.ts", import.meta.url)),
    [],
    {
      execArgv,
      env: { ...process.env, PORT: "0" },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    },
  );
  const line = await new Promise<string>((resolve) =>
    child.stdout!.once("data", (data: Buffer) => resolve(String(data))),
  );
  const port = /:(\d+)/.exec(line)?.[1];
  if (!port) throw new Error(`the dice extension said ${JSON.stringify(line)}`);
  return { child, url: `http://127.0.0.1:${port}` };
}

const boundary = "bench";
const metadata = JSON.stringify({
  context: [],
  event: {
    header: {
      namespace: "TextRecognizer",
      name: "Recognize",
      messageId: "m",
      dialogRequestId: "d",
    },
    payload: { text: "ask dice to roll three dice" },
  },
});
writeFileSync(
  join(dir, "body"),
  `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n${metadata}\r\n--${boundary}--\r\n`,
);

/** CPU time (ns) of each thread of a process, from /proc/<pid>/task/<tid>/schedstat (Linux). */
function threadCpu(pid: number): Map<string, number> {
  const cpu = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      cpu.set(
        tid,
        Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]),
      );
    } catch {} // the thread ended meanwhile
  }
  return cpu;
}

/**
 * CPU µs per turn over a round, split into the main thread, the busiest other thread (the
 * signing worker on the Clover side) and all threads together (V8 helpers, libuv pool too):
 * independent of the machine's load, unlike the throughput.
 */
function cpuPerTurn(pid: number, before: Map<string, number>, turns: number) {
  const after = threadCpu(pid);
  let main = 0;
  let busiest = 0;
  let total = 0;
  for (const [tid, ns] of after) {
    const delta = ns - (before.get(tid) ?? 0);
    total += delta;
    if (tid === String(pid)) main = delta;
    else busiest = Math.max(busiest, delta);
  }
  const us = (ns: number) => ns / 1000 / turns;
  return { main: us(main), worker: us(busiest), total: us(total) };
}

/** The server's figures since its last answer (server-stats.ts); undefined from a build without it. */
function askStats(child: ChildProcess, warm: boolean): Promise<ServerStats | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), 5000);
    const done = (stats: ServerStats | undefined) => {
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(stats);
    };
    const onMessage = (m: ServerStats) => {
      if (m.type === "stats") done(m);
    };
    child.on("message", onMessage);
    child.send({ type: "stats", warm });
  });
}

/**
 * GC figures of a round: collections and pause time per 1,000 turns, bytes allocated and
 * promoted per turn, and how often the slowest 1% of the turns were in flight during a pause of
 * each kind, beside how often any turn was (a pause the tail does not meet more often than the
 * body is not what makes the tail).
 */
function gcFigures(stats: ServerStats | undefined, turns: { start: number; ms: number }[]) {
  if (!stats) return undefined;
  const per1000 = (n: number) => (n * 1000) / turns.length;
  /** How many turns of a list were in flight during a pause of that kind. */
  const during = (list: typeof turns, kind: string) => {
    const pauses = stats.pauses.filter((p) => p.kind === kind);
    return list.filter((t) =>
      pauses.some((p) => p.start < t.start + t.ms && p.start + p.ms > t.start),
    ).length;
  };
  const slowest = [...turns].sort((a, b) => b.ms - a.ms).slice(0, Math.ceil(turns.length / 100));
  const count = (kind: string) => stats.pauses.filter((p) => p.kind === kind).length;
  const asyncPerTurn = Object.fromEntries(
    Object.entries(stats.async).map(([type, n]) => [type, n / turns.length]),
  );
  return {
    scavenges: per1000(count("scavenge")),
    markCompacts: count("mark-compact"),
    pauseMs: per1000(stats.pauses.reduce((sum, p) => sum + p.ms, 0)),
    allocatedKb: stats.allocated / 1024 / turns.length,
    promotedKb: stats.promoted / 1024 / turns.length,
    oldMb: stats.oldAfter / 1024 / 1024,
    slowest: slowest.length,
    turns: turns.length,
    slowInScavenge: during(slowest, "scavenge"),
    allInScavenge: during(turns, "scavenge"),
    slowInMarkCompact: during(slowest, "mark-compact"),
    allInMarkCompact: during(turns, "mark-compact"),
    asyncPerTurn,
  };
}

async function load(port: number, label: string, child: ChildProcess) {
  const pid = child.pid!;
  const log = join(dir, `${label}.log`);
  await askStats(child, label.startsWith("warm")); // the figures from here on are this round's
  const before = threadCpu(pid);
  const { stdout } = await run(
    "h2load",
    [
      "-n",
      String(requests),
      "-c",
      String(clients),
      "-m",
      "1",
      "-d",
      join(dir, "body"),
      "-H",
      `content-type: multipart/form-data; boundary=${boundary}`,
      "-H",
      "authorization: Bearer bench",
      "--log-file",
      log,
      `http://127.0.0.1:${port}/v1/events`,
    ],
    { maxBuffer: 1 << 24 },
  );
  const cpu = cpuPerTurn(pid, before, requests);
  const stats = await askStats(child, label.startsWith("warm"));
  const rps = Number(/finished in [\d.]+\w+, ([\d.]+) req\/s/.exec(stdout)?.[1]);
  const ok = Number(/status codes: (\d+) 2xx/.exec(stdout)?.[1]);
  // h2load's log: start (µs since the epoch), status, duration (µs) of each request.
  const turns = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((line) => {
      const [start, , duration] = line.split("\t");
      return { start: Number(start) / 1000, ms: Number(duration) / 1000 };
    });
  const durations = turns.map((t) => t.ms).sort((a, b) => a - b);
  const pct = (p: number) =>
    durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]!;
  return { rps, ok, p50: pct(0.5), p99: pct(0.99), cpu, gc: gcFigures(stats, turns) };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dice = await startDice();
// The dice sessions' listening windows close after the run unless SESSION_TIMEOUT_MS says
// otherwise (see clover-server.ts; CLOVER_SESSION_TIMEOUT_MS's default is 8000).
const cloverEnv = {
  DICE_URL: dice.url,
  CLOVER_SESSION_TIMEOUT_MS: process.env["SESSION_TIMEOUT_MS"] ?? "3600000",
};
const clover = await start(here("./clover-server.ts"), cloverEnv);
const bare = await start(here("./bare-chain.ts"), { DICE_URL: dice.url });
// BEFORE_SERVER=<another checkout's bench/cic/clover-server.ts>: a third contender in the same
// interleaved rounds (a change measured against the code before it). Several, separated by
// commas, for a bisection: each one more contender in the same rounds.
// An entry may carry node options and NAME=value environment variables after the file,
// separated by spaces (e.g. the same clover-server.ts with "--max-semi-space-size=32": V8
// settings compared in the same rounds).
const beforeFiles = (process.env["BEFORE_SERVER"] ?? "").split(",").filter(Boolean);
const befores: { child: ChildProcess; port: number }[] = [];
for (const entry of beforeFiles) {
  const [file, ...options] = entry.trim().split(/\s+/);
  // NAME=value words are environment variables of that contender, the others node options.
  const vars = Object.fromEntries(
    options
      .filter((o) => /^[A-Z_]+=/.test(o))
      .map((o) => [o.split("=")[0]!, o.slice(o.indexOf("=") + 1)]),
  );
  const flags = options.filter((o) => !/^[A-Z_]+=/.test(o));
  befores.push(await start(file!, { ...cloverEnv, ...vars }, flags));
}
type Round = Awaited<ReturnType<typeof load>>;
const results: Record<string, Round[]> = { clover: [], bare: [] };
for (let i = 0; i < befores.length; i++) results[`before-${i}`] = [];
const loadBefore = loadavg()[0]!;
try {
  await load(clover.port, "warm-clover", clover.child);
  await load(bare.port, "warm-bare", bare.child);
  for (const [i, b] of befores.entries()) await load(b.port, `warm-before-${i}`, b.child);
  for (let round = 0; round < rounds; round++) {
    results["bare"]!.push(await load(bare.port, `bare-${round}`, bare.child));
    results["clover"]!.push(await load(clover.port, `clover-${round}`, clover.child));
    for (const [i, b] of befores.entries())
      results[`before-${i}`]!.push(await load(b.port, `before-${i}-${round}`, b.child));
  }
} finally {
  for (const child of [dice.child, clover.child, bare.child, ...befores.map((b) => b.child)])
    child.kill();
  rmSync(dir, { recursive: true, force: true });
}
const summary = (label: string) => {
  const list = results[label]!;
  return {
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    ok: Math.min(...list.map((r) => r.ok)),
    main: median(list.map((r) => r.cpu.main)),
    worker: median(list.map((r) => r.cpu.worker)),
    total: median(list.map((r) => r.cpu.total)),
  };
};
const c = summary("clover");
const b = summary("bare");
const loadAfter = loadavg()[0]!;
console.log(
  "| chain | turns/s | p50 (ms) | p99 (ms) | 2xx per round | CPU µs/turn: main thread | busiest other thread | all threads |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
const row = (label: string, r: ReturnType<typeof summary>) =>
  `| ${label} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} | ${r.ok}/${requests} | ${r.main.toFixed(0)} | ${r.worker.toFixed(0)} | ${r.total.toFixed(0)} |`;
console.log(row("bare chain (parse, sign, POST)", b));
console.log(row("Clover (CIC → assistant → NLU → CEK)", c));
for (const [i, file] of beforeFiles.entries()) {
  const o = summary(`before-${i}`);
  const label = beforeFiles.length === 1 ? "Clover before the change" : `before ${i + 1}: ${file}`;
  console.log(row(label, o));
  console.log(
    `\n${beforeFiles.length === 1 ? "before the change" : `before ${i + 1}`}: throughput ratio ${(o.rps / b.rps).toFixed(2)}, p99 ratio ${(o.p99 / b.p99).toFixed(2)}`,
  );
}
// Garbage collection and allocation per contender, medians of the rounds (server-stats.ts).
const gcRow = (label: string) => {
  const list = results[label]!.map((r) => r.gc).filter((g) => g !== undefined);
  if (list.length === 0) return `| ${label} | (no figures from this build) |`;
  const m = (f: (g: (typeof list)[number]) => number, digits = 1) =>
    median(list.map(f)).toFixed(digits);
  const types = [...new Set(list.flatMap((g) => Object.keys(g.asyncPerTurn)))].sort();
  const async = types.map((t) => `${t} ${m((g) => g.asyncPerTurn[t] ?? 0)}`).join(", ");
  // Mark-compacts are rare (a few per run): counted over all rounds, and the turns they met
  // pooled over all rounds, like the scavenges'.
  const sum = (f: (g: (typeof list)[number]) => number) => list.reduce((a, g) => a + f(g), 0);
  const share = (hit: number, of: number) => `${((100 * hit) / Math.max(1, of)).toFixed(0)}%`;
  const slow = sum((g) => g.slowest);
  const all = sum((g) => g.turns);
  return `| ${label} | ${m((g) => g.scavenges)} / ${sum((g) => g.markCompacts)} in ${list.length} rounds | ${m((g) => g.pauseMs)} | ${m((g) => g.allocatedKb)} | ${m((g) => g.promotedKb, 2)} | ${m((g) => g.oldMb)} | ${share(
    sum((g) => g.slowInScavenge),
    slow,
  )} / ${share(
    sum((g) => g.allInScavenge),
    all,
  )} | ${share(
    sum((g) => g.slowInMarkCompact),
    slow,
  )} / ${share(
    sum((g) => g.allInMarkCompact),
    all,
  )} | ${async || "—"} |`;
};
console.log(
  "\n| chain | scavenges per 1,000 turns / mark-compacts in all | GC pause ms per 1,000 turns | KB allocated per turn | KB promoted per turn | old generation MB (end of round) | slowest 1% / all turns in flight during a scavenge (all rounds) | … during a mark-compact | async resources per turn (COUNT_ASYNC=1) |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
console.log(gcRow("bare"));
console.log(gcRow("clover"));
for (let i = 0; i < beforeFiles.length; i++) console.log(gcRow(`before-${i}`));
console.log(
  `\nthroughput ratio ${(c.rps / b.rps).toFixed(2)} (target >= 0.85), p99 ratio ${(c.p99 / b.p99).toFixed(2)} (target <= 1.3); medians of ${rounds} interleaved rounds, h2load -c ${clients} -m 1, ${requests} requests each; load average ${loadBefore.toFixed(1)} -> ${loadAfter.toFixed(1)}`,
);
