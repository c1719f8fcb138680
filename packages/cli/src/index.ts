// @clover/cli: the `clover` command. Programmatic entry points for embedding and tests.

export { CliError, EXIT } from "./core/errors.js";
export * from "./dialog-test/index.js";
export { buildProgram, main, VERSION } from "./main.js";
