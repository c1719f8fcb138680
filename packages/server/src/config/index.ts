// Every setting of the platform in one place: environment variables, overridden by command-line
// flags (`--cek-timeout-ms 3000`). Documented in docs/configuration.md.
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SESSION_END_WAIT_MS } from "../assistant/session-endings.js";
import type { Language } from "../assistant/turn.js";
import { EXTENSION_NETWORKS, type ExtensionNetworks } from "../cek/outbound-policy.js";
import { DEFAULT_DOWNCHANNEL_BACKLOG_BYTES } from "../cic/downchannel.js";

export interface ServerConfig {
  /** Port of the platform's HTTP/2 listener (CIC + management API). */
  port: number;
  host: string;
  /** Where the embedded database and secrets live. */
  dataDir: string;
  /** PostgreSQL connection string; when absent, SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Redis for sessions, device state, the downchannel directory and bus (several nodes). */
  redisUrl?: string;
  /** This node's id in logs, metrics and the downchannel directory (unique per node). */
  nodeId: string;
  /**
   * Behind a load balancer an event may reach a node over another connection than the
   * device's downchannel: then it only needs an open downchannel somewhere (docs/scale-out.md).
   */
  behindLoadBalancer: boolean;
  /** Port for /metrics, /healthz and /readyz alone; 0: served on the main port only. */
  opsPort: number;
  /** Longest a graceful stop (SIGTERM) waits for turns in flight before closing (ms). */
  drainTimeoutMs: number;
  /** Bearer token of the management API; generated (and printed once) when absent. */
  adminToken?: string;
  /** Base URL users' browsers reach the platform at (account-linking redirect). */
  publicUrl: string;
  /**
   * Whether CLOVER_PUBLIC_URL was given. Without it the listener, once bound, sets `publicUrl`
   * to `<http|https>://localhost:<bound port>` (port 0 binds an ephemeral one).
   */
  publicUrlConfigured?: boolean;
  /** AES-256-GCM key (base64, 32 bytes) for stored secrets; generated into `dataDir` when absent. */
  encryptionKey?: string;
  logLevel: string;
  cek: {
    /** Whole-call deadline, cek-custom-extension.md §2.3 (8 s). */
    timeoutMs: number;
    connectTimeoutMs: number;
    /** Largest accepted response body (§10: 1 MiB). */
    maxResponseBytes: number;
    /** Largest accepted serialized sessionAttributes (§7.2: 64 KiB). */
    maxSessionAttributesBytes: number;
    /** Keep-alive connections per extension origin. */
    connectionsPerOrigin: number;
    /** Consecutive failures that open an extension's circuit, and how long it stays open. */
    breakerFailures: number;
    breakerCooldownMs: number;
    /** Worker threads that sign requests; 0 signs on the main thread. */
    signingWorkers: number;
    /** Allow plain http:// endpoints (development; §2.1 requires HTTPS in production). */
    allowHttp: boolean;
    /**
     * Networks extension and account-linking calls may reach besides public addresses
     * (docs/security.md "Outbound policy"): "public" (default), "loopback" (`clover serve`'s
     * default), "private". Link-local and metadata addresses are always refused.
     */
    extensionNetworks: ExtensionNetworks;
  };
  /** Deadlines and limits of the CIC port (docs/configuration.md "Timeouts", "Rate limits"). */
  cic: {
    /** From accepting a connection to the headers of its first request (and per HTTP/1.1 request). */
    headersTimeoutMs: number;
    /** An event body that sends nothing for this long: 400. */
    bodyIdleTimeoutMs: number;
    /** An event body not complete after this long: 400. */
    bodyTimeoutMs: number;
    /** From the end of an event body to its answer (backstop): 500. */
    answerTimeoutMs: number;
    /** HTTP/2 connection without any frame (PINGs count). */
    idleTimeoutMs: number;
    /** Unsent bytes a downchannel may hold (a device that stopped reading): reset beyond. */
    downchannelBacklogBytes: number;
    /** HTTP/1.1 connection between requests. */
    keepAliveTimeoutMs: number;
    /** Token buckets (requests per second and burst); 0 per second turns a limit off. */
    deviceRatePerSecond: number;
    deviceRateBurst: number;
    clientRatePerSecond: number;
    clientRateBurst: number;
    /** Unauthenticated connections per client IP (0: no limit; off behind a load balancer). */
    preAuthConnectionsPerIp: number;
    /** Failed attempts (401, auth API errors) per client IP: per second and burst; 0: off. */
    preAuthFailuresPerSecond: number;
    preAuthFailureBurst: number;
  };
  session: {
    /** Listening window after shouldEndSession false (§7.3: 8 s). */
    timeoutMs: number;
    /** Extra time for an answer begun at the very end of the window (speaking + recognition). */
    graceMs: number;
    /** Longest a device's next call to an extension waits for its SessionEndedRequest's answer. */
    endWaitMs: number;
  };
  /** How often a node re-reads the registry from a shared PostgreSQL database (0: never). */
  registryRefreshMs: number;
  /** Register the example extensions (dice, pizza, audio) on start. */
  examples: "embedded" | "off";
  /** Endpoint URLs of example extensions run elsewhere, by short name (dice, pizza, audio). */
  exampleUrls: Record<string, string>;
  /**
   * Compile the built-in abilities' models in the background right after start (one at a time),
   * so the first "set a timer" does not wait for them. Absent: compiled on first use.
   */
  warmModels?: boolean;
  /** Languages the warm-up compiles, in this order (default en, ja, ko). */
  warmLanguages?: Language[];
  /**
   * Where compiled interaction models are kept between processes (abilities/models/cache.ts);
   * undefined: every process compiles its models.
   */
  modelCacheDir?: string | undefined;
  /** The device side of CIC (docs/cic.md, "What the server does with each message"). */
  device: DeviceConfig;
}

