// Runs the home example: PORT (default 3100); the platform's key from CLOVA_PUBLIC_KEY turns
// signature checks on. Prints what to register with `clover ext add --type home`.
import { startHomeExample } from "./home-server.js";

const started = await startHomeExample({
  port: Number(process.env.PORT ?? 3100),
  host: process.env.HOST ?? "127.0.0.1",
  ...(process.env.CLOVA_PUBLIC_KEY ? { publicKey: process.env.CLOVA_PUBLIC_KEY } : {}),
});
console.log(`home extension: ${started.endpointUrl}`);
console.log(`authorization URL: ${started.accountLinking.authorizationUrl}`);
console.log(`token URL: ${started.accountLinking.accessTokenUri}`);
console.log(
  `client: ${started.accountLinking.clientId} / ${started.accountLinking.clientSecret} (sign in as home / home)`,
);
