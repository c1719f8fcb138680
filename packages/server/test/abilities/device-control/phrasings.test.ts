// The device-control phrase tables (en/ja/ko) generate utterances that the ability's own model
// recognizes as the intent they were written for, with the slot values they carry, and the
// ability answers each with the DeviceControl directive of that intent.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deviceControlAbility } from "../../../src/abilities/device-control/index.js";
import { phrasesOf } from "../../../src/abilities/device-control/models.js";
import { AbilityRouter } from "../../../src/abilities/router.js";
import type { Language } from "../../../src/assistant/turn.js";
import { device as testDevice } from "../../helpers/platform.js";

const ability = deviceControlAbility();
const router = new AbilityRouter([ability]);
const device = (language: Language) => testDevice({ language, locale: language });

describe("device-control phrasings", () => {
  for (const language of ["en", "ja", "ko"] as const) {
    it(`every generated ${language} phrasing is recognized as its intent`, async () => {
      const wrong: string[] = [];
      let count = 0;
      for (const [intent, utterances] of Object.entries(phrasesOf(language))) {
        for (const utterance of utterances) {
          count++;
          const text = utterance.replace(/<\/?\w+>/g, "");
          const found = await router.recognize(ability, text, device(language));
          if (found.intent !== intent) wrong.push(`${text} → ${found.intent}`);
          const level = /<level>(\d+)<\/level>/.exec(utterance)?.[1];
          if (level && found.slots["level"]?.value !== level)
            wrong.push(`${text}: level ${found.slots["level"]?.value}`);
        }
      }
      assert.deepEqual(wrong, []);
      assert.ok(count >= 30, `only ${count} phrasings`);
    });
  }
});
