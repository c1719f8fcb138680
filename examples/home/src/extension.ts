// The home extension: checks the access token with its own authorization server (§10.3),
// then reads or changes the virtual appliances and answers with what they now report.
import { HOME_REQUEST_NAMES, type HomeErrorName, type HomeRequest } from "@clover/protocol";
import { createHomeExtension, HomeError, type HomeExtension, homeErrors } from "@clover/sdk";
import type { Appliance } from "./appliances.js";
import { createHome } from "./appliances.js";
import type { OAuthServer } from "./oauth.js";

export interface HomeExampleOptions {
  oauth: OAuthServer;
  verification?: { publicKey: string };
}

/** The extension plus its home, for checking state and injecting faults. */
export interface HomeExample {
  extension: HomeExtension;
  appliances: Appliance[];
  /** The next request for this appliance (or "*") answers this error (§8). */
  failNext(applianceId: string, error: HomeErrorName, payload?: Record<string, unknown>): void;
  /** Deletes an appliance at the vendor: requests for it answer NoSuchTargetError. */
  remove(applianceId: string): void;
  /** Requests received, by name (for tests). */
  received: HomeRequest[];
}

const v = <T>(value: T) => ({ value });

export function createHomeExampleExtension(options: HomeExampleOptions): HomeExample {
  const home = createHome();
  const faults = new Map<string, HomeError>();
  const received: HomeRequest[] = [];
  const extension = createHomeExtension(
    options.verification ? { verification: options.verification } : {},
  );
  const find = (id: string) => home.appliances.find((a) => a.info.applianceId === id);

  for (const name of HOME_REQUEST_NAMES) {
    extension.on(
      name as never,
      ((request: HomeRequest) => {
        received.push(request);
        const payload = request.payload as Record<string, unknown>;
        // §10.3: check the token on every request.
        const token = options.oauth.check(payload.accessToken as string | undefined);
        if (token === "expired") throw homeErrors.expiredAccessToken();
        if (token === "invalid") throw homeErrors.invalidAccessToken();
        if (name === "DiscoverAppliancesRequest")
          return {
            discoveredAppliances: home.appliances.map((a) => a.info),
            customCommands: home.customCommands,
          };
        if (name === "DiscoverScenesRequest") return { discoveredScenes: home.scenes };
        if (name === "ActionSceneRequest") {
          const scene = payload.scene as { sceneId?: string; applianceId?: string };
          const found = home.scenes.find((s) => s.sceneId === (scene.sceneId ?? scene.applianceId));
          if (!found) throw homeErrors.noSuchTarget();
          if (found.sceneId === "scene-movie") {
            Object.assign(find("light-living-ceiling")!.state, { on: true, brightness: 20 });
            Object.assign(find("tv-living")!.state, { on: true });
            Object.assign(find("curtain-living")!.state, { open: false });
          } else
            for (const a of home.appliances)
              if (a.state.on !== undefined && !a.info.isIr) a.state.on = false;
          return {};
        }
        const id = (payload.appliance as { applianceId: string }).applianceId;
        const fault = faults.get(id) ?? faults.get("*");
        if (fault) {
          faults.delete(faults.has(id) ? id : "*");
          throw fault;
        }
        const appliance = find(id);
        if (!appliance) throw homeErrors.noSuchTarget();
        if (appliance.offline && name !== "HealthCheckRequest") throw homeErrors.targetOffline();
        return control(name, payload, appliance);
      }) as never,
    );
  }
  return {
    extension,
    appliances: home.appliances,
    received,
    failNext(applianceId, error, payload = {}) {
      faults.set(applianceId, new HomeError(error, payload));
    },
    remove(applianceId) {
      const index = home.appliances.findIndex((a) => a.info.applianceId === applianceId);
      if (index >= 0) home.appliances.splice(index, 1);
    },
  };
}

