// DeviceControl (cic.md §9.4): device features, screens, state sharing between devices.
// Bluetooth messages are in device-control-bluetooth.ts.
import { type Static, Type } from "@sinclair/typebox";
import { CicEmptyPayload, Enum, Id, Int, Str } from "../common.js";
import { CicDeviceStatePayload } from "../device-state.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";
import {
  CicDeviceControlBtConnect,
  CicDeviceControlBtConnectByPINCode,
  CicDeviceControlBtDelete,
  CicDeviceControlBtDisconnect,
  CicDeviceControlBtPlay,
  CicDeviceControlBtRequestForPINCode,
  CicDeviceControlBtRequestToCancelPINCodeInput,
  CicDeviceControlBtRescan,
  CicDeviceControlBtStartPairing,
  CicDeviceControlBtStopPairing,
} from "./device-control-bluetooth.js";

const ns = "DeviceControl";

// ── events ──────────────────────────────────────────────────────────────────────────────

/** Any target and command are accepted; devices echo the directive's (§9.4, UNSPECIFIED). */
export const CicDeviceControlActionPayload = Type.Object({
  target: Id(
    "airplane, app, bluetooth, cellular, channel, flashlight, gps, powersave, screenautobrightness, screenbrightness, soundmode, volume, wifi (or the directive's target).",
  ),
  command: Id("Name of the DeviceControl directive executed, e.g. TurnOn, SetValue, BtConnect."),
});
export type CicDeviceControlActionPayload = Static<typeof CicDeviceControlActionPayload>;
export const CicDeviceControlActionExecuted = cicEvent(
  ns,
  "ActionExecuted",
  CicDeviceControlActionPayload,
);
export type CicDeviceControlActionExecuted = CicMessageOf<typeof CicDeviceControlActionExecuted>;
export const CicDeviceControlActionFailed = cicEvent(
  ns,
  "ActionFailed",
  CicDeviceControlActionPayload,
);
export type CicDeviceControlActionFailed = CicMessageOf<typeof CicDeviceControlActionFailed>;
export const CicDeviceControlReportState = cicEvent(ns, "ReportState", CicEmptyPayload);
export type CicDeviceControlReportState = CicMessageOf<typeof CicDeviceControlReportState>;
export const CicDeviceControlRequestDeviceList = cicEvent(ns, "RequestDeviceList", CicEmptyPayload);
export type CicDeviceControlRequestDeviceList = CicMessageOf<
  typeof CicDeviceControlRequestDeviceList
>;
export const CicDeviceControlRequestStateSynchronizationPayload = Type.Object({
  deviceId: Type.Optional(Id("Only this device; absent: all others of the account.")),
});
export type CicDeviceControlRequestStateSynchronizationPayload = Static<
  typeof CicDeviceControlRequestStateSynchronizationPayload
>;
export const CicDeviceControlRequestStateSynchronization = cicEvent(
  ns,
  "RequestStateSynchronization",
  CicDeviceControlRequestStateSynchronizationPayload,
);
export type CicDeviceControlRequestStateSynchronization = CicMessageOf<
  typeof CicDeviceControlRequestStateSynchronization
>;

// ── directives ──────────────────────────────────────────────────────────────────────────

const LevelTarget = Enum(["channel", "screenbrightness", "volume"]);
export const CicDeviceControlStepPayload = Type.Object({
  target: LevelTarget,
  value: Type.Optional(Str("Step size as a decimal string; absent: the device's own step.")),
});
export type CicDeviceControlStepPayload = Static<typeof CicDeviceControlStepPayload>;
export const CicDeviceControlIncrease = cicDirective(ns, "Increase", CicDeviceControlStepPayload, {
  channel: "resp/down",
});
export type CicDeviceControlIncrease = CicMessageOf<typeof CicDeviceControlIncrease>;
export const CicDeviceControlDecrease = cicDirective(ns, "Decrease", CicDeviceControlStepPayload, {
  channel: "resp/down",
});
export type CicDeviceControlDecrease = CicMessageOf<typeof CicDeviceControlDecrease>;
export const CicDeviceControlSetValuePayload = Type.Object({
  target: LevelTarget,
  value: Str("New level, or the channel number or name."),
});
export type CicDeviceControlSetValuePayload = Static<typeof CicDeviceControlSetValuePayload>;
export const CicDeviceControlSetValue = cicDirective(
  ns,
  "SetValue",
  CicDeviceControlSetValuePayload,
  { channel: "resp/down" },
);
export type CicDeviceControlSetValue = CicMessageOf<typeof CicDeviceControlSetValue>;

