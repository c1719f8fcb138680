// The example home extension of the embedded default (`npm start`): its server (Clova Home
// endpoint + OAuth 2.0 authorization server) runs in-process, it is registered as a home
// extension, and a user is linked to it on their first home command, so a newcomer can say
// "turn on the kitchen light" right away.
import type { Server } from "node:http";
import type { Logger } from "pino";
import type { ExtensionInput } from "../../store/extensions.js";
import type { AccountLinking } from "../account-linking.js";
import type { ExtensionRegistry } from "../registry.js";

export const HOME_EXAMPLE_ID = "com.clover.example.home";

interface ExampleModule {
  startHomeExample(options: { publicKey?: string; port?: number; host?: string }): Promise<{
    server: Server;
    endpointUrl: string;
    oauth: { issueCode(redirectUri: string): string };
    accountLinking: ExtensionInput["accountLinking"] & object;
  }>;
}

export interface EmbeddedHomeExample {
  server: Server;
  /** Links the user through the example's own code grant (the demo account signs in). */
  autoLink(userId: string): Promise<boolean>;
}

export async function startEmbeddedHomeExample(
  registry: ExtensionRegistry,
  linking: AccountLinking,
  options: { publicKeyPem: string; log: Logger },
): Promise<EmbeddedHomeExample | undefined> {
  let module: ExampleModule | undefined;
  for (const specifier of [
    "@clover/example-home",
    new URL("../../../../../examples/home/src/index.ts", import.meta.url).href,
  ]) {
    try {
      module = (await import(specifier)) as ExampleModule;
      break;
    } catch {}
  }
  if (!module) {
    options.log.info("example home not registered: its server could not be started in-process");
    return undefined;
  }
  const started = await module.startHomeExample({ publicKey: options.publicKeyPem });
  const existing = registry.get(HOME_EXAMPLE_ID);
  const input: ExtensionInput = {
    ...(existing ?? {
      id: HOME_EXAMPLE_ID,
      displayName: "Clover Home",
      invocationNames: {},
      messageVersion: "1.0",
      legacyEndRequestType: false,
      usesAudioPlayer: false,
      enabledForAllUsers: true,
      type: "home",
      home: { notificationsEnabled: true, messages: [], testers: [] },
    }),
    endpointUrl: started.endpointUrl,
    // The in-process server gets a new port on every start.
    accountLinking: started.accountLinking,
  };
  if (existing) await registry.update(input);
  else await registry.create(input);
  options.log.info(
    { example: "home", endpointUrl: started.endpointUrl },
    "example home registered",
  );
  return {
    server: started.server,
    async autoLink(userId) {
      const settings = registry.get(HOME_EXAMPLE_ID)?.accountLinking;
      if (!settings) return false;
      const { state } = await linking.authorizationUrl(HOME_EXAMPLE_ID, settings, userId);
      const code = started.oauth.issueCode(linking.redirectUri);
      await linking.completeRedirect(state, code, (id) => registry.get(id)?.accountLinking);
      return true;
    },
  };
}
