export * from "./cek/index.js";
export * from "./cic/index.js";
export * from "./core/codec.js";
export * from "./core/issues.js";
export * from "./home/index.js";
export * from "./model/interaction-model.js";
