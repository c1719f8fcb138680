// Validations per second for a typical CEK IntentRequest and a typical response:
// TypeBox's compiled validators (what @clover/protocol uses) side by side with Ajv 8
// compiling the same exported JSON Schema, plus the full normalize step.
//   node --conditions=@clover/source --import tsx bench/protocol/validate.ts [rounds]
import { readFileSync } from "node:fs";
import {
  AcceptedCekRequestMessage,
  AcceptedCekResponseMessage,
  CekRequestMessage,
  CekResponseMessage,
  jsonSchemaOf,
  type MessageCodec,
  normalizeCekRequest,
  normalizeCekResponse,
} from "@clover/protocol";
import type { TSchema } from "@sinclair/typebox";
import { Ajv } from "ajv";

const fixture = (path: string): unknown =>
  JSON.parse(
    readFileSync(
      new URL(`../../packages/protocol/test/fixtures/cek/${path}`, import.meta.url),
      "utf8",
    ),
  );
const intentRequest = fixture("request/spec-3.9-one-shot-intent-request.json");
const response = fixture("response/spec-4.8-reprompt.json");
// Older shapes that take the full normalization path.
const legacyRequest = structuredClone(fixture("request/seed-0.1.0-intent-request.json")) as {
  request: { intent: { slots: Record<string, { value: unknown }> } };
};
legacyRequest.request.intent.slots.count = { value: 3 };
const { sessionAttributes, ...legacyResponse } = response as Record<string, unknown>;
Object.assign(legacyResponse, { sessionAttibutes: sessionAttributes });

const ajv = new Ajv({ allErrors: false });
const withAjv = (codec: MessageCodec<TSchema>) => ajv.compile(jsonSchemaOf(codec));

interface Candidate {
  readonly message: string;
  readonly name: string;
  readonly run: (value: unknown) => unknown;
}

function pair(message: string, codec: MessageCodec<TSchema>): Candidate[] {
  const ajvCheck = withAjv(codec);
  return [
    { message, name: `typebox ${codec.name}`, run: (v: unknown) => codec.is(v) },
    { message, name: `ajv     ${codec.name}`, run: (v: unknown) => ajvCheck(v) },
  ];
}

const candidates: [Candidate, unknown][] = [
  ...pair("IntentRequest", CekRequestMessage).map((c) => [c, intentRequest]),
  ...pair("IntentRequest", AcceptedCekRequestMessage).map((c) => [c, intentRequest]),
  [
    { message: "IntentRequest", name: "normalizeCekRequest", run: normalizeCekRequest },
    intentRequest,
  ],
  ...pair("response", CekResponseMessage).map((c) => [c, response]),
  ...pair("response", AcceptedCekResponseMessage).map((c) => [c, response]),
  [{ message: "response", name: "normalizeCekResponse", run: normalizeCekResponse }, response],
  [
    { message: "0.1.0 request", name: "normalizeCekRequest", run: normalizeCekRequest },
    legacyRequest,
  ],
  [
    { message: "0.1.0 response", name: "normalizeCekResponse", run: normalizeCekResponse },
    legacyResponse,
  ],
] as [Candidate, unknown][];

/** Operations per second over about `ms` milliseconds. */
for (const [c, v] of candidates) {
  const result = c.run(v) as boolean | { ok: boolean };
  if (result !== true && (typeof result !== "object" || !result.ok))
    throw new Error(`${c.name} rejects the ${c.message} sample`);
}

function measure(run: (v: unknown) => unknown, value: unknown, ms: number): number {
  let sink = 0;
  let ops = 0;
  let batch = 1000;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(ms * 1e6);
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < batch; i++) if (run(value)) sink++;
    ops += batch;
    batch = Math.min(batch * 2, 100_000);
    now = process.hrtime.bigint();
  }
  if (sink < 0) console.log(sink);
  return ops / (Number(now - start) / 1e9);
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const rounds = Number(process.argv[2] ?? 7);
// MEASURE_MS: each candidate's time per round (150 ms; the warm-up takes two thirds of it).
const windowMs = Number(process.env["MEASURE_MS"] ?? 150);
const results = new Map<Candidate, number[]>(candidates.map(([c]) => [c, []]));
for (const [c, v] of candidates) measure(c.run, v, Math.round((windowMs * 2) / 3)); // warm-up
for (let r = 0; r < rounds; r++) {
  // Interleave the candidates in every round so drift hits all of them alike.
  for (const [c, v] of candidates) results.get(c)!.push(measure(c.run, v, windowMs));
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(12);
console.log(`CEK validation, ops/s, median of ${rounds} rounds (node ${process.version})\n`);
console.log(
  `${"message".padEnd(16)}${"validator".padEnd(36)}${"median".padStart(12)}${"min".padStart(13)}${"max".padStart(13)}`,
);
for (const [c] of candidates) {
  const r = results.get(c)!;
  console.log(
    `${c.message.padEnd(16)}${c.name.padEnd(36)}${fmt(median(r))} ${fmt(Math.min(...r))} ${fmt(Math.max(...r))}`,
  );
}
console.log("\nratio typebox / ajv (medians):");
for (const [c] of candidates) {
  if (!c.name.startsWith("typebox")) continue;
  const other = candidates.find(([o]) => o.name === c.name.replace("typebox", "ajv    "))?.[0];
  if (!other) continue;
  const ratio = median(results.get(c)!) / median(results.get(other)!);
  console.log(`  ${c.message.padEnd(16)}${c.name.slice(8).padEnd(28)}${ratio.toFixed(2)}x`);
}
