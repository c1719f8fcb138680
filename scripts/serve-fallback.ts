// Starts the platform when the CLI package is not present.
import { loadConfig, startClover } from "@clover/server";

const config = loadConfig(process.env, process.argv.slice(2));
const server = await startClover({ config });
console.log(`Clover is listening on ${server.url} (CIC, auth API and management API)`);
if (server.platform.generatedAdminToken)
  console.log(`admin token (shown once): ${server.platform.generatedAdminToken}`);
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.once(signal, () => void server.close().then(() => process.exit(0)));
