// Time expressions of alarms and reminders a user expects to be understood exactly ("seven
// thirty tomorrow", "quarter to eight", "in an hour and a half", "next Monday at 9", "noon",
// "midnight", 明日の7時半, 내일 7시 반…), in the device's time zone, through the platform's
// routing: every one must set the right alert at the right time.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { startPlatform, type TestPlatform } from "../../helpers/platform.js";
import { loadPhrasings, sayPhrasings } from "./phrasing-set.js";

describe("time expressions of alarms and reminders (en, ja, ko)", () => {
  let platform: TestPlatform;
  let clock = 0;
  before(async () => {
    platform = await startPlatform({}, { clock: { now: () => clock } });
  });
  after(() => platform.close());

  for (const language of ["en", "ja", "ko"] as const)
    it(`sets every alert at the time said (${language})`, async () => {
      const phrasings = loadPhrasings(
        new URL(`./times/${language}.txt`, import.meta.url),
        language,
      );
      const outcomes = await sayPhrasings(platform, (now) => (clock = now), phrasings, "times");
      const misses = outcomes.filter((o) => !o.right).map((o) => o.miss);
      assert.deepEqual(misses, [], `${misses.length}/${outcomes.length} wrong`);
    });
});
