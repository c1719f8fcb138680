// The phrasing set: ≥300 home commands in English, Japanese and Korean, said many ways, with
// rooms, tags and the user's own names. Each must give the right action on the right target(s)
// (or a clarifying question where one is expected); the target is ≥ 97 %.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planFor } from "../../src/abilities/home/request.js";
import { resolveTargets } from "../../src/abilities/home/resolve.js";
import { understand } from "../../src/abilities/home/understand.js";
import { buildVocabulary } from "../../src/abilities/home/vocabulary.js";
import type { Language } from "../../src/assistant/turn.js";
import { type Phrasing, phrasingDiscovery, readPhrasings } from "./phrasing-home.js";

const options = {
  forbidSmartLockUnlock: true,
  timeZone: "Asia/Tokyo",
  now: Date.UTC(2026, 11, 4, 12),
};

/** What the platform would do with the phrase, in the phrasing file's terms. */
export function outcomeOf(phrasing: Phrasing): { action: string; targets: string[] } {
  const vocabulary = buildVocabulary([phrasingDiscovery(phrasing.language)], phrasing.language);
  const command = understand(phrasing.text, vocabulary);
  if (!command) return { action: "none", targets: [] };
  if (command.intent === "Scene")
    return {
      action: "ActionScene",
      targets: [`scene:${vocabulary.scenes[command.scene!]!.scene.sceneId}`],
    };
  if (command.intent === "Routine") return { action: "Routine", targets: ["routine:good night"] };
  const resolution = resolveTargets(command, vocabulary, options);
  if (resolution.kind === "ambiguous") return { action: "ASK", targets: [] };
  if (resolution.kind !== "targets") return { action: resolution.kind, targets: [] };
  const actions = new Set(
    resolution.devices.map((d) => {
      const plan = planFor(command, d, options);
      return plan.ok ? plan.action : `refused:${plan.refusal.kind}`;
    }),
  );
  return {
    action: [...actions].join("+"),
    targets: resolution.devices.map((d) => d.appliance.applianceId).sort(),
  };
}

describe("home phrasing set", () => {
  const results: Record<string, { total: number; right: number; misses: string[] }> = {};
  for (const language of ["en", "ja", "ko"] as Language[]) {
    it(`${language}: right action and right target`, () => {
      const phrasings = readPhrasings(language);
      const result = { total: phrasings.length, right: 0, misses: [] as string[] };
      for (const phrasing of phrasings) {
        const got = outcomeOf(phrasing);
        const want = [...phrasing.targets].sort();
        if (got.action === phrasing.action && got.targets.join() === want.join()) result.right++;
        else
          result.misses.push(
            `${phrasing.text} → ${got.action} ${got.targets.join(",")} (want ${phrasing.action} ${want.join(",")})`,
          );
      }
      results[language] = result;
      const accuracy = result.right / result.total;
      if (process.env.CLOVER_TEST_VERBOSE || accuracy < 0.97)
        console.log(language, accuracy.toFixed(3), result.misses);
      assert.ok(result.total >= 100, `${language} has ${result.total} phrasings`);
      assert.ok(
        accuracy >= 0.97,
        `${language}: ${result.right}/${result.total} = ${(accuracy * 100).toFixed(1)} %`,
      );
    });
  }
  it("≥ 300 phrasings, ≥ 97 % overall", () => {
    const total = Object.values(results).reduce((n, r) => n + r.total, 0);
    const right = Object.values(results).reduce((n, r) => n + r.right, 0);
    console.log(
      `home phrasing accuracy: ${right}/${total} = ${((right / total) * 100).toFixed(1)} %`,
    );
    assert.ok(total >= 300);
    assert.ok(right / total >= 0.97);
  });
});
