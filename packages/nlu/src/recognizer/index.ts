export { compileModel } from "./compile.js";
export type {
  CompileOptions,
  Recognition,
  RecognizedSlot,
  RecognizeOptions,
  Recognizer,
} from "./types.js";
