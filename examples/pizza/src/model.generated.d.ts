// Generated from the interaction model by generateModelTypes (`clover model types`).
// Do not edit: regenerate when the model changes.

/** Intents and slots of "pizza shop" (en, ja, ko). */
export interface PizzaModel {
  intents: {
    "OrderPizzaIntent": {
      /** PIZZA_TYPE */
      "pizzaType": "bulgogi" | "four cheese" | "hawaiian" | "margherita" | "pepperoni" | "seafood" | "veggie";
      /** PIZZA_SIZE */
      "pizzaSize": "large" | "medium" | "small";
      /** CLOVA.NUMBER */
      "pizzaCount": string;
    };
    "Clova.CancelIntent": {};
    "Clova.GuideIntent": {};
    "Clova.NoIntent": {};
    "Clova.YesIntent": {};
  };
}

export type PizzaModelIntentName = keyof PizzaModel["intents"];
