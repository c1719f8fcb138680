export * from "./auth.js";
export * from "./client.js";
export * from "./multipart.js";
