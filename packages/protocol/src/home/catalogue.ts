// The action list (cek-home-extension.md §4.8) and the appliance type catalogue (§4.7): which
// actions each type may declare, per dialect. Pure data plus small lookups.
import type { HomeDialect, HomeDialectList } from "./enums.js";

/** Every appliance action, by message family (§4.8). */
export const HOME_ACTION_FAMILIES = {
  action: [
    "CallElevator",
    "Charge",
    "Close",
    "Lower",
    "Mute",
    "Open",
    "Preheat",
    "Raise",
    "ReleaseMode",
    "StartOscillation",
    "StartRecording",
    "Stop",
    "StopOscillation",
    "StopRecording",
    "TurnOff",
    "TurnOn",
    "Unmute",
  ],
  query: [
    "GetAirQuality",
    "GetAsleepDuration",
    "GetAwakeDuration",
    "GetBMI",
    "GetBatteryInfo",
    "GetBodyFat",
    "GetCleaningCycle",
    "GetCloseTime",
    "GetConsumption",
    "GetCurrentBill",
    "GetCurrentSittingState",
    "GetCurrentTemperature",
    "GetDetectedTime",
    "GetDetectionCount",
    "GetDeviceState",
    "GetEstimateBill",
    "GetEstimateConsumption",
    "GetExpendableState",
    "GetFineDust",
    "GetHealthScore",
    "GetHumidity",
    "GetKeepWarmTime",
    "GetLockState",
    "GetMuscle",
    "GetNotice",
    "GetOpenState",
    "GetOpenTime",
    "GetPackage",
    "GetPhase",
    "GetPowerState",
    "GetProgressiveTaxBracket",
    "GetRemainingTime",
    "GetRightPostureRatio",
    "GetSleepScore",
    "GetSleepStartTime",
    "GetTargetTemperature",
    "GetUltraFineDust",
    "GetUsageTime",
    "GetVehicleLocation",
    "GetWeight",
    "HealthCheck",
  ],
  incremental: [
    "IncrementBrightness",
    "DecrementBrightness",
    "IncrementChannel",
    "DecrementChannel",
    "IncrementFanSpeed",
    "DecrementFanSpeed",
    "IncrementIntensityLevel",
    "DecrementIntensityLevel",
    "IncrementTargetTemperature",
    "DecrementTargetTemperature",
    "IncrementVolume",
    "DecrementVolume",
  ],
  switching: ["ChangeFanSpeed", "ChangeInputSource", "ChangeMode", "ChangePower"],
  setting: [
    "SetBrightness",
    "SetChannel",
    "SetChannelByName",
    "SetColor",
    "SetColorTemperature",
    "SetFanSpeed",
    "SetFreezerTargetTemperature",
    "SetFridgeTargetTemperature",
    "SetInputSourceByName",
    "SetLockState",
    "SetMode",
    "SetTargetTemperature",
  ],
} as const;

export type HomeActionFamily = keyof typeof HOME_ACTION_FAMILIES;
export type HomeAction = (typeof HOME_ACTION_FAMILIES)[HomeActionFamily][number];

/** All 86 appliance actions. `ActionScene` is not one: it never appears in `actions[]`. */
export const HOME_ACTIONS: readonly HomeAction[] = Object.values(HOME_ACTION_FAMILIES).flat();

/** Actions found in only one dialect's documentation (§4.8). */
export const HOME_ACTION_DIALECT: Readonly<Partial<Record<HomeAction, HomeDialect>>> = {
  CallElevator: "KR",
  Preheat: "KR",
  StartOscillation: "KR",
  StopOscillation: "KR",
  GetBMI: "KR",
  GetBodyFat: "KR",
  GetDetectedTime: "KR",
  GetDetectionCount: "KR",
  GetEstimateConsumption: "KR",
  GetHealthScore: "KR",
  GetMuscle: "KR",
  GetNotice: "KR",
  GetPackage: "KR",
  GetPowerState: "KR",
  GetVehicleLocation: "KR",
  GetWeight: "KR",
  ChangeFanSpeed: "KR",
  ChangeMode: "KR",
  ChangePower: "KR",
  SetFreezerTargetTemperature: "JP",
  SetFridgeTargetTemperature: "JP",
  SetInputSourceByName: "JP",
};

const ALIASES: Readonly<Record<string, HomeAction>> = {
  // Misspelt in both action→message index tables (§4.7 notes, §14 #20).
  GetCurrtentSittingState: "GetCurrentSittingState",
};

/** The action an `actions[]` entry names (known aliases resolved), or undefined if unknown. */
export function normalizeHomeAction(action: string): HomeAction | undefined {
  if ((HOME_ACTIONS as readonly string[]).includes(action)) return action as HomeAction;
  return ALIASES[action];
}

/** The family of an action, which fixes its response suffix (§3.3). */
export function homeActionFamily(action: string): HomeActionFamily | undefined {
  const families = Object.keys(HOME_ACTION_FAMILIES) as HomeActionFamily[];
  return families.find((f) => (HOME_ACTION_FAMILIES[f] as readonly string[]).includes(action));
}

export interface HomeApplianceTypeInfo extends HomeDialectList<HomeAction> {
  /** What the device is. */
  readonly device: string;
  /** Catalogues that list the type. */
  readonly dialects: readonly HomeDialect[];
}
