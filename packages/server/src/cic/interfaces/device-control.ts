// DeviceControl (cic.md §9.4, §13.8): device state shared among a user's devices. Every
// ActionExecuted, ActionFailed and ReportState is broadcast as SynchronizeState (bare
// Device.DeviceState payload, no dialogRequestId) to the user's other connected devices;
// RequestStateSynchronization asks the others for reports (ExpectReportState for 5 minutes
// every 30 s) and answers for offline ones at once (SynchronizeState without deviceState);
// RequestDeviceList gets RenderDeviceList. Spoken control ("turn up the volume") is the
// device-control ability. All of these events are answered 204 except RequestDeviceList.
import type { DeviceSide, InterfaceEvent, Reaction } from "./device-side.js";
import { part, text } from "./parts.js";

/** ExpectReportState after RequestStateSynchronization (the values of cic.md §13.8). */
export const REPORT_WINDOW = { durationInSeconds: 300, intervalInSeconds: 30 };

/**
 * A device that (re)connects is asked for its state once (cic.md §9.4, §13.1: ExpectReportState
 * without durationInSeconds, no dialogRequestId), right after its downchannel's Hello; its
 * ReportState then reaches the user's other devices as SynchronizeState.
 */
export function askConnectedDeviceForState(side: DeviceSide, deviceKey: string): Promise<boolean> {
  return side.push(deviceKey, part("DeviceControl", "ExpectReportState"));
}

const broadcastState: Reaction = async (event, side) => {
  const deviceState = side.contextOf(event.deviceKey, "Device.DeviceState");
  const payload = { deviceId: event.grant.deviceId, ...(deviceState ? { deviceState } : {}) };
  await side.pushToUser(
    event.grant.userId,
    [part("DeviceControl", "SynchronizeState", payload)],
    event.deviceKey,
  );
  return [];
};

async function requestSynchronization(event: InterfaceEvent, side: DeviceSide) {
  const only = text(event.payload, "deviceId");
  for (const device of side.devicesOf(event.grant.userId)) {
    if (device.deviceKey === event.deviceKey) continue;
    if (only && device.deviceId !== only) continue;
    const asked = await side.push(
      device.deviceKey,
      part("DeviceControl", "ExpectReportState", REPORT_WINDOW),
    );
    if (!asked)
      await side.push(
        event.deviceKey,
        part("DeviceControl", "SynchronizeState", { deviceId: device.deviceId }),
      );
  }
  return [];
}

function deviceList(event: InterfaceEvent, side: DeviceSide) {
  const deviceList = side.devicesOf(event.grant.userId).map((device) => ({
    deviceId: device.deviceId,
    deviceName: device.settings?.["DeviceInfoDefinedName"] ?? device.deviceId,
    clientId: device.clientId,
    clientName: device.clientId,
    modelId: device.modelId ?? "",
    bindTime: new Date(device.boundAt).toISOString(),
    availabilities: [
      { name: "DELEGATION", available: true },
      { name: "AUDIOPLAYER_CONTROL", available: true },
      { name: "AUDIOPLAYER_EXPOSE", available: true },
      { name: "SPEAKER_REGISTRATION", available: false },
    ],
    companionAppUrl: null,
    configuration: device.settings?.["DeviceInfoDefinedName"]
      ? { DeviceInfoDefinedName: device.settings["DeviceInfoDefinedName"] }
      : {},
    deviceImageUrl: null,
    manufacturerName: null,
    userGuideUrl: null,
    websiteUrl: null,
  }));
  return [part("DeviceControl", "RenderDeviceList", { deviceList }, event.dialogRequestId)];
}

/** A PIN the device waits for (shown by the management API until answered or cancelled). */
const pinKey = (deviceKey: string) => `bt-pin:${deviceKey}`;

export const deviceControlReactions: Record<string, Reaction> = {
  "DeviceControl.ActionExecuted": broadcastState,
  "DeviceControl.ActionFailed": broadcastState,
  "DeviceControl.ReportState": broadcastState,
  "DeviceControl.RequestStateSynchronization": requestSynchronization,
  "DeviceControl.RequestDeviceList": deviceList,
  "DeviceControl.BtRequestForPINCode": (event, side) => {
    side.keep(pinKey(event.deviceKey), text(event.payload, "deviceName") ?? "", event.deviceKey);
    return [];
  },
  "DeviceControl.BtRequestToCancelPINCodeInput": (event, side) => {
    side.forget(pinKey(event.deviceKey), event.deviceKey);
    return [];
  },
  "DeviceControl.BtRequestToCancelPinCodeInput": (event, side) => {
    side.forget(pinKey(event.deviceKey), event.deviceKey);
    return [];
  },
};

/** The remote device name a device asks a PIN for, if it waits for one. */
export function pendingPin(side: DeviceSide, deviceKey: string): string | undefined {
  const name = side.memory.get(pinKey(deviceKey));
  return typeof name === "string" ? name : undefined;
}
