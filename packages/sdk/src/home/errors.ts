// The Clova Home errors (cek-home-extension.md §8.2) as values a handler throws: the SDK
// answers with the error message (HTTP 200, `header.name` = the error, §8.1).
import type { HomeErrorName } from "@clover/protocol";

export class HomeError extends Error {
  constructor(
    readonly errorName: HomeErrorName,
    readonly payload: Record<string, unknown> = {},
  ) {
    super(errorName);
    this.name = "HomeError";
  }
}

/** One helper per §8.2 error; choose with the guidance there. */
export const homeErrors = {
  actionFailed: () => new HomeError("ActionFailedError"),
  actionTemporarilyBlocked: () => new HomeError("ActionTemporarilyBlockedError"),
  /** `state`: a noun phrase in the user's language, spoken inside a sentence. */
  conditionsNotMet: (state: string) => new HomeError("ConditionsNotMetError", { state }),
  deviceFailure: () => new HomeError("DeviceFailureError"),
  driverInternal: () => new HomeError("DriverInternalError"),
  expiredAccessToken: () => new HomeError("ExpiredAccessTokenError"),
  invalidAccessToken: () => new HomeError("InvalidAccessTokenError"),
  noSuchTarget: () => new HomeError("NoSuchTargetError"),
  notSupportedInCurrentMode: () => new HomeError("NotSupportedInCurrentModeError"),
  targetOffline: () => new HomeError("TargetOfflineError"),
  unsupportedOperation: () => new HomeError("UnsupportedOperationError"),
  valueNotFound: () => new HomeError("ValueNotFoundError"),
  valueNotSupported: () => new HomeError("ValueNotSupportedError"),
  valueOutOfRange: (minimumValue: number, maximumValue: number) =>
    new HomeError("ValueOutOfRangeError", { minimumValue, maximumValue }),
};
