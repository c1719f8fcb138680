// Incremental (§5.3) and switching (§5.4) control messages and their confirmations.
import { type Static, type TProperties, Type } from "@sinclair/typebox";
import { homeDevicePayload, homeDeviceRequest, homeMessage, homeResponse } from "./envelope.js";
import {
  HomeBrightnessInfoObject,
  HomeCountInfoObject,
  HomeIntensityLevelInfoObject,
  HomeModeInfoObject,
  HomeSpeedInfoObject,
  HomeTemperatureInfoObject,
  HomeTVChannelInfoObject,
  HomeVolumeInfoObject,
} from "./objects.js";

/** A confirmation echoing the new state, and the old one under `previousState` (§3.4). */
function stateEcho<N extends string, S extends TProperties>(name: N, state: S) {
  const partial = Type.Partial(Type.Object(state));
  return homeMessage(
    name,
    Type.Object({ ...partial.properties, previousState: Type.Optional(partial) }),
  );
}

// Message pages say `brightness`/`fanSpeed`, object pages `targetBrightness`/`targetFanSpeed`:
// both accepted (§14 #6).
const brightness = {
  brightness: HomeBrightnessInfoObject,
  targetBrightness: HomeBrightnessInfoObject,
};
const fanSpeed = { fanSpeed: HomeSpeedInfoObject, targetFanSpeed: HomeSpeedInfoObject };
const channel = { channel: HomeTVChannelInfoObject, subChannel: HomeTVChannelInfoObject };
const intensity = { intensityLevel: HomeIntensityLevelInfoObject };
const temperature = { targetTemperature: HomeTemperatureInfoObject };
const volume = { targetVolume: HomeVolumeInfoObject };

export const IncrementBrightnessRequest = homeDeviceRequest("IncrementBrightnessRequest", {
  deltaBrightness: HomeBrightnessInfoObject,
});
export type IncrementBrightnessRequest = Static<typeof IncrementBrightnessRequest.schema>;
export const IncrementBrightnessConfirmation = stateEcho(
  "IncrementBrightnessConfirmation",
  brightness,
);
export type IncrementBrightnessConfirmation = Static<typeof IncrementBrightnessConfirmation.schema>;
export const DecrementBrightnessRequest = homeDeviceRequest("DecrementBrightnessRequest", {
  deltaBrightness: HomeBrightnessInfoObject,
});
export type DecrementBrightnessRequest = Static<typeof DecrementBrightnessRequest.schema>;
export const DecrementBrightnessConfirmation = stateEcho(
  "DecrementBrightnessConfirmation",
  brightness,
);
export type DecrementBrightnessConfirmation = Static<typeof DecrementBrightnessConfirmation.schema>;

export const IncrementChannelRequest = homeDeviceRequest("IncrementChannelRequest", {
  deltaChannel: HomeTVChannelInfoObject,
});
export type IncrementChannelRequest = Static<typeof IncrementChannelRequest.schema>;
export const IncrementChannelConfirmation = stateEcho("IncrementChannelConfirmation", channel);
export type IncrementChannelConfirmation = Static<typeof IncrementChannelConfirmation.schema>;
export const DecrementChannelRequest = homeDeviceRequest("DecrementChannelRequest", {
  deltaChannel: HomeTVChannelInfoObject,
});
export type DecrementChannelRequest = Static<typeof DecrementChannelRequest.schema>;
export const DecrementChannelConfirmation = stateEcho("DecrementChannelConfirmation", channel);
export type DecrementChannelConfirmation = Static<typeof DecrementChannelConfirmation.schema>;

export const IncrementFanSpeedRequest = homeDeviceRequest("IncrementFanSpeedRequest", {
  deltaFanSpeed: HomeSpeedInfoObject,
});
export type IncrementFanSpeedRequest = Static<typeof IncrementFanSpeedRequest.schema>;
export const IncrementFanSpeedConfirmation = stateEcho("IncrementFanSpeedConfirmation", fanSpeed);
export type IncrementFanSpeedConfirmation = Static<typeof IncrementFanSpeedConfirmation.schema>;
export const DecrementFanSpeedRequest = homeDeviceRequest("DecrementFanSpeedRequest", {
  deltaFanSpeed: HomeSpeedInfoObject,
});
export type DecrementFanSpeedRequest = Static<typeof DecrementFanSpeedRequest.schema>;
export const DecrementFanSpeedConfirmation = stateEcho("DecrementFanSpeedConfirmation", fanSpeed);
export type DecrementFanSpeedConfirmation = Static<typeof DecrementFanSpeedConfirmation.schema>;

