// The management REST API seen from the CLI: Bearer admin token, JSON in and out, errors
// turned into one line (what, where) with the server's per-field details.
import { CliError, EXIT, unreachableError } from "./errors.js";

export interface ApiIssue {
  path?: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  severity?: string;
  /** The language of the model it is about (several models are sent at once). */
  language?: string;
}

export class ApiRequestError extends CliError {
  constructor(
    message: string,
    exitCode: number,
    readonly status: number,
    readonly details: ApiIssue[],
    hint?: string,
  ) {
    super(message, exitCode, hint);
  }
}

export class ManagementApi {
  constructor(
    readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {}

  async request<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    contentType = "application/json",
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: "application/json",
          ...(body !== undefined ? { "content-type": contentType } : {}),
        },
        ...(body !== undefined
          ? { body: typeof body === "string" ? body : JSON.stringify(body) }
          : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      if ((error as Error).name === "TimeoutError")
        throw new CliError(
          `${method} ${this.url}${path}: no answer within ${this.timeoutMs / 1000} s`,
          EXIT.unreachable,
        );
      throw unreachableError(error, this.url) ?? error;
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    // A body that is not JSON (an iCalendar export) is handed back as text.
    if (response.ok) return (parsed === undefined && text !== "" ? text : parsed) as T;
    const error = (parsed as { error?: { message?: string; issues?: ApiIssue[] } } | undefined)
      ?.error;
    const message = error?.message ?? (text.slice(0, 200) || response.statusText);
    if (response.status === 401)
      throw new ApiRequestError(
        `${this.url} refused the admin token: ${message}`,
        EXIT.unauthorized,
        401,
        [],
        "check --token or CLOVER_ADMIN_TOKEN (the token `clover serve` printed)",
      );
    throw new ApiRequestError(
      `${method} ${path} failed (${response.status}): ${message}`,
      EXIT.failure,
      response.status,
      error?.issues ?? [],
    );
  }
}

/** A turn's CEK exchange as the turn log answers it (`GET /api/v1/conversations`). */
export interface TurnExchange {
  request: unknown;
  response?: unknown;
  durationMs: number;
  error?: string;
  /** Content-guideline warnings about a valid answer. */
  warnings?: string[];
}
