// Get-type queries about people and buildings: body scales, sleep monitors, smart chairs and
// apartment-building systems (cek-home-extension.md §5.2).
import { type Static, Type } from "@sinclair/typebox";
import { homeDeviceRequest, homeQueryResponse } from "./envelope.js";
import {
  HomeDuration,
  HomeIndexInfoObject,
  HomePercentageInfoObject,
  HomePeriodInfoObject,
  HomeScoreInfoObject,
  HomeSittingStateInfoObject,
  HomeTimestamp,
  HomeWeightInfoObject,
} from "./objects.js";

/** Sent when the user named a time span (§5.2 "cond"). */
const period = { period: Type.Optional(HomePeriodInfoObject) };
/** Always sent (§5.2 "always"). */
const requiredPeriod = { period: HomePeriodInfoObject };

export const GetAsleepDurationRequest = homeDeviceRequest("GetAsleepDurationRequest", period);
export type GetAsleepDurationRequest = Static<typeof GetAsleepDurationRequest.schema>;
export const GetAsleepDurationResponse = homeQueryResponse("GetAsleepDurationResponse", {
  asleepDuration: HomeDuration,
});
export type GetAsleepDurationResponse = Static<typeof GetAsleepDurationResponse.schema>;

export const GetAwakeDurationRequest = homeDeviceRequest("GetAwakeDurationRequest", period);
export type GetAwakeDurationRequest = Static<typeof GetAwakeDurationRequest.schema>;
export const GetAwakeDurationResponse = homeQueryResponse("GetAwakeDurationResponse", {
  awakeDuration: HomeDuration,
});
export type GetAwakeDurationResponse = Static<typeof GetAwakeDurationResponse.schema>;

export const GetBMIRequest = homeDeviceRequest("GetBMIRequest", {});
export type GetBMIRequest = Static<typeof GetBMIRequest.schema>;
export const GetBMIResponse = homeQueryResponse("GetBMIResponse", { bmi: HomeIndexInfoObject });
export type GetBMIResponse = Static<typeof GetBMIResponse.schema>;

export const GetBodyFatRequest = homeDeviceRequest("GetBodyFatRequest", {});
export type GetBodyFatRequest = Static<typeof GetBodyFatRequest.schema>;
export const GetBodyFatResponse = homeQueryResponse("GetBodyFatResponse", {
  bodyFatPercentage: HomePercentageInfoObject,
});
export type GetBodyFatResponse = Static<typeof GetBodyFatResponse.schema>;

export const GetCurrentSittingStateRequest = homeDeviceRequest(
  "GetCurrentSittingStateRequest",
  period,
);
export type GetCurrentSittingStateRequest = Static<typeof GetCurrentSittingStateRequest.schema>;
export const GetCurrentSittingStateResponse = homeQueryResponse("GetCurrentSittingStateResponse", {
  sittingState: HomeSittingStateInfoObject,
  recentlySittingPeriod: Type.Optional(HomePeriodInfoObject),
});
export type GetCurrentSittingStateResponse = Static<typeof GetCurrentSittingStateResponse.schema>;

export const GetHealthScoreRequest = homeDeviceRequest("GetHealthScoreRequest", {});
export type GetHealthScoreRequest = Static<typeof GetHealthScoreRequest.schema>;
export const GetHealthScoreResponse = homeQueryResponse("GetHealthScoreResponse", {
  healthScore: HomeScoreInfoObject,
});
export type GetHealthScoreResponse = Static<typeof GetHealthScoreResponse.schema>;

export const GetMuscleRequest = homeDeviceRequest("GetMuscleRequest", {});
export type GetMuscleRequest = Static<typeof GetMuscleRequest.schema>;
export const GetMuscleResponse = homeQueryResponse("GetMuscleResponse", {
  musclePercentage: HomePercentageInfoObject,
});
export type GetMuscleResponse = Static<typeof GetMuscleResponse.schema>;

export const GetNoticeRequest = homeDeviceRequest("GetNoticeRequest", {});
export type GetNoticeRequest = Static<typeof GetNoticeRequest.schema>;
export const GetNoticeResponse = homeQueryResponse("GetNoticeResponse", {
  notice: Type.Array(Type.String()),
});
export type GetNoticeResponse = Static<typeof GetNoticeResponse.schema>;

export const GetPackageRequest = homeDeviceRequest("GetPackageRequest", {});
export type GetPackageRequest = Static<typeof GetPackageRequest.schema>;
export const GetPackageResponse = homeQueryResponse("GetPackageResponse", {
  package: Type.Array(Type.String()),
});
export type GetPackageResponse = Static<typeof GetPackageResponse.schema>;

export const GetRightPostureRatioRequest = homeDeviceRequest(
  "GetRightPostureRatioRequest",
  requiredPeriod,
);
export type GetRightPostureRatioRequest = Static<typeof GetRightPostureRatioRequest.schema>;
export const GetRightPostureRatioResponse = homeQueryResponse("GetRightPostureRatioResponse", {
  rightPostureRatio: HomePercentageInfoObject,
});
export type GetRightPostureRatioResponse = Static<typeof GetRightPostureRatioResponse.schema>;

export const GetSleepScoreRequest = homeDeviceRequest("GetSleepScoreRequest", period);
export type GetSleepScoreRequest = Static<typeof GetSleepScoreRequest.schema>;
export const GetSleepScoreResponse = homeQueryResponse("GetSleepScoreResponse", {
  sleepScore: HomeScoreInfoObject,
});
export type GetSleepScoreResponse = Static<typeof GetSleepScoreResponse.schema>;

export const GetSleepStartTimeRequest = homeDeviceRequest("GetSleepStartTimeRequest", period);
export type GetSleepStartTimeRequest = Static<typeof GetSleepStartTimeRequest.schema>;
export const GetSleepStartTimeResponse = homeQueryResponse("GetSleepStartTimeResponse", {
  startTimestampList: Type.Array(HomeTimestamp),
});
export type GetSleepStartTimeResponse = Static<typeof GetSleepStartTimeResponse.schema>;

export const GetUsageTimeRequest = homeDeviceRequest("GetUsageTimeRequest", requiredPeriod);
export type GetUsageTimeRequest = Static<typeof GetUsageTimeRequest.schema>;
export const GetUsageTimeResponse = homeQueryResponse("GetUsageTimeResponse", {
  usageTime: HomeDuration,
});
export type GetUsageTimeResponse = Static<typeof GetUsageTimeResponse.schema>;

export const GetVehicleLocationRequest = homeDeviceRequest("GetVehicleLocationRequest", {});
export type GetVehicleLocationRequest = Static<typeof GetVehicleLocationRequest.schema>;
export const GetVehicleLocationResponse = homeQueryResponse("GetVehicleLocationResponse", {
  vehicleLocationList: Type.Array(
    Type.Object({
      name: Type.String({ description: "Licence-plate number." }),
      value: Type.String({ description: "Parking spot." }),
    }),
  ),
});
export type GetVehicleLocationResponse = Static<typeof GetVehicleLocationResponse.schema>;

export const GetWeightRequest = homeDeviceRequest("GetWeightRequest", {});
export type GetWeightRequest = Static<typeof GetWeightRequest.schema>;
export const GetWeightResponse = homeQueryResponse("GetWeightResponse", {
  weight: HomeWeightInfoObject,
});
export type GetWeightResponse = Static<typeof GetWeightResponse.schema>;
