export * from "./auth.js";
export * from "./extension-input.js";
export * from "./http.js";
export * from "./management.js";
