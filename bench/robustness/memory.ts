// Memory kept per turn (issue "Reliability", item 9): the server's RSS, after GC, before and
// after 1,200 text turns of 200 KB each (answered 413 by the utterance limit, 2,000
// characters) and, side by side in the same run, 1,200 turns just under the limit (1,990
// characters, each different: NLU, routing, turn log, signed CEK calls to the embedded dice).
// Run: npm run bench -- robustness-memory   (TURNS, DEVICES change the counts)
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { DeviceClient, logIn } from "@clover/device";

const TURNS = Number(process.env["TURNS"] ?? 1200);
const DEVICES = Number(process.env["DEVICES"] ?? 8);
const ADMIN = "memory-admin";
const MB = 1024 * 1024;

const child: ChildProcess = fork(fileURLToPath(new URL("memory-server.ts", import.meta.url)), [], {
  execArgv: ["--conditions=@clover/source", "--import", "tsx", "--expose-gc"],
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const ask = <T>(type: string) =>
  new Promise<T>((resolve) => {
    const on = (m: { type: string } & T) => {
      if (m.type !== type) return;
      child.off("message", on);
      resolve(m);
    };
    child.on("message", on);
    child.send({ type });
  });
const { url } = await new Promise<{ url: string }>((resolve) =>
  child.on("message", (m: { type: string; url: string }) => m.type === "ready" && resolve(m)),
);

const auth = { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" };
const created = await fetch(`${url}/api/v1/device-clients`, {
  method: "POST",
  headers: auth,
  body: JSON.stringify({ name: "memory" }),
});
const { clientId, clientSecret } = (await created.json()) as Record<string, string>;
const devices = await Promise.all(
  Array.from({ length: DEVICES }, async (_, i) => {
    const tokens = await logIn({
      url,
      clientId: clientId!,
      clientSecret: clientSecret!,
      deviceId: `memory-${i}`,
      modelId: "M-1",
    });
    const client = new DeviceClient({ url, accessToken: tokens.access_token });
    await client.openDownchannel();
    return client;
  }),
);

/** Random 8-letter words up to `length` characters (every text different). */
function text(prefix: string, length: number): string {
  const letters = randomBytes(Math.ceil((length * 3) / 4))
    .toString("base64")
    .replace(/[^a-z]/gi, "x")
    .replace(/(.{8})/g, "$1 ");
  return `${prefix} ${letters}`.slice(0, length);
}

async function phase(label: string, length: number) {
  const statuses = new Map<number, number>();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    devices.map(async (device) => {
      while (next < TURNS) {
        next++;
        const answer = await device.sendText(text("roll the dice", length));
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const after = await ask<{ rss: number; heapUsed: number }>("memory");
  return { label, statuses: Object.fromEntries(statuses), seconds, ...after };
}

// Warm-up: the models compile on the first turns; the baseline is taken after them.
for (const device of devices) await device.sendText("roll the dice");
const baseline = await ask<{ rss: number; heapUsed: number }>("memory");
const rows = [
  await phase("200 KB texts (over the limit)", 200 * 1024),
  await phase("1,990-character texts (under it)", 1990),
  await phase("200 KB texts again", 200 * 1024),
];
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(" ");
console.log(
  `\nmemory per turn — ${TURNS} turns per phase, ${DEVICES} devices, load average ${load}`,
);
console.log(
  `baseline (after warm-up, GC): RSS ${(baseline.rss / MB).toFixed(0)} MB, heap ${(baseline.heapUsed / MB).toFixed(0)} MB`,
);
console.log("| phase | statuses | turns/s | RSS after (GC) | vs baseline | heap used |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const r of rows)
  console.log(
    `| ${r.label} | ${JSON.stringify(r.statuses)} | ${(TURNS / r.seconds).toFixed(0)} | ${(r.rss / MB).toFixed(0)} MB | ${r.rss >= baseline.rss ? "+" : ""}${((r.rss - baseline.rss) / MB).toFixed(0)} MB | ${(r.heapUsed / MB).toFixed(0)} MB |`,
  );
for (const device of devices) device.close();
child.send({ type: "stop" });
