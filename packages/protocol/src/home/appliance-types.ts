// Appliance types and the actions each may declare (cek-home-extension.md §4.7), as data.
// `both` lists actions in every catalogue that has the type; `kr`/`jp` those in only one.
import type { HomeAction, HomeApplianceTypeInfo } from "./catalogue.js";
import { normalizeHomeAction } from "./catalogue.js";
import type { HomeDialect } from "./enums.js";
import { homeDialectValues } from "./enums.js";

export const HOME_APPLIANCE_TYPES = {
  AIRCONDITIONER: {
    device: "Air conditioner / heat pump",
    dialects: ["KR", "JP"],
    both: [
      "DecrementFanSpeed",
      "DecrementTargetTemperature",
      "GetCurrentTemperature",
      "GetDeviceState",
      "GetTargetTemperature",
      "HealthCheck",
      "IncrementFanSpeed",
      "IncrementTargetTemperature",
      "SetFanSpeed",
      "SetMode",
      "SetTargetTemperature",
      "TurnOff",
      "TurnOn",
    ],
    kr: ["ChangeFanSpeed", "ChangeMode", "ChangePower", "StartOscillation", "StopOscillation"],
    jp: ["ReleaseMode"],
  },
  AIRPURIFIER: {
    device: "Air purifier",
    dialects: ["KR", "JP"],
    both: [
      "DecrementFanSpeed",
      "GetAirQuality",
      "GetDeviceState",
      "GetHumidity",
      "HealthCheck",
      "IncrementFanSpeed",
      "ReleaseMode",
      "SetFanSpeed",
      "SetMode",
      "TurnOff",
      "TurnOn",
    ],
    kr: [
      "ChangeFanSpeed",
      "ChangeMode",
      "ChangePower",
      "GetCurrentTemperature",
      "GetFineDust",
      "GetUltraFineDust",
    ],
  },
  AIRSENSOR: {
    device: "Air-quality monitor",
    dialects: ["KR", "JP"],
    both: [
      "GetAirQuality",
      "GetCurrentTemperature",
      "GetFineDust",
      "GetHumidity",
      "GetUltraFineDust",
      "HealthCheck",
    ],
    kr: ["GetDeviceState"],
  },
  BIDET: {
    device: "Bidet / electronic toilet seat",
    dialects: ["KR", "JP"],
    both: [
      "Close",
      "GetDeviceState",
      "GetExpendableState",
      "HealthCheck",
      "Open",
      "TurnOff",
      "TurnOn",
    ],
  },
  BODYWEIGHTSCALE: {
    device: "Body-weight / body-composition scale",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck"],
    kr: ["GetBMI", "GetBatteryInfo", "GetBodyFat", "GetHealthScore", "GetMuscle", "GetWeight"],
  },
  BUILDING_ELECTRIC_METER: {
    device: "Apartment-complex electricity usage (building system)",
    dialects: ["KR"],
    both: ["GetConsumption"],
  },
  BUILDING_ELEVATOR_CALLER: {
    device: "Apartment-complex elevator call (building system)",
    dialects: ["KR"],
    both: ["CallElevator"],
  },
  BUILDING_GAS_METER: {
    device: "Apartment-complex gas usage",
    dialects: ["KR"],
    both: ["GetConsumption"],
  },
  BUILDING_HEATING_METER: {
    device: "Apartment-complex heating usage",
    dialects: ["KR"],
    both: ["GetConsumption"],
  },
  BUILDING_HOTWATER_METER: {
    device: "Apartment-complex hot-water usage",
    dialects: ["KR"],
    both: ["GetConsumption"],
  },
  BUILDING_NOTICE_MONITOR: {
    device: "Management-office notice board",
    dialects: ["KR"],
    both: ["GetNotice"],
  },
  BUILDING_PACKAGE: {
    device: "Parcel locker / delivery box",
    dialects: ["KR"],
    both: ["GetPackage"],
  },
  BUILDING_PARKING_MONITOR: {
    device: "Parking-location lookup",
    dialects: ["KR"],
    both: ["GetVehicleLocation"],
  },
  BUILDING_UTILITY_BILL_MONITOR: {
    device: "Maintenance/utility fee bill",
    dialects: ["KR"],
    both: ["GetCurrentBill"],
  },
  BUILDING_WATER_METER: {
    device: "Apartment-complex water usage",
    dialects: ["KR"],
    both: ["GetConsumption"],
  },
  CLOTHESCAREMACHINE: {
    device: "Clothes-care (steam) cabinet",
    dialects: ["KR", "JP"],
    both: ["GetRemainingTime", "HealthCheck", "TurnOff", "TurnOn"],
    kr: ["GetDeviceState", "GetPhase"],
  },
  CLOTHESDRYER: {
    device: "Clothes dryer",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck", "TurnOff", "TurnOn"],
    kr: ["GetPhase", "GetRemainingTime"],
  },
  CLOTHESWASHER: {
    device: "Washing machine",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "GetPhase", "GetRemainingTime", "HealthCheck", "TurnOff", "TurnOn"],
  },
  DEHUMIDIFIER: {
    device: "Dehumidifier",
    dialects: ["KR", "JP"],
    both: [
      "GetCurrentTemperature",
      "GetDeviceState",
      "GetHumidity",
      "HealthCheck",
      "SetFanSpeed",
      "TurnOff",
      "TurnOn",
    ],
  },
  DISHWASHER: {
    device: "Dishwasher",
    dialects: ["KR", "JP"],
    both: ["GetPhase", "GetRemainingTime", "HealthCheck", "TurnOff", "TurnOn"],
    kr: ["GetDeviceState"],
  },
  ELECTRICKETTLE: {
    device: "Electric kettle / hot-water pot",
    dialects: ["KR", "JP"],
    both: ["GetCurrentTemperature", "HealthCheck", "TurnOff", "TurnOn"],
    kr: ["GetDeviceState"],
  },
  ELECTRICTOOTHBRUSH: {
    device: "Electric toothbrush",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck"],
  },
  FAN: {
    device: "Electric fan",
    dialects: ["KR", "JP"],
    both: [
      "DecrementFanSpeed",
      "HealthCheck",
      "IncrementFanSpeed",
      "SetFanSpeed",
      "SetMode",
      "TurnOff",
      "TurnOn",
    ],
    kr: ["GetDeviceState", "StartOscillation", "StopOscillation"],
    jp: ["ReleaseMode"],
  },
  HEATER: {
    device: "Heater",
    dialects: ["KR", "JP"],
    both: [
      "DecrementTargetTemperature",
      "GetCurrentTemperature",
      "GetDeviceState",
      "GetTargetTemperature",
      "HealthCheck",
      "IncrementTargetTemperature",
      "SetTargetTemperature",
      "TurnOff",
      "TurnOn",
    ],
  },
  HOMECAM: {
    device: "Home security camera",
    dialects: ["KR"],
    both: [
      "GetDetectionCount",
      "HealthCheck",
      "ReleaseMode",
      "SetMode",
      "StartRecording",
      "StopRecording",
      "TurnOff",
      "TurnOn",
    ],
  },
  HUMIDIFIER: {
    device: "Humidifier",
    dialects: ["KR", "JP"],
    both: [
      "GetCurrentTemperature",
      "GetDeviceState",
      "GetHumidity",
      "HealthCheck",
      "SetFanSpeed",
      "TurnOff",
      "TurnOn",
    ],
    kr: ["ReleaseMode", "SetMode"],
  },
  KIMCHIREFRIGERATOR: {
    device: "Kimchi refrigerator",
    dialects: ["KR"],
    both: ["GetDeviceState", "HealthCheck"],
  },
  LIGHT: {
    device: "Smart light / lamp",
    dialects: ["KR", "JP"],
    both: [
      "DecrementBrightness",
      "HealthCheck",
      "IncrementBrightness",
      "SetBrightness",
      "SetColor",
      "SetColorTemperature",
      "SetMode",
      "TurnOff",
      "TurnOn",
    ],
    kr: ["DecrementVolume", "GetDeviceState", "IncrementVolume", "ReleaseMode"],
  },
  MASSAGECHAIR: {
    device: "Massage chair",
    dialects: ["KR", "JP"],
    both: [
      "DecrementIntensityLevel",
      "HealthCheck",
      "IncrementIntensityLevel",
      "TurnOff",
      "TurnOn",
    ],
    kr: ["GetDeviceState"],
  },
  MICROWAVE: {
    device: "Microwave oven",
    dialects: ["KR", "JP"],
    both: ["GetRemainingTime", "HealthCheck", "TurnOff", "TurnOn"],
    kr: ["GetDeviceState"],
  },
  MOTIONSENSOR: {
    device: "Motion sensor",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck"],
    kr: ["GetDetectedTime", "GetPowerState", "ReleaseMode", "SetMode", "TurnOff", "TurnOn"],
  },
  OPENCLOSESENSOR: {
    device: "Door/window open-close sensor",
    dialects: ["KR", "JP"],
    both: ["GetCloseTime", "GetDeviceState", "GetOpenState", "GetOpenTime", "HealthCheck"],
  },
  OVEN: {
    device: "Oven",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck"],
    kr: ["GetRemainingTime", "Preheat"],
  },
  POWERSTRIP: {
    device: "Power strip (multi-outlet)",
    dialects: ["KR", "JP"],
    both: [
      "GetConsumption",
      "GetEstimateBill",
      "GetProgressiveTaxBracket",
      "HealthCheck",
      "TurnOff",
      "TurnOn",
    ],
    kr: ["GetDeviceState"],
  },
  PURIFIER: {
    device: "WATER purifier / dispenser (not air!)",
    dialects: ["KR", "JP"],
    both: [
      "GetDeviceState",
      "GetExpendableState",
      "HealthCheck",
      "ReleaseMode",
      "SetMode",
      "SetTargetTemperature",
    ],
    kr: ["GetConsumption"],
    jp: ["GetTargetTemperature"],
  },
  RANGE: {
    device: "Cooktop / stove",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck"],
  },
  RANGEHOOD: {
    device: "Range hood",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck", "TurnOff", "TurnOn"],
  },
  REFRIGERATOR: {
    device: "Refrigerator",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck", "SetMode"],
    kr: ["ReleaseMode", "SetTargetTemperature"],
    jp: ["SetFreezerTargetTemperature", "SetFridgeTargetTemperature"],
  },
  RICECOOKER: {
    device: "Rice cooker",
    dialects: ["KR", "JP"],
    both: [
      "GetCleaningCycle",
      "GetDeviceState",
      "GetExpendableState",
      "GetKeepWarmTime",
      "GetPhase",
      "GetRemainingTime",
      "HealthCheck",
      "ReleaseMode",
      "SetMode",
      "Stop",
      "TurnOff",
      "TurnOn",
    ],
  },
  ROBOTVACUUM: {
    device: "Robot vacuum cleaner",
    dialects: ["KR", "JP"],
    both: ["Charge", "GetBatteryInfo", "GetDeviceState", "HealthCheck", "TurnOff", "TurnOn"],
  },
  SETTOPBOX: {
    device: "TV set-top box",
    dialects: ["KR", "JP"],
    both: [
      "ChangeInputSource",
      "DecrementChannel",
      "DecrementVolume",
      "HealthCheck",
      "IncrementChannel",
      "IncrementVolume",
      "Mute",
      "SetChannel",
      "SetChannelByName",
      "TurnOff",
      "TurnOn",
      "Unmute",
    ],
    kr: ["ChangePower", "GetDeviceState"],
    jp: ["SetInputSourceByName", "StartRecording", "StopRecording"],
  },
  SLEEPINGMONITOR: {
    device: "Sleep sensor",
    dialects: ["KR", "JP"],
    both: [
      "GetAsleepDuration",
      "GetAwakeDuration",
      "GetDeviceState",
      "GetSleepScore",
      "GetSleepStartTime",
      "HealthCheck",
      "TurnOff",
      "TurnOn",
    ],
  },
  SMARTBED: {
    device: "Smart (adjustable) bed",
    dialects: ["KR", "JP"],
    both: ["HealthCheck", "Lower", "Raise", "Stop"],
    kr: ["GetDeviceState"],
  },
  SMARTCHAIR: {
    device: "Smart (posture) chair",
    dialects: ["KR", "JP"],
    both: ["GetCurrentSittingState", "GetRightPostureRatio", "GetUsageTime", "HealthCheck"],
    kr: ["GetDeviceState"],
  },
  SMARTCURTAIN: {
    device: "Motorised curtain / blind",
    dialects: ["KR", "JP"],
    both: ["Close", "GetDeviceState", "HealthCheck", "Open", "Stop"],
    jp: ["GetOpenState"],
  },
  SMARTHUB: {
    device: "Smart home hub / home controller",
    dialects: ["KR", "JP"],
    both: [
      "GetCurrentTemperature",
      "GetDeviceState",
      "GetHumidity",
      "GetTargetTemperature",
      "HealthCheck",
      "SetMode",
    ],
  },
  SMARTLOCK: {
    device: "Door lock",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "GetLockState", "SetLockState"],
    kr: ["HealthCheck"],
  },
  SMARTMETER: {
    device: "Electricity meter",
    dialects: ["KR", "JP"],
    both: ["GetConsumption", "GetCurrentBill", "GetDeviceState", "GetEstimateBill", "HealthCheck"],
    kr: ["GetProgressiveTaxBracket"],
  },
  SMARTPLUG: {
    device: "Smart plug",
    dialects: ["KR", "JP"],
    both: [
      "GetConsumption",
      "GetDeviceState",
      "GetEstimateBill",
      "HealthCheck",
      "TurnOff",
      "TurnOn",
    ],
  },
  SMARTTV: {
    device: "Smart TV",
    dialects: ["KR", "JP"],
    both: [
      "ChangeInputSource",
      "DecrementChannel",
      "DecrementVolume",
      "HealthCheck",
      "IncrementChannel",
      "IncrementVolume",
      "Mute",
      "SetChannel",
      "SetChannelByName",
      "TurnOff",
      "TurnOn",
      "Unmute",
    ],
    kr: ["ChangePower", "GetDeviceState"],
    jp: ["SetInputSourceByName", "StartRecording", "StopRecording"],
  },
  SMARTVALVE: {
    device: "Smart valve (e.g. gas valve)",
    dialects: ["KR", "JP"],
    both: ["GetLockState", "SetLockState"],
    kr: ["GetDeviceState"],
  },
  SMOKESENSOR: {
    device: "Smoke detector",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck"],
  },
  SWITCH: {
    device: "Wall switch controlling household outlets/circuits",
    dialects: ["KR", "JP"],
    both: ["HealthCheck", "TurnOff", "TurnOn"],
    kr: ["GetDeviceState"],
  },
  THERMOSTAT: {
    device: "Thermostat / room-heating controller",
    dialects: ["KR", "JP"],
    both: [
      "DecrementTargetTemperature",
      "GetCurrentTemperature",
      "GetTargetTemperature",
      "HealthCheck",
      "IncrementTargetTemperature",
      "SetMode",
      "SetTargetTemperature",
      "TurnOff",
      "TurnOn",
    ],
    kr: ["GetConsumption", "GetDeviceState", "GetEstimateConsumption"],
  },
  VENTILATOR: {
    device: "Ventilation fan / ventilation system",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck", "TurnOff", "TurnOn"],
    kr: [
      "GetAirQuality",
      "GetCurrentTemperature",
      "GetHumidity",
      "GetTargetTemperature",
      "ReleaseMode",
      "SetFanSpeed",
      "SetMode",
    ],
  },
  WATERBOILER: {
    device: "Water heater / boiler",
    dialects: ["KR", "JP"],
    both: ["GetDeviceState", "HealthCheck", "SetMode", "TurnOff", "TurnOn"],
    jp: ["ReleaseMode"],
  },
  WINECELLAR: {
    device: "Wine cellar (wine fridge)",
    dialects: ["KR"],
    both: [
      "GetDeviceState",
      "HealthCheck",
      "ReleaseMode",
      "SetMode",
      "SetTargetTemperature",
      "TurnOff",
      "TurnOn",
    ],
  },
} as const satisfies Record<string, HomeApplianceTypeInfo>;

