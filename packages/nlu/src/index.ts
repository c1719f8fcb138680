export * from "./builtin-intents/index.js";
export * from "./invocation/index.js";
export * from "./model/index.js";
export * from "./recognizer/index.js";
export * from "./slot-types/index.js";
export * from "./text/index.js";
