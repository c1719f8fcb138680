// clover serve: the whole platform on one port (startClover), configured by flags and the
// environment (docs/configuration.md), shut down gracefully on SIGINT/SIGTERM.
import { readFileSync } from "node:fs";
import type { InteractionModel } from "@clover/protocol";
import type * as server from "@clover/server";
import { type Command, Option } from "commander";
import { outputOf } from "../core/command.js";
import { CliError, EXIT } from "../core/errors.js";
import type { Output } from "../core/output.js";
import { normalizeUrl, updateSettings } from "../core/settings.js";
import { printBanner, tokenNote } from "./banner.js";
import { serveLogger } from "./log.js";
import { checkPort, listenError } from "./port.js";
import { planSpeech } from "./speech-check.js";

interface ServeOptions {
  port?: string;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  redisUrl?: string;
  adminToken?: string;
  tlsCert?: string;
  tlsKey?: string;
  examples?: string;
  tts?: string;
  asr?: string;
  logLevel?: string;
  saveToken: boolean;
  rotateAdminToken?: boolean;
}

/** The config flags this command names itself; any other `--x` is passed to loadConfig. */
const CONFIG_FLAGS: [keyof ServeOptions, string][] = [
  ["port", "port"],
  ["host", "host"],
  ["dataDir", "data-dir"],
  ["databaseUrl", "database-url"],
  ["redisUrl", "redis-url"],
  ["adminToken", "admin-token"],
  ["examples", "examples"],
  ["logLevel", "log-level"],
];

