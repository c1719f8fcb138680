export { type NormalizeOptions, normalizeText } from "./normalize.js";
export { type Token, tokenize } from "./tokenize.js";