export type DeviceConfig = {
  /**
   * IANA zone when neither the device's settings, the account nor the device clock says, for
   * every language; undefined when the operator did not set one: then the language's own
   * (ja Asia/Tokyo, ko Asia/Seoul, en UTC).
   */
  defaultTimeZone?: string;
  /** User-Agent check (cic.md §2.4): warn (log), strict (400), or off. */
  userAgentPolicy: "warn" | "strict" | "off";
  /** Allowed "Manufacturer/Product" pairs; empty: any. */
  userAgentAllow: string[];
  /** JSON file with the Settings.UpdateVersionSpec table (docs/cic.md); built-in when absent. */
  versionSpecsFile?: string;
  /** PlaybackController.CustomCommandIssued button → the utterance it stands for. */
  customButtons: Record<string, string>;
  /** Clients (client ids) that get SpeechRecognizer.ShowRecognizedText while speaking. */
  showRecognizedTextClients: string[];
  /** Version of the terms of service accounts must accept (/authorize answers 451); none: off. */
  termsVersion?: string;
  /** Plain-text file with the terms shown on the terms page; a short built-in text otherwise. */
  termsFile?: string;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

type Env = Record<string, string | undefined>;

const OPTIONS = {
  port: { env: "CLOVER_PORT", kind: "int" },
  host: { env: "CLOVER_HOST", kind: "string" },
  "data-dir": { env: "CLOVER_DATA_DIR", kind: "string" },
  "database-url": { env: "DATABASE_URL", kind: "string" },
  "admin-token": { env: "CLOVER_ADMIN_TOKEN", kind: "string" },
  "redis-url": { env: "REDIS_URL", kind: "string" },
  "node-id": { env: "CLOVER_NODE_ID", kind: "string" },
  "behind-load-balancer": { env: "CLOVER_BEHIND_LOAD_BALANCER", kind: "bool" },
  "ops-port": { env: "CLOVER_OPS_PORT", kind: "int" },
  "drain-timeout-ms": { env: "CLOVER_DRAIN_TIMEOUT_MS", kind: "int" },
  "public-url": { env: "CLOVER_PUBLIC_URL", kind: "string" },
  "encryption-key": { env: "CLOVER_ENCRYPTION_KEY", kind: "string" },
  "log-level": { env: "CLOVER_LOG_LEVEL", kind: "string" },
  "cek-timeout-ms": { env: "CLOVER_CEK_TIMEOUT_MS", kind: "int" },
  "cek-connect-timeout-ms": { env: "CLOVER_CEK_CONNECT_TIMEOUT_MS", kind: "int" },
  "cek-max-response-bytes": { env: "CLOVER_CEK_MAX_RESPONSE_BYTES", kind: "int" },
  "cek-max-session-attributes-bytes": {
    env: "CLOVER_CEK_MAX_SESSION_ATTRIBUTES_BYTES",
    kind: "int",
  },
  "cek-connections": { env: "CLOVER_CEK_CONNECTIONS", kind: "int" },
  "cek-breaker-failures": { env: "CLOVER_CEK_BREAKER_FAILURES", kind: "int" },
  "cek-breaker-cooldown-ms": { env: "CLOVER_CEK_BREAKER_COOLDOWN_MS", kind: "int" },
  "signing-workers": { env: "CLOVER_SIGNING_WORKERS", kind: "int" },
  "allow-http-extensions": { env: "CLOVER_ALLOW_HTTP_EXTENSIONS", kind: "bool" },
  "extension-networks": { env: "CLOVER_EXTENSION_NETWORKS", kind: "string" },
  "extension-private-networks": { env: "CLOVER_EXTENSION_PRIVATE_NETWORKS", kind: "bool" },
  "cic-headers-timeout-ms": { env: "CLOVER_CIC_HEADERS_TIMEOUT_MS", kind: "int" },
  "cic-body-idle-timeout-ms": { env: "CLOVER_CIC_BODY_IDLE_TIMEOUT_MS", kind: "int" },
  "cic-body-timeout-ms": { env: "CLOVER_CIC_BODY_TIMEOUT_MS", kind: "int" },
  "cic-answer-timeout-ms": { env: "CLOVER_CIC_ANSWER_TIMEOUT_MS", kind: "int" },
  "cic-idle-timeout-ms": { env: "CLOVER_CIC_IDLE_TIMEOUT_MS", kind: "int" },
  "cic-downchannel-backlog-bytes": { env: "CLOVER_CIC_DOWNCHANNEL_BACKLOG_BYTES", kind: "int" },
  "cic-keep-alive-timeout-ms": { env: "CLOVER_CIC_KEEP_ALIVE_TIMEOUT_MS", kind: "int" },
  "rate-device-per-second": { env: "CLOVER_RATE_DEVICE_PER_SECOND", kind: "int" },
  "rate-device-burst": { env: "CLOVER_RATE_DEVICE_BURST", kind: "int" },
  "rate-client-per-second": { env: "CLOVER_RATE_CLIENT_PER_SECOND", kind: "int" },
  "rate-client-burst": { env: "CLOVER_RATE_CLIENT_BURST", kind: "int" },
  "preauth-connections-per-ip": { env: "CLOVER_PREAUTH_CONNECTIONS_PER_IP", kind: "int" },
  "preauth-failures-per-second": { env: "CLOVER_PREAUTH_FAILURES_PER_SECOND", kind: "int" },
  "preauth-failure-burst": { env: "CLOVER_PREAUTH_FAILURE_BURST", kind: "int" },
  "session-timeout-ms": { env: "CLOVER_SESSION_TIMEOUT_MS", kind: "int" },
  "session-grace-ms": { env: "CLOVER_SESSION_GRACE_MS", kind: "int" },
  "session-end-wait-ms": { env: "CLOVER_SESSION_END_WAIT_MS", kind: "int" },
  "registry-refresh-ms": { env: "CLOVER_REGISTRY_REFRESH_MS", kind: "int" },
  examples: { env: "CLOVER_EXAMPLES", kind: "string" },
  "warm-models": { env: "CLOVER_WARM_MODELS", kind: "bool" },
  "warm-languages": { env: "CLOVER_WARM_LANGUAGES", kind: "string" },
  "model-cache-dir": { env: "CLOVER_MODEL_CACHE_DIR", kind: "string" },
  "example-dice-url": { env: "CLOVER_EXAMPLE_DICE_URL", kind: "string" },
  "example-pizza-url": { env: "CLOVER_EXAMPLE_PIZZA_URL", kind: "string" },
  "example-audio-url": { env: "CLOVER_EXAMPLE_AUDIO_URL", kind: "string" },
  "default-time-zone": { env: "CLOVER_DEFAULT_TIME_ZONE", kind: "string" },
  "user-agent-policy": { env: "CLOVER_USER_AGENT_POLICY", kind: "string" },
  "user-agent-allow": { env: "CLOVER_USER_AGENT_ALLOW", kind: "string" },
  "settings-version-specs": { env: "CLOVER_SETTINGS_VERSION_SPECS", kind: "string" },
  "custom-buttons": { env: "CLOVER_CUSTOM_BUTTONS", kind: "string" },
  "show-recognized-text-clients": { env: "CLOVER_SHOW_RECOGNIZED_TEXT_CLIENTS", kind: "string" },
  "terms-version": { env: "CLOVER_TERMS_VERSION", kind: "string" },
  "terms-file": { env: "CLOVER_TERMS_FILE", kind: "string" },
} as const;

export type OptionName = keyof typeof OPTIONS;

function read(name: OptionName, flags: Record<string, string | undefined>, env: Env) {
  const flag = flags[name];
  if (flag !== undefined) return { value: flag, source: `--${name}` };
  const fromEnv = env[OPTIONS[name].env];
  if (fromEnv !== undefined && fromEnv !== "") return { value: fromEnv, source: OPTIONS[name].env };
  return undefined;
}

/** Defaults a command may change (`clover serve` allows loopback extensions). */
export interface ConfigDefaults {
  extensionNetworks?: ExtensionNetworks;
}

/** Whether a setting is given by its flag in `argv` or its variable in `env`. */
export function isConfigured(name: OptionName, env: Env = process.env, argv: string[] = []) {
  return read(name, parseFlags(argv), env) !== undefined;
}

function parseFlags(argv: string[]): Record<string, string | undefined> {
  const parsed = parseArgs({
    args: argv,
    options: Object.fromEntries(
      Object.keys(OPTIONS).map((name) => [name, { type: "string" as const }]),
    ),
    strict: true,
    allowPositionals: false,
  });
  return parsed.values as Record<string, string | undefined>;
}

/** Reads the configuration; throws a ConfigError naming the variable or flag at fault. */
export function loadConfig(
  env: Env = process.env,
  argv: string[] = [],
  defaults: ConfigDefaults = {},
): ServerConfig {
  const flags = parseFlags(argv);
  const str = (name: OptionName, fallback: string) => read(name, flags, env)?.value ?? fallback;
  const opt = (name: OptionName) => read(name, flags, env)?.value;
  const int = (name: OptionName, fallback: number, min = 0) => {
    const found = read(name, flags, env);
    if (!found) return fallback;
    const n = Number(found.value);
    if (!Number.isInteger(n) || n < min)
      throw new ConfigError(
        `${found.source}: expected an integer >= ${min}, got ${JSON.stringify(found.value)}`,
      );
    return n;
  };
  const bool = (name: OptionName, fallback: boolean) => {
    const found = read(name, flags, env);
    if (!found) return fallback;
    if (/^(1|true|yes|on)$/i.test(found.value)) return true;
    if (/^(0|false|no|off)$/i.test(found.value)) return false;
    throw new ConfigError(`${found.source}: expected true or false, got ${found.value}`);
  };

  const port = int("port", 8443, 0);
  if (port > 65535) throw new ConfigError(`CLOVER_PORT: ${port} is not a TCP port`);
  const examples = str("examples", "embedded");
  if (examples !== "embedded" && examples !== "off")
    throw new ConfigError(`CLOVER_EXAMPLES: expected "embedded" or "off", got "${examples}"`);
  const encryptionKey = opt("encryption-key");
  if (encryptionKey !== undefined && Buffer.from(encryptionKey, "base64").length !== 32)
    throw new ConfigError("CLOVER_ENCRYPTION_KEY: expected 32 bytes encoded in base64");
  const exampleUrls: Record<string, string> = {};
  for (const name of ["dice", "pizza", "audio"] as const) {
    const url = opt(`example-${name}-url`);
    if (url !== undefined) exampleUrls[name] = url;
  }
  const host = str("host", "0.0.0.0");
  const device = deviceConfig(str, opt);
  const timeoutMs = int("cek-timeout-ms", 8000, 1);
  return {
    port,
    host,
    dataDir: resolve(str("data-dir", "./data")),
    databaseUrl: opt("database-url"),
    redisUrl: redisUrl(opt("redis-url")),
    nodeId: str("node-id", `${hostname()}-${process.pid}`),
    behindLoadBalancer: bool("behind-load-balancer", false),
    opsPort: int("ops-port", 0, 0),
    drainTimeoutMs: int("drain-timeout-ms", 25_000, 0),
    adminToken: opt("admin-token"),
    publicUrl: str("public-url", `https://localhost:${port}`).replace(/\/+$/, ""),
    publicUrlConfigured: opt("public-url") !== undefined,
    encryptionKey,
    logLevel: str("log-level", "info"),
    cek: {
      timeoutMs,
      connectTimeoutMs: int("cek-connect-timeout-ms", timeoutMs, 1),
      maxResponseBytes: int("cek-max-response-bytes", 1024 * 1024, 1),
      maxSessionAttributesBytes: int("cek-max-session-attributes-bytes", 64 * 1024, 1),
      connectionsPerOrigin: int("cek-connections", 16, 1),
      breakerFailures: int("cek-breaker-failures", 5, 1),
      breakerCooldownMs: int("cek-breaker-cooldown-ms", 30_000, 0),
      signingWorkers: int("signing-workers", 1, 0),
      allowHttp: bool("allow-http-extensions", true),
      extensionNetworks: extensionNetworks(
        read("extension-networks", flags, env),
        read("extension-private-networks", flags, env) &&
          (bool("extension-private-networks", false) ? "private" : "public"),
        defaults.extensionNetworks ?? "public",
      ),
    },
    cic: {
      headersTimeoutMs: int("cic-headers-timeout-ms", 10_000, 1),
      bodyIdleTimeoutMs: int("cic-body-idle-timeout-ms", 5000, 1),
      bodyTimeoutMs: int("cic-body-timeout-ms", 90_000, 1),
      answerTimeoutMs: int("cic-answer-timeout-ms", 30_000, 1),
      idleTimeoutMs: int("cic-idle-timeout-ms", 180_000, 1),
      downchannelBacklogBytes: int(
        "cic-downchannel-backlog-bytes",
        DEFAULT_DOWNCHANNEL_BACKLOG_BYTES,
        1024,
      ),
      keepAliveTimeoutMs: int("cic-keep-alive-timeout-ms", 5000, 1),
      deviceRatePerSecond: int("rate-device-per-second", 20, 0),
      deviceRateBurst: int("rate-device-burst", 100, 1),
      clientRatePerSecond: int("rate-client-per-second", 1000, 0),
      clientRateBurst: int("rate-client-burst", 2000, 1),
      preAuthConnectionsPerIp: int("preauth-connections-per-ip", 64, 0),
      preAuthFailuresPerSecond: int("preauth-failures-per-second", 10, 0),
      preAuthFailureBurst: int("preauth-failure-burst", 100, 1),
    },
    session: {
      timeoutMs: int("session-timeout-ms", 8000, 1),
      graceMs: int("session-grace-ms", 4000, 0),
      endWaitMs: int("session-end-wait-ms", SESSION_END_WAIT_MS, 0),
    },
    registryRefreshMs: int("registry-refresh-ms", 5000, 0),
    examples,
    exampleUrls,
    warmModels: bool("warm-models", false),
    warmLanguages: warmLanguages(str("warm-languages", "en,ja,ko")),
    modelCacheDir: modelCacheDir(str("model-cache-dir", "")),
    device,
  };
}

/** The model cache (abilities/models/cache.ts): by default this user's, in the temp directory. */
function modelCacheDir(value: string): string | undefined {
  if (value === "off") return undefined;
  if (value !== "") return resolve(value);
  const uid = typeof process.getuid === "function" ? String(process.getuid()) : "user";
  return join(tmpdir(), `clover-models-${uid}`);
}

function warmLanguages(value: string): Language[] {
  const languages = value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
  for (const language of languages)
    if (language !== "en" && language !== "ja" && language !== "ko")
      throw new ConfigError(
        `CLOVER_WARM_LANGUAGES: expected languages among en, ja, ko, got "${language}"`,
      );
  return languages as Language[];
}

function deviceConfig(
  str: (name: OptionName, fallback: string) => string,
  opt: (name: OptionName) => string | undefined,
): DeviceConfig {
  const defaultTimeZone = opt("default-time-zone");
  if (defaultTimeZone !== undefined)
    try {
      new Intl.DateTimeFormat("en", { timeZone: defaultTimeZone });
    } catch {
      throw new ConfigError(
        `CLOVER_DEFAULT_TIME_ZONE: "${defaultTimeZone}" is not an IANA time zone`,
      );
    }
  const userAgentPolicy = str("user-agent-policy", "warn");
  if (userAgentPolicy !== "warn" && userAgentPolicy !== "strict" && userAgentPolicy !== "off")
    throw new ConfigError(
      `CLOVER_USER_AGENT_POLICY: expected "warn", "strict" or "off", got "${userAgentPolicy}"`,
    );
  const list = (name: OptionName) =>
    (opt(name) ?? "")
      .split(",")
      .map((item) => item.trim())
      .filter((item) => item !== "");
  let customButtons: Record<string, string> = {};
  const buttons = opt("custom-buttons");
  if (buttons !== undefined) {
    try {
      customButtons = JSON.parse(buttons) as Record<string, string>;
    } catch {}
    if (
      typeof customButtons !== "object" ||
      customButtons === null ||
      Object.values(customButtons).some((v) => typeof v !== "string")
    )
      throw new ConfigError(
        'CLOVER_CUSTOM_BUTTONS: expected a JSON object of button → utterance, e.g. {"CUSTOM_BUTTON_1":"play jazz"}',
      );
  }
  const versionSpecsFile = opt("settings-version-specs");
  const termsVersion = opt("terms-version");
  const termsFile = opt("terms-file");
  return {
    ...(defaultTimeZone !== undefined ? { defaultTimeZone } : {}),
    userAgentPolicy,
    userAgentAllow: list("user-agent-allow"),
    ...(versionSpecsFile ? { versionSpecsFile: resolve(versionSpecsFile) } : {}),
    customButtons,
    showRecognizedTextClients: list("show-recognized-text-clients"),
    ...(termsVersion ? { termsVersion } : {}),
    ...(termsFile ? { termsFile } : {}),
  };
}

/** CLOVER_EXTENSION_NETWORKS, else the older boolean (true: private, false: public). */
function extensionNetworks(
  found: { value: string; source: string } | undefined,
  fromBoolean: ExtensionNetworks | undefined,
  fallback: ExtensionNetworks,
): ExtensionNetworks {
  if (!found) return fromBoolean || fallback;
  const value = found.value.toLowerCase() as ExtensionNetworks;
  if (!EXTENSION_NETWORKS.includes(value))
    throw new ConfigError(
      `${found.source}: expected "public", "loopback" or "private", got "${found.value}"`,
    );
  return value;
}

function redisUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^rediss?:\/\/[^/]/.test(value))
    throw new ConfigError(`REDIS_URL: expected redis://host:port or rediss://…, got "${value}"`);
  return value;
}

/** A configuration for tests and embedding: defaults with some values replaced. */
export function defineConfig(overrides: DeepPartial<ServerConfig> = {}): ServerConfig {
  const base = loadConfig({});
  return {
    ...base,
    ...overrides,
    cek: { ...base.cek, ...overrides.cek },
    cic: { ...base.cic, ...overrides.cic },
    session: { ...base.session, ...overrides.session },
    exampleUrls: { ...base.exampleUrls, ...overrides.exampleUrls },
    device: { ...base.device, ...overrides.device },
  } as ServerConfig;
}

export type DeepPartial<T> = {
  // Groups of settings (interfaces included) may be given in part; lists and values whole.
  [K in keyof T]?: T[K] extends readonly unknown[]
    ? T[K]
    : T[K] extends object
      ? Partial<T[K]>
      : T[K];
};
