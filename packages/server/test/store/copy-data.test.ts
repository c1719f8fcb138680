// copyData gives what structuredClone gives, sharing nothing with the original.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { copyData } from "../../src/store/copy-data.js";

describe("copyData", () => {
  it("copies plain data deeply, as structuredClone does", () => {
    const session = {
      key: "c:d:u",
      device: { display: { size: "none" }, context: { "Device.Display": { size: "none" } } },
      sessionAttributes: { rolls: [1, [2, 3], { deep: null }], empty: {}, flag: false },
      reprompt: [{ type: "PlainText", lang: "en", value: "again?" }],
      missing: undefined,
      expiresAt: 1_700_000_000_000,
      bare: Object.assign(Object.create(null) as object, { x: 1 }),
    };
    const copy = copyData(session);
    assert.deepEqual(copy, structuredClone(session));
    assert.ok("missing" in copy);
    assert.notEqual(copy.device, session.device);
    assert.notEqual(copy.device.context, session.device.context);
    assert.notEqual(copy.sessionAttributes.rolls[1], session.sessionAttributes.rolls[1]);
    (copy.sessionAttributes.rolls[1] as number[]).push(4);
    assert.deepEqual(session.sessionAttributes.rolls[1], [2, 3]);
  });

  it("leaves anything else to structuredClone (dates, maps, cycles, deep nesting)", () => {
    const when = new Date(5);
    const copied = copyData({ when, map: new Map([["a", 1]]) });
    assert.ok(copied.when instanceof Date && copied.when !== when);
    assert.equal(copied.map.get("a"), 1);
    const cycle: Record<string, unknown> = { a: 1 };
    cycle["self"] = cycle;
    const again = copyData(cycle);
    assert.equal(again["self"], again);
    let deep: unknown = "leaf";
    for (let i = 0; i < 200; i++) deep = { deep };
    assert.deepEqual(copyData(deep), deep);
  });

  it("refuses what structuredClone refuses", () => {
    assert.throws(() => copyData({ f: () => 1 }), /could not be cloned/);
  });
});
