export * from "./alerts.js";
export * from "./auth.js";
export * from "./client.js";
export * from "./device-code.js";
export * from "./multipart.js";
export * from "./player.js";
export * from "./reference-device.js";
