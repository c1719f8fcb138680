export * from "./account-links.js";
export * from "./database.js";
export * from "./extensions.js";
export * from "./rate-limits.js";
export * from "./schema.js";
export * from "./secret-box.js";
export * from "./sessions.js";
export * from "./settings.js";
