// The checks of `clover doctor`: each one says what it found and, for a problem, what to do.
import { accessSync, constants, existsSync, mkdirSync } from "node:fs";
import { get } from "node:http";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { readSettings, settingsFile } from "../core/settings.js";
import { checkPort } from "../serve/port.js";
import {
  ESPEAK_PACKAGES,
  hasCommand,
  installCommand,
  POCKETSPHINX_PACKAGES,
  pocketsphinxMissing,
} from "../serve/speech-check.js";

export type Status = "ok" | "warn" | "fail";

export interface Check {
  name: string;
  status: Status;
  detail: string;
  /** What to do about a problem. */
  fix?: string;
}

export interface DoctorInput {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  consoleDist: string;
  env: Record<string, string | undefined>;
}

const ok = (name: string, detail: string): Check => ({ name, status: "ok", detail });

export function checkNode(version = process.versions.node): Check {
  const major = Number(version.split(".")[0]);
  return major >= 20
    ? ok("Node.js", `v${version}`)
    : {
        name: "Node.js",
        status: "fail",
        detail: `v${version} is too old`,
        fix: "install Node.js 20 or newer",
      };
}

export async function checkListenPort(port: number, host: string): Promise<Check> {
  const name = `port ${port}`;
  try {
    await checkPort(port, host);
    return ok(name, `free on ${host}`);
  } catch (error) {
    const target = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
    const clover = await answersAsClover(target, port);
    if (clover) return ok(name, "a Clover platform is answering there");
    return {
      name,
      status: "fail",
      detail: (error as Error).message,
      fix: `stop what uses it, or start with --port ${port + 1} (or CLOVER_PORT)`,
    };
  }
}

/** Whether a Clover platform serves its signing key there (bounded to 2 s). */
function answersAsClover(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(
      { host, port, path: "/.well-known/signature-public-key.pem", timeout: 2000 },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
    request.on("close", () => resolve(false));
  });
}

export function checkSpeech(env: Record<string, string | undefined>): Check[] {
  const missing = pocketsphinxMissing(env);
  const espeak = hasCommand("espeak-ng", env);
  return [
    missing
      ? {
          name: "speech recognition",
          status: "warn",
          detail: `pocketsphinx: ${missing}; devices can only type`,
          fix: installCommand(POCKETSPHINX_PACKAGES),
        }
      : ok("speech recognition", "pocketsphinx (English)"),
    espeak
      ? ok("speech synthesis", "Flite (English), eSpeak NG (Japanese, Korean, Chinese)")
      : {
          name: "speech synthesis",
          status: "warn",
          detail: "Flite (English) only: espeak-ng is not on PATH, so no Japanese or Korean speech",
          fix: installCommand(ESPEAK_PACKAGES),
        },
  ];
}

export async function checkDatabase(input: DoctorInput): Promise<Check> {
  if (input.databaseUrl) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({
      connectionString: input.databaseUrl,
      connectionTimeoutMillis: 5000,
      query_timeout: 5000,
    });
    try {
      await client.connect();
      const result = await client.query<{ version: string }>("select version() as version");
      return ok(
        "database",
        `PostgreSQL: ${result.rows[0]?.version.split(" on ")[0] ?? "reachable"}`,
      );
    } catch (error) {
      return {
        name: "database",
        status: "fail",
        detail: `PostgreSQL at DATABASE_URL: ${(error as Error).message}`,
        fix: "check DATABASE_URL (user, password, host, database) and that PostgreSQL runs",
      };
    } finally {
      await client.end().catch(() => {});
    }
  }
  const dir = input.dataDir;
  try {
    const existing = existsSync(dir) ? dir : dirname(dir);
    if (!existsSync(existing)) mkdirSync(existing, { recursive: true });
    accessSync(existing, constants.W_OK);
    const file = join(dir, "clover.sqlite");
    return ok("database", `SQLite ${existsSync(file) ? file : `in ${dir} (made on first start)`}`);
  } catch (error) {
    return {
      name: "database",
      status: "fail",
      detail: `cannot write to ${dir}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      fix: "choose a writable --data-dir (or CLOVER_DATA_DIR)",
    };
  }
}

/** A Redis PING over TCP (RESP), bounded to 3 s. */
export function checkRedis(url: string): Promise<Check> {
  const parsed = new URL(url);
  const port = Number(parsed.port || 6379);
  const host = parsed.hostname || "127.0.0.1";
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (check: Check) => {
      socket.destroy();
      resolve(check);
    };
    const fail = (detail: string) =>
      done({
        name: "Redis",
        status: "fail",
        detail,
        fix: "start Redis or correct REDIS_URL (redis-server from Debian)",
      });
    socket.setTimeout(3000, () => fail(`${host}:${port}: no answer within 3 s`));
    socket.on("error", (error) => fail(`${host}:${port}: ${error.message}`));
    let reply = "";
    socket.on("connect", () => {
      const auth = parsed.password
        ? `AUTH ${decodeURIComponent(parsed.username || "default")} ${decodeURIComponent(parsed.password)}\r\n`
        : "";
      socket.write(`${auth}PING\r\n`);
    });
    socket.on("data", (chunk) => {
      reply += chunk.toString();
      if (reply.includes("+PONG")) done(ok("Redis", `${host}:${port} answers PING`));
      else if (reply.startsWith("-")) fail(`${host}:${port}: ${reply.split("\r\n")[0]}`);
    });
  });
}

export function checkConsole(dist: string): Check {
  return existsSync(join(dist, "index.html"))
    ? ok("console", `built (${dist})`)
    : {
        name: "console",
        status: "warn",
        detail: "not built: /console/ answers with a page saying so",
        fix: "npm start builds it once, or: npm run build -w @clover/console",
      };
}

export function checkToken(port: number): Check {
  const settings = readSettings();
  const urls = Object.keys(settings.adminTokens ?? {});
  const here = urls.find((u) => u.endsWith(`:${port}`));
  return here
    ? ok("admin token", `saved for ${here} in ${settingsFile()}`)
    : {
        name: "admin token",
        status: "warn",
        detail: `none saved for port ${port} in ${settingsFile()}`,
        fix: "the first `clover serve` saves it; later: clover serve --rotate-admin-token",
      };
}

export async function runChecks(input: DoctorInput): Promise<Check[]> {
  const checks: Check[] = [checkNode(), await checkListenPort(input.port, input.host)];
  checks.push(...checkSpeech(input.env));
  checks.push(await checkDatabase(input));
  if (input.redisUrl) checks.push(await checkRedis(input.redisUrl));
  checks.push(checkConsole(input.consoleDist), checkToken(input.port));
  return checks;
}
