export {
  type ConsoleHandler,
  type ConsoleHandlerOptions,
  createConsoleHandler,
  DEFAULT_DIST_DIR,
} from "./handler.js";
