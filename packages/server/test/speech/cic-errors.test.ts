// What a device sees when its voice upload is wrong: System.Exception bodies naming the problem
// (cic.md §6.3), StopCapture and 204 for silence, and no recognizer process left behind.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { CicDirectiveMessage, DeviceClient } from "@clover/device";
import { PocketsphinxRecognizer } from "../../src/speech/asr/pocketsphinx.js";
import { encodeWav } from "../../src/speech/audio/pcm.js";
import { type Harness, startHarness } from "../cic/harness.js";

describe("voice uploads that go wrong, through CIC", () => {
  const asr = new PocketsphinxRecognizer({ limits: { noSpeechTimeoutMs: 1000 } });
  let harness: Harness;
  let device: DeviceClient;
  const downchannel: CicDirectiveMessage[] = [];

  before(async () => {
    harness = await startHarness({ asr });
    ({ client: device } = await harness.device());
    await device.openDownchannel((d) => downchannel.push(d));
  });
  after(async () => {
    await harness.close();
    await asr.close();
  });

  const recognize = (audio: Buffer, lang = "en") => {
    const dialogRequestId = randomUUID();
    return device
      .sendEvent(
        { namespace: "SpeechRecognizer", name: "Recognize", payload: { lang } },
        { dialogRequestId, audio },
      )
      .then((response) => ({ response, dialogRequestId }));
  };
  const description = (r: { directives: CicDirectiveMessage[] }) =>
    String(r.directives.find((d) => d.header.name === "Exception")?.payload["description"]);

  it("answers a WAV upload with 400 naming the header and the expected format", async () => {
    const { response } = await recognize(
      encodeWav({ sampleRate: 8000, samples: new Int16Array(8000) }),
    );
    assert.equal(response.status, 400);
    assert.match(description(response), /WAV file \(RIFF header; 8000 Hz/);
    assert.match(description(response), /AUDIO_L16_RATE_16000_CHANNELS_1/);
  });

  it("answers silence with StopCapture on the downchannel and 204", async () => {
    const { response, dialogRequestId } = await recognize(Buffer.alloc(16000 * 2 * 2));
    assert.equal(response.status, 204);
    await new Promise((r) => setTimeout(r, 50));
    const stop = downchannel.find(
      (d) => d.header.name === "StopCapture" && d.header.dialogRequestId === dialogRequestId,
    );
    assert.ok(stop, "StopCapture with the request's dialogRequestId");
    assert.equal(harness.assistant.turns.length, 0, "nothing reached the assistant");
  });

  it("answers a language pocketsphinx cannot recognize with 400 naming the engines that can", async () => {
    const { response } = await recognize(Buffer.alloc(6400), "ko");
    assert.equal(response.status, 400);
    assert.match(description(response), /does not handle lang "ko".*CLOVER_ASR=openai/);
  });

  it("leaves no recognizer process behind but the warm ones", async () => {
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(asr.processCount <= 2, `${asr.processCount} processes`);
  });
});
