// PlaybackController (cic.md §9.6): transport control. Button presses are reported as
// *CommandIssued events; the server answers with the directive the device then performs.
import { type Static, Type } from "@sinclair/typebox";
import { CicEmptyPayload, CicRepeatMode, Enum, Id, Str } from "../common.js";
import { type CicMessageOf, cicDirective, cicEvent } from "../envelope.js";

const ns = "PlaybackController";

/** `AudioPlayer` or `MediaPlayer`, accepted in every event too (§9.6, UNSPECIFIED). */
const PlayerNamespace = Enum(["AudioPlayer", "MediaPlayer"]);
const target = Type.Optional(
  Type.Object(
    { namespace: PlayerNamespace },
    { description: "What to control; absent: speech if speaking, otherwise media." },
  ),
);
const Handover = Type.Object(
  {
    customData: Str("Data needed to continue playback."),
    deviceId: Id("Device handing playback over."),
  },
  { description: "Playback handed over from another device." },
);

// ── directives ──────────────────────────────────────────────────────────────────────────

export const CicPlaybackTargetPayload = Type.Object({ target });
export type CicPlaybackTargetPayload = Static<typeof CicPlaybackTargetPayload>;

const targetDirective = <M extends string>(name: M, channel: "resp" | "down") =>
  cicDirective(ns, name, CicPlaybackTargetPayload, { channel });
const emptyDirective = <M extends string>(name: M, status?: "deprecated") =>
  cicDirective(ns, name, CicEmptyPayload, { channel: "resp", ...(status ? { status } : {}) });

export const CicPlaybackControllerExpectNextCommand = targetDirective("ExpectNextCommand", "down");
export type CicPlaybackControllerExpectNextCommand = CicMessageOf<
  typeof CicPlaybackControllerExpectNextCommand
>;
export const CicPlaybackControllerExpectPauseCommand = targetDirective(
  "ExpectPauseCommand",
  "down",
);
export type CicPlaybackControllerExpectPauseCommand = CicMessageOf<
  typeof CicPlaybackControllerExpectPauseCommand
>;
export const CicPlaybackControllerExpectPlayCommandPayload = Type.Object({
  handover: Type.Optional(Handover),
  token: Type.Optional(Id("Media token, copied into PlayCommandIssued.token.")),
});
export type CicPlaybackControllerExpectPlayCommandPayload = Static<
  typeof CicPlaybackControllerExpectPlayCommandPayload
>;
export const CicPlaybackControllerExpectPlayCommand = cicDirective(
  ns,
  "ExpectPlayCommand",
  CicPlaybackControllerExpectPlayCommandPayload,
  { channel: "down" },
);
export type CicPlaybackControllerExpectPlayCommand = CicMessageOf<
  typeof CicPlaybackControllerExpectPlayCommand
>;
export const CicPlaybackControllerExpectPreviousCommand = targetDirective(
  "ExpectPreviousCommand",
  "down",
);
export type CicPlaybackControllerExpectPreviousCommand = CicMessageOf<
  typeof CicPlaybackControllerExpectPreviousCommand
>;
export const CicPlaybackControllerExpectResumeCommand = targetDirective(
  "ExpectResumeCommand",
  "down",
);
export type CicPlaybackControllerExpectResumeCommand = CicMessageOf<
  typeof CicPlaybackControllerExpectResumeCommand
>;
export const CicPlaybackControllerExpectStopCommand = targetDirective("ExpectStopCommand", "down");
export type CicPlaybackControllerExpectStopCommand = CicMessageOf<
  typeof CicPlaybackControllerExpectStopCommand
>;
export const CicPlaybackControllerMute = emptyDirective("Mute");
export type CicPlaybackControllerMute = CicMessageOf<typeof CicPlaybackControllerMute>;
export const CicPlaybackControllerNext = emptyDirective("Next");
export type CicPlaybackControllerNext = CicMessageOf<typeof CicPlaybackControllerNext>;
export const CicPlaybackControllerPause = targetDirective("Pause", "resp");
export type CicPlaybackControllerPause = CicMessageOf<typeof CicPlaybackControllerPause>;
export const CicPlaybackControllerPrevious = emptyDirective("Previous");
export type CicPlaybackControllerPrevious = CicMessageOf<typeof CicPlaybackControllerPrevious>;
export const CicPlaybackControllerReplay = emptyDirective("Replay");
export type CicPlaybackControllerReplay = CicMessageOf<typeof CicPlaybackControllerReplay>;
export const CicPlaybackControllerResume = targetDirective("Resume", "resp");
export type CicPlaybackControllerResume = CicMessageOf<typeof CicPlaybackControllerResume>;
export const CicPlaybackControllerSetRepeatModePayload = Type.Object({ repeatMode: CicRepeatMode });
export type CicPlaybackControllerSetRepeatModePayload = Static<
  typeof CicPlaybackControllerSetRepeatModePayload
