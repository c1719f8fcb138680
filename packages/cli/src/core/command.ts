// Helpers shared by the commands: the Output for a command's global options, and the
// platform connection (--url, --token) with its management API client.
import type { Command } from "commander";
import { ManagementApi } from "./api.js";
import { Output } from "./output.js";
import { adminToken, platformUrl, readSettings } from "./settings.js";

export interface GlobalOptions {
  json?: boolean;
  debug?: boolean;
  color?: boolean;
  quiet?: boolean;
}

export function outputOf(command: Command): Output {
  const o = command.optsWithGlobals() as GlobalOptions;
  return new Output({
    json: o.json === true,
    debug: o.debug === true,
    quiet: o.quiet === true,
    ...(o.color === false ? { color: false } : {}),
  });
}

/** Adds --url and --token (management API) to a command. */
export function withPlatform(command: Command): Command {
  return command
    .option("--url <url>", "platform base URL (env CLOVER_URL; default from the config file)")
    .option("--token <token>", "admin token of the management API (env CLOVER_ADMIN_TOKEN)");
}

export function managementApi(command: Command): ManagementApi {
  const o = command.optsWithGlobals() as { url?: string; token?: string };
  const settings = readSettings();
  const url = platformUrl(o.url, settings);
  return new ManagementApi(url, adminToken(o.token, url, settings));
}
