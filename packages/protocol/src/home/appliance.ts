// Discovery objects: ApplianceInfoObject (response form, §4.2), actionDetails (§4.4),
// CustomCommandInfoObject (§4.5) and SceneInfoObject (§4.6).
import { type Static, Type } from "@sinclair/typebox";
import { HomeActionInfoObject } from "./objects.js";

/** `allowableValue` of one actionDetails entry, discriminated by `type` (§4.4). */
export const HomeAllowableValue = Type.Union(
  [
    Type.Object({
      type: Type.Literal("string"),
      enumValues: Type.Array(Type.String(), { minItems: 1 }),
    }),
    Type.Object({
      type: Type.Literal("number"),
      enumValues: Type.Array(Type.Number(), { minItems: 1 }),
    }),
    Type.Object({
      type: Type.Literal("boundedNumber"),
      minValue: Type.Number(),
      maxValue: Type.Number(),
    }),
  ],
  { description: "Legal values of an action's parameter (§4.4)." },
);
export type HomeAllowableValue = Static<typeof HomeAllowableValue>;

export const HomeActionDetail = Type.Object({
  action: Type.String({ minLength: 1 }),
  allowableValue: HomeAllowableValue,
});
export type HomeActionDetail = Static<typeof HomeActionDetail>;

export const HomeAdditionalApplianceDetails = Type.Object(
  { actionDetails: Type.Optional(Type.Array(HomeActionDetail)) },
  {
    description:
      "Vendor-private data echoed back in requests; `actionDetails` is reserved (KR, §4.4).",
  },
);
export type HomeAdditionalApplianceDetails = Static<typeof HomeAdditionalApplianceDetails>;

const strings = () => Type.Array(Type.String());

/** ApplianceInfoObject as reported by an extension in discovery (§4.2). */
export const ApplianceInfoObject = Type.Object(
  {
    applianceId: Type.String({ minLength: 1 }),
    applianceTypes: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: "Type from the catalogue (§4.7); unknown types are kept.",
    }),
    actions: Type.Optional(strings()),
    friendlyName: Type.Optional(Type.String()),
    friendlyDescription: Type.Optional(Type.String()),
    manufacturerName: Type.Optional(Type.String()),
    modelName: Type.Optional(Type.String()),
    version: Type.Optional(Type.String()),
    isIr: Type.Optional(Type.Boolean()),
    isReachable: Type.Optional(Type.Boolean()),
    actionsNeededUserConfirmation: Type.Optional(strings()),
    additionalApplianceDetails: Type.Optional(HomeAdditionalApplianceDetails),
    location: Type.Optional(Type.String({ description: 'Room code (§9.1); "" = not set.' })),
    // A console transcript shows `null`: read as no tags (§4.2).
    tags: Type.Optional(Type.Union([strings(), Type.Null()])),
  },
  { description: "A device reported in discovery (§4.2)." },
);
export type ApplianceInfoObject = Static<typeof ApplianceInfoObject>;

export const CustomCommandInfoObject = Type.Object(
  { name: Type.String({ minLength: 1 }), actions: Type.Array(HomeActionInfoObject) },
  { description: "A user routine: a named list of device actions (§4.5)." },
);
export type CustomCommandInfoObject = Static<typeof CustomCommandInfoObject>;

/** SceneInfoObject as reported in scene discovery (§4.6, JP). */
export const SceneInfoObject = Type.Object({
  sceneId: Type.String({ minLength: 1 }),
  sceneName: Type.String({ minLength: 1 }),
  needsUserConfirmation: Type.Optional(Type.Boolean()),
  additionalSceneDetails: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});
export type SceneInfoObject = Static<typeof SceneInfoObject>;

// The only source example keys the scene by `applianceId`; the platform sends both (§14 #9).
export const SceneInfoRequestObject = Type.Object({
  ...SceneInfoObject.properties,
  applianceId: Type.Optional(Type.String({ description: "Same as sceneId (compatibility)." })),
});
export type SceneInfoRequestObject = Static<typeof SceneInfoRequestObject>;
