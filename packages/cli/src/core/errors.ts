// Exit codes (documented in docs/cli.md) and the one-line error the CLI prints.

export const EXIT = {
  ok: 0,
  /** Something failed: a dialog test, an invalid model, a refused request. */
  failure: 1,
  /** The command line is wrong: unknown option, missing argument, bad value. */
  usage: 2,
  /** The platform cannot be reached (connection refused, timeout, TLS). */
  unreachable: 3,
  /** The platform refused the credentials (admin token or device tokens). */
  unauthorized: 4,
  /** Interrupted by Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected failure: printed as `error: <message>` plus a hint, never as a stack trace. */
export class CliError extends Error {
  override name = "CliError";
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const usageError = (message: string, hint?: string) =>
  new CliError(message, EXIT.usage, hint);

/** Node's network error codes that mean "nobody answered there". */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
  "ERR_HTTP2_ERROR",
  "ERR_HTTP2_SESSION_ERROR",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
]);

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let i = 0; i < 4 && current && typeof current === "object"; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNREACHABLE.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Turns a network failure into "cannot reach <url>" (exit 3); anything else is returned. */
export function unreachableError(error: unknown, url: string): CliError | undefined {
  let code = codeOf(error);
  // fetch() wraps every network failure as TypeError("fetch failed") with the reason as cause.
  if (!code && error instanceof TypeError && error.message === "fetch failed")
    code = String((error.cause as Error | undefined)?.message ?? "network error");
  if (!code) return undefined;
  return new CliError(
    `cannot reach the platform at ${url} (${code})`,
    EXIT.unreachable,
    "is `clover serve` running there? Check --url or CLOVER_URL",
  );
}