// JP examples send `deltaTemperature` for intensity steps: accepted as an alias (§14 #13).
const deltaIntensity = Type.Union([
  homeDevicePayload({ deltaIntensity: HomeIntensityLevelInfoObject }),
  homeDevicePayload({ deltaTemperature: HomeIntensityLevelInfoObject }),
]);
export const IncrementIntensityLevelRequest = homeMessage(
  "IncrementIntensityLevelRequest",
  deltaIntensity,
);
export type IncrementIntensityLevelRequest = Static<typeof IncrementIntensityLevelRequest.schema>;
export const IncrementIntensityLevelConfirmation = stateEcho(
  "IncrementIntensityLevelConfirmation",
  intensity,
);
export type IncrementIntensityLevelConfirmation = Static<
  typeof IncrementIntensityLevelConfirmation.schema
>;
export const DecrementIntensityLevelRequest = homeMessage(
  "DecrementIntensityLevelRequest",
  deltaIntensity,
);
export type DecrementIntensityLevelRequest = Static<typeof DecrementIntensityLevelRequest.schema>;
export const DecrementIntensityLevelConfirmation = stateEcho(
  "DecrementIntensityLevelConfirmation",
  intensity,
);
export type DecrementIntensityLevelConfirmation = Static<
  typeof DecrementIntensityLevelConfirmation.schema
>;

export const IncrementTargetTemperatureRequest = homeDeviceRequest(
  "IncrementTargetTemperatureRequest",
  { deltaTemperature: HomeTemperatureInfoObject },
);
export type IncrementTargetTemperatureRequest = Static<
  typeof IncrementTargetTemperatureRequest.schema
>;
export const IncrementTargetTemperatureConfirmation = stateEcho(
  "IncrementTargetTemperatureConfirmation",
  temperature,
);
export type IncrementTargetTemperatureConfirmation = Static<
  typeof IncrementTargetTemperatureConfirmation.schema
>;
export const DecrementTargetTemperatureRequest = homeDeviceRequest(
  "DecrementTargetTemperatureRequest",
  { deltaTemperature: HomeTemperatureInfoObject },
);
export type DecrementTargetTemperatureRequest = Static<
  typeof DecrementTargetTemperatureRequest.schema
>;
export const DecrementTargetTemperatureConfirmation = stateEcho(
  "DecrementTargetTemperatureConfirmation",
  temperature,
);
export type DecrementTargetTemperatureConfirmation = Static<
  typeof DecrementTargetTemperatureConfirmation.schema
>;

export const IncrementVolumeRequest = homeDeviceRequest("IncrementVolumeRequest", {
  deltaVolume: HomeVolumeInfoObject,
});
export type IncrementVolumeRequest = Static<typeof IncrementVolumeRequest.schema>;
export const IncrementVolumeConfirmation = stateEcho("IncrementVolumeConfirmation", volume);
export type IncrementVolumeConfirmation = Static<typeof IncrementVolumeConfirmation.schema>;
export const DecrementVolumeRequest = homeDeviceRequest("DecrementVolumeRequest", {
  deltaVolume: HomeVolumeInfoObject,
});
export type DecrementVolumeRequest = Static<typeof DecrementVolumeRequest.schema>;
export const DecrementVolumeConfirmation = stateEcho("DecrementVolumeConfirmation", volume);
export type DecrementVolumeConfirmation = Static<typeof DecrementVolumeConfirmation.schema>;

// Switching: the device advances to its next setting (§5.4, mostly KR).
export const ChangeFanSpeedRequest = homeDeviceRequest("ChangeFanSpeedRequest", {});
export type ChangeFanSpeedRequest = Static<typeof ChangeFanSpeedRequest.schema>;
export const ChangeFanSpeedConfirmation = homeResponse("ChangeFanSpeedConfirmation", {
  fanSpeed: Type.Optional(HomeSpeedInfoObject),
});
export type ChangeFanSpeedConfirmation = Static<typeof ChangeFanSpeedConfirmation.schema>;

export const ChangeInputSourceRequest = homeDeviceRequest("ChangeInputSourceRequest", {
  count: Type.Optional(HomeCountInfoObject),
});
export type ChangeInputSourceRequest = Static<typeof ChangeInputSourceRequest.schema>;
export const ChangeInputSourceConfirmation = homeResponse("ChangeInputSourceConfirmation", {});
export type ChangeInputSourceConfirmation = Static<typeof ChangeInputSourceConfirmation.schema>;

export const ChangeModeRequest = homeDeviceRequest("ChangeModeRequest", {});
export type ChangeModeRequest = Static<typeof ChangeModeRequest.schema>;
export const ChangeModeConfirmation = stateEcho("ChangeModeConfirmation", {
  mode: HomeModeInfoObject,
});
export type ChangeModeConfirmation = Static<typeof ChangeModeConfirmation.schema>;

export const ChangePowerRequest = homeDeviceRequest("ChangePowerRequest", {});
export type ChangePowerRequest = Static<typeof ChangePowerRequest.schema>;
export const ChangePowerConfirmation = homeResponse("ChangePowerConfirmation", {});
export type ChangePowerConfirmation = Static<typeof ChangePowerConfirmation.schema>;
