// From what the user asked to one Clova Home request for one device (cek-home-extension.md
// §5, §15.2 steps 2–3): the action the device declared that fits the intent, the request's
// own fields, and the platform's checks before anything is sent — declared actions, fixed
// ranges, actionDetails (§4.4), mode lists (§6.1) and the door-lock unlock ban (§5.5).
import { HOME_MODES, type HomeAction, homeDialectValues } from "@clover/protocol";
import type { Quantity } from "./lexicon/types.js";
import { periodOf } from "./period.js";
import type { HomeCommand } from "./understand.js";
import type { HomeDevice } from "./vocabulary.js";

export type Plan =
  | { ok: true; action: HomeAction; extras: Record<string, unknown> }
  | { ok: false; refusal: Refusal };

export type Refusal =
  | { kind: "cannot" }
  | { kind: "unlock-forbidden" }
  | { kind: "out-of-range"; min: number; max: number; unit?: "percent" | "degree" | "kelvin" }
  | { kind: "not-allowed"; values: string[] }
  | { kind: "unknown-mode"; mode: string }
  | { kind: "no-value" };

export interface PlanOptions {
  /** §5.5 / §14 #26: no voice unlocking of SMARTLOCK (default true). */
  forbidSmartLockUnlock: boolean;
  timeZone: string;
  now: number;
}

const DEFAULT_STEP: Record<Quantity, number> = {
  brightness: 10,
  temperature: 1,
  volume: 1,
  fan: 1,
  channel: 1,
  intensity: 1,
};

const STEP_ACTIONS: Record<Quantity, [HomeAction, HomeAction, string]> = {
  temperature: ["IncrementTargetTemperature", "DecrementTargetTemperature", "deltaTemperature"],
  brightness: ["IncrementBrightness", "DecrementBrightness", "deltaBrightness"],
  volume: ["IncrementVolume", "DecrementVolume", "deltaVolume"],
  fan: ["IncrementFanSpeed", "DecrementFanSpeed", "deltaFanSpeed"],
  intensity: ["IncrementIntensityLevel", "DecrementIntensityLevel", "deltaIntensity"],
  channel: ["IncrementChannel", "DecrementChannel", "deltaChannel"],
};
const STEP_ORDER: Quantity[] = [
  "temperature",
  "brightness",
  "volume",
  "fan",
  "intensity",
  "channel",
];

/** Queries that carry a period when the user named a span (§5.2). */
const PERIOD_QUERIES = new Set([
  "GetAsleepDuration",
  "GetAwakeDuration",
  "GetConsumption",
  "GetCurrentBill",
  "GetCurrentSittingState",
  "GetDeviceState",
  "GetEstimateBill",
  "GetSleepScore",
  "GetSleepStartTime",
]);
/** Queries whose period is always sent (§5.2); today when the user named none. */
const PERIOD_ALWAYS = new Set(["GetRightPostureRatio", "GetUsageTime"]);

const PARAMETERLESS: Partial<Record<HomeCommand["intent"], HomeAction>> = {
  Raise: "Raise",
  Lower: "Lower",
  Stop: "Stop",
  Charge: "Charge",
  Mute: "Mute",
  Unmute: "Unmute",
  StartRecording: "StartRecording",
  StopRecording: "StopRecording",
  StopOscillation: "StopOscillation",
  CallElevator: "CallElevator",
  ChangeMode: "ChangeMode",
  ChangeFanSpeed: "ChangeFanSpeed",
};

/** Whether the device can serve the command at all (target resolution filters on this). */
export function canServe(command: HomeCommand, device: HomeDevice, options: PlanOptions): boolean {
  const plan = planFor(command, device, options);
  return plan.ok || plan.refusal.kind !== "cannot";
}

