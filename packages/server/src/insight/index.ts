export * from "./conversation-log.js";
export * from "./routes.js";
