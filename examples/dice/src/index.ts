export { createDiceExtension, DICE_EXTENSION_ID, type DiceOptions, MAX_DICE } from "./extension.js";
export { messages } from "./messages.js";
export type { DiceModel } from "./model.generated.js";
