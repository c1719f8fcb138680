// Home control: Clova Home extensions driven by voice (cek-home-extension.md).
export { HomeAbility, type HomeAbilityOptions } from "./ability.js";
export { LEXICONS } from "./lexicon/index.js";
export { type HomeCommand, understand } from "./understand.js";
export { buildVocabulary, HomeVocabulary } from "./vocabulary.js";