>;
export const CicPlaybackControllerSetRepeatMode = cicDirective(
  ns,
  "SetRepeatMode",
  CicPlaybackControllerSetRepeatModePayload,
  { channel: "resp/down" },
);
export type CicPlaybackControllerSetRepeatMode = CicMessageOf<
  typeof CicPlaybackControllerSetRepeatMode
>;
export const CicPlaybackControllerStop = targetDirective("Stop", "resp");
export type CicPlaybackControllerStop = CicMessageOf<typeof CicPlaybackControllerStop>;
export const CicPlaybackControllerTurnOffRepeatMode = emptyDirective(
  "TurnOffRepeatMode",
  "deprecated",
);
export type CicPlaybackControllerTurnOffRepeatMode = CicMessageOf<
  typeof CicPlaybackControllerTurnOffRepeatMode
>;
export const CicPlaybackControllerTurnOnRepeatMode = emptyDirective(
  "TurnOnRepeatMode",
  "deprecated",
);
export type CicPlaybackControllerTurnOnRepeatMode = CicMessageOf<
  typeof CicPlaybackControllerTurnOnRepeatMode
>;
export const CicPlaybackControllerUnmute = emptyDirective("Unmute");
export type CicPlaybackControllerUnmute = CicMessageOf<typeof CicPlaybackControllerUnmute>;
export const CicPlaybackControllerVolumeDown = emptyDirective("VolumeDown", "deprecated");
export type CicPlaybackControllerVolumeDown = CicMessageOf<typeof CicPlaybackControllerVolumeDown>;
export const CicPlaybackControllerVolumeUp = emptyDirective("VolumeUp", "deprecated");
export type CicPlaybackControllerVolumeUp = CicMessageOf<typeof CicPlaybackControllerVolumeUp>;

// ── events ──────────────────────────────────────────────────────────────────────────────

export const CicPlaybackCommandPayload = Type.Object({
  deviceId: Type.Optional(Id("Only when remotely controlling another device.")),
  source: Type.Optional(
    Type.Object(
      { namespace: PlayerNamespace },
      { description: "What the button targets; omit to let the server choose." },
    ),
  ),
});
export type CicPlaybackCommandPayload = Static<typeof CicPlaybackCommandPayload>;
const commandEvent = <M extends string>(name: M) => cicEvent(ns, name, CicPlaybackCommandPayload);

export const CicPlaybackControllerNextCommandIssued = commandEvent("NextCommandIssued");
export type CicPlaybackControllerNextCommandIssued = CicMessageOf<
  typeof CicPlaybackControllerNextCommandIssued
>;
export const CicPlaybackControllerPauseCommandIssued = commandEvent("PauseCommandIssued");
export type CicPlaybackControllerPauseCommandIssued = CicMessageOf<
  typeof CicPlaybackControllerPauseCommandIssued
>;
export const CicPlaybackControllerPreviousCommandIssued = commandEvent("PreviousCommandIssued");
export type CicPlaybackControllerPreviousCommandIssued = CicMessageOf<
  typeof CicPlaybackControllerPreviousCommandIssued
>;
export const CicPlaybackControllerResumeCommandIssued = commandEvent("ResumeCommandIssued");
export type CicPlaybackControllerResumeCommandIssued = CicMessageOf<
  typeof CicPlaybackControllerResumeCommandIssued
>;
export const CicPlaybackControllerStopCommandIssued = commandEvent("StopCommandIssued");
export type CicPlaybackControllerStopCommandIssued = CicMessageOf<
  typeof CicPlaybackControllerStopCommandIssued
>;