export const CicDeviceControlSwitchPayload = Type.Object({
  target: Enum([
    "airplane",
    "bluetooth",
    "cellular",
    "energysave",
    "flashlight",
    "gps",
    "power",
    "ring",
    "silent",
    "vibrate",
    "wifi",
  ]),
});
export type CicDeviceControlSwitchPayload = Static<typeof CicDeviceControlSwitchPayload>;
export const CicDeviceControlTurnOn = cicDirective(ns, "TurnOn", CicDeviceControlSwitchPayload, {
  channel: "resp/down",
});
export type CicDeviceControlTurnOn = CicMessageOf<typeof CicDeviceControlTurnOn>;
export const CicDeviceControlTurnOff = cicDirective(ns, "TurnOff", CicDeviceControlSwitchPayload, {
  channel: "resp/down",
});
export type CicDeviceControlTurnOff = CicMessageOf<typeof CicDeviceControlTurnOff>;

export const CicDeviceControlOpenPayload = Type.Object({ target: Enum(["home", "settings"]) });
export type CicDeviceControlOpenPayload = Static<typeof CicDeviceControlOpenPayload>;
export const CicDeviceControlOpen = cicDirective(ns, "Open", CicDeviceControlOpenPayload, {
  channel: "resp",
});
export type CicDeviceControlOpen = CicMessageOf<typeof CicDeviceControlOpen>;
export const CicDeviceControlOpenScreenPayload = Type.Object({ target: Type.Literal("settings") });
export type CicDeviceControlOpenScreenPayload = Static<typeof CicDeviceControlOpenScreenPayload>;
export const CicDeviceControlOpenScreen = cicDirective(
  ns,
  "OpenScreen",
  CicDeviceControlOpenScreenPayload,
  { channel: "resp", status: "deprecated" },
);
export type CicDeviceControlOpenScreen = CicMessageOf<typeof CicDeviceControlOpenScreen>;
export const CicDeviceControlLaunchAppPayload = Type.Object({
  target: Id("URI scheme, relay page, or the app's spoken name."),
});
export type CicDeviceControlLaunchAppPayload = Static<typeof CicDeviceControlLaunchAppPayload>;
export const CicDeviceControlLaunchApp = cicDirective(
  ns,
  "LaunchApp",
  CicDeviceControlLaunchAppPayload,
  { channel: "resp", status: "deprecated" },
);
export type CicDeviceControlLaunchApp = CicMessageOf<typeof CicDeviceControlLaunchApp>;

export const CicDeviceControlExpectReportStatePayload = Type.Object({
  durationInSeconds: Type.Optional(Int("Keep reporting this long; absent: report once.")),
  intervalInSeconds: Type.Optional(Int("Reporting period (only with durationInSeconds).")),
});
export type CicDeviceControlExpectReportStatePayload = Static<
  typeof CicDeviceControlExpectReportStatePayload
>;
export const CicDeviceControlExpectReportState = cicDirective(
  ns,
  "ExpectReportState",
  CicDeviceControlExpectReportStatePayload,
  { channel: "down" },
);
export type CicDeviceControlExpectReportState = CicMessageOf<
  typeof CicDeviceControlExpectReportState
>;

/** deviceState is the bare Device.DeviceState payload; absent = offline (§9.4, UNSPECIFIED). */
export const CicDeviceControlSynchronizeStatePayload = Type.Object({
  deviceId: Id("Device whose state is given."),
  deviceState: Type.Optional(CicDeviceStatePayload),
});
export type CicDeviceControlSynchronizeStatePayload = Static<
  typeof CicDeviceControlSynchronizeStatePayload
