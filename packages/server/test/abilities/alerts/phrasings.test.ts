// The phrasing set: alert commands in en/ja/ko with the type, time, label and repeat a user
// expects, said through the platform's routing (every ability and the fallback compete). The
// share fully right must stay at or above 97%; the misses are printed.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startPlatform, type TestPlatform } from "../../helpers/platform.js";
import { loadPhrasings, sayPhrasings } from "./phrasing-set.js";

describe("the alert phrasing set (en, ja, ko)", () => {
  let platform: TestPlatform;
  let clock = 0;
  before(async () => {
    platform = await startPlatform({}, { clock: { now: () => clock } });
  });
  after(() => platform.close());

  it("understands at least 97% of 300+ commands fully (type, time, label, repeat)", async () => {
    const all = (["en", "ja", "ko"] as const).flatMap((language) =>
      loadPhrasings(new URL(`./phrasings/${language}.txt`, import.meta.url), language),
    );
    assert.ok(all.length >= 300, `${all.length} phrasings`);
    const outcomes = await sayPhrasings(platform, (now) => (clock = now), all);
    const right: Record<string, [number, number]> = { en: [0, 0], ja: [0, 0], ko: [0, 0] };
    for (const { phrasing, right: ok } of outcomes) {
      const counts = right[phrasing.language]!;
      counts[1]++;
      if (ok) counts[0]++;
    }
    const fully = outcomes.filter((o) => o.right).length;
    const accuracy = fully / outcomes.length;
    const report = Object.entries(right)
      .map(([language, [ok, n]]) => `${language} ${ok}/${n}`)
      .join(", ");
    console.log(`alert phrasings fully right: ${(accuracy * 100).toFixed(1)}% (${report})`);
    for (const { miss } of outcomes) if (miss) console.log(`  miss: ${miss}`);
    assert.ok(accuracy >= 0.97, `${(accuracy * 100).toFixed(1)}% < 97%`);
  });
});
