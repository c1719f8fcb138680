import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { InteractionModel } from "@clover/protocol";
import { compileModel } from "../../src/recognizer/index.js";
import { coffeeEn, coffeeJa, coffeeKo } from "./fixtures.js";

const en = compileModel(coffeeEn);
const ja = compileModel(coffeeJa);
const ko = compileModel(coffeeKo);

const values = (slots: Record<string, { value: string }>) =>
  Object.fromEntries(Object.entries(slots).map(([k, s]) => [k, s.value]));

describe("compileModel", () => {
  it("lists custom intents, then enabled built-in intents (Guide always)", () => {
    assert.deepEqual(en.intents.slice(0, 3), [
      "OrderDrinkIntent",
      "CheckOrderIntent",
      "OpeningHoursIntent",
    ]);
    assert.ok(en.intents.includes("Clova.YesIntent"));
    const noBuiltins = compileModel({ ...coffeeEn, builtinIntents: [] });
    assert.ok(noBuiltins.intents.includes("Clova.GuideIntent"));
    assert.ok(!noBuiltins.intents.includes("Clova.YesIntent"));
    assert.ok(!en.intents.includes("Clova.FallbackIntent"));
  });

  it("rejects a broken model with the validator's messages", () => {
    const broken: InteractionModel = {
      ...coffeeEn,
      intents: [{ name: "Bad", utterances: ["order a <nope>latte</nope>"] }],
    };
    assert.throws(() => compileModel(broken), /invalid interaction model: .*nope/);
  });
});

describe("exact template layer", () => {
  it("matches an example with another dictionary value and a built-in number", () => {
    const r = en.recognize("order three cappuccino");
    assert.equal(r.intent, "OrderDrinkIntent");
    assert.equal(r.layer, "exact");
    assert.equal(r.confidence, 1);
    assert.deepEqual(values(r.slots), { count: "3", drink: "cappuccino" });
    assert.equal(r.slots.count?.type, "CLOVA.NUMBER");
    assert.equal(r.slots.drink?.raw, "cappuccino");
  });

  it("resolves synonyms to the representative value and reports the synonym said", () => {
    const r = en.recognize("I'd like a Milk Coffee!");
    assert.equal(r.layer, "exact");
    assert.equal(r.slots.drink?.value, "latte");
    assert.equal(r.slots.drink?.resolvedFrom, "Milk Coffee");
    assert.equal(r.slots.drink?.raw, "Milk Coffee");
    const plain = en.recognize("i'd like a latte");
    assert.equal(plain.slots.drink?.resolvedFrom, undefined);
  });

  it("recognizes enabled built-in intents from the platform's phrases", () => {
    assert.equal(en.recognize("yes").intent, "Clova.YesIntent");
    assert.equal(en.recognize("help").intent, "Clova.GuideIntent");
    assert.equal(en.recognize("cancel").intent, "Clova.CancelIntent");
    const noBuiltins = compileModel({ ...coffeeEn, builtinIntents: [] });
    assert.notEqual(noBuiltins.recognize("yes").intent, "Clova.YesIntent");
  });
});

describe("statistical layer", () => {
  it("understands phrasings the model does not list", () => {
    const r = en.recognize("please prepare one mocha for me");
    assert.equal(r.intent, "OrderDrinkIntent");
    assert.equal(r.layer, "statistical");
    assert.deepEqual(values(r.slots), { count: "1", drink: "mocha" });
    assert.ok(r.confidence > 0.5 && r.confidence <= 1);
    for (const text of ["what time does the shop open on saturday", "until when are you open"])
      assert.equal(en.recognize(text).intent, "OpeningHoursIntent", text);
    assert.equal(en.recognize("is my latte ready yet").intent, "CheckOrderIntent");
  });

  it("returns calibrated alternatives, best first", () => {
    const r = en.recognize("is my order ready to drink");
    assert.ok(r.intent !== null);
    let previous = r.confidence;
    for (const a of r.alternatives) {
      assert.notEqual(a.intent, r.intent);
      assert.ok(a.confidence <= previous + 1e-9 && a.confidence >= 0);
      previous = a.confidence;
    }
  });

  it("answers no match below the threshold instead of guessing", () => {
    const strict = en.recognize("please prepare one mocha for me", { threshold: 0.999 });
    assert.equal(strict.intent, null);
    assert.equal(strict.layer, "none");
    assert.deepEqual(strict.slots, {});
    assert.ok(strict.alternatives.length > 0, "the best guess is still listed");
    const lenient = compileModel(coffeeEn, { threshold: 0 });
    assert.equal(lenient.recognize("please prepare one mocha for me").intent, "OrderDrinkIntent");
  });

  it("rejects out-of-domain utterances", () => {
    for (const text of [
      "what's the weather like in rome",
      "translate good night into french",
      "who wrote war and peace",
      "",
      "!!!",
    ]) {
      const r = en.recognize(text);
      assert.equal(r.intent, null, text);
      assert.ok(r.confidence < 0.5, text);
    }
  });
});

