// Value-setting control messages and their confirmations (cek-home-extension.md §5.5).
import { type Static, Type } from "@sinclair/typebox";
import { HomeLockState } from "./enums.js";
import { homeDeviceRequest, homeResponse } from "./envelope.js";
import {
  HomeBrightnessInfoObject,
  HomeColorInfoObject,
  HomeColorTemperatureInfoObject,
  HomeEndpointInfoObject,
  HomeModeInfoObject,
  HomeSpeedInfoObject,
  HomeTemperatureInfoObject,
  HomeTVChannelInfoObject,
  HomeTVChannelNameInfoObject,
  HomeTVInputSourceNameInfoObject,
} from "./objects.js";

const opt = Type.Optional;

export const SetBrightnessRequest = homeDeviceRequest("SetBrightnessRequest", {
  brightness: HomeBrightnessInfoObject,
});
export type SetBrightnessRequest = Static<typeof SetBrightnessRequest.schema>;
export const SetBrightnessConfirmation = homeResponse("SetBrightnessConfirmation", {
  brightness: opt(HomeBrightnessInfoObject),
});
export type SetBrightnessConfirmation = Static<typeof SetBrightnessConfirmation.schema>;

export const SetChannelRequest = homeDeviceRequest("SetChannelRequest", {
  channel: HomeTVChannelInfoObject,
  subChannel: opt(HomeTVChannelInfoObject),
});
export type SetChannelRequest = Static<typeof SetChannelRequest.schema>;
export const SetChannelConfirmation = homeResponse("SetChannelConfirmation", {
  channel: opt(HomeTVChannelInfoObject),
  subChannel: opt(HomeTVChannelInfoObject),
});
export type SetChannelConfirmation = Static<typeof SetChannelConfirmation.schema>;

export const SetChannelByNameRequest = homeDeviceRequest("SetChannelByNameRequest", {
  channelName: HomeTVChannelNameInfoObject,
});
export type SetChannelByNameRequest = Static<typeof SetChannelByNameRequest.schema>;
export const SetChannelByNameConfirmation = homeResponse("SetChannelByNameConfirmation", {
  channelName: opt(HomeTVChannelNameInfoObject),
});
export type SetChannelByNameConfirmation = Static<typeof SetChannelByNameConfirmation.schema>;

export const SetColorRequest = homeDeviceRequest("SetColorRequest", { color: HomeColorInfoObject });
export type SetColorRequest = Static<typeof SetColorRequest.schema>;
export const SetColorConfirmation = homeResponse("SetColorConfirmation", {
  color: opt(HomeColorInfoObject),
});
export type SetColorConfirmation = Static<typeof SetColorConfirmation.schema>;

export const SetColorTemperatureRequest = homeDeviceRequest("SetColorTemperatureRequest", {
  colorTemperature: HomeColorTemperatureInfoObject,
});
export type SetColorTemperatureRequest = Static<typeof SetColorTemperatureRequest.schema>;
export const SetColorTemperatureConfirmation = homeResponse("SetColorTemperatureConfirmation", {
  colorTemperature: opt(HomeColorTemperatureInfoObject),
});
export type SetColorTemperatureConfirmation = Static<typeof SetColorTemperatureConfirmation.schema>;

export const SetFanSpeedRequest = homeDeviceRequest("SetFanSpeedRequest", {
  fanSpeed: HomeSpeedInfoObject,
});
export type SetFanSpeedRequest = Static<typeof SetFanSpeedRequest.schema>;
export const SetFanSpeedConfirmation = homeResponse("SetFanSpeedConfirmation", {
  fanSpeed: opt(HomeSpeedInfoObject),
});
export type SetFanSpeedConfirmation = Static<typeof SetFanSpeedConfirmation.schema>;

export const SetFreezerTargetTemperatureRequest = homeDeviceRequest(
  "SetFreezerTargetTemperatureRequest",
  { targetTemperature: HomeTemperatureInfoObject },
);
export type SetFreezerTargetTemperatureRequest = Static<
  typeof SetFreezerTargetTemperatureRequest.schema
>;
export const SetFreezerTargetTemperatureConfirmation = homeResponse(
  "SetFreezerTargetTemperatureConfirmation",
  { targetTemperature: opt(HomeTemperatureInfoObject) },
);
export type SetFreezerTargetTemperatureConfirmation = Static<
  typeof SetFreezerTargetTemperatureConfirmation.schema
>;

export const SetFridgeTargetTemperatureRequest = homeDeviceRequest(
  "SetFridgeTargetTemperatureRequest",
  { targetTemperature: HomeTemperatureInfoObject },
);
export type SetFridgeTargetTemperatureRequest = Static<
  typeof SetFridgeTargetTemperatureRequest.schema
>;
export const SetFridgeTargetTemperatureConfirmation = homeResponse(
  "SetFridgeTargetTemperatureConfirmation",
  { targetTemperature: opt(HomeTemperatureInfoObject) },
);
export type SetFridgeTargetTemperatureConfirmation = Static<
  typeof SetFridgeTargetTemperatureConfirmation.schema
>;

export const SetInputSourceByNameRequest = homeDeviceRequest("SetInputSourceByNameRequest", {
  sourceName: HomeTVInputSourceNameInfoObject,
});
export type SetInputSourceByNameRequest = Static<typeof SetInputSourceByNameRequest.schema>;
export const SetInputSourceByNameConfirmation = homeResponse("SetInputSourceByNameConfirmation", {
  sourceName: opt(HomeTVInputSourceNameInfoObject),
});
export type SetInputSourceByNameConfirmation = Static<
  typeof SetInputSourceByNameConfirmation.schema
>;

// `lockState` is a bare string in both directions, and required in the confirmation.
export const SetLockStateRequest = homeDeviceRequest("SetLockStateRequest", {
  lockState: HomeLockState,
});
export type SetLockStateRequest = Static<typeof SetLockStateRequest.schema>;
export const SetLockStateConfirmation = homeResponse("SetLockStateConfirmation", {
  lockState: HomeLockState,
});
export type SetLockStateConfirmation = Static<typeof SetLockStateConfirmation.schema>;

export const SetModeRequest = homeDeviceRequest("SetModeRequest", { mode: HomeModeInfoObject });
export type SetModeRequest = Static<typeof SetModeRequest.schema>;
export const SetModeConfirmation = homeResponse("SetModeConfirmation", {
  mode: opt(HomeModeInfoObject),
});
export type SetModeConfirmation = Static<typeof SetModeConfirmation.schema>;

export const SetTargetTemperatureRequest = homeDeviceRequest("SetTargetTemperatureRequest", {
  targetTemperature: HomeTemperatureInfoObject,
  endpoint: opt(HomeEndpointInfoObject),
});
export type SetTargetTemperatureRequest = Static<typeof SetTargetTemperatureRequest.schema>;
export const SetTargetTemperatureConfirmation = homeResponse("SetTargetTemperatureConfirmation", {
  targetTemperature: opt(HomeTemperatureInfoObject),
  endpoint: opt(HomeEndpointInfoObject),
});
export type SetTargetTemperatureConfirmation = Static<
  typeof SetTargetTemperatureConfirmation.schema
>;
