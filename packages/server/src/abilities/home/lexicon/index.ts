// The home NLU's words per language.
import type { Language } from "../../../assistant/turn.js";
import { en } from "./en.js";
import { ja } from "./ja.js";
import { ko } from "./ko.js";
import type { HomeLexicon } from "./types.js";

export const LEXICONS: Record<Language, HomeLexicon> = { en, ja, ko };
export type { HomeIntent, HomeLexicon, Quantity } from "./types.js";
