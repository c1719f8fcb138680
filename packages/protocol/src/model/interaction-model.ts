// The interaction model document: our whole-model JSON format (interaction-model.md §2),
// one document per extension and language.
import { type Static, Type } from "@sinclair/typebox";
import { defineMessage } from "../core/codec.js";

/** Languages the platform understands (interaction-model.md §1, CEK §4.4). */
export const ModelLanguage = Type.Union(
  [Type.Literal("ja"), Type.Literal("ko"), Type.Literal("en")],
  {
    description: "Language of the model: ja, ko or en.",
  },
);
export type ModelLanguage = Static<typeof ModelLanguage>;

/** Identifier rule for intent, slot and custom slot type names (§2, recommendation). */
export const IDENTIFIER_PATTERN = "^[A-Za-z][A-Za-z0-9_]{0,63}$";

export const InvocationNames = Type.Object(
  {
    main: Type.String({ minLength: 1, description: "The main invocation name users say." }),
    sub: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        maxItems: 4,
        description: "Up to 4 sub names (variants, ASR spellings) (§9.1, §12).",
      }),
    ),
  },
  { description: "Invocation names of the extension in this language (§9)." },
);
export type InvocationNames = Static<typeof InvocationNames>;

export const CustomSlotValue = Type.Object({
  value: Type.String({ minLength: 1, description: "Representative word sent to the extension." }),
  synonyms: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
});
export type CustomSlotValue = Static<typeof CustomSlotValue>;

export const CustomSlotType = Type.Object({
  name: Type.String({ pattern: IDENTIFIER_PATTERN }),
  values: Type.Array(CustomSlotValue),
  open: Type.Optional(
    Type.Boolean({ description: "Also capture values outside the dictionary (§6, UNSPECIFIED)." }),
  ),
});
export type CustomSlotType = Static<typeof CustomSlotType>;

export const IntentSlot = Type.Object({
  name: Type.String({ pattern: IDENTIFIER_PATTERN }),
  type: Type.String({ minLength: 1, description: "A custom slot type name or a CLOVA.* type." }),
});
export type IntentSlot = Static<typeof IntentSlot>;

export const CustomIntent = Type.Object({
  name: Type.String({ pattern: IDENTIFIER_PATTERN }),
  slots: Type.Optional(Type.Array(IntentSlot)),
  utterances: Type.Array(
    Type.String({
      minLength: 1,
      description:
        "Utterance example with slot spans tagged as <slotName>surface</slotName> (§7.1).",
    }),
  ),
});
export type CustomIntent = Static<typeof CustomIntent>;

export const InteractionModel = Type.Object(
  {
    language: ModelLanguage,
    invocation: InvocationNames,
    builtinIntents: Type.Optional(
      Type.Array(Type.String({ pattern: "^Clova\\.[A-Za-z]+Intent$" })),
    ),
    builtinSlotTypes: Type.Optional(Type.Array(Type.String({ pattern: "^CLOVA\\.[A-Z_]+$" }))),
    customSlotTypes: Type.Optional(Type.Array(CustomSlotType)),
    intents: Type.Array(CustomIntent),
  },
  { description: "An extension's interaction model for one language (interaction-model.md §2)." },
);
export type InteractionModel = Static<typeof InteractionModel>;

export const InteractionModelMessage = defineMessage("interaction-model", InteractionModel);
