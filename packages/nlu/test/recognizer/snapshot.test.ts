// A compiled recognizer crosses a real worker-thread message port as a snapshot (its weights
// transferred) and the rebuilt recognizer answers exactly as the original.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import type { InteractionModel } from "@clover/protocol";
import {
  compileModel,
  type RecognizerSnapshot,
  recognizerFromSnapshot,
  recognizerSnapshot,
  snapshotTransferables,
} from "../../src/index.js";
import { coffeeEn, coffeeJa } from "./fixtures.js";

function throughPort(snapshot: RecognizerSnapshot): RecognizerSnapshot {
  const { port1, port2 } = new MessageChannel();
  const transfer = snapshotTransferables(snapshot);
  assert.ok(transfer.length >= 4, "the weights and feature tables are transferred");
  port1.postMessage(snapshot, transfer);
  const received = receiveMessageOnPort(port2)?.message as RecognizerSnapshot;
  port1.close();
  // Transferred: the sender's buffers are detached, nothing was copied.
  for (const buffer of transfer) assert.equal(buffer.byteLength, 0);
  return received;
}

const utterances: Record<string, string[]> = {
  en: [
    "order three cappuccino",
    "I'd like a Milk Coffee!",
    "can i get 2 long black please",
    "yes",
    "help",
    "what is the weather on mars",
    "make me a mocha",
  ],
  ja: ["ラテをください", "エスプレッソを二つ", "はい", "今日の天気は"],
};

describe("recognizer snapshots", () => {
  for (const model of [coffeeEn, coffeeJa] as InteractionModel[])
    it(`rebuild a ${model.language} recognizer that recognizes exactly as the original`, () => {
      const original = compileModel(model);
      const expected = (utterances[model.language] ?? []).map((t) => original.recognize(t));
      const rebuilt = recognizerFromSnapshot(throughPort(recognizerSnapshot(compileModel(model))));
      assert.deepEqual(rebuilt.intents, original.intents);
      assert.equal(rebuilt.language, original.language);
      const actual = (utterances[model.language] ?? []).map((t) => rebuilt.recognize(t));
      assert.deepEqual(actual, expected);
      assert.ok(actual.some((r) => r.intent === "OrderDrinkIntent" || r.intent !== null));
    });

  it("keeps a model's threshold and refuses what is not a snapshot", () => {
    const text = "the coffee is latte maybe";
    const strict = compileModel(coffeeEn, { threshold: 0.99 });
    const expected = strict.recognize(text);
    assert.equal(expected.intent, null, "below the threshold");
    assert.ok(expected.confidence > 0.3);
    // The snapshot shares the recognizer's arrays, which the transfer then takes away.
    const rebuilt = recognizerFromSnapshot(throughPort(recognizerSnapshot(strict)));
    assert.deepEqual(rebuilt.recognize(text), expected);
    assert.throws(
      () => recognizerFromSnapshot({} as RecognizerSnapshot),
      /recognizerFromSnapshot: unknown format/,
    );
    assert.throws(
      () => recognizerSnapshot({ language: "en", intents: [], recognize: () => ({}) } as never),
      /not a recognizer made by compileModel/,
    );
  });
});
