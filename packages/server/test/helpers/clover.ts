// The settings every test that starts a real Clover (`startClover`) shares.
import { loadConfig, type ServerConfig } from "../../src/config/index.js";

/**
 * A test Clover's configuration: its own data directory, an ephemeral port on 127.0.0.1, the
 * given admin token and no logs. `env` adds or overrides settings by their environment names
 * (docs/configuration.md).
 */
export function testCloverConfig(
  dataDir: string,
  adminToken: string,
  env: Record<string, string> = {},
): ServerConfig {
  return loadConfig({
    CLOVER_DATA_DIR: dataDir,
    CLOVER_PORT: "0",
    CLOVER_HOST: "127.0.0.1",
    CLOVER_ADMIN_TOKEN: adminToken,
    CLOVER_LOG_LEVEL: "silent",
    ...env,
  });
}
