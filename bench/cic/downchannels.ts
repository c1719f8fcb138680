// Downchannel capacity: RSS of the server holding 1k/5k/10k open downchannels, side by side
// with a bare node:http2 server holding the same number of idle streams, and the p99 time to
// push a directive to one device. Run: node --conditions=@clover/source --import tsx bench/cic/downchannels.ts [devices]
// (or npm run bench -- cic-downchannels [devices]; PUSHES changes the number of pushes).
import { type ChildProcess, fork } from "node:child_process";
import http2 from "node:http2";
import { fileURLToPath } from "node:url";

const total = Number(process.argv[2] ?? 10_000);
/** Directives pushed to random open downchannels (PUSHES, default 1,000). */
const pushes = Number(process.env["PUSHES"] ?? 1000);
const perConnection = 500;
// RSS is sampled at these counts of open downchannels, the last one always `total` (a run
// below 1,000 used to open none and then wait forever for a push to a device never opened).
const marks = [...new Set([...[1_000, 5_000, 10_000].filter((m) => m < total), total])];

type Message = { type: string; [key: string]: unknown };

function start(mode: string) {
  const child = fork(
    fileURLToPath(new URL("./downchannel-server.ts", import.meta.url)),
    [mode, String(total)],
    {
      execArgv: ["--conditions=@clover/source", "--import", "tsx", "--expose-gc"],
    },
  );
  const next = (type: string) =>
    new Promise<Message>((resolve) => {
      const on = (m: Message) => {
        if (m.type === type) {
          child.off("message", on);
          resolve(m);
        }
      };
      child.on("message", on);
    });
  return { child, next };
}

async function rssOf(child: ChildProcess, next: (t: string) => Promise<Message>) {
  const reply = next("rss");
  child.send({ type: "rss" });
  return Math.round(Number((await reply)["rss"]) / 1024 / 1024);
}

async function run(mode: string) {
  const { child, next } = start(mode);
  const ready = await next("ready");
  const port = Number(ready["port"]);
  const tokens = ready["tokens"] as string[];
  const sessions: http2.ClientHttp2Session[] = [];
  const rss: Record<number, number> = { 0: await rssOf(child, next) };
  const received = new Map<number, (at: number) => void>();
  let opened = 0;
  for (const mark of marks) {
    while (opened < mark) {
      if (opened % perConnection === 0) sessions.push(http2.connect(`http://127.0.0.1:${port}`));
      const session = sessions.at(-1)!;
      const device = opened;
      const stream = session.request({
        ":method": "GET",
        ":path": "/v1/directives",
        authorization: `Bearer ${tokens[device]}`,
      });
      await new Promise<void>((resolve) => stream.once("response", () => resolve()));
      stream.on("data", (chunk: Buffer) => {
        const match = /"sentAt":([\d.]+)/.exec(chunk.toString());
        if (match)
          received.get(device)?.(performance.timeOrigin + performance.now() - Number(match[1]));
      });
      opened++;
    }
    await new Promise((r) => setTimeout(r, 500));
    rss[mark] = await rssOf(child, next);
  }
  const latencies: number[] = [];
  if (mode === "clover") {
    for (let i = 0; i < pushes; i++) {
      const device = Math.floor(Math.random() * opened);
      const arrived = new Promise<number>((resolve) => received.set(device, resolve));
      const pushed = next("pushed");
      child.send({ type: "push", device });
      // A push that found no downchannel never arrives: say so instead of waiting forever.
      if (!(await pushed)["ok"])
        throw new Error(`the push to device ${device} found no downchannel`);
      latencies.push(await arrived);
      received.delete(device);
    }
  }
  for (const session of sessions) session.destroy();
  child.kill();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  return { rss, p50: pct(0.5), p99: pct(0.99) };
}

const bare = await run("bare");
const clover = await run("clover");
console.log(`| open downchannels | bare node:http2 RSS (MB) | Clover RSS (MB) | ratio |`);
console.log(`| --- | --- | --- | --- |`);
for (const mark of [0, ...marks]) {
  const b = bare.rss[mark]!;
  const c = clover.rss[mark]!;
  console.log(`| ${mark} | ${b} | ${c} | ${(c / b).toFixed(2)} |`);
}
console.log(
  `\npush to one of ${total} open downchannels: p50 ${clover.p50.toFixed(2)} ms, p99 ${clover.p99.toFixed(2)} ms (${pushes.toLocaleString("en-US")} pushes)`,
);
