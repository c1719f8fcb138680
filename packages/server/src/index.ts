// @clover/server: the platform. The assistant (conversations), the CEK dispatcher and
// registry, storage, the management API and configuration.
export * from "./api/index.js";
export * from "./assistant/index.js";
export { CekClient, type CekExchange } from "./cek/client.js";
export { CekDispatcher, type DispatchResult } from "./cek/dispatcher.js";
export { ExtensionRegistry, ModelRejectedError } from "./cek/registry.js";
export { SigningKeyRing } from "./cek/signing-key.js";
export * from "./cic/index.js";
export * from "./config/index.js";
export * from "./insight/index.js";
export { type CloverServer, type CloverServerOptions, startClover } from "./main.js";
export { createPlatform, type Platform, type PlatformOptions } from "./platform.js";
export * from "./speech/index.js";
export * from "./store/index.js";
export { HomeConversation, startHomeConversation } from "./testing/home-conversation.js";