function readPem(path: string, flag: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(
      `${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      EXIT.usage,
      "give a PEM file path",
    );
  }
}

type SpeechFactory = (
  env: Record<string, string | undefined>,
  models: readonly InteractionModel[],
) => {
  tts?: server.TextToSpeech;
  asr?: server.SpeechToText;
  updateModels(models: readonly InteractionModel[]): Promise<void>;
  close(): Promise<void>;
};

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("start the platform: CIC gateway, auth API and management API on one port")
    .option("-p, --port <port>", "listening port (env CLOVER_PORT; 0 picks a free port)")
    .option("--host <host>", "listening address (env CLOVER_HOST; default 0.0.0.0)")
    .option("--data-dir <dir>", "SQLite database and secrets (env CLOVER_DATA_DIR; ./data)")
    .option("--database-url <url>", "PostgreSQL instead of SQLite (env DATABASE_URL)")
    .option("--redis-url <url>", "Redis for sessions and scale-out (env REDIS_URL)")
    .option("--admin-token <token>", "management API token (env CLOVER_ADMIN_TOKEN)")
    .option("--tls-cert <file>", "PEM certificate: serve HTTPS with ALPN h2")
    .option("--tls-key <file>", "PEM private key of --tls-cert")
    .addOption(
      new Option("--examples <mode>", "register the example extensions").choices([
        "embedded",
        "off",
      ]),
    )
    .option("--tts <engine>", "text-to-speech engine (env CLOVER_TTS: auto, flite, espeak, none…)")
    .option("--asr <engines>", "speech recognizers (env CLOVER_ASR: pocketsphinx, none…)")
    .option("--log-level <level>", "pino log level (env CLOVER_LOG_LEVEL; info)")
    .option("--no-save-token", "do not save the generated admin token in the config file")
    .option("--rotate-admin-token", "replace the admin token with a new one, shown once")
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      "after",
      "\nEvery setting of docs/configuration.md is accepted as a flag, e.g. --cek-timeout-ms 3000.",
    )
    .action(async (options: ServeOptions, command: Command) => {
      const out = outputOf(command);
      const failed = (error: unknown) => {
        // Whatever is still open (a helper process, a socket), a failed start ends the process.
        setTimeout(() => process.exit(process.exitCode ?? EXIT.failure), 3000).unref();
        throw error;
      };
      await serve(options, command, out).catch(failed);
    });
}

async function serve(options: ServeOptions, command: Command, out: Output): Promise<void> {
  if (Boolean(options.tlsCert) !== Boolean(options.tlsKey))
    throw new CliError("--tls-cert and --tls-key go together", EXIT.usage);
  const tls =
    options.tlsCert && options.tlsKey
      ? {
          cert: readPem(options.tlsCert, "--tls-cert"),
          key: readPem(options.tlsKey, "--tls-key"),
        }
      : undefined;

  const server = await out.progress("loading", import("@clover/server"));
  const argv: string[] = [];
  for (const [key, flag] of CONFIG_FLAGS) {
    const value = options[key];
    if (typeof value === "string") argv.push(`--${flag}`, value);
  }
  argv.push(...command.args);
  let config: server.ServerConfig;
  try {
    // A started platform compiles its abilities' models in the background (docs/configuration.md);
    // local development: extensions on this machine are reachable (docs/security.md).
    config = server.loadConfig({ CLOVER_WARM_MODELS: "true", ...process.env }, argv, {
      extensionNetworks: "loopback",
    });
  } catch (error) {
    throw new CliError((error as Error).message, EXIT.usage, "see `clover serve --help`");
  }
  await checkPort(config.port, config.host);
  const env = { ...process.env };
  if (options.tts) env["CLOVER_TTS"] = options.tts;
  if (options.asr) env["CLOVER_ASR"] = options.asr;
  const plan = planSpeech(env);
  const engines = startSpeech(server, plan.env, out.warn.bind(out));
  let started: server.CloverServer;
  try {
    started = await out.progress(
      "starting the platform",
      server.startClover({
        config,
        logger: serveLogger(config.logLevel, out),
        ...(tls ? { tls } : {}),
        ...(engines?.tts ? { tts: engines.tts } : {}),
        ...(engines?.asr ? { asr: engines.asr } : {}),
        ...(options.rotateAdminToken ? { rotateAdminToken: true } : {}),
      }),
    );
  } catch (error) {
    await engines?.close().catch(() => {});
    throw (error as NodeJS.ErrnoException).syscall === "listen"
      ? listenError(error, config.port, config.host)
      : error;
  }
  if (engines?.asr) {
    // Grammar-based recognizers learn the registered models' phrases (docs/speech.md).
    const { registry } = started.platform;
    const models = registry
      .list()
      .flatMap((e) => registry.languages(e.id).map((l) => registry.model(e.id, l)))
      .filter((m): m is InteractionModel => m !== undefined);
    try {
      await engines.updateModels(models);
    } catch (error) {
      plan.notes.push(`speech recognition off: ${(error as Error).message}`);
    }
  }
  const url = normalizeUrl(
    config.host === "0.0.0.0" || config.host === "::"
      ? started.url.replace("127.0.0.1", "localhost")
      : started.url,
  );
  const token = started.platform.generatedAdminToken;
  if (token && options.saveToken)
    updateSettings((s) => {
      s.url = url;
      s.adminTokens = { ...s.adminTokens, [url]: token };
    });
  printBanner(out, {
    url,
    port: started.port,
    data: `${config.databaseUrl ? "PostgreSQL" : config.dataDir}${config.redisUrl ? `; shared state in Redis (node ${config.nodeId})` : ""}`,
    extensions: started.platform.registry.list().map((e) => e.id),
    outbound: outboundNote(server, config, argv),
    speech: { tts: Boolean(engines?.tts), asr: Boolean(engines?.asr), notes: plan.notes },
    token: tokenNote(url, token, options.saveToken),
  });
  const signal = await waitForSignal();
  out.info("stopping…");
  // SIGTERM (an orchestrator, a rolling upgrade): drain; Ctrl-C: stop at once.
  if (signal === "SIGTERM") await started.drain();
  else await started.close();
  await engines?.close();
}

/** The banner line on where extension calls may go, and how to change it. */
function outboundNote(
  server: typeof import("@clover/server"),
  config: server.ServerConfig,
  argv: string[],
): string {
  const networks = config.cek.extensionNetworks;
  const reach = {
    public: "public addresses only",
    loopback: "public and loopback (this machine) addresses",
    private: "public, loopback and private-network addresses",
  }[networks];
  const set =
    server.isConfigured("extension-networks", process.env, argv) ||
    server.isConfigured("extension-private-networks", process.env, argv);
  if (set) return `${reach} (CLOVER_EXTENSION_NETWORKS=${networks})`;
  return `${reach}: clover serve's default for local development; --extension-networks public (or CLOVER_EXTENSION_NETWORKS=public) turns loopback off`;
}

function startSpeech(
  server: typeof import("@clover/server"),
  env: Record<string, string | undefined>,
  warn: (text: string) => void,
) {
  if (env["CLOVER_TTS"] === "none" && env["CLOVER_ASR"] === "none") return undefined;
  const factory = (server as unknown as Record<string, unknown>)["createSpeechEngines"] as
    | SpeechFactory
    | undefined;
  if (!factory) {
    warn("this server build has no speech engines: devices get text only");
    return undefined;
  }
  try {
    return factory(env, []);
  } catch (error) {
    throw new CliError(`speech engines: ${(error as Error).message}`, EXIT.usage);
  }
}

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