export function planFor(command: HomeCommand, device: HomeDevice, options: PlanOptions): Plan {
  const has = (action: HomeAction) => device.actions.has(action);
  const ok = (action: HomeAction, extras: Record<string, unknown> = {}): Plan =>
    has(action) ? check(action, extras, device) : CANNOT;
  const number = command.number?.value;
  switch (command.intent) {
    case "On":
      if (has("TurnOn")) return ok("TurnOn");
      return ok("ChangePower");
    case "Off":
      if (has("TurnOff")) return ok("TurnOff");
      return ok("ChangePower");
    case "TogglePower":
      return ok("ChangePower");
    case "Open":
      if (has("Open")) return ok("Open");
      if (has("SetLockState")) return lockPlan(device, "UNLOCKED", options);
      return CANNOT;
    case "Close":
      if (has("Close")) return ok("Close");
      return ok("SetLockState", { lockState: "LOCKED" });
    case "Lock":
      return ok("SetLockState", { lockState: "LOCKED" });
    case "Unlock":
      return lockPlan(device, "UNLOCKED", options);
    case "Up":
    case "Down": {
      if (number !== undefined && command.toValue && !command.delta)
        return planFor({ ...command, intent: "SetValue" }, device, options);
      const up = command.intent === "Up";
      if (command.quantity === "temperature" && !has("IncrementTargetTemperature")) {
        // "make the lamp warmer": a warmer white is a lower colour temperature (§13.1).
        if (has("SetColorTemperature"))
          return ok("SetColorTemperature", { colorTemperature: { value: up ? 2700 : 6500 } });
      }
      const quantities = command.quantity ? [command.quantity] : STEP_ORDER;
      for (const quantity of quantities) {
        const [increment, decrement, field] = STEP_ACTIONS[quantity];
        const action = up ? increment : decrement;
        if (!has(action)) continue;
        const amount = Math.abs(number ?? DEFAULT_STEP[quantity]);
        if (amount === 0) return { ok: false, refusal: { kind: "no-value" } };
        return check(action, { [field]: { value: amount } }, device);
      }
      if (!command.quantity) return ok(up ? "Raise" : "Lower");
      return CANNOT;
    }
    case "SetValue":
      return setValuePlan(command, device, has, ok);
    case "SetColor": {
      if (!command.colour) return { ok: false, refusal: { kind: "no-value" } };
      return ok("SetColor", { color: { ...command.colour } });
    }
    case "SetColorTemperature": {
      const kelvin =
        command.kelvin ??
        (command.number?.unit === "kelvin" || (number ?? 0) > 1000 ? number : undefined);
      if (kelvin === undefined) return { ok: false, refusal: { kind: "no-value" } };
      return ok("SetColorTemperature", { colorTemperature: { value: kelvin } });
    }
    case "SetMode": {
      if (!command.mode) return { ok: false, refusal: { kind: "no-value" } };
      if (!has("SetMode")) return CANNOT;
      const mode = modeFor(command.mode, device);
      if (!mode) return { ok: false, refusal: { kind: "unknown-mode", mode: command.mode } };
      return check("SetMode", { mode: { value: mode } }, device);
    }
    case "ReleaseMode": {
      if (!command.mode) return ok("ReleaseMode", {});
      const mode = modeFor(command.mode, device) ?? command.mode;
      // The object form of the field table (§5.1, §14 #7).
      return ok("ReleaseMode", { mode: { value: mode } });
    }
    case "ChangeInputSource":
      if (command.number?.unit === "times")
        return ok("ChangeInputSource", { count: { value: command.number.value } });
      return ok("ChangeInputSource");
    case "SetInputSourceByName":
      if (has("SetInputSourceByName") && command.sourceName)
        return ok("SetInputSourceByName", { sourceName: { value: command.sourceName } });
      return ok("ChangeInputSource");
    case "SetChannelByName":
      if (!command.channelName) return { ok: false, refusal: { kind: "no-value" } };
      return ok("SetChannelByName", { channelName: { value: command.channelName } });
    case "StartOscillation":
      return ok(
        "StartOscillation",
        command.direction ? { direction: { value: command.direction } } : {},
      );
    case "Preheat":
      return ok(
        "Preheat",
        number !== undefined ? { targetTemperature: { value: roundTenth(number) } } : {},
      );
    case "Query": {
      const query = command.query as HomeAction | undefined;
      if (!query || !has(query)) return CANNOT;
      // §4.9 rule 3: infrared devices never get HealthCheckRequest.
      if (query === "HealthCheck" && device.appliance.isIr) return CANNOT;
      const extras: Record<string, unknown> = {};
      const span = command.period ?? (PERIOD_ALWAYS.has(query) ? "today" : undefined);
      if (span && (PERIOD_QUERIES.has(query) || PERIOD_ALWAYS.has(query)))
        extras.period = periodOf(span, options.now, options.timeZone);
      return { ok: true, action: query, extras };
    }
    case "Stop":
      // "止めて", "stop the heater": a device that cannot pause is switched off.
      if (has("Stop")) return ok("Stop");
      if (has("TurnOff")) return ok("TurnOff");
      return CANNOT;
    default: {
      const action = PARAMETERLESS[command.intent];
      return action ? ok(action) : CANNOT;
    }
  }
}

