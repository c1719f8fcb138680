import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  BUILTIN_INTENT_NAMES,
  builtinIntentPhrases,
  EXIT_PHRASES,
  isExitPhrase,
} from "../../src/builtin-intents/index.js";
import { sentenceKey } from "../../src/model/normalize.js";

const LANGUAGES = ["en", "ja", "ko"] as const;

describe("built-in intent phrases (§3.2)", () => {
  it("lists the nine built-in intents of the spec and not Clova.StopIntent", () => {
    assert.equal(BUILTIN_INTENT_NAMES.length, 9);
    assert.ok(BUILTIN_INTENT_NAMES.includes("Clova.GuideIntent"));
    assert.ok(!BUILTIN_INTENT_NAMES.includes("Clova.StopIntent"));
  });

  for (const language of LANGUAGES) {
    it(`has 15–40 distinct phrasings per intent in ${language}, none shared between intents`, () => {
      const phrases = builtinIntentPhrases(language);
      assert.deepEqual(Object.keys(phrases).sort(), [...BUILTIN_INTENT_NAMES].sort());
      const owner = new Map<string, string>();
      for (const [intent, list] of Object.entries(phrases)) {
        assert.ok(list.length >= 15 && list.length <= 40, `${intent}: ${list.length} phrases`);
        assert.equal(new Set(list).size, list.length, `${intent} repeats a phrase`);
        for (const phrase of list) {
          // spacing variants of one phrase are welcome, but only within one intent
          const key = sentenceKey(phrase);
          const before = owner.get(key) ?? intent;
          assert.equal(
            before,
            intent,
            `${language} ${JSON.stringify(phrase)} in ${intent} and ${before}`,
          );
          owner.set(key, intent);
        }
      }
    });

    it(`no ${language} exit phrase is also a built-in intent phrase`, () => {
      const keys = new Set(Object.values(builtinIntentPhrases(language)).flat().map(sentenceKey));
      for (const exit of EXIT_PHRASES[language]) assert.ok(!keys.has(sentenceKey(exit)), exit);
    });
  }

  it("contains the spec's example utterances", () => {
    const has = (language: (typeof LANGUAGES)[number], intent: string, phrase: string) =>
      assert.ok(
        builtinIntentPhrases(language)[intent]?.includes(phrase),
        `${language} ${intent} ${phrase}`,
      );
    has("ja", "Clova.CancelIntent", "取り消して");
    has("ko", "Clova.GuideIntent", "어떻게 써?");
    has("en", "Clova.NextIntent", "skip");
    has("ja", "Clova.ResumeIntent", "続きを再生して");
    has("ko", "Clova.NoIntent", "됐어");
    has("en", "Clova.PauseIntent", "hold on");
  });
});

describe("isExitPhrase (§3.4, §9.3)", () => {
  it("recognizes session-ending phrases with politeness, punctuation and wake words", () => {
    for (const text of ["stop", "Exit.", "quit please", "Clova, stop", "goodbye!"])
      assert.ok(isExitPhrase(text, "en"), text);
    for (const text of [
      "終了して",
      "終了",
      "やめて",
      "終了してください",
      "ねぇClova、終了して",
      "しゅうりょう",
    ])
      assert.ok(isExitPhrase(text, "ja"), text);
    for (const text of ["종료해줘", "종료", "그만", "그만해요", "종료해 주세요", "클로바 그만"])
      assert.ok(isExitPhrase(text, "ko"), text);
  });

  it("does not treat cancel, other commands or another language's phrases as exits", () => {
    for (const text of ["cancel", "never mind", "stop the music and play jazz", "next", ""])
      assert.ok(!isExitPhrase(text, "en"), text);
    for (const text of ["キャンセル", "ちょっと止めて", "終了時間を教えて"])
      assert.ok(!isExitPhrase(text, "ja"), text);
    for (const text of ["취소", "그만두는 방법 알려줘", "잠깐 멈춰"])
      assert.ok(!isExitPhrase(text, "ko"), text);
    assert.ok(!isExitPhrase("stop", "ja") || EXIT_PHRASES.ja.includes("stop"));
    assert.ok(!isExitPhrase("終了", "en"));
  });
});