describe("out of domain: what a word says", () => {
  // A small model of date questions: "what's", "the", "is" are in almost every utterance, so
  // a question sharing only those words with it ("what's the news") is not a date question.
  const dates = compileModel({
    language: "en",
    invocation: { main: "calendar" },
    slotTypes: [],
    builtinIntents: [],
    intents: [
      {
        name: "DateIntent",
        slots: [],
        utterances: [
          "what's the date",
          "what's the date today",
          "what is today's date",
          "what's today",
          "what day is it",
          "what day is it today",
          "tell me the date",
          "what is the day of the week",
        ],
      },
      {
        name: "TimeIntent",
        slots: [],
        utterances: [
          "what time is it",
          "what's the time",
          "what is the time now",
          "tell me the time",
          "what's the current time",
        ],
      },
    ],
  } as InteractionModel);

  it("does not take a question whose telling words are new for one it knows", () => {
    for (const text of ["what's the news", "what's the weather", "what's the capital of spain"])
      assert.equal(dates.recognize(text).intent, null, text);
  });

  it("still understands a known question with a new filler word", () => {
    assert.equal(dates.recognize("what is the date today please").intent, "DateIntent");
    assert.equal(dates.recognize("so what time is it").intent, "TimeIntent");
  });
});

describe("Japanese and Korean", () => {
  it("ja: recognizes utterances without spaces, kana variants and counters", () => {
    const r = ja.recognize("カフェオレを2杯ください");
    assert.equal(r.intent, "OrderDrinkIntent");
    assert.deepEqual(values(r.slots), { drink: "ラテ", count: "2" });
    assert.equal(r.slots.count?.unit, "杯");
    const hira = ja.recognize("まっちゃらてを一杯たのみたいです");
    assert.equal(hira.intent, "OrderDrinkIntent");
    assert.equal(hira.slots.drink?.value, "抹茶ラテ");
    assert.equal(ja.recognize("注文はまだかな").intent, "CheckOrderIntent");
    assert.equal(ja.recognize("東京の人口は").intent, null);
  });

  it("ko: recognizes slot values followed by particles and endings", () => {
    const r = ko.recognize("라떼를 두 잔 주문해 주세요");
    assert.equal(r.intent, "OrderDrinkIntent");
    assert.deepEqual(values(r.slots), { drink: "라테", count: "2" });
    assert.equal(r.slots.drink?.resolvedFrom, "라떼");
    assert.equal(ko.recognize("아메리카노를 주문할래").slots.drink?.value, "아메리카노");
    assert.equal(ko.recognize("주문 아직 안 나왔어").intent, "CheckOrderIntent");
    assert.equal(ko.recognize("오늘 날씨 어때").intent, null);
  });
});

describe("immutability and sharing", () => {
  it("is frozen and gives the same answer however calls interleave", async () => {
    assert.ok(Object.isFrozen(en));
    assert.ok(Object.isFrozen(en.intents));
    assert.throws(() => {
      (en as { language: string }).language = "ja";
    });
    const texts = ["order two espresso", "is my coffee ready", "when do you open", "yes"];
    const first = texts.map((t) => JSON.stringify(en.recognize(t)));
    const results = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        await new Promise((resolve) => setImmediate(resolve));
        const k = i % texts.length;
        return [k, JSON.stringify(en.recognize(texts[k] as string))] as const;
      }),
    );
    for (const [k, json] of results) assert.equal(json, first[k]);
  });

  it("does not let callers change results by mutating a returned recognition", () => {
    const a = en.recognize("order two espresso");
    (a.slots.drink as { value: string }).value = "tampered";
    a.alternatives.push({ intent: "x", confidence: 1 });
    const b = en.recognize("order two espresso");
    assert.equal(b.slots.drink?.value, "espresso");
    assert.ok(!b.alternatives.some((x) => x.intent === "x"));
  });

  it("compiles the same model to the same recognizer (deterministic training)", () => {
    const again = compileModel(coffeeEn);
    for (const t of ["please prepare one mocha for me", "has my order been made"])
      assert.deepEqual(again.recognize(t), en.recognize(t));
  });

  it("rejects a non-string input with a clear error", () => {
    assert.throws(() => en.recognize(42 as unknown as string), /text must be a string/);
  });
});
