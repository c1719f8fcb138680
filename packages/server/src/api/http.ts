// Request/response plumbing shared by node:http and node:http2's compatibility API.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import { utf8Problem } from "./utf8.js";

export type AnyRequest = IncomingMessage | Http2ServerRequest;
export type AnyResponse = ServerResponse | Http2ServerResponse;
export type RequestHandler = (req: AnyRequest, res: AnyResponse) => void;

export interface ApiIssue {
  path?: string;
  message: string;
  [key: string]: unknown;
}

/** An error answered as `{ "error": { "code", "message", "issues"? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * Deadlines of every request body outside CIC events (management, auth and ability routes;
 * docs/security.md "Limits and timeouts"): nothing for `idleMs`, or not complete after
 * `totalMs`, answers 408.
 */
export const BODY_DEADLINES = { idleMs: 10_000, totalMs: 60_000 };

/** Reads a whole body: at most `limit` bytes (413) within BODY_DEADLINES (408). */
export function readBody(
  req: AnyRequest,
  limit: number,
  deadlines = BODY_DEADLINES,
): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > limit)
    return Promise.reject(
      new ApiError(413, "payload_too_large", `request body of ${declared} bytes exceeds ${limit}`),
    );
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let idle: NodeJS.Timeout | undefined;
    const late = (message: string) => () => fail(new ApiError(408, "request_timeout", message));
    const total = setTimeout(
      late(`the request body was not complete within ${deadlines.totalMs} ms`),
      deadlines.totalMs,
    );
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(
        late(`the request body sent nothing for ${deadlines.idleMs} ms`),
        deadlines.idleMs,
      );
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit)
        return fail(new ApiError(413, "payload_too_large", `request body exceeds ${limit} bytes`));
      chunks.push(chunk);
      arm();
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onCut = () => {
      if (!req.complete) fail(new ApiError(400, "bad_request", "the request body was cut off"));
    };
    const stop = () => {
      clearTimeout(idle);
      clearTimeout(total);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("aborted", onCut);
      req.off("close", onCut);
    };
    function fail(error: ApiError) {
      stop();
      // What is still coming is dropped; the answer closes the connection (closeIfBodyPending).
      req.resume();
      reject(error);
    }
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", () => {});
    req.on("aborted", onCut);
    req.on("close", onCut);
    arm();
  });
}

/** How long a body still arriving after its error answer may keep coming before the close. */
const PENDING_BODY_GRACE_MS = 5000;

/**
 * An answer to a request whose body has not fully arrived (a limit or a deadline answered it):
 * the rest is dropped as it comes, so a client still uploading reads the answer; a body that
 * stalled (408), or is not complete 5 s later, has its connection closed (HTTP/1.1) or its
 * stream reset (HTTP/2), so a stalled body cannot hold the connection.
 */
export function closeIfBodyPending(res: AnyResponse, status?: number): void {
  const req = (res as { req?: AnyRequest }).req;
  if (!req || req.complete || res.headersSent) return;
  req.resume();
  const close = () => {
    if (req.complete) return;
    if ("stream" in req) {
      if (!req.stream.destroyed) req.stream.close();
    } else req.socket?.destroy();
  };
  if (status === 408 && !("stream" in req)) res.setHeader("connection", "close");
  setTimeout(close, status === 408 ? 1000 : PENDING_BODY_GRACE_MS).unref();
}

export async function readJson(req: AnyRequest, limit: number): Promise<unknown> {
  const type = String(req.headers["content-type"] ?? "");
  if (!/^application\/(.+\+)?json\b/i.test(type))
    throw new ApiError(
      415,
      "unsupported_media_type",
      `expected Content-Type application/json, got ${type === "" ? "none" : JSON.stringify(type)}`,
    );
  const body = await readBody(req, limit);
  const problem = utf8Problem(body);
  if (problem) throw new ApiError(400, "invalid_json", `request body is not UTF-8: ${problem}`);
  if (nestsDeeperThan(body))
    throw new ApiError(
      400,
      "invalid_json",
      `request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
    );
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new ApiError(
      400,
      "invalid_json",
      `request body is not JSON: ${(error as Error).message}`,
    );
  }
}

/** A JSON request body that must be an object (the management and device routes). */
export async function readJsonObject(
  req: AnyRequest,
  limit: number,
): Promise<Record<string, unknown>> {
  const value = await readJson(req, limit);
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new ApiError(400, "invalid_body", "body: expected a JSON object");
  return value as Record<string, unknown>;
}

/** Refuses a body field not in `fields`: `400 invalid_body` naming it and the fields read. */
export function onlyFields(body: Record<string, unknown>, fields: readonly string[]): void {
  for (const key of Object.keys(body))
    if (!fields.includes(key))
      throw new ApiError(
        400,
        "invalid_body",
        `${key.length > 40 ? `${key.slice(0, 40)}…` : key}: unknown field (expected ${fields.join(", ")})`,
      );
}

export function send(
  res: AnyResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  extra: Record<string, string> = {},
): void {
  const data = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, {
    "content-type": contentType,
    "content-length": String(data.length),
    "cache-control": "no-store",
    ...extra,
  });
  res.end(data);
}

export function sendJson(res: AnyResponse, status: number, value: unknown): void {
  if (status === 204) {
    res.writeHead(204, {});
    res.end();
    return;
  }
  send(res, status, JSON.stringify(value), "application/json; charset=utf-8");
}

export function sendError(res: AnyResponse, error: ApiError): void {
  closeIfBodyPending(res, error.status);
  sendJson(res, error.status, {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    },
  });
}
