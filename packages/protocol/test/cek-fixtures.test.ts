// Every example message of the seed (0.1.0), cek-custom-extension.md and
// interaction-model.md §11.6 is a fixture: it parses, normalizes and round-trips.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import {
  AcceptedCekRequestMessage,
  AcceptedCekResponseMessage,
  CekKnownDirectiveMessage,
  CekRequestMessage,
  CekResponseMessage,
  NormalizedCekRequestMessage,
  normalizeCekRequest,
  normalizeCekResponse,
} from "../src/index.js";

const root = new URL("./fixtures/cek/", import.meta.url);

function fixtures(kind: string): [string, Record<string, unknown>][] {
  const dir = new URL(`${kind}/`, root);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), "utf8"))]);
}

function ok<T>(result: { ok: true; value: T } | { ok: false; issues: readonly unknown[] }): T {
  if (!result.ok) assert.fail(`unexpected issues: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** Serialize, parse and normalize again: must give the same value. */
function roundTrip<T>(value: T, normalize: (raw: unknown) => Parameters<typeof ok<T>>[0]): void {
  assert.deepEqual(ok(normalize(JSON.parse(JSON.stringify(value)))), value);
}

/** A newest-shape envelope to carry request-body fragments. */
const envelope = (request: unknown) => ({
  version: "1.0",
  session: { new: true, sessionAttributes: {}, sessionId: "s-1", user: { userId: "U1" } },
  context: {
    System: {
      application: { applicationId: "com.example.fixture" },
      device: { deviceId: "d-1", display: { size: "none" } },
      user: { userId: "U1" },
    },
  },
  request,
});

describe("CEK fixtures: request messages", () => {
  const all = fixtures("request");
  it("has the example requests", () => assert.equal(all.length, 7));
  for (const [name, message] of all) {
    it(`${name} parses, normalizes and round-trips`, () => {
      ok(AcceptedCekRequestMessage.validate(message));
      const value = ok(normalizeCekRequest(message));
      ok(NormalizedCekRequestMessage.validate(value));
      const body = message.request as { type: string };
      const expected =
        body.type === "EndRequest"
          ? { ...message, request: { type: "SessionEndedRequest" } }
          : message;
      assert.deepEqual(value, expected);
      // A null member forces the full normalization: it must agree with the fast path.
      const context = { ...(message.context as object), AudioPlayer: null };
      assert.deepEqual(ok(normalizeCekRequest({ ...message, context })), expected);
      roundTrip(value, normalizeCekRequest);
      // 1.0 examples are already in the shape our platform sends.
      if (message.version === "1.0") ok(CekRequestMessage.validate(value));
      else assert.equal(CekRequestMessage.is(value), false, "0.1.0 lacks application/display");
    });
  }
});

describe("CEK fixtures: request bodies", () => {
  const all = fixtures("request-body");
  it("has the example request bodies", () => assert.equal(all.length, 6));
  for (const [name, body] of all) {
    it(`${name} parses, normalizes and round-trips`, () => {
      const value = ok(normalizeCekRequest(envelope(body)));
      const expected = body.type === "EndRequest" ? { type: "SessionEndedRequest" } : body;
      assert.deepEqual(value.request, expected);
      roundTrip(value, normalizeCekRequest);
    });
  }
});

describe("CEK fixtures: response messages", () => {
  const all = fixtures("response");
  it("has the example responses", () => assert.equal(all.length, 9));
  for (const [name, message] of all) {
    it(`${name} parses, normalizes and round-trips`, () => {
      ok(AcceptedCekResponseMessage.validate(message));
      const value = ok(normalizeCekResponse(message));
      ok(CekResponseMessage.validate(value));
      // The examples are already canonical: normalizing changes nothing.
      assert.deepEqual(value, message);
      // The misspelt key forces the full normalization (the correct spelling wins).
      const slow = ok(normalizeCekResponse({ ...message, sessionAttibutes: { stale: true } }));
      assert.deepEqual(slow, message);
      roundTrip(value, normalizeCekResponse);
    });
  }
});

describe("CEK fixtures: directives", () => {
  const all = fixtures("directive");
  it("has the example directives", () => assert.equal(all.length, 2));
  for (const [name, directive] of all) {
    it(`${name} is a known directive, normalizes and round-trips`, () => {
      const newMessageId = () => "generated-id";
      const normalize = (raw: unknown) => normalizeCekResponse(raw, { newMessageId });
      const value = ok(normalize({ response: { directives: [directive] } }));
      const [out] = value.response.directives;
      const header = directive.header as { messageId?: string };
      assert.equal(out?.header.messageId, header.messageId ?? "generated-id");
      assert.deepEqual(out?.payload, directive.payload);
      ok(CekKnownDirectiveMessage.validate(out));
      roundTrip(value, normalize);
    });
  }
});
