// Every CIC interface's reactions, registered in one place (cic.md §9; docs/cic.md has the table).
import { audioPlayerReactions, trackQueue } from "./audio-player.js";
import { DeviceSide, type DeviceSideDependencies } from "./device-side.js";
import { answerButtons, playbackControllerReactions } from "./playback-controller.js";
import { renderPlayer, templateRuntimeReactions } from "./template-runtime.js";

export type { DeviceSideOptions, KnownDevice } from "./device-side.js";
export { DeviceSide } from "./device-side.js";

export function createDeviceSide(deps: DeviceSideDependencies): DeviceSide {
  return new DeviceSide(deps)
    .use(audioPlayerReactions, trackQueue)
    .use(playbackControllerReactions, answerButtons)
    .use(templateRuntimeReactions, renderPlayer);
}
