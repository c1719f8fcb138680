// A small clean model; each test breaks one thing in a copy of it.
import type { InteractionModel } from "@clover/protocol";
import { validateModel } from "../../src/model/index.js";

const VERBS = ["order", "get me", "i want", "send over", "bring", "i'd like"];
const TAILS = ["", " please", " now", " for me", " today"];
const ITEMS = ["bagel", "muffin", "scone", "bagels", "muffins"];

export function baseModel(): InteractionModel {
  const order: string[] = [];
  VERBS.forEach((verb, v) => {
    TAILS.forEach((tail, t) => {
      order.push(`${verb} <count>${v + t + 1}</count> <item>${ITEMS[t]}</item>${tail}`);
    });
  });
  return {
    language: "en",
    invocation: { main: "corner bakery", sub: ["corner bakers"] },
    builtinIntents: [
      "Clova.GuideIntent",
      "Clova.CancelIntent",
      "Clova.YesIntent",
      "Clova.NoIntent",
    ],
    builtinSlotTypes: ["CLOVA.NUMBER"],
    customSlotTypes: [
      {
        name: "ITEM",
        values: [
          { value: "bagel", synonyms: ["bagels"] },
          { value: "muffin", synonyms: ["muffins"] },
          { value: "scone" },
        ],
      },
    ],
    intents: [
      {
        name: "OrderIntent",
        slots: [
          { name: "item", type: "ITEM" },
          { name: "count", type: "CLOVA.NUMBER" },
        ],
        utterances: order,
      },
      {
        name: "MenuIntent",
        slots: [],
        utterances: [
          "what's on the menu",
          "read me the menu",
          "what do you have",
          "what can i buy",
          "what do you sell",
          "list your products",
          "tell me the menu",
          "what's fresh today",
          "anything new on the menu",
          "what are today's specials",
        ],
      },
    ],
  };
}

/** Validates a changed copy of the base model. */
export function issuesAfter(change: (model: InteractionModel) => void) {
  const model = baseModel();
  change(model);
  return validateModel(model);
}