>;
export const CicDeviceControlSynchronizeState = cicDirective(
  ns,
  "SynchronizeState",
  CicDeviceControlSynchronizeStatePayload,
  { channel: "down" },
);
export type CicDeviceControlSynchronizeState = CicMessageOf<
  typeof CicDeviceControlSynchronizeState
>;

const NullableStr = Type.Optional(Type.Union([Type.String(), Type.Null()]));
export const CicDeviceListEntry = Type.Object({
  deviceId: Id(),
  deviceName: Str(),
  clientId: Str(),
  clientName: Str(),
  modelId: Str(),
  bindTime: Str("When the device was registered."),
  availabilities: Type.Array(
    Type.Object({
      name: Enum([
        "DELEGATION",
        "AUDIOPLAYER_CONTROL",
        "AUDIOPLAYER_EXPOSE",
        "SPEAKER_REGISTRATION",
      ]),
      available: Type.Boolean(),
    }),
  ),
  companionAppUrl: NullableStr,
  configuration: Type.Optional(
    Type.Object({ DeviceInfoDefinedName: Type.Optional(Str("Nickname given by the user.")) }),
  ),
  deviceImageUrl: NullableStr,
  manufacturerName: NullableStr,
  userGuideUrl: NullableStr,
  websiteUrl: NullableStr,
  is3rdParty: Type.Optional(Type.Boolean()),
});
export type CicDeviceListEntry = Static<typeof CicDeviceListEntry>;
export const CicDeviceControlRenderDeviceListPayload = Type.Object({
  deviceList: Type.Array(CicDeviceListEntry),
});
export type CicDeviceControlRenderDeviceListPayload = Static<
  typeof CicDeviceControlRenderDeviceListPayload
>;
export const CicDeviceControlRenderDeviceList = cicDirective(
  ns,
  "RenderDeviceList",
  CicDeviceControlRenderDeviceListPayload,
  { channel: "resp" },
);
export type CicDeviceControlRenderDeviceList = CicMessageOf<
  typeof CicDeviceControlRenderDeviceList
>;

export const CicDeviceControl = {
  events: {
    ActionExecuted: CicDeviceControlActionExecuted,
    ActionFailed: CicDeviceControlActionFailed,
    BtRequestForPINCode: CicDeviceControlBtRequestForPINCode,
    BtRequestToCancelPINCodeInput: CicDeviceControlBtRequestToCancelPINCodeInput,
    ReportState: CicDeviceControlReportState,
    RequestDeviceList: CicDeviceControlRequestDeviceList,
    RequestStateSynchronization: CicDeviceControlRequestStateSynchronization,
  },
  directives: {
    BtConnect: CicDeviceControlBtConnect,
    BtConnectByPINCode: CicDeviceControlBtConnectByPINCode,
    BtDelete: CicDeviceControlBtDelete,
    BtDisconnect: CicDeviceControlBtDisconnect,
    BtPlay: CicDeviceControlBtPlay,
    BtRescan: CicDeviceControlBtRescan,
    BtStartPairing: CicDeviceControlBtStartPairing,
    BtStopPairing: CicDeviceControlBtStopPairing,
    Decrease: CicDeviceControlDecrease,
    ExpectReportState: CicDeviceControlExpectReportState,
    Increase: CicDeviceControlIncrease,
    LaunchApp: CicDeviceControlLaunchApp,
    Open: CicDeviceControlOpen,
    OpenScreen: CicDeviceControlOpenScreen,
    RenderDeviceList: CicDeviceControlRenderDeviceList,
    SetValue: CicDeviceControlSetValue,
    SynchronizeState: CicDeviceControlSynchronizeState,
    TurnOff: CicDeviceControlTurnOff,
    TurnOn: CicDeviceControlTurnOn,
  },
} as const;
