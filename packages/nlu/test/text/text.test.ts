import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normalizeText, tokenize } from "../../src/text/index.js";

describe("normalizeText", () => {
  it("folds width and case, drops punctuation and collapses spaces", () => {
    assert.equal(normalizeText("  Play   JAZZ, please!! ", "en"), "play jazz please");
    assert.equal(normalizeText("ＡＢＣ　１２３", "en"), "abc 123");
  });

  it("keeps apostrophes inside words, decimal points and drops thousands separators", () => {
    assert.equal(normalizeText("It's 3.5 km, not 1,000.", "en"), "it's 3.5 km not 1000");
  });

  it("removes spaces between Japanese words but not between Latin words", () => {
    assert.equal(normalizeText("明日の 天気を　教えて。", "ja"), "明日の天気を教えて");
    assert.equal(normalizeText("J POP を かけて", "ja"), "j popをかけて");
  });

  it("folds katakana to hiragana only when asked", () => {
    assert.equal(normalizeText("リンゴ", "ja"), "リンゴ");
    assert.equal(normalizeText("リンゴ", "ja", { foldKana: true }), "りんご");
    assert.equal(normalizeText("ﾘﾝｺﾞ", "ja", { foldKana: true }), "りんご");
  });
});

describe("tokenize", () => {
  it("splits English into words with offsets into the input", () => {
    const text = "Order 2 Large pizzas, please";
    const tokens = tokenize(text, "en");
    assert.deepEqual(
      tokens.map((t) => t.norm),
      ["order", "2", "large", "pizzas", "please"],
    );
    for (const t of tokens) assert.equal(text.slice(t.start, t.end), t.text);
  });

  it("segments Japanese without spaces into script runs", () => {
    const tokens = tokenize("明日の天気をテレビで3回みる", "ja");
    assert.deepEqual(
      tokens.map((t) => t.norm),
      ["明日", "の", "天気", "を", "テレビ", "で", "3", "回", "みる"],
    );
  });

  it("splits Korean particles and request endings off their stems", () => {
    const tokens = tokenize("피자를 두 판 주문해줘", "ko");
    assert.deepEqual(
      tokens.map((t) => t.norm),
      ["피자", "를", "두", "판", "주문", "해줘"],
    );
    const text = "재즈에서 클래식으로 바꿔 줘";
    for (const t of tokenize(text, "ko")) assert.equal(text.slice(t.start, t.end), t.text);
    assert.deepEqual(
      tokenize(text, "ko").map((t) => t.norm),
      ["재즈", "에서", "클래식", "으로", "바꿔", "줘"],
    );
  });

  it("keeps one-syllable Korean words whole", () => {
    assert.deepEqual(
      tokenize("내가 네", "ko").map((t) => t.norm),
      ["내가", "네"],
    );
  });

  it("returns no tokens for punctuation only", () => {
    assert.deepEqual(tokenize(" ?!。、", "ja"), []);
    assert.equal(normalizeText("?!", "en"), "");
  });
});
