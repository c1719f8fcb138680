// Text turns end to end (h2load → CIC → assistant → NLU → signed CEK call → dice extension)
// side by side with the bare chain, in one run, interleaved rounds, medians.
// Needs h2load (Debian nghttp2-client). Run: node --conditions=@clover/source --import tsx bench/cic/turns.ts
import { type ChildProcess, execFile, fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const execArgv = ["--conditions=@clover/source", "--import", "tsx"];
const rounds = Number(process.env["ROUNDS"] ?? 5);
const requests = Number(process.env["REQUESTS"] ?? 3000);
const clients = Number(process.env["CLIENTS"] ?? 16);
const dir = mkdtempSync(join(tmpdir(), "clover-turns-"));

function start(
  file: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  // CPU_PROF=<dir>: write a --cpu-prof profile of each server (summarize with
  // bench/profile-summary.mjs).
  const prof = process.env["CPU_PROF"];
  const child = fork(file, [], {
    execArgv: prof ? [...execArgv, "--cpu-prof", `--cpu-prof-dir=${prof}`] : execArgv,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.on(
      "message",
      (m: { type: string; port: number }) => m.type === "ready" && resolve({ child, port: m.port }),
    );
    child.on("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

async function startDice(): Promise<{ child: ChildProcess; url: string }> {
  const port = 30000 + Math.floor(Math.random() * 20000);
  const child = fork(
    fileURLToPath(new URL("../../examples/dice/src/server.ts", import.meta.url)),
    [],
    {
      execArgv,
      env: { ...process.env, PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit", "ipc"],
    },
  );
  await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
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

async function load(port: number, label: string) {
  const log = join(dir, `${label}.log`);
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
  const rps = Number(/finished in [\d.]+\w+, ([\d.]+) req\/s/.exec(stdout)?.[1]);
  const ok = Number(/status codes: (\d+) 2xx/.exec(stdout)?.[1]);
  const durations = readFileSync(log, "utf8")
    .trim()
    .split("\n")
    .map((line) => Number(line.split("\t")[2]) / 1000)
    .sort((a, b) => a - b);
  const pct = (p: number) =>
    durations[Math.min(durations.length - 1, Math.floor(p * durations.length))]!;
  return { rps, ok, p50: pct(0.5), p99: pct(0.99) };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const dice = await startDice();
const clover = await start(here("./clover-server.ts"), { DICE_URL: dice.url });
const bare = await start(here("./bare-chain.ts"), { DICE_URL: dice.url });
const results: Record<string, { rps: number; ok: number; p50: number; p99: number }[]> = {
  clover: [],
  bare: [],
};
try {
  await load(clover.port, "warm-clover");
  await load(bare.port, "warm-bare");
  for (let round = 0; round < rounds; round++) {
    results["bare"]!.push(await load(bare.port, `bare-${round}`));
    results["clover"]!.push(await load(clover.port, `clover-${round}`));
  }
} finally {
  for (const child of [dice.child, clover.child, bare.child]) child.kill();
  rmSync(dir, { recursive: true, force: true });
}
const summary = (label: string) => {
  const list = results[label]!;
  return {
    rps: median(list.map((r) => r.rps)),
    p50: median(list.map((r) => r.p50)),
    p99: median(list.map((r) => r.p99)),
    ok: Math.min(...list.map((r) => r.ok)),
  };
};
const c = summary("clover");
const b = summary("bare");
console.log(`| chain | turns/s | p50 (ms) | p99 (ms) | 2xx per round |`);
console.log(`| --- | --- | --- | --- | --- |`);
console.log(
  `| bare chain (parse, sign, POST) | ${b.rps.toFixed(0)} | ${b.p50.toFixed(2)} | ${b.p99.toFixed(2)} | ${b.ok}/${requests} |`,
);
console.log(
  `| Clover (CIC → assistant → NLU → CEK) | ${c.rps.toFixed(0)} | ${c.p50.toFixed(2)} | ${c.p99.toFixed(2)} | ${c.ok}/${requests} |`,
);
console.log(
  `\nthroughput ratio ${(c.rps / b.rps).toFixed(2)} (target >= 0.60), p99 ratio ${(c.p99 / b.p99).toFixed(2)} (target <= 1.5); medians of ${rounds} interleaved rounds, h2load -c ${clients} -m 1, ${requests} requests each`,
);
