// Action-type control messages and their confirmations (cek-home-extension.md §5.1).
import { type Static, Type } from "@sinclair/typebox";
import { SceneInfoRequestObject } from "./appliance.js";
import { homeDeviceRequest, homeObjectMessage, homeResponse } from "./envelope.js";
import {
  HomeDirectionInfoObject,
  HomeModeInfoObject,
  HomePhaseInfoObject,
  HomeSpeedInfoObject,
  HomeTemperatureInfoObject,
} from "./objects.js";

const opt = Type.Optional;

export const CallElevatorRequest = homeDeviceRequest("CallElevatorRequest", {});
export type CallElevatorRequest = Static<typeof CallElevatorRequest.schema>;
export const CallElevatorConfirmation = homeResponse("CallElevatorConfirmation", {});
export type CallElevatorConfirmation = Static<typeof CallElevatorConfirmation.schema>;

export const ChargeRequest = homeDeviceRequest("ChargeRequest", {});
export type ChargeRequest = Static<typeof ChargeRequest.schema>;
export const ChargeConfirmation = homeResponse("ChargeConfirmation", {});
export type ChargeConfirmation = Static<typeof ChargeConfirmation.schema>;

export const CloseRequest = homeDeviceRequest("CloseRequest", {});
export type CloseRequest = Static<typeof CloseRequest.schema>;
export const CloseConfirmation = homeResponse("CloseConfirmation", {});
export type CloseConfirmation = Static<typeof CloseConfirmation.schema>;

export const LowerRequest = homeDeviceRequest("LowerRequest", {});
export type LowerRequest = Static<typeof LowerRequest.schema>;
export const LowerConfirmation = homeResponse("LowerConfirmation", {});
export type LowerConfirmation = Static<typeof LowerConfirmation.schema>;

export const MuteRequest = homeDeviceRequest("MuteRequest", {});
export type MuteRequest = Static<typeof MuteRequest.schema>;
export const MuteConfirmation = homeResponse("MuteConfirmation", {});
export type MuteConfirmation = Static<typeof MuteConfirmation.schema>;

export const OpenRequest = homeDeviceRequest("OpenRequest", {});
export type OpenRequest = Static<typeof OpenRequest.schema>;
export const OpenConfirmation = homeResponse("OpenConfirmation", {});
export type OpenConfirmation = Static<typeof OpenConfirmation.schema>;

export const PreheatRequest = homeDeviceRequest("PreheatRequest", {
  targetTemperature: opt(HomeTemperatureInfoObject),
});
export type PreheatRequest = Static<typeof PreheatRequest.schema>;
export const PreheatConfirmation = homeResponse("PreheatConfirmation", {
  targetTemperature: opt(HomeTemperatureInfoObject),
});
export type PreheatConfirmation = Static<typeof PreheatConfirmation.schema>;

export const RaiseRequest = homeDeviceRequest("RaiseRequest", {});
export type RaiseRequest = Static<typeof RaiseRequest.schema>;
export const RaiseConfirmation = homeResponse("RaiseConfirmation", {});
export type RaiseConfirmation = Static<typeof RaiseConfirmation.schema>;

// The field table says ModeInfoObject, the examples a bare string: both accepted (§14 #7).
export const ReleaseModeRequest = homeDeviceRequest("ReleaseModeRequest", {
  mode: Type.Union([HomeModeInfoObject, Type.String({ minLength: 1 })], {
    description: "The mode to cancel; object form preferred, bare string accepted.",
  }),
});
export type ReleaseModeRequest = Static<typeof ReleaseModeRequest.schema>;
// previousState is typed ModeInfoObject but nested as previousState.mode: both parsed (§14 #8).
export const ReleaseModeConfirmation = homeResponse("ReleaseModeConfirmation", {
  mode: opt(HomeModeInfoObject),
  previousState: opt(
    Type.Object({ mode: opt(HomeModeInfoObject), value: opt(Type.String({ minLength: 1 })) }),
  ),
});
export type ReleaseModeConfirmation = Static<typeof ReleaseModeConfirmation.schema>;

