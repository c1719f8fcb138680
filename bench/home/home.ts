// Home control against custom extensions, in one run (npm run bench -- home):
//   1. a home turn (home NLU + target resolution + signed TurnOn/TurnOff to a real home
//      extension) against a custom turn (invocation + NLU + signed IntentRequest), interleaved;
//   2. recognition (home NLU + target resolution, the ability's recognize()) for a user with
//      500 appliances in 50 rooms, interleaved with a user with 3 appliances;
//   3. "turn off all the hallway lights": 20 lamps answering after 2–40 ms each, against a
//      turn to the slowest lamp alone, interleaved.
// Both extensions run on the SDK with signature verification, in their own process.
// SAMPLES, WARMUP (1), RECOGNITIONS (2) and GROUPS (3) in the environment change the counts.
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import type { HomeAbility } from "../../packages/server/src/abilities/home/index.js";
import { buildVocabulary } from "../../packages/server/src/abilities/home/index.js";
import type { DeviceInfo, TextTurn } from "../../packages/server/src/assistant/turn.js";
import { defineConfig } from "../../packages/server/src/config/index.js";
import { createPlatform } from "../../packages/server/src/platform.js";
import { GREEK, groupDelays, ROOMS } from "./homes.js";

const SAMPLES = Number(process.env.SAMPLES ?? 1000);
const RECOGNITIONS = Number(process.env.RECOGNITIONS ?? 20);
const GROUPS = Number(process.env.GROUPS ?? 100);
/** Turns of each path before the home/custom samples are timed. */
const WARMUP = Number(process.env.WARMUP ?? 50);
const HOME_ID = "com.example.bench.home";
const CUSTOM_ID = "com.example.bench.custom";

function quantiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { n: values.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted.at(-1)! };
}
type Q = ReturnType<typeof quantiles>;
const ms = (n: number) => `${n.toFixed(3)} ms`;
const row = (label: string, q: Q) =>
  console.log(
    `  ${label.padEnd(34)} p50 ${ms(q.p50)}  p90 ${ms(q.p90)}  p99 ${ms(q.p99)}  max ${ms(q.max)}  (n=${q.n})`,
  );
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** Interleaved timing of several paths (same load for each); warm-up first. */
async function sideBySide(
  paths: Record<string, (i: number) => Promise<unknown>>,
  samples: number,
  warmUp = 50,
): Promise<Record<string, Q>> {
  const entries = Object.entries(paths);
  for (let i = 0; i < warmUp; i++) for (const [, run] of entries) await run(i);
  const times = entries.map(() => [] as number[]);
  for (let i = 0; i < samples; i++)
    for (const [k, [, run]] of entries.entries()) {
      const t = performance.now();
      await run(i);
      times[k]!.push(performance.now() - t);
    }
  return Object.fromEntries(entries.map(([name], k) => [name, quantiles(times[k]!)]));
}

console.log(`node ${process.version}; load average at start: ${load()}\n`);

const child = fork(new URL("./extensions.ts", import.meta.url), {
  execArgv: ["--conditions=@clover/source", "--import", "tsx"],
  stdio: "inherit",
});
const dataDir = mkdtempSync(join(tmpdir(), "clover-bench-home-"));
const platform = await createPlatform(
  defineConfig({
    dataDir,
    adminToken: "bench",
    examples: "off",
    logLevel: "silent",
    cek: { extensionNetworks: "loopback" },
  }),
  { logger: pino({ level: "silent" }) },
);
child.send({ publicKey: platform.keys.active.publicKeyPem });
const port = await new Promise<number>((resolve) =>
  child.once("message", (m: { port: number }) => resolve(m.port)),
);
const origin = `http://127.0.0.1:${port}`;

const common = {
  invocationNames: {},
  messageVersion: "1.0" as const,
  legacyEndRequestType: false,
  usesAudioPlayer: false,
  enabledForAllUsers: true,
};
await platform.registry.create({
  id: CUSTOM_ID,
  displayName: "Bakery",
  endpointUrl: `${origin}/custom`,
  ...common,
});
await platform.registry.putModel(CUSTOM_ID, "en", {
  language: "en",
  invocation: { main: "bakery bot" },
  builtinIntents: ["Clova.GuideIntent", "Clova.YesIntent", "Clova.NoIntent"],
  intents: [
    {
      name: "StoreHours",
      slots: [],
      utterances: ["when are you open", "what are your opening hours", "are you open today"],
    },
    { name: "OrderBread", slots: [], utterances: ["order bread", "i want some bread"] },
  ],
});
const accountLinking = {
  authorizationUrl: `${origin}/oauth/authorize`,
  accessTokenUri: `${origin}/oauth/token`,
  clientId: "clover",
  clientSecret: "bench",
  clientAuthentication: "body" as const,
  scopes: [],
};
await platform.registry.create({
  id: HOME_ID,
  type: "home",
  displayName: "Bench Home",
  endpointUrl: `${origin}/home`,
  accountLinking,
  ...common,
});

/** Links a user through the platform's account linking; the code names the home. */
async function link(userId: string, home: string) {
  const { state } = await platform.linking.authorizationUrl(HOME_ID, accountLinking, userId);
  await platform.linking.completeRedirect(
    state,
    home,
    (id) => platform.registry.get(id)?.accountLinking,
  );
}
const device = (userId: string): DeviceInfo => ({
  clientId: "bench",
  deviceId: `speaker-${userId}`,
  userId,
  language: "en",
  locale: "en-US",
  display: { size: "none" },
});
let counter = 0;
const say = (text: string, userId: string): TextTurn => ({
  kind: "text",
  text,
  dialogRequestId: `b${++counter}`,
  device: device(userId),
});
const spoken = (result: { speech: { value: string }[] }) =>
  result.speech.map((s) => s.value).join(" ");

