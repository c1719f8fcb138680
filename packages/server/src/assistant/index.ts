export * from "./assistant.js";
export type { AssistantOptions } from "./context.js";
export * from "./platform-phrases.js";
export * from "./speech.js";
export * from "./turn.js";
