// Get-type device queries and HealthCheck (cek-home-extension.md §5.2).
import { type Static, Type } from "@sinclair/typebox";
import { HomeLockState, HomeOpenState } from "./enums.js";
import { homeDeviceRequest, homeMessage, homeQueryResponse, homeResponse } from "./envelope.js";
import {
  HomeAirQualityInfoObject,
  HomeBatteryInfoObject,
  HomeBillInfoObject,
  HomeConsumptionInfoObject,
  HomeCustomInfoObject,
  HomeDetectionCountInfoObject,
  HomeDuration,
  HomeExpendableInfoObject,
  HomeFineDustInfoObject,
  HomeHumidityInfoObject,
  HomePeriodInfoObject,
  HomePhaseInfoObject,
  HomePowerStateInfoObject,
  HomeProgressiveTaxBracketInfoObject,
  HomeTemperatureInfoObject,
  HomeTimestamp,
  HomeUltraFineDustInfoObject,
} from "./objects.js";

/** Sent when the user named a time span (§5.2 "cond"). */
const period = { period: Type.Optional(HomePeriodInfoObject) };
const timestamp = Type.Optional(HomeTimestamp);

export const GetAirQualityRequest = homeDeviceRequest("GetAirQualityRequest", {});
export type GetAirQualityRequest = Static<typeof GetAirQualityRequest.schema>;
export const GetAirQualityResponse = homeQueryResponse("GetAirQualityResponse", {
  airQuality: HomeAirQualityInfoObject,
});
export type GetAirQualityResponse = Static<typeof GetAirQualityResponse.schema>;

export const GetBatteryInfoRequest = homeDeviceRequest("GetBatteryInfoRequest", {});
export type GetBatteryInfoRequest = Static<typeof GetBatteryInfoRequest.schema>;
export const GetBatteryInfoResponse = homeQueryResponse("GetBatteryInfoResponse", {
  batteryInfo: HomeBatteryInfoObject,
});
export type GetBatteryInfoResponse = Static<typeof GetBatteryInfoResponse.schema>;

export const GetCleaningCycleRequest = homeDeviceRequest("GetCleaningCycleRequest", {});
export type GetCleaningCycleRequest = Static<typeof GetCleaningCycleRequest.schema>;
export const GetCleaningCycleResponse = homeQueryResponse("GetCleaningCycleResponse", {
  remainingTime: HomeDuration,
});
export type GetCleaningCycleResponse = Static<typeof GetCleaningCycleResponse.schema>;

export const GetCloseTimeRequest = homeDeviceRequest("GetCloseTimeRequest", {});
export type GetCloseTimeRequest = Static<typeof GetCloseTimeRequest.schema>;
export const GetCloseTimeResponse = homeQueryResponse("GetCloseTimeResponse", {
  closeTimestamp: HomeTimestamp,
});
export type GetCloseTimeResponse = Static<typeof GetCloseTimeResponse.schema>;

export const GetConsumptionRequest = homeDeviceRequest("GetConsumptionRequest", period);
export type GetConsumptionRequest = Static<typeof GetConsumptionRequest.schema>;
export const GetConsumptionResponse = homeQueryResponse("GetConsumptionResponse", {
  consumption: Type.Array(HomeConsumptionInfoObject),
});
export type GetConsumptionResponse = Static<typeof GetConsumptionResponse.schema>;

export const GetCurrentBillRequest = homeDeviceRequest("GetCurrentBillRequest", period);
export type GetCurrentBillRequest = Static<typeof GetCurrentBillRequest.schema>;
export const GetCurrentBillResponse = homeQueryResponse("GetCurrentBillResponse", {
  currentBill: HomeBillInfoObject,
});
export type GetCurrentBillResponse = Static<typeof GetCurrentBillResponse.schema>;

export const GetCurrentTemperatureRequest = homeDeviceRequest("GetCurrentTemperatureRequest", {});
export type GetCurrentTemperatureRequest = Static<typeof GetCurrentTemperatureRequest.schema>;
export const GetCurrentTemperatureResponse = homeQueryResponse("GetCurrentTemperatureResponse", {
  currentTemperature: HomeTemperatureInfoObject,
});
export type GetCurrentTemperatureResponse = Static<typeof GetCurrentTemperatureResponse.schema>;

