// The virtual home: appliances with state that every request reads and changes, so answers
// can be checked against what really happened. One account owns them all.
import type {
  ApplianceInfoObject,
  CustomCommandInfoObject,
  SceneInfoObject,
} from "@clover/protocol";

export interface ApplianceState {
  on?: boolean;
  brightness?: number;
  color?: { hue: number; saturation: number; brightness?: number };
  colorTemperature?: number;
  mode?: string;
  targetTemperature?: number;
  currentTemperature?: number;
  humidity?: number;
  fanSpeed?: number;
  oscillating?: boolean;
  channel?: number;
  subChannel?: number;
  channelName?: string;
  volume?: number;
  muted?: boolean;
  input?: string;
  locked?: boolean;
  open?: boolean;
  recording?: boolean;
  charging?: boolean;
  battery?: number;
  phase?: string;
  remainingMinutes?: number;
  consumptionKwh?: number;
}

export interface Appliance {
  info: ApplianceInfoObject;
  state: ApplianceState;
  /** Unreachable: every control request answers TargetOfflineError. */
  offline?: boolean;
}

const both = ["TurnOn", "TurnOff", "HealthCheck"];

/** Vendor-private details (echoed back by the platform) beside the reserved actionDetails. */
const details = (value: Record<string, unknown>) =>
  value as ApplianceInfoObject["additionalApplianceDetails"];

