// A small interaction model per language for the test extensions.
import type { InteractionModel } from "@clover/protocol";

export function bakeryModel(
  language: "en" | "ja" | "ko" = "en",
  options: { fallback?: boolean } = {},
): InteractionModel {
  const builtinIntents = [
    "Clova.GuideIntent",
    "Clova.CancelIntent",
    "Clova.YesIntent",
    "Clova.NoIntent",
  ];
  if (options.fallback) builtinIntents.push("Clova.FallbackIntent");
  const common = {
    language,
    builtinIntents,
    builtinSlotTypes: ["CLOVA.NUMBER"],
    customSlotTypes: [
      {
        name: "BREAD_KIND",
        values: [
          { value: "croissant", synonyms: ["croissants", "クロワッサン", "크루아상"] },
          { value: "baguette", synonyms: ["baguettes", "バゲット", "바게트"] },
        ],
      },
    ],
  };
  const slots = [
    { name: "breadKind", type: "BREAD_KIND" },
    { name: "breadCount", type: "CLOVA.NUMBER" },
  ];
  if (language === "ja")
    return {
      ...common,
      invocation: { main: "ベーカリーボット" },
      intents: [
        {
          name: "OrderBread",
          slots,
          utterances: [
            "<breadKind>クロワッサン</breadKind>を<breadCount>2</breadCount>個ください",
            "<breadKind>バゲット</breadKind>をください",
            "<breadKind>クロワッサン</breadKind>を注文",
            "<breadKind>バゲット</breadKind>を<breadCount>3</breadCount>本注文して",
          ],
        },
      ],
    };
  if (language === "ko")
    return {
      ...common,
      invocation: { main: "베이커리봇" },
      intents: [
        {
          name: "OrderBread",
          slots,
          utterances: [
            "<breadKind>크루아상</breadKind> <breadCount>2</breadCount>개 주세요",
            "<breadKind>바게트</breadKind> 주문해줘",
            "<breadKind>크루아상</breadKind> 주문",
          ],
        },
      ],
    };
  return {
    ...common,
    invocation: { main: "bakery bot", sub: ["baker bot"] },
    intents: [
      {
        name: "OrderBread",
        slots,
        utterances: [
          "order <breadCount>two</breadCount> <breadKind>croissants</breadKind>",
          "i want <breadCount>3</breadCount> <breadKind>baguettes</breadKind>",
          "<breadCount>two</breadCount> <breadKind>croissants</breadKind> please",
          "can i get a <breadKind>baguette</breadKind>",
          "order a <breadKind>croissant</breadKind>",
          "i would like to order a <breadKind>baguette</breadKind>",
          "buy <breadCount>four</breadCount> <breadKind>croissants</breadKind>",
        ],
      },
      {
        name: "StoreHours",
        slots: [],
        utterances: [
          "when are you open",
          "what are your opening hours",
          "are you open today",
          "opening hours",
        ],
      },
    ],
  };
}
