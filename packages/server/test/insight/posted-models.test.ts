// POST /api/v1/nlu/recognize with a large unsaved model, through a real platform, a real
// HTTP/2 device and real HTTP callers: the model compiles off the thread that answers turns
// (a device's turn is answered while it compiles), the same model posted again is answered by
// the kept recognizer, and new compiles are limited per caller (429) and in all (503), each
// refusal in the management API's error format with Retry-After.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import type { InteractionModel } from "@clover/protocol";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { connectedDevice } from "../helpers/devices.js";

const ADMIN = "posted-models-admin";

/** A pronounceable word for each number (the generated model's vocabulary). */
function word(n: number): string {
  let s = "";
  let rest = n;
  do {
    s += "bcdfghjklmnprstvz"[rest % 17]! + "aeiou"[Math.floor(rest / 17) % 5]!;
    rest = Math.floor(rest / 85);
  } while (rest > 0);
  return s;
}

/** 250 intents (the most a model may have) of `examples` each: 40 is seconds of compiling. */
function largeModel(variant: number, examples = 40): InteractionModel {
  return {
    language: "en",
    invocation: { main: `large model ${word(variant)}` },
    builtinIntents: [],
    intents: Array.from({ length: 250 }, (_, i) => ({
      name: `Task${i}`,
      slots: [],
      utterances: Array.from(
        { length: examples },
        (_, j) =>
          `${word(i * 7 + 1)} ${word(j * 13 + i)} the ${word(i + 1000 + variant)} ${word(j + 5000)}`,
      ),
    })),
  } as InteractionModel;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: { intent?: string; error?: { code: string; message: string } };
}

/**
 * POSTs {model, text} from `localAddress` (a caller of its own); `sent` resolves once the
 * whole request has been handed to the socket, the answer when the server has answered.
 */
function recognize(url: string, model: InteractionModel, text: string, localAddress = "127.0.0.1") {
  const payload = JSON.stringify({ model, text });
  let sent!: () => void;
  const written = new Promise<void>((resolve) => {
    sent = resolve;
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      `${url}/api/v1/nlu/recognize`,
      {
        method: "POST",
        localAddress,
        headers: {
          authorization: `Bearer ${ADMIN}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: JSON.parse(Buffer.concat(chunks).toString()),
          }),
        );
      },
    );
    req.on("error", reject);
    req.on("finish", sent);
    req.end(payload);
  });
  return { sent: written, answer };
}

describe("POST /api/v1/nlu/recognize with a large model", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-posted-models-"));
  let server: CloverServer;
  let device: DeviceClient;

  before(async () => {
    server = await startClover({ config: testCloverConfig(dataDir, ADMIN) });
    device = await connectedDevice(server.url, ADMIN, "posted-1", "PM-1");
    // The clock's own model compiled before anything is measured against a compile.
    assert.equal((await device.sendText("what time is it")).status, 200);
  });

  after(async () => {
    device?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("answers a device's turn while the model compiles", async () => {
    const model = largeModel(1);
    const compile = recognize(server.url, model, model.intents[1]!.utterances[0]!);
    let compiled = false;
    const answered = compile.answer.then((a) => {
      compiled = true;
      return a;
    });
    await compile.sent;
    const turn = await device.sendText("what time is it");
    assert.equal(turn.status, 200);
    assert.equal(compiled, false, "the turn waited for the compile");
    const result = await answered;
    assert.equal(result.status, 200, JSON.stringify(result.body));
    assert.equal(result.body.intent, "Task1");
  });

  it("answers the same model posted again from the kept recognizer, with the same result", async () => {
    const model = largeModel(2);
    const text = model.intents[2]!.utterances[0]!;
    // Both posts from one caller at once: a second compile of that caller would be refused.
    const [first, second] = await Promise.all([
      recognize(server.url, model, text).answer,
      recognize(server.url, model, text).answer,
    ]);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.intent, "Task2");
    assert.deepEqual(second, { ...second, status: 200 });
    assert.deepEqual(second.body, first.body);
    const again = await recognize(server.url, model, text).answer;
    assert.deepEqual(again.body, first.body);
  });

  it("refuses a caller's second new model while its first compiles: 429 with Retry-After", async () => {
    const answers = await Promise.all([
      recognize(server.url, largeModel(3, 15), "anything").answer,
      recognize(server.url, largeModel(4, 15), "anything").answer,
    ]);
    const refused = answers.filter((a) => a.status === 429);
    assert.equal(refused.length, 1, JSON.stringify(answers.map((a) => a.status)));
    assert.equal(answers.filter((a) => a.status === 200).length, 1);
    assert.equal(refused[0]!.body.error?.code, "too_many_requests");
    assert.match(
      refused[0]!.body.error?.message ?? "",
      /^model: 1 compile of this caller already running/,
    );
    assert.equal(refused[0]!.headers["retry-after"], "1");
  });

  it("refuses a new model when two other callers' compiles run: 503 with Retry-After", async () => {
    const answers = await Promise.all(
      ["127.0.0.1", "127.0.0.2", "127.0.0.3"].map(
        (address, i) => recognize(server.url, largeModel(10 + i, 15), "anything", address).answer,
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [200, 200, 503]);
    const busy = answers.find((a) => a.status === 503)!;
    assert.equal(busy.body.error?.code, "compiler_busy");
    assert.match(busy.body.error?.message ?? "", /compiling 2 posted models already/);
    assert.equal(busy.headers["retry-after"], "2");
  });
});
