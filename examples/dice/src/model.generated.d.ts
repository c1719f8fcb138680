// Generated from the interaction model by generateModelTypes (`clover model types`).
// Do not edit: regenerate when the model changes.

/** Intents and slots of "dice" (en, ja, ko). */
export interface DiceModel {
  intents: {
    "ThrowDiceIntent": {
      /** CLOVA.NUMBER */
      "diceCount": string;
    };
    "Clova.CancelIntent": {};
    "Clova.GuideIntent": {};
    "Clova.NoIntent": {};
    "Clova.YesIntent": {};
  };
}

export type DiceModelIntentName = keyof DiceModel["intents"];
