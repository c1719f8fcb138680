// CIC (cic.md): events, directives, context objects, content templates and the client auth
// API bodies, with a catalogue, dispatching validators and directive builders.
export * from "./audio-stream.js";
export * from "./auth.js";
export * from "./catalogue.js";
export {
  CIC_ISO_DATE_TIME_PATTERN,
  CIC_PLAYER_ACTIVITIES,
  CicAlertType,
  CicAsset,
  CicEmptyPayload,
  CicPlayerActivity,
  CicRecognitionLanguage,
  CicRepeatMode,
  CicSpeechLanguage,
} from "./common.js";
export * from "./context.js";
export * from "./create.js";
export * from "./device-state.js";
export * from "./envelope.js";
export * from "./interfaces/alerts.js";
export * from "./interfaces/audio-player.js";
export * from "./interfaces/clova.js";
export * from "./interfaces/device-control.js";
export * from "./interfaces/device-control-bluetooth.js";
export * from "./interfaces/notifier.js";
export * from "./interfaces/playback-controller.js";
export * from "./interfaces/settings.js";
export * from "./interfaces/speech-recognizer.js";
export * from "./interfaces/speech-synthesizer.js";
export * from "./interfaces/system.js";
export * from "./interfaces/template-runtime.js";
export * from "./interfaces/text-recognizer.js";
export * from "./normalize.js";
export * from "./templates.js";
export * from "./validate.js";
