// CEK custom extension messages (cek-custom-extension.md; seed message version 0.1.0).
export * from "./audio.js";
export * from "./directive.js";
export * from "./event.js";
export * from "./guidelines.js";
export * from "./normalize-request.js";
export * from "./normalize-response.js";
export * from "./request.js";
export * from "./request-types.js";
export * from "./response.js";
export * from "./speech.js";
export * from "./version.js";
