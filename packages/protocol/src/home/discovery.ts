// Discovery messages: devices (§4.1) and scenes (§4.6, JP).
import type { Static } from "@sinclair/typebox";
import { Type } from "@sinclair/typebox";
import { ApplianceInfoObject, CustomCommandInfoObject, SceneInfoObject } from "./appliance.js";
import { homeObjectMessage } from "./envelope.js";

const accessToken = Type.String({ description: "The user's OAuth access token (§3.2)." });

export const DiscoverAppliancesRequest = homeObjectMessage("DiscoverAppliancesRequest", {
  accessToken,
});
export type DiscoverAppliancesRequest = Static<typeof DiscoverAppliancesRequest.schema>;

export const DiscoverAppliancesResponse = homeObjectMessage("DiscoverAppliancesResponse", {
  discoveredAppliances: Type.Array(ApplianceInfoObject),
  // Marked required but absent from most source examples: optional (§14 #4).
  customCommands: Type.Optional(Type.Array(CustomCommandInfoObject)),
});
export type DiscoverAppliancesResponse = Static<typeof DiscoverAppliancesResponse.schema>;

export const DiscoverScenesRequest = homeObjectMessage("DiscoverScenesRequest", { accessToken });
export type DiscoverScenesRequest = Static<typeof DiscoverScenesRequest.schema>;

export const DiscoverScenesResponse = homeObjectMessage("DiscoverScenesResponse", {
  discoveredScenes: Type.Array(SceneInfoObject),
});
export type DiscoverScenesResponse = Static<typeof DiscoverScenesResponse.schema>;