export const GetDetectedTimeRequest = homeDeviceRequest("GetDetectedTimeRequest", {});
export type GetDetectedTimeRequest = Static<typeof GetDetectedTimeRequest.schema>;
// ISO string per the table, `{value: text}` in the example: both accepted (§14 #10).
export const GetDetectedTimeResponse = homeQueryResponse("GetDetectedTimeResponse", {
  detectedTime: Type.Union([Type.String(), Type.Object({ value: Type.String() })]),
});
export type GetDetectedTimeResponse = Static<typeof GetDetectedTimeResponse.schema>;

export const GetDetectionCountRequest = homeDeviceRequest("GetDetectionCountRequest", {});
export type GetDetectionCountRequest = Static<typeof GetDetectionCountRequest.schema>;
export const GetDetectionCountResponse = homeQueryResponse("GetDetectionCountResponse", {
  detectionCount: HomeDetectionCountInfoObject,
});
export type GetDetectionCountResponse = Static<typeof GetDetectionCountResponse.schema>;

export const GetDeviceStateRequest = homeDeviceRequest("GetDeviceStateRequest", period);
export type GetDeviceStateRequest = Static<typeof GetDeviceStateRequest.schema>;
export const GetDeviceStateResponse = homeQueryResponse("GetDeviceStateResponse", {
  states: Type.Array(HomeCustomInfoObject),
});
export type GetDeviceStateResponse = Static<typeof GetDeviceStateResponse.schema>;

export const GetEstimateBillRequest = homeDeviceRequest("GetEstimateBillRequest", period);
export type GetEstimateBillRequest = Static<typeof GetEstimateBillRequest.schema>;
export const GetEstimateBillResponse = homeQueryResponse("GetEstimateBillResponse", {
  estimateBill: HomeBillInfoObject,
});
export type GetEstimateBillResponse = Static<typeof GetEstimateBillResponse.schema>;

export const GetEstimateConsumptionRequest = homeDeviceRequest("GetEstimateConsumptionRequest", {});
export type GetEstimateConsumptionRequest = Static<typeof GetEstimateConsumptionRequest.schema>;
export const GetEstimateConsumptionResponse = homeQueryResponse("GetEstimateConsumptionResponse", {
  consumption: Type.Array(HomeConsumptionInfoObject),
});
export type GetEstimateConsumptionResponse = Static<typeof GetEstimateConsumptionResponse.schema>;

export const GetExpendableStateRequest = homeDeviceRequest("GetExpendableStateRequest", {});
export type GetExpendableStateRequest = Static<typeof GetExpendableStateRequest.schema>;
export const GetExpendableStateResponse = homeQueryResponse("GetExpendableStateResponse", {
  expendableInfo: Type.Array(HomeExpendableInfoObject),
});
export type GetExpendableStateResponse = Static<typeof GetExpendableStateResponse.schema>;

export const GetFineDustRequest = homeDeviceRequest("GetFineDustRequest", {});
export type GetFineDustRequest = Static<typeof GetFineDustRequest.schema>;
export const GetFineDustResponse = homeQueryResponse("GetFineDustResponse", {
  fineDust: HomeFineDustInfoObject,
});
export type GetFineDustResponse = Static<typeof GetFineDustResponse.schema>;

export const GetHumidityRequest = homeDeviceRequest("GetHumidityRequest", {});
export type GetHumidityRequest = Static<typeof GetHumidityRequest.schema>;
export const GetHumidityResponse = homeQueryResponse("GetHumidityResponse", {
  humidity: HomeHumidityInfoObject,
});
export type GetHumidityResponse = Static<typeof GetHumidityResponse.schema>;

export const GetKeepWarmTimeRequest = homeDeviceRequest("GetKeepWarmTimeRequest", {});
export type GetKeepWarmTimeRequest = Static<typeof GetKeepWarmTimeRequest.schema>;
export const GetKeepWarmTimeResponse = homeQueryResponse("GetKeepWarmTimeResponse", {
  keepWarmTime: HomeDuration,
});
export type GetKeepWarmTimeResponse = Static<typeof GetKeepWarmTimeResponse.schema>;

export const GetLockStateRequest = homeDeviceRequest("GetLockStateRequest", {});
export type GetLockStateRequest = Static<typeof GetLockStateRequest.schema>;
export const GetLockStateResponse = homeQueryResponse("GetLockStateResponse", {
  lockState: HomeLockState,
});
export type GetLockStateResponse = Static<typeof GetLockStateResponse.schema>;