/** A fresh home, the same every time (tests change it through requests). */
export function createHome(): {
  appliances: Appliance[];
  scenes: SceneInfoObject[];
  customCommands: CustomCommandInfoObject[];
} {
  const appliances: Appliance[] = [
    {
      info: {
        applianceId: "light-living-ceiling",
        applianceTypes: ["LIGHT"],
        friendlyName: "ceiling light",
        friendlyDescription: "Dimmable colour ceiling light",
        manufacturerName: "Clover Home",
        modelName: "CH Ceiling RGBW",
        version: "1.0.0",
        isIr: false,
        isReachable: true,
        actions: [
          ...both,
          "SetBrightness",
          "IncrementBrightness",
          "DecrementBrightness",
          "SetColor",
          "SetColorTemperature",
          "SetMode",
          "ReleaseMode",
        ],
        actionsNeededUserConfirmation: [],
        additionalApplianceDetails: details({
          hub: "hub-1",
          actionDetails: [
            {
              action: "SetBrightness",
              allowableValue: { type: "boundedNumber", minValue: 1, maxValue: 100 },
            },
            {
              action: "SetColorTemperature",
              allowableValue: { type: "boundedNumber", minValue: 2200, maxValue: 6500 },
            },
          ],
        }),
        location: "LIVING_ROOM",
        tags: ["downstairs"],
      },
      state: { on: false, brightness: 80, colorTemperature: 4000 },
    },
    {
      info: {
        applianceId: "light-living-desk",
        applianceTypes: ["LIGHT"],
        friendlyName: "desk lamp",
        manufacturerName: "Clover Home",
        modelName: "CH Desk",
        isIr: false,
        actions: [...both, "SetBrightness", "IncrementBrightness", "DecrementBrightness"],
        location: "LIVING_ROOM",
        tags: ["downstairs"],
      },
      state: { on: false, brightness: 60 },
    },
    {
      info: {
        applianceId: "light-kitchen",
        applianceTypes: ["LIGHT"],
        friendlyName: "kitchen light",
        manufacturerName: "Clover Home",
        modelName: "CH Bulb",
        isIr: false,
        actions: [...both, "SetBrightness", "IncrementBrightness", "DecrementBrightness"],
        location: "KITCHEN",
        tags: ["downstairs"],
      },
      state: { on: false, brightness: 100 },
    },
    {
      info: {
        applianceId: "light-porch",
        applianceTypes: ["LIGHT"],
        friendlyName: "porch light",
        manufacturerName: "Clover Home",
        modelName: "CH Outdoor",
        isIr: false,
        actions: [...both],
        location: "ENTRANCE",
        tags: [],
      },
      state: { on: false },
      offline: true,
    },
    {
      info: {
        applianceId: "ac-bedroom",
        applianceTypes: ["AIRCONDITIONER"],
        friendlyName: "bedroom air conditioner",
        manufacturerName: "Clover Home",
        modelName: "CH Air 2",
        isIr: false,
        actions: [
          ...both,
          "SetTargetTemperature",
          "IncrementTargetTemperature",
          "DecrementTargetTemperature",
          "GetCurrentTemperature",
          "GetTargetTemperature",
          "SetMode",
          "ReleaseMode",
          "ChangeMode",
          "SetFanSpeed",
          "IncrementFanSpeed",
          "DecrementFanSpeed",
          "StartOscillation",
          "StopOscillation",
          "GetDeviceState",
        ],
        actionsNeededUserConfirmation: ["TurnOn"],
        additionalApplianceDetails: details({
          unit: "indoor-2",
          actionDetails: [
            {
              action: "SetTargetTemperature",
              allowableValue: { type: "boundedNumber", minValue: 18, maxValue: 30 },
            },
          ],
        }),
        location: "BED_ROOM",
        tags: ["upstairs"],
      },
      state: {
        on: false,
        targetTemperature: 26,
        currentTemperature: 27.5,
        mode: "cool",
        fanSpeed: 2,
        oscillating: false,
      },
    },
    {
      info: {
        applianceId: "plug-coffee",
        applianceTypes: ["SMARTPLUG"],
        friendlyName: "coffee machine",
        manufacturerName: "Clover Home",
        modelName: "CH Plug",
        isIr: false,
        actions: [...both, "GetConsumption", "GetEstimateBill", "GetDeviceState"],
        location: "KITCHEN",
        tags: ["downstairs"],
      },
      state: { on: false, consumptionKwh: 3.4 },
    },
    {
      info: {
        applianceId: "lock-front",
        applianceTypes: ["SMARTLOCK"],
        friendlyName: "front door",
        manufacturerName: "Clover Home",
        modelName: "CH Lock",
        isIr: false,
        actions: ["SetLockState", "GetLockState", "HealthCheck"],
        location: "ENTRANCE",
        tags: [],
      },
      state: { locked: false },
    },
    {
      info: {
        applianceId: "gas-valve",
        applianceTypes: ["SMARTVALVE"],
        friendlyName: "gas valve",
        manufacturerName: "Clover Home",
        modelName: "CH Valve",
        isIr: false,
        actions: ["SetLockState", "GetLockState"],
        location: "KITCHEN",
        tags: [],
      },
      state: { locked: false },
    },
    {
      info: {
        applianceId: "tv-living",
        applianceTypes: ["SMARTTV"],
        friendlyName: "TV",
        manufacturerName: "Clover Home",
        modelName: "CH View 55",
        isIr: false,
        actions: [
          ...both,
          "SetChannel",
          "SetChannelByName",
          "IncrementChannel",
          "DecrementChannel",
          "IncrementVolume",
          "DecrementVolume",
          "Mute",
          "Unmute",
          "ChangeInputSource",
          "SetInputSourceByName",
          "StartRecording",
          "StopRecording",
        ],
        location: "LIVING_ROOM",
        tags: ["downstairs"],
      },
      state: { on: false, channel: 1, volume: 10, muted: false, input: "HDMI1", recording: false },
    },
    {
      info: {
        applianceId: "fan-bedroom-ir",
        applianceTypes: ["FAN"],
        friendlyName: "bedroom fan",
        manufacturerName: "Clover Home",
        modelName: "IR blaster fan",
        isIr: true,
        actions: [
          ...both,
          "SetFanSpeed",
          "IncrementFanSpeed",
          "DecrementFanSpeed",
          "StartOscillation",
          "StopOscillation",
          "SetMode",
        ],
        location: "BED_ROOM",
        tags: ["upstairs"],
      },
      state: { on: false, fanSpeed: 1, oscillating: false },
    },
    {
      info: {
        applianceId: "sensor-living",
        applianceTypes: ["AIRSENSOR"],
        friendlyName: "air sensor",
        manufacturerName: "Clover Home",
        modelName: "CH Air Monitor",
        isIr: false,
        actions: [
          "GetCurrentTemperature",
          "GetHumidity",
          "GetAirQuality",
          "GetFineDust",
          "GetUltraFineDust",
          "HealthCheck",
        ],
        location: "LIVING_ROOM",
        tags: ["downstairs"],
      },
      state: { currentTemperature: 22.5, humidity: 41 },
    },
    {
      info: {
        applianceId: "curtain-living",
        applianceTypes: ["SMARTCURTAIN"],
        friendlyName: "living room curtains",
        manufacturerName: "Clover Home",
        modelName: "CH Drape",
        isIr: false,
        actions: ["Open", "Close", "Stop", "GetOpenState", "HealthCheck"],
        location: "LIVING_ROOM",
        tags: ["downstairs"],
      },
      state: { open: false },
    },
    {
      info: {
        applianceId: "vacuum",
        applianceTypes: ["ROBOTVACUUM"],
        friendlyName: "robot vacuum",
        manufacturerName: "Clover Home",
        modelName: "CH Sweep",
        isIr: false,
        actions: [...both, "Charge", "GetBatteryInfo"],
        location: "LIVING_ROOM",
        tags: ["downstairs"],
      },
      state: { on: false, charging: false, battery: 76 },
    },
    {
      info: {
        applianceId: "washer",
        applianceTypes: ["CLOTHESWASHER"],
        friendlyName: "washing machine",
        manufacturerName: "Clover Home",
        modelName: "CH Wash",
        isIr: false,
        actions: [...both, "GetRemainingTime", "GetPhase", "GetDeviceState"],
        location: "UTILITY_ROOM",
        tags: [],
      },
      state: { on: true, phase: "rinse", remainingMinutes: 85 },
    },
  ];
  const scenes: SceneInfoObject[] = [
    {
      sceneId: "scene-movie",
      sceneName: "movie time",
      needsUserConfirmation: false,
      additionalSceneDetails: { gateway: "hub-1" },
    },
    {
      sceneId: "scene-away",
      sceneName: "leaving home",
      needsUserConfirmation: true,
      additionalSceneDetails: {},
    },
  ];
  const customCommands: CustomCommandInfoObject[] = [
    {
      name: "good night",
      actions: [
        { applianceId: "light-living-ceiling", action: "TurnOff" },
        { applianceId: "light-living-desk", action: "TurnOff" },
        { applianceId: "tv-living", action: "TurnOff" },
      ],
    },
  ];
  return { appliances, scenes, customCommands };
}
