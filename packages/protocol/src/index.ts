export * from "./core/codec.js";
export * from "./core/issues.js";
export * from "./model/interaction-model.js";