export const GetOpenStateRequest = homeDeviceRequest("GetOpenStateRequest", {});
export type GetOpenStateRequest = Static<typeof GetOpenStateRequest.schema>;
// The source examples capitalise the key (`OpenState`): accepted as an alias (§14 #11).
export const GetOpenStateResponse = homeMessage(
  "GetOpenStateResponse",
  Type.Union([
    Type.Object({ openState: HomeOpenState, applianceResponseTimestamp: timestamp }),
    Type.Object({ OpenState: HomeOpenState, applianceResponseTimestamp: timestamp }),
  ]),
);
export type GetOpenStateResponse = Static<typeof GetOpenStateResponse.schema>;

export const GetOpenTimeRequest = homeDeviceRequest("GetOpenTimeRequest", {});
export type GetOpenTimeRequest = Static<typeof GetOpenTimeRequest.schema>;
export const GetOpenTimeResponse = homeQueryResponse("GetOpenTimeResponse", {
  openTimestamp: HomeTimestamp,
});
export type GetOpenTimeResponse = Static<typeof GetOpenTimeResponse.schema>;

export const GetPhaseRequest = homeDeviceRequest("GetPhaseRequest", {});
export type GetPhaseRequest = Static<typeof GetPhaseRequest.schema>;
export const GetPhaseResponse = homeQueryResponse("GetPhaseResponse", {
  phase: HomePhaseInfoObject,
});
export type GetPhaseResponse = Static<typeof GetPhaseResponse.schema>;

export const GetPowerStateRequest = homeDeviceRequest("GetPowerStateRequest", {});
export type GetPowerStateRequest = Static<typeof GetPowerStateRequest.schema>;
export const GetPowerStateResponse = homeQueryResponse("GetPowerStateResponse", {
  powerState: HomePowerStateInfoObject,
});
export type GetPowerStateResponse = Static<typeof GetPowerStateResponse.schema>;

export const GetProgressiveTaxBracketRequest = homeDeviceRequest(
  "GetProgressiveTaxBracketRequest",
  {},
);
export type GetProgressiveTaxBracketRequest = Static<typeof GetProgressiveTaxBracketRequest.schema>;
export const GetProgressiveTaxBracketResponse = homeQueryResponse(
  "GetProgressiveTaxBracketResponse",
  { progressiveTaxBracket: HomeProgressiveTaxBracketInfoObject },
);
export type GetProgressiveTaxBracketResponse = Static<
  typeof GetProgressiveTaxBracketResponse.schema
>;

export const GetRemainingTimeRequest = homeDeviceRequest("GetRemainingTimeRequest", {});
export type GetRemainingTimeRequest = Static<typeof GetRemainingTimeRequest.schema>;
export const GetRemainingTimeResponse = homeQueryResponse("GetRemainingTimeResponse", {
  remainingTime: HomeDuration,
});
export type GetRemainingTimeResponse = Static<typeof GetRemainingTimeResponse.schema>;

export const GetTargetTemperatureRequest = homeDeviceRequest("GetTargetTemperatureRequest", {});
export type GetTargetTemperatureRequest = Static<typeof GetTargetTemperatureRequest.schema>;
export const GetTargetTemperatureResponse = homeQueryResponse("GetTargetTemperatureResponse", {
  targetTemperature: HomeTemperatureInfoObject,
});
export type GetTargetTemperatureResponse = Static<typeof GetTargetTemperatureResponse.schema>;

export const GetUltraFineDustRequest = homeDeviceRequest("GetUltraFineDustRequest", {});
export type GetUltraFineDustRequest = Static<typeof GetUltraFineDustRequest.schema>;
export const GetUltraFineDustResponse = homeQueryResponse("GetUltraFineDustResponse", {
  ultraFineDust: HomeUltraFineDustInfoObject,
});
export type GetUltraFineDustResponse = Static<typeof GetUltraFineDustResponse.schema>;

export const HealthCheckRequest = homeDeviceRequest("HealthCheckRequest", {});
export type HealthCheckRequest = Static<typeof HealthCheckRequest.schema>;
// Answered with …Response, not …Confirmation, and without a timestamp (§3.3, §5.2).
export const HealthCheckResponse = homeResponse("HealthCheckResponse", {
  isReachable: Type.Boolean({ description: "Online." }),
  isTurnOn: Type.Boolean({ description: "Operating (true) or idle/standby (false)." }),
});
export type HealthCheckResponse = Static<typeof HealthCheckResponse.schema>;
