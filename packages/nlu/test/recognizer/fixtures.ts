// Small hand-written models for the recognizer tests (the example extensions' models are
// exercised by test/regression).
import type { InteractionModel } from "@clover/protocol";

export const coffeeEn: InteractionModel = {
  language: "en",
  invocation: { main: "coffee corner" },
  builtinIntents: ["Clova.GuideIntent", "Clova.YesIntent", "Clova.NoIntent", "Clova.CancelIntent"],
  builtinSlotTypes: ["CLOVA.NUMBER"],
  customSlotTypes: [
    {
      name: "DRINK",
      values: [
        { value: "latte", synonyms: ["cafe latte", "caffe latte", "milk coffee"] },
        { value: "espresso", synonyms: ["short black"] },
        { value: "americano", synonyms: ["long black"] },
        { value: "cappuccino", synonyms: ["capp"] },
        { value: "mocha", synonyms: ["chocolate coffee"] },
      ],
    },
  ],
  intents: [
    {
      name: "OrderDrinkIntent",
      slots: [
        { name: "drink", type: "DRINK" },
        { name: "count", type: "CLOVA.NUMBER" },
      ],
      utterances: [
        "i'd like a <drink>latte</drink>",
        "order <count>two</count> <drink>espresso</drink>",
        "can i get <count>3</count> <drink>americano</drink> please",
        "make me a <drink>cappuccino</drink>",
        "<count>one</count> <drink>mocha</drink> please",
        "i want <count>four</count> <drink>cafe latte</drink>",
        "get me an <drink>americano</drink>",
        "<drink>espresso</drink> please",
        "could you make <count>two</count> <drink>mocha</drink>",
        "i'll have a <drink>long black</drink>",
        "order a <drink>latte</drink> for me",
        "brew me a <drink>capp</drink>",
      ],
    },
    {
      name: "CheckOrderIntent",
      utterances: [
        "where is my order",
        "is my coffee ready",
        "how long until my drink is ready",
        "check on my order",
        "what is the status of my order",
        "is my order done yet",
      ],
    },
    {
      name: "OpeningHoursIntent",
      utterances: [
        "when do you open",
        "what are your opening hours",
        "when does the shop close",
        "are you open on sunday",
        "what time do you close today",
      ],
    },
  ],
};

export const coffeeJa: InteractionModel = {
  language: "ja",
  invocation: { main: "コーヒーコーナー" },
  builtinIntents: ["Clova.GuideIntent", "Clova.YesIntent", "Clova.NoIntent"],
  builtinSlotTypes: ["CLOVA.NUMBER"],
  customSlotTypes: [
    {
      name: "DRINK",
      values: [
        { value: "ラテ", synonyms: ["カフェラテ", "カフェオレ"] },
        { value: "エスプレッソ" },
        { value: "アメリカーノ", synonyms: ["アメリカン"] },
        { value: "抹茶ラテ", synonyms: ["まっちゃらて"] },
      ],
    },
  ],
  intents: [
    {
      name: "OrderDrinkIntent",
      slots: [
        { name: "drink", type: "DRINK" },
        { name: "count", type: "CLOVA.NUMBER" },
      ],
      utterances: [
        "<drink>ラテ</drink>をください",
        "<drink>エスプレッソ</drink>を<count>2杯</count>お願い",
        "<drink>アメリカーノ</drink>を<count>1杯</count>注文して",
        "<drink>カフェラテ</drink>を頼みたい",
        "<drink>抹茶ラテ</drink>を<count>3杯</count>ください",
        "<drink>アメリカン</drink>ひとつ",
        "<drink>エスプレッソ</drink>を注文したい",
        "<drink>ラテ</drink>を<count>2杯</count>頼んで",
      ],
    },
    {
      name: "CheckOrderIntent",
      utterances: [
        "注文はまだですか",
        "コーヒーはできましたか",
        "注文の状況を教えて",
        "あとどれくらいでできる",
      ],
    },
  ],
};

export const coffeeKo: InteractionModel = {
  language: "ko",
  invocation: { main: "커피 코너" },
  builtinIntents: ["Clova.GuideIntent", "Clova.YesIntent", "Clova.NoIntent"],
  builtinSlotTypes: ["CLOVA.NUMBER"],
  customSlotTypes: [
    {
      name: "DRINK",
      values: [
        { value: "라테", synonyms: ["카페라테", "라떼", "카페 라떼"] },
        { value: "에스프레소" },
        { value: "아메리카노", synonyms: ["아아"] },
      ],
    },
  ],
  intents: [
    {
      name: "OrderDrinkIntent",
      slots: [
        { name: "drink", type: "DRINK" },
        { name: "count", type: "CLOVA.NUMBER" },
      ],
      utterances: [
        "<drink>라테</drink> 주세요",
        "<drink>에스프레소</drink> <count>두 잔</count> 주문해줘",
        "<drink>아메리카노</drink> <count>한 잔</count> 시켜줘",
        "<drink>카페라테</drink> 마시고 싶어",
        "<drink>아아</drink> <count>세 잔</count> 부탁해",
        "<drink>라떼</drink> 한 잔 주문할게",
        "<drink>아메리카노</drink> 주문해 줘",
        "<drink>에스프레소</drink> 줘",
      ],
    },
    {
      name: "CheckOrderIntent",
      utterances: ["주문 아직이야", "커피 나왔어", "주문 상태 알려줘", "얼마나 걸려"],
    },
  ],
};
