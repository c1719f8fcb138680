// Payload of the Device.DeviceState context object (cic.md §8.6): the device's features,
// their states and the DeviceControl actions each one supports.
import { type Static, Type } from "@sinclair/typebox";
import { Enum, Int, IsoDateTime, OnOff, Str } from "./common.js";

const actions = (allowed: string) =>
  Type.Array(Type.String(), {
    description: `DeviceControl directives the device can perform here (${allowed}).`,
  });
const ON_OFF = "TurnOff, TurnOn";
const LEVEL = "Decrease, Increase, SetValue";

const switchable = (description: string) =>
  Type.Object({ actions: actions(ON_OFF), state: OnOff }, { description });

const level = (description: string, extra = {}) =>
  Type.Object(
    { actions: actions(LEVEL), min: Int(), max: Int(), value: Int(), ...extra },
    {
      description,
    },
  );

const BluetoothRole = Enum(["sink", "source"], {
  description: "Role of this client toward the other device: sink receives audio.",
});

export const CicBluetoothInfoObject = Type.Object(
  {
    actions: actions(
      "TurnOff, TurnOn, BtConnect, BtConnectByPINCode, BtDisconnect, BtStartPairing, BtStopPairing",
    ),
    state: OnOff,
    pairing: OnOff,
    scanning: OnOff,
    connecting: OnOff,
    btlist: Type.Array(
      Type.Object({
        name: Str("Display name."),
        address: Str("Bluetooth address, e.g. 7a:10:3c:be:02:9f."),
        connected: Type.Boolean(),
        role: BluetoothRole,
        availableServiceClassList: Type.Array(Type.String()),
      }),
    ),
    scanlist: Type.Array(Type.Object({ name: Str(), address: Str(), role: BluetoothRole })),
    playerInfo: Type.Optional(
      Type.Object({
        albumTitle: Type.Optional(Str()),
        artistName: Type.Optional(Str()),
        trackTitle: Type.Optional(Str()),
        state: Type.Optional(Enum(["paused", "playing", "stopped"])),
      }),
    ),
  },
  { description: "BluetoothInfoObject (§8.6)." },
);
export type CicBluetoothInfoObject = Static<typeof CicBluetoothInfoObject>;

export const CicDeviceStatePayload = Type.Object(
  {
    airplane: Type.Optional(switchable("AirplaneInfoObject")),
    battery: Type.Optional(
      Type.Object(
        {
          actions: actions("none"),
          charging: Type.Boolean(),
          value: Type.Integer({ minimum: 0, maximum: 100 }),
        },
        { description: "BatteryInfoObject" },
      ),
    ),
    bluetooth: Type.Optional(CicBluetoothInfoObject),
    cellular: Type.Optional(switchable("CellularInfoObject")),
    channel: Type.Optional(
      Type.Object({ actions: actions(LEVEL) }, { description: "ChannelInfoObject" }),
    ),
    energySavingMode: Type.Optional(switchable("EnergySavingModeInfoObject")),
    flashLight: Type.Optional(switchable("FlashLightInfoObject")),
    gps: Type.Optional(switchable("GPSInfoObject")),
    localTime: Type.Optional(IsoDateTime("Device local time with offset.")),
    power: Type.Optional(
      Type.Object(
        { actions: actions(ON_OFF), state: Enum(["active", "idle"]) },
        { description: "PowerInfoObject" },
      ),
    ),
    screenAutoBrightness: Type.Optional(switchable("ScreenAutoBrightnessInfoObject")),
    screenBrightness: Type.Optional(level("ScreenBrightnessInfoObject")),
    soundMode: Type.Optional(
      Type.Object(
        { actions: actions(ON_OFF), state: Enum(["ring", "silent", "vibrate"]) },
        { description: "SoundModeInfoObject" },
      ),
    ),
    soundOutput: Type.Optional(
      Type.Object(
        { type: Enum(["builtin", "aux", "bluetooth", "airplay"]) },
        { description: "SoundOutputInfoObject" },
      ),
    ),
    volume: Type.Optional(
      level("VolumeInfoObject", {
        warning: Type.Optional(Int("From this level up, confirm before raising the volume.")),
      }),
    ),
    wifi: Type.Optional(
      Type.Object(
        {
          actions: actions(ON_OFF),
          networks: Type.Array(Type.Object({ name: Str("SSID"), connected: Type.Boolean() })),
          state: OnOff,
        },
        { description: "WifiInfoObject" },
      ),
    ),
  },
  { description: "Device.DeviceState payload (§8.6); include the features the device has." },
);
export type CicDeviceStatePayload = Static<typeof CicDeviceStatePayload>;
