// Every CIC interface's reactions, registered in one place (cic.md §9; docs/cic.md has the table).
import { audioContentOnly, audioPlayerReactions, trackQueue } from "./audio-player.js";
import { clovaReactions, expectLogin, extensionMode } from "./clova.js";
import { deviceControlReactions } from "./device-control.js";
import { DeviceSide, type DeviceSideDependencies } from "./device-side.js";
import { answerButtons, playbackControllerReactions } from "./playback-controller.js";
import { settingsReactions } from "./settings.js";
import { speechSynthesizerReactions } from "./speech-synthesizer.js";
import { renderPlayer, templateRuntimeReactions } from "./template-runtime.js";

export type { DeviceSideOptions, KnownDevice } from "./device-side.js";
export { DeviceSide } from "./device-side.js";
export { handleDeviceSideRoutes } from "./routes.js";

export function createDeviceSide(deps: DeviceSideDependencies): DeviceSide {
  return new DeviceSide(deps)
    .use(audioPlayerReactions, audioContentOnly, trackQueue)
    .use(playbackControllerReactions, answerButtons)
    .use(templateRuntimeReactions, renderPlayer)
    .use(clovaReactions, expectLogin, extensionMode)
    .use(speechSynthesizerReactions)
    .use(settingsReactions)
    .use(deviceControlReactions);
}
