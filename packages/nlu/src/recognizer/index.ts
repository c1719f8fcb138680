export { compileModel } from "./compile.js";
export {
  type RecognizerSnapshot,
  recognizerFromSnapshot,
  recognizerSnapshot,
  snapshotTransferables,
} from "./snapshot.js";
export type {
  CompileOptions,
  Recognition,
  RecognizedSlot,
  RecognizeOptions,
  Recognizer,
} from "./types.js";
