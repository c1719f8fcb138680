// The example extensions of the embedded default (dice, pizza, audio): their models come from
// examples/<name>/models; their servers run in-process on free ports unless a URL is configured.
import { existsSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { InteractionModel } from "@clover/protocol";
import type { Logger } from "pino";
import type { Language } from "../assistant/turn.js";
import type { ExtensionInput } from "../store/extensions.js";
import { type ExtensionRegistry, LANGUAGES } from "./registry.js";

interface ExampleSpec {
  name: string;
  id: string;
  displayName: string;
  usesAudioPlayer: boolean;
}

export const EXAMPLES: readonly ExampleSpec[] = [
  { name: "dice", id: "com.clover.example.dice", displayName: "Dice", usesAudioPlayer: false },
  {
    name: "pizza",
    id: "com.clover.example.pizza",
    displayName: "Pizza Shop",
    usesAudioPlayer: false,
  },
  {
    name: "audio",
    id: "com.clover.example.audio",
    displayName: "Music Box",
    usesAudioPlayer: true,
  },
];

const EXAMPLES_DIR = fileURLToPath(new URL("../../../../examples/", import.meta.url));

function readModels(name: string): Partial<Record<Language, InteractionModel>> {
  const models: Partial<Record<Language, InteractionModel>> = {};
  for (const language of LANGUAGES) {
    const file = `${EXAMPLES_DIR}${name}/models/${language}.json`;
    if (existsSync(file)) models[language] = JSON.parse(readFileSync(file, "utf8"));
  }
  return models;
}

type Factory = (options: { verification?: { publicKey: string } }) => unknown;

/** Starts the example's own server in this process, if its package is present. */
async function startInProcess(
  name: string,
  publicKeyPem: string,
): Promise<{ url: string; server: Server } | undefined> {
  // The workspace package when installed, else its source next to the models.
  let module: Record<string, unknown> | undefined;
  for (const specifier of [
    `@clover/example-${name}`,
    pathToFileURL(`${EXAMPLES_DIR}${name}/src/index.ts`).href,
  ]) {
    try {
      module = (await import(specifier)) as Record<string, unknown>;
      break;
    } catch {}
  }
  if (!module) return undefined;
  const factory = Object.entries(module).find(
    ([key, value]) => /^create\w*Extension$/.test(key) && typeof value === "function",
  )?.[1] as Factory | undefined;
  if (!factory) return undefined;
  const sdk = (await import("@clover/sdk")) as typeof import("@clover/sdk");
  const extension = factory({ verification: { publicKey: publicKeyPem } });
  return sdk.listen(extension as Parameters<typeof sdk.listen>[0], { port: 0, host: "127.0.0.1" });
}

/**
 * Registers each example not registered yet (an administrator's edits are kept) and points
 * it at the configured URL or an in-process server. Returns the servers to close.
 */
export async function registerExamples(
  registry: ExtensionRegistry,
  options: { urls: Record<string, string>; publicKeyPem: string; log: Logger },
): Promise<Server[]> {
  const servers: Server[] = [];
  for (const spec of EXAMPLES) {
    const models = readModels(spec.name);
    if (Object.keys(models).length === 0) continue;
    let endpointUrl = options.urls[spec.name];
    if (!endpointUrl) {
      const started = await startInProcess(spec.name, options.publicKeyPem);
      if (!started) {
        options.log.info(
          { example: spec.name },
          `example ${spec.name} not registered: its server could not be started in-process (it needs the TypeScript sources under tsx); set CLOVER_EXAMPLE_${spec.name.toUpperCase()}_URL to use one running elsewhere`,
        );
        continue;
      }
      servers.push(started.server);
      endpointUrl = started.url;
    }
    const input: ExtensionInput = {
      id: spec.id,
      displayName: spec.displayName,
      endpointUrl,
      invocationNames: {},
      messageVersion: "1.0",
      legacyEndRequestType: false,
      usesAudioPlayer: spec.usesAudioPlayer,
      enabledForAllUsers: true,
    };
    const existing = registry.get(spec.id);
    if (!existing) {
      await registry.create(input);
      for (const [language, model] of Object.entries(models))
        await registry.putModel(spec.id, language as Language, model);
    } else if (existing.endpointUrl !== endpointUrl) {
      // In-process servers get a new port on every start.
      await registry.update({ ...existing, endpointUrl });
    }
    options.log.info({ example: spec.name, endpointUrl }, "example extension registered");
  }
  return servers;
}
