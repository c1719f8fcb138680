// node:http adapter: a request listener and a createServer helper.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Extension } from "../app/extension.js";
import type { ModelTypes } from "../app/model.js";
import { bodyTooLarge, errorResult, type HttpResult } from "../core/errors.js";
import { type HttpHeaders, type HttpRequest, handleHttp } from "../core/http.js";
import { BodyTooLargeError, readBody } from "./read-body.js";

export function writeResult(res: ServerResponse, result: HttpResult, close = false): void {
  // A flat header list skips Node's per-call header object handling on the hot path.
  const headers: (string | number)[] = ["content-length", Buffer.byteLength(result.body)];
  for (const name in result.headers) headers.push(name, result.headers[name]!);
  if (close) headers.push("connection", "close");
  res.writeHead(result.status, headers as unknown as Record<string, string>);
  res.end(result.body);
}

/** The request as the core sees it; Node builds the header object only if something reads it
 * (signature verification does). */
class NodeRequest implements HttpRequest {
  readonly method: string | undefined;
  constructor(
    private readonly req: IncomingMessage,
    readonly body: Buffer,
  ) {
    this.method = req.method;
  }
  get headers(): HttpHeaders {
    return this.req.headers;
  }
}

/** Turns a failure to read the body into an HTTP answer. */
export function readFailure(error: unknown): HttpResult {
  if (error instanceof BodyTooLargeError) return bodyTooLarge(error.limit);
  return errorResult(400, "body_unreadable", `could not read the request body: ${String(error)}`);
}

/** `(req, res) => void` for `http.createServer`, or to mount under any path of your own. */
export function toNodeListener<M extends ModelTypes>(
  extension: Extension<M>,
): (req: IncomingMessage, res: ServerResponse) => void {
  const fail = (res: ServerResponse) => (error: unknown) =>
    writeResult(res, errorResult(500, "internal_error", `unexpected failure: ${String(error)}`));
  return (req, res) => {
    readBody(req, extension.bodyLimit, (error, body) => {
      if (error || !body) return writeResult(res, readFailure(error), true);
      let result: HttpResult | Promise<HttpResult>;
      try {
        result = handleHttp(extension, new NodeRequest(req, body));
      } catch (failure) {
        return fail(res)(failure);
      }
      if (result instanceof Promise) result.then((r) => writeResult(res, r), fail(res));
      else writeResult(res, result);
    });
  };
}

/** An http.Server answering CEK requests on every path. Call `.listen(port)` yourself. */
export function createServer<M extends ModelTypes>(extension: Extension<M>): Server {
  return createHttpServer(toNodeListener(extension));
}

export interface ListenOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Interface to bind; default all interfaces. */
  host?: string;
}

/** Starts a server for the extension and resolves once it listens, with its URL. */
export async function listen<M extends ModelTypes>(
  extension: Extension<M>,
  options: ListenOptions = {},
): Promise<{ server: Server; url: string }> {
  const server = createServer(extension);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "localhost";
  return { server, url: `http://${host.includes(":") ? `[${host}]` : host}:${port}/` };
}