export type HomeApplianceType = keyof typeof HOME_APPLIANCE_TYPES;

/**
 * The actions a device of this type may declare: the union of both catalogues unless one
 * dialect is asked for (§4.7 notes). Unknown types permit nothing.
 */
export function homeActionsForType(type: string, dialect?: HomeDialect): HomeAction[] {
  const info = (HOME_APPLIANCE_TYPES as Record<string, HomeApplianceTypeInfo>)[type];
  if (!info) return [];
  if (dialect && !info.dialects.includes(dialect)) return [];
  return homeDialectValues(info, dialect);
}

/**
 * The actions a discovered device may be asked to perform (§4.2): its declared `actions`
 * (aliases resolved, unknown names dropped) limited to what its known types permit, or —
 * when `actions` is absent — everything its types permit.
 */
export function homePermittedActions(device: {
  applianceTypes: readonly string[];
  actions?: readonly string[] | undefined;
}): HomeAction[] {
  const allowed = new Set(device.applianceTypes.flatMap((t) => homeActionsForType(t)));
  if (!device.actions) return [...allowed];
  const declared = device.actions.map(normalizeHomeAction);
  // A device of only unknown types keeps its known declared actions (§4.2 UNSPECIFIED).
  const known = allowed.size > 0;
  return [...new Set(declared)].filter(
    (a): a is HomeAction => a !== undefined && (!known || allowed.has(a)),
  );
}