export const StartOscillationRequest = homeDeviceRequest("StartOscillationRequest", {
  direction: opt(HomeDirectionInfoObject),
});
export type StartOscillationRequest = Static<typeof StartOscillationRequest.schema>;
export const StartOscillationConfirmation = homeResponse("StartOscillationConfirmation", {});
export type StartOscillationConfirmation = Static<typeof StartOscillationConfirmation.schema>;

export const StartRecordingRequest = homeDeviceRequest("StartRecordingRequest", {});
export type StartRecordingRequest = Static<typeof StartRecordingRequest.schema>;
export const StartRecordingConfirmation = homeResponse("StartRecordingConfirmation", {});
export type StartRecordingConfirmation = Static<typeof StartRecordingConfirmation.schema>;

export const StopRequest = homeDeviceRequest("StopRequest", {});
export type StopRequest = Static<typeof StopRequest.schema>;
export const StopConfirmation = homeResponse("StopConfirmation", {
  phase: opt(HomePhaseInfoObject),
});
export type StopConfirmation = Static<typeof StopConfirmation.schema>;

export const StopOscillationRequest = homeDeviceRequest("StopOscillationRequest", {});
export type StopOscillationRequest = Static<typeof StopOscillationRequest.schema>;
export const StopOscillationConfirmation = homeResponse("StopOscillationConfirmation", {});
export type StopOscillationConfirmation = Static<typeof StopOscillationConfirmation.schema>;

export const StopRecordingRequest = homeDeviceRequest("StopRecordingRequest", {});
export type StopRecordingRequest = Static<typeof StopRecordingRequest.schema>;
export const StopRecordingConfirmation = homeResponse("StopRecordingConfirmation", {});
export type StopRecordingConfirmation = Static<typeof StopRecordingConfirmation.schema>;

export const TurnOffRequest = homeDeviceRequest("TurnOffRequest", {});
export type TurnOffRequest = Static<typeof TurnOffRequest.schema>;
export const TurnOffConfirmation = homeResponse("TurnOffConfirmation", {});
export type TurnOffConfirmation = Static<typeof TurnOffConfirmation.schema>;

export const TurnOnRequest = homeDeviceRequest("TurnOnRequest", {});
export type TurnOnRequest = Static<typeof TurnOnRequest.schema>;
// JP lets an extension report the settings the device came up with (§5.1, §14 #24).
export const TurnOnConfirmation = homeResponse("TurnOnConfirmation", {
  targetTemperature: opt(HomeTemperatureInfoObject),
  fanSpeed: opt(HomeSpeedInfoObject),
  mode: opt(HomeModeInfoObject),
});
export type TurnOnConfirmation = Static<typeof TurnOnConfirmation.schema>;

/** Which TurnOnConfirmation fields each appliance type may report (JP, §5.1). */
export const TURN_ON_CONFIRMATION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  AIRCONDITIONER: ["mode", "fanSpeed", "targetTemperature"],
  AIRPURIFIER: ["fanSpeed"],
  HEATER: ["targetTemperature"],
  HUMIDIFIER: ["fanSpeed"],
  WATERBOILER: ["mode", "targetTemperature"],
};

export const UnmuteRequest = homeDeviceRequest("UnmuteRequest", {});
export type UnmuteRequest = Static<typeof UnmuteRequest.schema>;
export const UnmuteConfirmation = homeResponse("UnmuteConfirmation", {});
export type UnmuteConfirmation = Static<typeof UnmuteConfirmation.schema>;

// Scenes carry `scene` instead of `appliance` (§3.2, JP).
export const ActionSceneRequest = homeObjectMessage("ActionSceneRequest", {
  accessToken: Type.String(),
  scene: SceneInfoRequestObject,
});
export type ActionSceneRequest = Static<typeof ActionSceneRequest.schema>;
export const ActionSceneConfirmation = homeResponse("ActionSceneConfirmation", {});
export type ActionSceneConfirmation = Static<typeof ActionSceneConfirmation.schema>;
