// clover serve: the whole platform on one port (startClover), configured by flags and the
// environment (docs/configuration.md), shut down gracefully on SIGINT/SIGTERM.
import { readFileSync } from "node:fs";
import type { InteractionModel } from "@clover/protocol";
import type * as server from "@clover/server";
import { type Command, Option } from "commander";
import { outputOf } from "../core/command.js";
import { CliError, EXIT } from "../core/errors.js";
import { normalizeUrl, updateSettings } from "../core/settings.js";
import { serveLogger } from "./log.js";
import { TURN_LOG_PATH } from "./turn-log.js";

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
    .allowUnknownOption()
    .addHelpText(
      "after",
      "\nEvery setting of docs/configuration.md is accepted as a flag, e.g. --cek-timeout-ms 3000.",
    )
    .action(async (options: ServeOptions, command: Command) => {
      const out = outputOf(command);
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
        config = server.loadConfig(process.env, argv);
      } catch (error) {
        throw new CliError((error as Error).message, EXIT.usage, "see `clover serve --help`");
      }
      const engines = await startSpeech(server, options, out.warn.bind(out));
      const started = await out
        .progress(
          "starting the platform",
          server.startClover({
            config,
            logger: serveLogger(config.logLevel, out),
            ...(tls ? { tls } : {}),
            ...(engines?.tts ? { tts: engines.tts } : {}),
            ...(engines?.asr ? { asr: engines.asr } : {}),
          }),
        )
        .catch(async (error: unknown) => {
          // Speech engines hold workers and processes: release them, or the process stays.
          await engines?.close();
          throw error;
        });
      if (engines) {
        // Grammar-based recognizers learn the registered models' phrases (docs/speech.md).
        const { registry } = started.platform;
        const models = registry
          .list()
          .flatMap((e) => registry.languages(e.id).map((l) => registry.model(e.id, l)))
          .filter((m): m is InteractionModel => m !== undefined);
        await engines.updateModels(models);
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
      const info = {
        url,
        port: started.port,
        cic: `${url}/v1/directives`,
        auth: `${url}/authorize`,
        managementApi: `${url}/api/v1`,
        turnLog: `${url}${TURN_LOG_PATH}`,
        console: `${url}/console/`,
        publicKey: `${url}/.well-known/signature-public-key.pem`,
        extensions: started.platform.registry.list().map((e) => e.id),
        speech: { tts: Boolean(engines?.tts), asr: Boolean(engines?.asr) },
        ...(token ? { adminToken: token } : {}),
      };
      out.result(info, () => {
        const c = out.c;
        out.line(`${c.green("●")} Clover is listening on ${c.bold(url)}`);
        out.line(`  CIC (devices)      ${info.cic}  (events: ${url}/v1/events)`);
        out.line(`  auth API           ${info.auth}, ${url}/token`);
        out.line(`  management API     ${info.managementApi}`);
        out.line(`  turn log           ${info.turnLog}  (clover chat --verbose)`);
        out.line(`  console            ${info.console}`);
        out.line(`  signing public key ${info.publicKey}`);
        out.line(`  data               ${config.databaseUrl ? "PostgreSQL" : config.dataDir}`);
        out.line(
          `  shared state       ${config.redisUrl ? `Redis (node ${config.nodeId})` : "in memory"}`,
        );
        out.line(`  health             ${url}/healthz, ${url}/readyz, ${url}/metrics`);
        out.line(`  extensions         ${info.extensions.join(", ") || "none"}`);
        if (token) {
          out.line("");
          out.line(`  admin token ${c.bold(token)}`);
          out.line(
            c.dim(
              `  shown only this once${options.saveToken ? "; saved in the clover config file for this URL" : ""}`,
            ),
          );
        }
        out.line(c.dim("  Ctrl-C stops"));
      });
      const signal = await waitForSignal();
      out.info("stopping…");
      // SIGTERM (an orchestrator, a rolling upgrade): drain; Ctrl-C: stop at once.
      if (signal === "SIGTERM") await started.drain();
      else await started.close();
      await engines?.close();
    });
}

async function startSpeech(
  server: typeof import("@clover/server"),
  options: ServeOptions,
  warn: (text: string) => void,
) {
  const env = { ...process.env };
  if (options.tts) env["CLOVER_TTS"] = options.tts;
  if (options.asr) env["CLOVER_ASR"] = options.asr;
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