const CANNOT: Plan = { ok: false, refusal: { kind: "cannot" } };

function lockPlan(device: HomeDevice, state: "LOCKED" | "UNLOCKED", options: PlanOptions): Plan {
  if (!device.actions.has("SetLockState")) return CANNOT;
  if (state === "UNLOCKED" && options.forbidSmartLockUnlock && device.types.includes("SMARTLOCK"))
    return { ok: false, refusal: { kind: "unlock-forbidden" } };
  return check("SetLockState", { lockState: state }, device);
}

function setValuePlan(
  command: HomeCommand,
  _device: HomeDevice,
  has: (a: HomeAction) => boolean,
  ok: (a: HomeAction, e?: Record<string, unknown>) => Plan,
): Plan {
  const spoken = command.number;
  if (!spoken) return { ok: false, refusal: { kind: "no-value" } };
  const value = spoken.value;
  const quantity = command.quantity;
  const temperature = () => {
    const target = { value: roundTenth(value) };
    if (command.endpoint === "freezer" && has("SetFreezerTargetTemperature"))
      return ok("SetFreezerTargetTemperature", { targetTemperature: target });
    if (command.endpoint === "fridge" && has("SetFridgeTargetTemperature"))
      return ok("SetFridgeTargetTemperature", { targetTemperature: target });
    const endpoint = command.endpoint ? { endpoint: { value: command.endpoint } } : {};
    return ok("SetTargetTemperature", { targetTemperature: target, ...endpoint });
  };
  const brightness = () => ok("SetBrightness", { brightness: { value: Math.round(value) } });
  const fan = () => ok("SetFanSpeed", { fanSpeed: { value: Math.round(value) } });
  const channel = () =>
    ok("SetChannel", {
      channel: { value },
      ...(spoken.sub !== undefined ? { subChannel: { value: spoken.sub } } : {}),
    });
  if (spoken.unit === "kelvin") return ok("SetColorTemperature", { colorTemperature: { value } });
  if (quantity === "channel") return channel();
  if (quantity === "fan" || spoken.unit === "level") return fan();
  if (quantity === "brightness" || spoken.unit === "percent") {
    if (has("SetBrightness")) return brightness();
    return CANNOT;
  }
  if (quantity === "temperature" || spoken.unit === "degree") return temperature();
  if (quantity === "volume") return CANNOT;
  // No unit: what the device is for decides (a thermostat's number is degrees).
  if (has("SetTargetTemperature") || has("SetFreezerTargetTemperature")) return temperature();
  if (has("SetBrightness")) return brightness();
  if (has("SetChannel")) return channel();
  if (has("SetFanSpeed")) return fan();
  return CANNOT;
}

