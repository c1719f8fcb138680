// What the conversation log keeps of a turn for the console's "Turn details": the NLU's
// confidence and deciding layer with each slot's words, the session attributes before and
// after, and where the time went (ASR, understanding, extension, TTS, total), through a real
// platform, a real HTTP/2 device and the dice example as a real extension server.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { after, before, describe, it } from "node:test";
import type { DeviceClient } from "@clover/device";
import type { LoggedTurn } from "../../src/insight/index.js";
import { type CloverServer, startClover } from "../../src/main.js";
import { testCloverConfig } from "../helpers/clover.js";
import { connectedDevice } from "../helpers/devices.js";

const ADMIN = "turn-details-admin";
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("turn details in the conversation log", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "clover-turn-details-"));
  let server: CloverServer;
  let device: DeviceClient;

  // Engines at the platform's interfaces, each taking a known minimum time.
  const tts = {
    async synthesize() {
      await wait(40);
      return Buffer.from([0xff, 0xfb, 0x90, 0x00]);
    },
  };
  const asr = {
    async recognize(audio: Readable) {
      for await (const _ of audio);
      await wait(60);
      return { text: "roll two dice" };
    },
  };

  before(async () => {
    const config = testCloverConfig(dataDir, ADMIN, {
      CLOVER_ALLOW_HTTP_EXTENSIONS: "true",
    });
    server = await startClover({ config, tts, asr });
    device = await connectedDevice(server.url, ADMIN, "details-1", "TD-1");
  });

  after(async () => {
    device?.close();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const logged = async (dialogRequestId: string): Promise<LoggedTurn> => {
    const response = await fetch(
      `${server.url}/api/v1/conversations?deviceId=details-1&dialogRequestId=${dialogRequestId}`,
      { headers: { authorization: `Bearer ${ADMIN}` } },
    );
    const { turns } = (await response.json()) as { turns: LoggedTurn[] };
    assert.equal(turns.length, 1);
    return turns[0]!;
  };

  it("keeps the recognition and the session attributes before and after each turn", async () => {
    await device.sendText("open dice", { dialogRequestId: "details-open" });
    const open = await logged("details-open");
    assert.equal(open.session?.new, true);
    assert.deepEqual(open.session?.attributesBefore, {});
    assert.equal(open.recognition, undefined, "a launch is not an intent");

    await device.sendText("roll three dice", { dialogRequestId: "details-three" });
    const three = await logged("details-three");
    assert.equal(three.recognition?.intent, "ThrowDiceIntent");
    assert.ok(["exact", "statistical"].includes(three.recognition!.layer));
    assert.ok(three.recognition!.confidence > 0.5 && three.recognition!.confidence <= 1);
    assert.deepEqual(three.recognition?.slots["diceCount"], {
      raw: "three",
      type: "CLOVA.NUMBER",
      value: "3",
    });
    assert.equal(three.session?.new, false);
    assert.equal(three.session?.sessionId, open.session?.sessionId);
    assert.deepEqual(three.session?.attributesBefore, {});
    assert.deepEqual(three.session?.attributesAfter, { lastCount: 3 });
  });

  it("records where a spoken turn's time went", async () => {
    const answer = await device.sendEvent(
      {
        namespace: "SpeechRecognizer",
        name: "Recognize",
        payload: { lang: "en", profile: "CLOSE_TALK", format: "AUDIO_L16_RATE_16000_CHANNELS_1" },
      },
      { dialogRequestId: "details-voice", audio: Buffer.alloc(3200) },
    );
    assert.equal(answer.status, 200);
    const turn = await logged("details-voice");
    assert.deepEqual(turn.session?.attributesBefore, { lastCount: 3 });
    assert.deepEqual(turn.session?.attributesAfter, { lastCount: 2 });
    const t = turn.timings!;
    assert.ok(t.asrMs! >= 55, `ASR ${t.asrMs} ms (the engine takes 60)`);
    assert.ok(t.ttsMs! >= 35, `TTS ${t.ttsMs} ms (the engine takes 40)`);
    assert.ok(t.extensionMs! > 0 && t.extensionMs === turn.exchange?.durationMs);
    assert.ok(t.understandingMs! >= 0);
    const parts = t.asrMs! + t.understandingMs! + t.extensionMs! + t.ttsMs!;
    assert.ok(t.totalMs! >= parts - 1, `total ${t.totalMs} ≥ the stages' ${parts}`);
  });

  it("times a typed turn without ASR", async () => {
    await device.sendText("roll one die", { dialogRequestId: "details-typed" });
    const t = (await logged("details-typed")).timings!;
    assert.equal(t.asrMs, undefined);
    assert.ok(t.totalMs! >= t.ttsMs! + t.extensionMs!);
  });
});
