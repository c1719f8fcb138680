import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createInvocationDetector, type InvocationMatch } from "../../src/invocation/index.js";

const detector = createInvocationDetector([
  { extensionId: "dice", language: "en", names: ["dice", "dice roller"] },
  { extensionId: "pizza", language: "en", names: ["pizza shop"] },
  { extensionId: "music", language: "en", names: ["music box"] },
  { extensionId: "dice", language: "ja", names: ["サイコロ"] },
  { extensionId: "pizza", language: "ja", names: ["ピザ屋"] },
  { extensionId: "music", language: "ja", names: ["ミュージックボックス"] },
  { extensionId: "bakery", language: "ja", names: ["ベーカリーボット", "ベイカリーボット"] },
  { extensionId: "dice", language: "ko", names: ["주사위"] },
  { extensionId: "pizza", language: "ko", names: ["피자 가게"] },
  { extensionId: "music", language: "ko", names: ["뮤직 박스"] },
]);

type Expected = Partial<InvocationMatch>;

function expectMatch(text: string, language: "en" | "ja" | "ko", expected: Expected) {
  const match = detector.detect(text, language);
  assert.ok(match, `${JSON.stringify(text)} → undefined`);
  for (const [key, value] of Object.entries(expected))
    assert.equal(
      match[key as keyof InvocationMatch],
      value,
      `${JSON.stringify(text)} → ${JSON.stringify(match)}`,
    );
  return match;
}

describe("invocation detection (§9.3)", () => {
  it("detects English launches", () => {
    for (const text of [
      "open dice",
      "start the pizza shop",
      "Clova, launch music box please.",
      "talk to dice roller",
      "ask dice",
    ])
      expectMatch(text, "en", { kind: "launch", rest: "" });
    expectMatch("open pizza shop", "en", {
      extensionId: "pizza",
      name: "pizza shop",
      confidence: 1,
    });
  });

  it("detects English one-shot requests and splits off the command", () => {
    expectMatch("ask pizza shop to order two large pepperonis", "en", {
      kind: "oneshot",
      extensionId: "pizza",
      rest: "order two large pepperonis",
    });
    expectMatch("tell dice roller roll 3 dice", "en", {
      kind: "oneshot",
      name: "dice roller",
      rest: "roll 3 dice",
    });
    expectMatch("roll five dice with dice roller", "en", {
      kind: "oneshot",
      extensionId: "dice",
      rest: "roll five dice",
    });
    expectMatch("open music box and play some jazz", "en", {
      kind: "oneshot",
      rest: "play some jazz",
    });
    expectMatch("pizza shop, two margheritas", "en", { kind: "oneshot", rest: "two margheritas" });
  });

  it("detects Japanese launches and one-shot requests", () => {
    expectMatch("サイコロを起動して", "ja", { kind: "launch", extensionId: "dice", confidence: 1 });
    expectMatch("ねぇClova、ピザ屋を開いて", "ja", { kind: "launch", extensionId: "pizza" });
    expectMatch("ベーカリーボットにつないで", "ja", { kind: "launch", extensionId: "bakery" });
    expectMatch("ピザ屋さんを開いてください", "ja", {
      kind: "launch",
      extensionId: "pizza",
      confidence: 1,
    });
    expectMatch("ピザ屋さんでマルゲリータを頼んで", "ja", {
      kind: "oneshot",
      rest: "マルゲリータを頼んで",
    });
    expectMatch("ミュージックボックスでジャズをかけて", "ja", {
      kind: "oneshot",
      rest: "ジャズをかけて",
    });
    expectMatch("ピザ屋にマルゲリータがあるかって聞いて", "ja", {
      kind: "oneshot",
      extensionId: "pizza",
      rest: "マルゲリータがあるか",
    });
    expectMatch("ベーカリーボットを使ってバゲットを二本予約して", "ja", {
      kind: "oneshot",
      rest: "バゲットを二本予約して",
    });
  });

  it("detects Korean launches and one-shot requests, with or without spacing and particles", () => {
    expectMatch("주사위 시작해줘", "ko", { kind: "launch", extensionId: "dice" });
    expectMatch("클로바, 피자가게 열어 주세요", "ko", {
      kind: "launch",
      extensionId: "pizza",
      confidence: 1,
    });
    expectMatch("뮤직 박스를 실행해줘", "ko", { kind: "launch", extensionId: "music" });
    expectMatch("주사위에서 두 개 던져줘", "ko", {
      kind: "oneshot",
      extensionId: "dice",
      rest: "두 개 던져줘",
    });
    expectMatch("피자 가게한테 페퍼로니 있는지 물어봐", "ko", {
      kind: "oneshot",
      rest: "페퍼로니 있는지",
    });
    expectMatch("뮤직박스로 재즈 틀어줘", "ko", {
      kind: "oneshot",
      extensionId: "music",
      rest: "재즈 틀어줘",
    });
  });

  it("tolerates small recognition errors in names, with lower confidence than exact ones", () => {
    const near = expectMatch("open musik box", "en", { extensionId: "music", kind: "launch" });
    assert.ok(near.confidence < 1 && near.confidence > 0.5, String(near.confidence));
    expectMatch("ミュージックボクスを開いて", "ja", { extensionId: "music" });
    expectMatch("みゅーじっくぼっくすを起動して", "ja", { extensionId: "music", confidence: 1 });
    expectMatch("뮤직 박쓰 시작해", "ko", { extensionId: "music" });
  });

  it("prefers exact names and gives the bare name lower confidence", () => {
    const bare = expectMatch("dice", "en", { kind: "launch", extensionId: "dice" });
    assert.ok(bare.confidence < expectMatch("open dice", "en", {}).confidence);
    expectMatch("ベイカリーボットを起動して", "ja", { name: "ベイカリーボット", confidence: 1 });
  });

  it("does not stretch short names", () => {
    assert.equal(detector.detect("open dime", "en"), undefined);
    assert.equal(detector.detect("サイコを開いて", "ja"), undefined);
    assert.equal(detector.detect("주사 시작해", "ko"), undefined);
  });

  it("returns undefined for unrelated text and other languages", () => {
    for (const text of ["what's the weather today", "open the door", "tell me a joke", "", "   "])
      assert.equal(detector.detect(text, "en"), undefined, text);
    assert.equal(detector.detect("今日の天気は", "ja"), undefined);
    assert.equal(detector.detect("오늘 날씨 어때", "ko"), undefined);
    assert.equal(detector.detect("open dice", "ko"), undefined);
    assert.equal(createInvocationDetector([]).detect("open dice", "en"), undefined);
  });
});