function control(
  name: string,
  payload: Record<string, unknown>,
  appliance: Appliance,
): Record<string, unknown> {
  const s = appliance.state;
  const value = (field: string) =>
    (payload[field] as { value: number } | undefined)?.value as number;
  const bounded = (n: number, min: number, max: number) => {
    if (n < min || n > max) throw homeErrors.valueOutOfRange(min, max);
    return n;
  };
  const now = new Date().toISOString().replace(/\.\d+Z$/, "+00:00");
  switch (name) {
    case "TurnOnRequest":
      s.on = true;
      return appliance.info.applianceTypes.includes("AIRCONDITIONER")
        ? { mode: v(s.mode), fanSpeed: v(s.fanSpeed), targetTemperature: v(s.targetTemperature) }
        : {};
    case "TurnOffRequest":
      s.on = false;
      return {};
    case "SetBrightnessRequest":
      s.brightness = bounded(value("brightness"), 1, 100);
      s.on = true;
      return { brightness: v(s.brightness) };
    case "IncrementBrightnessRequest":
    case "DecrementBrightnessRequest": {
      const before = s.brightness ?? 50;
      const delta = value("deltaBrightness") * (name.startsWith("Inc") ? 1 : -1);
      s.brightness = Math.max(1, Math.min(100, before + delta));
      return { brightness: v(s.brightness), previousState: { brightness: v(before) } };
    }
    case "SetColorRequest":
      s.color = payload.color as ApplianceStateColor;
      s.on = true;
      return { color: s.color };
    case "SetColorTemperatureRequest":
      s.colorTemperature = value("colorTemperature");
      return { colorTemperature: v(s.colorTemperature) };
    case "SetModeRequest": {
      const mode = (payload.mode as { value: string }).value;
      if (
        appliance.info.applianceTypes.includes("LIGHT") &&
        !["reading", "rest", "sleep", "concentration", "vitality", "wakeup"].includes(mode)
      )
        throw homeErrors.unsupportedOperation();
      s.mode = mode;
      return { mode: v(mode) };
    }
    case "ReleaseModeRequest": {
      const previous = s.mode;
      s.mode = appliance.info.applianceTypes.includes("AIRCONDITIONER") ? "auto" : undefined;
      return {
        ...(s.mode ? { mode: v(s.mode) } : {}),
        ...(previous ? { previousState: { mode: v(previous) } } : {}),
      };
    }
    case "ChangeModeRequest": {
      const order = ["cool", "dehumidify", "heat", "auto"];
      const previous = s.mode ?? "cool";
      s.mode = order[(order.indexOf(previous) + 1) % order.length];
      return { mode: v(s.mode), previousState: { mode: v(previous) } };
    }
    case "SetTargetTemperatureRequest":
      if (s.mode === "dehumidify") throw homeErrors.notSupportedInCurrentMode();
      s.targetTemperature = bounded(value("targetTemperature"), 18, 30);
      return { targetTemperature: v(s.targetTemperature) };
    case "IncrementTargetTemperatureRequest":
    case "DecrementTargetTemperatureRequest": {
      const before = s.targetTemperature ?? 24;
      const after = before + value("deltaTemperature") * (name.startsWith("Inc") ? 1 : -1);
      s.targetTemperature = bounded(after, 18, 30);
      return {
        targetTemperature: v(s.targetTemperature),
        previousState: { targetTemperature: v(before) },
      };
    }
    case "SetFanSpeedRequest":
      s.fanSpeed = bounded(value("fanSpeed"), 1, 3);
      return { fanSpeed: v(s.fanSpeed) };
    case "IncrementFanSpeedRequest":
    case "DecrementFanSpeedRequest": {
      const before = s.fanSpeed ?? 1;
      s.fanSpeed = Math.max(
        1,
        Math.min(3, before + value("deltaFanSpeed") * (name.startsWith("Inc") ? 1 : -1)),
      );
      return { fanSpeed: v(s.fanSpeed), previousState: { fanSpeed: v(before) } };
    }
    case "StartOscillationRequest":
      s.oscillating = true;
      return {};
    case "StopOscillationRequest":
      s.oscillating = false;
      return {};
    case "SetChannelRequest": {
      s.channel = value("channel");
      const sub = (payload.subChannel as { value: number } | undefined)?.value;
      if (sub === undefined) delete s.subChannel;
      else s.subChannel = sub;
      if (s.channel > 999) throw homeErrors.valueNotSupported();
      return { channel: v(s.channel), ...(sub === undefined ? {} : { subChannel: v(sub) }) };
    }
    case "SetChannelByNameRequest": {
      const channelName = (payload.channelName as { value: string }).value;
      const known = ["news", "sports", "movies", "kids", "music"];
      const match = known.find((k) => channelName.toLowerCase().includes(k));
      if (!match) throw homeErrors.valueNotSupported();
      s.channelName = match;
      s.channel = known.indexOf(match) + 10;
      return { channelName: v(match) };
    }
    case "IncrementChannelRequest":
    case "DecrementChannelRequest": {
      const before = s.channel ?? 1;
      s.channel = Math.max(1, before + value("deltaChannel") * (name.startsWith("Inc") ? 1 : -1));
      return { channel: v(s.channel), previousState: { channel: v(before) } };
    }
    case "IncrementVolumeRequest":
    case "DecrementVolumeRequest": {
      const before = s.volume ?? 10;
      s.volume = Math.max(
        0,
        Math.min(50, before + value("deltaVolume") * (name.startsWith("Inc") ? 1 : -1)),
      );
      return { targetVolume: v(s.volume), previousState: { targetVolume: v(before) } };
    }
    case "MuteRequest":
      s.muted = true;
      return {};
    case "UnmuteRequest":
      s.muted = false;
      return {};
    case "ChangeInputSourceRequest": {
      const inputs = ["HDMI1", "HDMI2", "AV"];
      const count = Number((payload.count as { value: unknown } | undefined)?.value ?? 1);
      s.input = inputs[(inputs.indexOf(s.input ?? "HDMI1") + count) % inputs.length];
      return {};
    }
    case "SetInputSourceByNameRequest": {
      const source = (payload.sourceName as { value: string }).value;
      if (!["HDMI1", "HDMI2", "AV"].includes(source)) throw homeErrors.valueNotSupported();
      s.input = source;
      return { sourceName: v(source) };
    }
    case "StartRecordingRequest":
      s.recording = true;
      return {};
    case "StopRecordingRequest":
      s.recording = false;
      return {};
    case "SetLockStateRequest": {
      const lockState = payload.lockState as "LOCKED" | "UNLOCKED";
      s.locked = lockState === "LOCKED";
      return { lockState };
    }
    case "GetLockStateRequest":
      return { lockState: s.locked ? "LOCKED" : "UNLOCKED", applianceResponseTimestamp: now };
    case "OpenRequest":
      s.open = true;
      return {};
    case "CloseRequest":
      s.open = false;
      return {};
    case "StopRequest":
      return { phase: v(s.open ? "opening" : "closing") };
    case "GetOpenStateRequest":
      return { openState: s.open ? "OPENED" : "CLOSED", applianceResponseTimestamp: now };
    case "ChargeRequest":
      s.charging = true;
      s.on = false;
      return {};
    case "GetBatteryInfoRequest":
      return { batteryInfo: v(s.battery ?? 0), applianceResponseTimestamp: now };
    case "GetCurrentTemperatureRequest":
      return { currentTemperature: v(s.currentTemperature ?? 20), applianceResponseTimestamp: now };
    case "GetTargetTemperatureRequest":
      return { targetTemperature: v(s.targetTemperature ?? 24), applianceResponseTimestamp: now };
    case "GetHumidityRequest":
      return { humidity: v(s.humidity ?? 40), applianceResponseTimestamp: now };
    case "GetAirQualityRequest":
      return { airQuality: { index: "good" }, applianceResponseTimestamp: now };
    case "GetFineDustRequest":
      return { fineDust: { value: 23, index: "good" }, applianceResponseTimestamp: now };
    case "GetUltraFineDustRequest":
      return { ultraFineDust: { value: 12, index: "normal" }, applianceResponseTimestamp: now };
    case "GetConsumptionRequest":
      return {
        consumption: [{ name: "electricity", value: s.consumptionKwh ?? 0, unit: "kWh" }],
        applianceResponseTimestamp: now,
      };
    case "GetEstimateBillRequest":
      return { estimateBill: { value: 1.2, currency: "USD" }, applianceResponseTimestamp: now };
    case "GetRemainingTimeRequest":
      return {
        remainingTime: `PT${Math.floor((s.remainingMinutes ?? 0) / 60)}H${(s.remainingMinutes ?? 0) % 60}M`,
        applianceResponseTimestamp: now,
      };
    case "GetPhaseRequest":
      return { phase: v(s.phase ?? "idle"), applianceResponseTimestamp: now };
    case "GetDeviceStateRequest":
      return {
        states: Object.entries(s)
          .filter(
            ([, x]) => typeof x === "number" || typeof x === "string" || typeof x === "boolean",
          )
          .map(([key, x]) => ({
            name: key,
            value: typeof x === "boolean" ? String(x) : (x as number | string),
          })),
        applianceResponseTimestamp: now,
      };
    case "HealthCheckRequest":
      return { isReachable: !appliance.offline, isTurnOn: s.on === true };
    default:
      throw homeErrors.unsupportedOperation();
  }
}

type ApplianceStateColor = { hue: number; saturation: number; brightness?: number };