let started = performance.now();
await link("small", "small");
await link("group", "group");
console.log(`linking + discovery of 3 and 20 appliances: ${ms(performance.now() - started)}`);
started = performance.now();
await link("big", "big");
console.log(`linking + discovery of 500 appliances: ${ms(performance.now() - started)}`);

// Sanity: each path does what it should.
const check = async (text: string, userId: string, expected: RegExp) => {
  const answer = spoken(await platform.assistant.handleTurn(say(text, userId)));
  if (!expected.test(answer)) throw new Error(`"${text}" answered "${answer}"`);
};
await check("ask bakery bot when are you open", "small", /seven/);
await check("turn on the kitchen light", "small", /Turned on the kitchen light/);
await check("turn off all the hallway lights", "group", /20/);
await check("turn on the study ceiling light", "big", /Turned on the study ceiling light/);

// 1. Home turn vs custom turn.
console.log(`\n1. home turn vs custom turn, ${SAMPLES} interleaved sequential turns each`);
const turns = await sideBySide(
  {
    "custom turn (ask bakery bot …)": () =>
      platform.assistant.handleTurn(say("ask bakery bot when are you open", "small")),
    "home turn (turn on/off the kitchen …)": (i) =>
      platform.assistant.handleTurn(say(`turn ${i % 2 ? "off" : "on"} the kitchen light`, "small")),
  },
  SAMPLES,
  WARMUP,
);
for (const [name, q] of Object.entries(turns)) row(name, q);
const [custom, home] = Object.values(turns) as [Q, Q];
console.log(
  `  home / custom: p50 ${(home.p50 / custom.p50).toFixed(2)}×, p99 ${(home.p99 / custom.p99).toFixed(2)}×; home - custom: p50 ${ms(home.p50 - custom.p50)}, p99 ${ms(home.p99 - custom.p99)}`,
);

// 2. Recognition with 500 appliances in 50 rooms.
const ability = platform.abilities.get("ability:home") as unknown as HomeAbility;
const templates = [
  (r: string) => `turn on the ${r} ceiling light`,
  (r: string) => `set the ${r} air conditioner to 22 degrees`,
  (r: string) => `turn off all the lights in the ${r}`,
  (r: string) => `dim the ${r} floor lamp to 30 percent`,
  (r: string) => `what's the temperature in the ${r}`,
  (r: string) => `open the ${r} curtains`,
  (r: string) => `turn the ${r} tv up`,
  (r: string) => `switch off the ${r} lights`,
];
const bigTexts = ROOMS.flatMap((room) => templates.map((t) => t(room.name)));
bigTexts.push("what's the weather tomorrow", "play some jazz", "set a timer for ten minutes");
const smallTexts = [
  "turn on the kitchen light",
  "set the bedroom lamp to 40 percent",
  "turn off all the lights",
  "how much power did the desk plug use today",
  "what's the weather tomorrow",
];
let understood = 0;
for (const text of bigTexts) if (await ability.recognize(text, device("big"))) understood++;
console.log(
  `\n2. recognition (home NLU + target resolution), ${RECOGNITIONS} rounds of ${bigTexts.length} utterances (${understood} of them home commands)`,
);
const bigTimes: number[] = [];
const smallTimes: number[] = [];
for (let round = 0; round < RECOGNITIONS + 2; round++)
  for (const [i, text] of bigTexts.entries()) {
    let t = performance.now();
    await ability.recognize(text, device("big"));
    if (round >= 2) bigTimes.push(performance.now() - t);
    const small = smallTexts[i % smallTexts.length]!;
    t = performance.now();
    await ability.recognize(small, device("small"));
    if (round >= 2) smallTimes.push(performance.now() - t);
  }
row("500 appliances, 50 rooms", quantiles(bigTimes));
row("3 appliances", quantiles(smallTimes));
const builds: number[] = [];
const stored = await ability.store.forUser("big");
for (let i = 0; i < 20; i++) {
  const t = performance.now();
  buildVocabulary(stored, "en");
  builds.push(performance.now() - t);
}
row("vocabulary build, 500 appliances", quantiles(builds));

// 3. A group command over 20 lamps of varied latency.
const delays = groupDelays();
const slowest = Math.max(...delays.values());
const slowestLamp = GREEK[[...delays.values()].indexOf(slowest)]!;
console.log(
  `\n3. group command over 20 lamps answering after ${Math.min(...delays.values())}–${slowest} ms (slowest: the ${slowestLamp} lamp), ${GROUPS} interleaved turns each`,
);
const groups = await sideBySide(
  {
    "turn on/off all the hallway lights": (i) =>
      platform.assistant.handleTurn(
        say(`turn ${i % 2 ? "off" : "on"} all the hallway lights`, "group"),
      ),
    [`turn on/off the ${slowestLamp} lamp`]: (i) =>
      platform.assistant.handleTurn(
        say(`turn ${i % 2 ? "off" : "on"} the ${slowestLamp} lamp`, "group"),
      ),
  },
  GROUPS,
  10,
);
for (const [name, q] of Object.entries(groups)) row(name, q);
const [group, single] = Object.values(groups) as [Q, Q];
console.log(
  `  group - slowest device's delay (${slowest} ms): p50 ${ms(group.p50 - slowest)}, p99 ${ms(group.p99 - slowest)} (target ≤ 5 ms)`,
);
console.log(
  `  group - single turn to the slowest lamp: p50 ${ms(group.p50 - single.p50)}, p99 ${ms(group.p99 - single.p99)}`,
);

console.log(`\nload average at end: ${load()}`);
child.kill();
await platform.close();
rmSync(dataDir, { recursive: true, force: true });