export const CicPlaybackControllerPlayCommandIssuedPayload = Type.Object({
  deviceId: Type.Optional(Id("Only when handing playback to another device.")),
  handover: Type.Optional(Handover),
  token: Type.Optional(Id("Item to play (playableItems[].token or ExpectPlayCommand.token).")),
});
export type CicPlaybackControllerPlayCommandIssuedPayload = Static<
  typeof CicPlaybackControllerPlayCommandIssuedPayload
>;
export const CicPlaybackControllerPlayCommandIssued = cicEvent(
  ns,
  "PlayCommandIssued",
  CicPlaybackControllerPlayCommandIssuedPayload,
);
export type CicPlaybackControllerPlayCommandIssued = CicMessageOf<
  typeof CicPlaybackControllerPlayCommandIssued
>;

export const CicPlaybackControllerSetRepeatModeCommandIssuedPayload = Type.Object({
  deviceId: Type.Optional(Id("Target device when used remotely.")),
  repeatMode: CicRepeatMode,
});
export type CicPlaybackControllerSetRepeatModeCommandIssuedPayload = Static<
  typeof CicPlaybackControllerSetRepeatModeCommandIssuedPayload
>;
export const CicPlaybackControllerSetRepeatModeCommandIssued = cicEvent(
  ns,
  "SetRepeatModeCommandIssued",
  CicPlaybackControllerSetRepeatModeCommandIssuedPayload,
);
export type CicPlaybackControllerSetRepeatModeCommandIssued = CicMessageOf<
  typeof CicPlaybackControllerSetRepeatModeCommandIssued
>;

export const CicPlaybackControllerCustomCommandIssuedPayload = Type.Object({
  button: Id("Which shortcut button, e.g. CUSTOM_BUTTON_3."),
});
export type CicPlaybackControllerCustomCommandIssuedPayload = Static<
  typeof CicPlaybackControllerCustomCommandIssuedPayload
>;
export const CicPlaybackControllerCustomCommandIssued = cicEvent(
  ns,
  "CustomCommandIssued",
  CicPlaybackControllerCustomCommandIssuedPayload,
);
export type CicPlaybackControllerCustomCommandIssued = CicMessageOf<
  typeof CicPlaybackControllerCustomCommandIssued
>;

export const CicPlaybackController = {
  events: {
    CustomCommandIssued: CicPlaybackControllerCustomCommandIssued,
    NextCommandIssued: CicPlaybackControllerNextCommandIssued,
    PauseCommandIssued: CicPlaybackControllerPauseCommandIssued,
    PlayCommandIssued: CicPlaybackControllerPlayCommandIssued,
    PreviousCommandIssued: CicPlaybackControllerPreviousCommandIssued,
    ResumeCommandIssued: CicPlaybackControllerResumeCommandIssued,
    SetRepeatModeCommandIssued: CicPlaybackControllerSetRepeatModeCommandIssued,
    StopCommandIssued: CicPlaybackControllerStopCommandIssued,
  },
  directives: {
    ExpectNextCommand: CicPlaybackControllerExpectNextCommand,
    ExpectPauseCommand: CicPlaybackControllerExpectPauseCommand,
    ExpectPlayCommand: CicPlaybackControllerExpectPlayCommand,
    ExpectPreviousCommand: CicPlaybackControllerExpectPreviousCommand,
    ExpectResumeCommand: CicPlaybackControllerExpectResumeCommand,
    ExpectStopCommand: CicPlaybackControllerExpectStopCommand,
    Mute: CicPlaybackControllerMute,
    Next: CicPlaybackControllerNext,
    Pause: CicPlaybackControllerPause,
    Previous: CicPlaybackControllerPrevious,
    Replay: CicPlaybackControllerReplay,
    Resume: CicPlaybackControllerResume,
    SetRepeatMode: CicPlaybackControllerSetRepeatMode,
    Stop: CicPlaybackControllerStop,
    TurnOffRepeatMode: CicPlaybackControllerTurnOffRepeatMode,
    TurnOnRepeatMode: CicPlaybackControllerTurnOnRepeatMode,
    Unmute: CicPlaybackControllerUnmute,
    VolumeDown: CicPlaybackControllerVolumeDown,
    VolumeUp: CicPlaybackControllerVolumeUp,
  },
} as const;
