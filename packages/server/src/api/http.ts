// Request/response plumbing shared by node:http and node:http2's compatibility API.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";

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

export async function readBody(req: AnyRequest, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (declared > limit)
    throw new ApiError(
      413,
      "payload_too_large",
      `request body of ${declared} bytes exceeds ${limit}`,
    );
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit)
      throw new ApiError(413, "payload_too_large", `request body exceeds ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
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
  sendJson(res, error.status, {
    error: {
      code: error.code,
      message: error.message,
      ...(error.issues ? { issues: error.issues } : {}),
    },
  });
}