/** Fixed ranges (§5.0) and the device's actionDetails (§4.4) for the request's value. */
function check(action: HomeAction, extras: Record<string, unknown>, device: HomeDevice): Plan {
  const value = requestValue(action, extras);
  const fixed = FIXED_RANGES[action];
  if (fixed && typeof value === "number" && (value < fixed.min || value > fixed.max))
    return { ok: false, refusal: { kind: "out-of-range", ...fixed } };
  if (action === "SetColor") {
    const color = extras.color as { hue: number; saturation: number };
    if (color.hue < 0 || color.hue > 360 || color.saturation < 0 || color.saturation > 100)
      return { ok: false, refusal: { kind: "out-of-range", min: 0, max: 360 } };
  }
  const details = (
    device.appliance.additionalApplianceDetails as
      | { actionDetails?: { action: string; allowableValue: Record<string, unknown> }[] }
      | undefined
  )?.actionDetails;
  const detail = details?.find((d) => d.action === action)?.allowableValue;
  if (
    detail &&
    value !== undefined &&
    !action.startsWith("Increment") &&
    !action.startsWith("Decrement")
  ) {
    if (detail.type === "boundedNumber" && typeof value === "number") {
      const min = Number(detail.minValue);
      const max = Number(detail.maxValue);
      if (value < min || value > max)
        return {
          ok: false,
          refusal: { kind: "out-of-range", min, max, ...unitOf(action) },
        };
    }
    if (
      (detail.type === "string" || detail.type === "number") &&
      Array.isArray(detail.enumValues)
    ) {
      const allowed = detail.enumValues as (string | number)[];
      if (!allowed.some((v) => v === value))
        return { ok: false, refusal: { kind: "not-allowed", values: allowed.map(String) } };
    }
  }
  return { ok: true, action, extras };
}

const FIXED_RANGES: Partial<Record<HomeAction, { min: number; max: number; unit?: "percent" }>> = {
  SetBrightness: { min: 0, max: 100, unit: "percent" },
  SetFanSpeed: { min: 1, max: 3 },
};

function unitOf(action: HomeAction): { unit?: "percent" | "degree" | "kelvin" } {
  if (action === "SetBrightness") return { unit: "percent" };
  if (action.includes("Temperature") && action !== "SetColorTemperature") return { unit: "degree" };
  if (action === "Preheat") return { unit: "degree" };
  if (action === "SetColorTemperature") return { unit: "kelvin" };
  return {};
}

/** The value an actionDetails entry constrains (§4.4 suggested mapping). */
function requestValue(action: HomeAction, extras: Record<string, unknown>): unknown {
  const inner = (field: string) => (extras[field] as { value?: unknown } | undefined)?.value;
  switch (action) {
    case "SetBrightness":
      return inner("brightness");
    case "SetTargetTemperature":
    case "SetFreezerTargetTemperature":
    case "SetFridgeTargetTemperature":
    case "Preheat":
      return inner("targetTemperature");
    case "SetFanSpeed":
      return inner("fanSpeed");
    case "SetMode":
    case "ReleaseMode":
      return inner("mode");
    case "SetChannel":
      return inner("channel");
    case "SetChannelByName":
      return inner("channelName");
    case "SetColorTemperature":
      return inner("colorTemperature");
    case "SetLockState":
      return extras.lockState;
    case "SetInputSourceByName":
      return inner("sourceName");
    default:
      return undefined;
  }
}

/**
 * The mode value for this device: its actionDetails list when given, else the §6.1 list of
 * its type, else any recognized mode (the extension may answer UnsupportedOperationError).
 */
export function modeFor(mode: string, device: HomeDevice): string | undefined {
  const details = (
    device.appliance.additionalApplianceDetails as
      | { actionDetails?: { action: string; allowableValue: { enumValues?: unknown[] } }[] }
      | undefined
  )?.actionDetails;
  const listed = details?.find((d) => d.action === "SetMode")?.allowableValue.enumValues;
  const known = listed
    ? listed.map(String)
    : device.types.flatMap((t) => (HOME_MODES[t] ? homeDialectValues(HOME_MODES[t]!) : []));
  if (known.length === 0 && !listed) return mode;
  if (known.includes(mode)) return mode;
  // The same thing under the other dialect's name (§13.3 mode words).
  for (const alias of MODE_ALIASES[mode] ?? []) if (known.includes(alias)) return alias;
  return undefined;
}

const MODE_ALIASES: Record<string, string[]> = {
  fan: ["blower"],
  blower: ["fan"],
  dehumidify: ["dry"],
  dry: ["dehumidify"],
  baby: ["infant"],
  infant: ["baby"],
  humidify: ["autohumidify"],
  autohumidify: ["humidify"],
};

function roundTenth(value: number): number {
  return Math.round(value * 10) / 10;
}
