// Error responses (cek-home-extension.md §8). They travel with HTTP 200 and are recognised by
// `header.name` alone; only two carry fields, every other payload is `{}`.
import { type Static, Type } from "@sinclair/typebox";
import { homeResponse } from "./envelope.js";

export const ActionFailedError = homeResponse("ActionFailedError", {});
export type ActionFailedError = Static<typeof ActionFailedError.schema>;
export const ActionTemporarilyBlockedError = homeResponse("ActionTemporarilyBlockedError", {});
export type ActionTemporarilyBlockedError = Static<typeof ActionTemporarilyBlockedError.schema>;
export const ConditionsNotMetError = homeResponse("ConditionsNotMetError", {
  state: Type.String({
    minLength: 1,
    description: "Noun phrase naming the blocking state, spoken inside a sentence.",
  }),
});
export type ConditionsNotMetError = Static<typeof ConditionsNotMetError.schema>;
export const DeviceFailureError = homeResponse("DeviceFailureError", {});
export type DeviceFailureError = Static<typeof DeviceFailureError.schema>;
export const DriverInternalError = homeResponse("DriverInternalError", {});
export type DriverInternalError = Static<typeof DriverInternalError.schema>;
export const ExpiredAccessTokenError = homeResponse("ExpiredAccessTokenError", {});
export type ExpiredAccessTokenError = Static<typeof ExpiredAccessTokenError.schema>;
export const InvalidAccessTokenError = homeResponse("InvalidAccessTokenError", {});
export type InvalidAccessTokenError = Static<typeof InvalidAccessTokenError.schema>;
export const NoSuchTargetError = homeResponse("NoSuchTargetError", {});
export type NoSuchTargetError = Static<typeof NoSuchTargetError.schema>;
export const NotSupportedInCurrentModeError = homeResponse("NotSupportedInCurrentModeError", {});
export type NotSupportedInCurrentModeError = Static<typeof NotSupportedInCurrentModeError.schema>;
export const TargetOfflineError = homeResponse("TargetOfflineError", {});
export type TargetOfflineError = Static<typeof TargetOfflineError.schema>;
export const UnsupportedOperationError = homeResponse("UnsupportedOperationError", {});
export type UnsupportedOperationError = Static<typeof UnsupportedOperationError.schema>;
export const ValueNotFoundError = homeResponse("ValueNotFoundError", {});
export type ValueNotFoundError = Static<typeof ValueNotFoundError.schema>;
export const ValueNotSupportedError = homeResponse("ValueNotSupportedError", {});
export type ValueNotSupportedError = Static<typeof ValueNotSupportedError.schema>;
export const ValueOutOfRangeError = homeResponse("ValueOutOfRangeError", {
  minimumValue: Type.Number({ description: "The device's lower limit." }),
  maximumValue: Type.Number({ description: "The device's upper limit." }),
});
export type ValueOutOfRangeError = Static<typeof ValueOutOfRangeError.schema>;
