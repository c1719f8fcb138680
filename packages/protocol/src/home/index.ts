// Clova Home extension messages (cek-home-extension.md): one declaration per message, the
// shared objects and enumerations, the appliance catalogue and validation by message name.
export * from "./actions.js";
export * from "./adjust.js";
export * from "./appliance.js";
export * from "./appliance-types.js";
export * from "./build.js";
export * from "./catalogue.js";
export * from "./discovery.js";
export * from "./dispatch.js";
export * from "./enums.js";
export * from "./envelope.js";
export * from "./errors.js";
export * from "./naming.js";
export * from "./objects.js";
export * from "./queries.js";
export * from "./queries-personal.js";
export * from "./settings.js";
