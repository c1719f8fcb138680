export * from "./account-links.js";
export * from "./alerts.js";
export * from "./database.js";
export * from "./extensions.js";
export * from "./schema.js";
export * from "./secret-box.js";
export * from "./sessions.js";
export * from "./settings.js";
