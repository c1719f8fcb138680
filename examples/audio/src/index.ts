export { audioItemOf, type Genre, parseToken, playlists, type Track, tokenOf } from "./catalog.js";
export {
  AUDIO_EXTENSION_ID,
  type AudioOptions,
  createAudioExtension,
  type PlaybackLog,
} from "./extension.js";
export { messages } from "./messages.js";
export type { AudioModel } from "./model.generated.js";
