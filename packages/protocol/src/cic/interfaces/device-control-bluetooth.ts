// DeviceControl Bluetooth messages (cic.md §9.4 "Bluetooth directives and events", §13.9).
import { type Static, Type } from "@sinclair/typebox";
import { CicEmptyPayload, Enum, Str } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";

const ns = "DeviceControl";

const Role = Enum(["sink", "source"], {
  description: "sink: this device receives audio (speaker); source: it sends audio.",
});
const device = {
  address: Str("Bluetooth address."),
  name: Str("Display name."),
  role: Role,
  connected: Type.Boolean({ description: "Whether it is currently connected." }),
};

/** One paired device (BtDelete, targeted BtConnect/BtDisconnect). */
export const CicBluetoothDevicePayload = Type.Object(device);
export type CicBluetoothDevicePayload = Static<typeof CicBluetoothDevicePayload>;

/**
 * BtConnect: `{}` (device's choice), `{role}` (a device fit for that role) or a full device.
 * BtDisconnect: `{}` (all) or a full device. Members are typed, the combination is not checked.
 */
export const CicBluetoothOptionalDevicePayload = Type.Object({
  address: Type.Optional(device.address),
  name: Type.Optional(device.name),
  role: Type.Optional(Role),
  connected: Type.Optional(device.connected),
});
export type CicBluetoothOptionalDevicePayload = Static<typeof CicBluetoothOptionalDevicePayload>;

const empty = <M extends string>(name: M) =>
  cicDirective(ns, name, CicEmptyPayload, { channel: "resp/down" });

export const CicDeviceControlBtConnect = cicDirective(
  ns,
  "BtConnect",
  CicBluetoothOptionalDevicePayload,
  { channel: "resp/down" },
);
export type CicDeviceControlBtConnect = CicMessageOf<typeof CicDeviceControlBtConnect>;
export const CicDeviceControlBtConnectByPINCodePayload = Type.Object({
  pinCode: Str('PIN typed by the user; "" aborts pairing.'),
});
export type CicDeviceControlBtConnectByPINCodePayload = Static<
  typeof CicDeviceControlBtConnectByPINCodePayload
>;
export const CicDeviceControlBtConnectByPINCode = cicDirective(
  ns,
  "BtConnectByPINCode",
  CicDeviceControlBtConnectByPINCodePayload,
  { channel: "down" },
);
export type CicDeviceControlBtConnectByPINCode = CicMessageOf<
  typeof CicDeviceControlBtConnectByPINCode
>;
export const CicDeviceControlBtDelete = cicDirective(ns, "BtDelete", CicBluetoothDevicePayload, {
  channel: "resp/down",
});
export type CicDeviceControlBtDelete = CicMessageOf<typeof CicDeviceControlBtDelete>;
export const CicDeviceControlBtDisconnect = cicDirective(
  ns,
  "BtDisconnect",
  CicBluetoothOptionalDevicePayload,
  { channel: "resp/down" },
);
export type CicDeviceControlBtDisconnect = CicMessageOf<typeof CicDeviceControlBtDisconnect>;
export const CicDeviceControlBtPlay = cicDirective(ns, "BtPlay", CicEmptyPayload, {
  channel: "resp",
});
export type CicDeviceControlBtPlay = CicMessageOf<typeof CicDeviceControlBtPlay>;
export const CicDeviceControlBtRescan = empty("BtRescan");
export type CicDeviceControlBtRescan = CicMessageOf<typeof CicDeviceControlBtRescan>;
export const CicDeviceControlBtStartPairing = empty("BtStartPairing");
export type CicDeviceControlBtStartPairing = CicMessageOf<typeof CicDeviceControlBtStartPairing>;
export const CicDeviceControlBtStopPairing = empty("BtStopPairing");
export type CicDeviceControlBtStopPairing = CicMessageOf<typeof CicDeviceControlBtStopPairing>;

export const CicDeviceControlBtRequestForPINCodePayload = Type.Object({
  deviceName: Str("Name of the remote device, shown on the PIN entry screen."),
});
export type CicDeviceControlBtRequestForPINCodePayload = Static<
  typeof CicDeviceControlBtRequestForPINCodePayload
>;
export const CicDeviceControlBtRequestForPINCode = cicEvent(
  ns,
  "BtRequestForPINCode",
  CicDeviceControlBtRequestForPINCodePayload,
);
export type CicDeviceControlBtRequestForPINCode = CicMessageOf<
  typeof CicDeviceControlBtRequestForPINCode
>;
export const CicDeviceControlBtRequestToCancelPINCodeInput = cicEvent(
  ns,
  "BtRequestToCancelPINCodeInput",
  CicEmptyPayload,
);
export type CicDeviceControlBtRequestToCancelPINCodeInput = CicMessageOf<
  typeof CicDeviceControlBtRequestToCancelPINCodeInput
>;
/** The older edition's spelling, accepted on input (§9.4). */
export const CicDeviceControlBtRequestToCancelPinCodeInput = cicEvent(
  ns,
  "BtRequestToCancelPinCodeInput",
  CicEmptyPayload,
  { status: "legacy" },
);
