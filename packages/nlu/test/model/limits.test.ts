import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LIMITS } from "../../src/model/index.js";
import { issuesAfter } from "./fixture.js";

const has = (issues: { path?: string; message: string }[], path: string, message: RegExp) =>
  assert.ok(
    issues.some((i) => i.path === path && message.test(i.message)),
    `no ${message} at ${path}: ${JSON.stringify(issues)}`,
  );

describe("model limits (§12)", () => {
  it("at most 250 intents", () => {
    const issues = issuesAfter((m) => {
      for (let i = m.intents.length; i <= LIMITS.intents; i++)
        m.intents.push({ name: `Extra${i}Intent`, utterances: [`extra phrase number ${i}`] });
    });
    has(issues, "intents", /251 intents; at most 250/);
  });

  it("at most 20 slots per intent", () => {
    const issues = issuesAfter((m) => {
      for (let i = 0; i < 19; i++) m.intents[0]?.slots?.push({ name: `extra${i}`, type: "ITEM" });
    });
    has(issues, "intents[0].slots", /21 slots; at most 20/);
  });

  it("at most 100 custom slot types", () => {
    const issues = issuesAfter((m) => {
      for (let i = 0; i < 100; i++)
        m.customSlotTypes?.push({ name: `TYPE_${i}`, values: [{ value: `w${i}` }] });
    });
    has(issues, "customSlotTypes", /101 custom slot types; at most 100/);
  });

  it("at most 2,000 utterance examples per intent", () => {
    const issues = issuesAfter((m) => {
      for (let i = 0; i < 1991; i++) m.intents[1]?.utterances.push(`menu question ${i}`);
    });
    has(issues, "intents[1].utterances", /2001 utterance examples; at most 2000/);
  });

  it("at most 200 characters per utterance, tags not counted", () => {
    const issues = issuesAfter((m) => {
      m.intents[1]?.utterances.push(
        `tell me ${"a".repeat(192)}`,
        `<item>scone</item> ${"b".repeat(200)}`,
      );
    });
    assert.ok(!issues.some((i) => i.path === "intents[1].utterances[10]"));
    has(issues, "intents[1].utterances[11]", /206 characters long; at most 200/);
  });

  it("at most 200,000 words per custom slot type", () => {
    const issues = issuesAfter((m) => {
      const synonyms = Array.from({ length: LIMITS.slotTypeItems }, (_, i) => `s${i}`);
      m.customSlotTypes?.push({ name: "HUGE", values: [{ value: "huge", synonyms }] });
    });
    has(issues, "customSlotTypes[1].values", /200001 words .* at most 200000/);
  });
});
