// The same adapters as custom extensions (node:http, Express, Fastify, fetch, Lambda) for a
// home extension: node:http is its own listener, the others reuse the custom adapters, which
// only need `handle`, `bodyLimit` and `verifier`.
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { expressMiddleware } from "../adapters/express.js";
import { type CekPluginOptions, cekPlugin } from "../adapters/fastify.js";
import { toFetchHandler } from "../adapters/fetch.js";
import { toLambdaHandler } from "../adapters/lambda.js";
import { readFailure, writeResult } from "../adapters/node-http.js";
import { readBody } from "../adapters/read-body.js";
import type { Extension } from "../app/extension.js";
import { errorResult } from "../core/errors.js";
import type { HomeExtension } from "./extension.js";

// biome-ignore lint/suspicious/noExplicitAny: the custom adapters are typed for any model
const asAdaptable = (home: HomeExtension) => home as unknown as Extension<any>;

export function toHomeNodeListener(
  home: HomeExtension,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    readBody(req, home.bodyLimit, (error, body) => {
      if (error || !body) return writeResult(res, readFailure(error), true);
      home.handle({ body, headers: req.headers, method: req.method }).then(
        (result) => writeResult(res, result),
        (failure) => writeResult(res, errorResult(500, "internal_error", String(failure))),
      );
    });
  };
}

export function createHomeServer(home: HomeExtension): Server {
  return createHttpServer(toHomeNodeListener(home));
}

export async function listenHome(
  home: HomeExtension,
  options: { port?: number; host?: string } = {},
): Promise<{ server: Server; url: string }> {
  const server = createHomeServer(home);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "localhost";
  return { server, url: `http://${host}:${port}/` };
}

export const toHomeFetchHandler = (home: HomeExtension) => toFetchHandler(asAdaptable(home));
export const toHomeLambdaHandler = (home: HomeExtension) => toLambdaHandler(asAdaptable(home));
export const homeExpressMiddleware = (home: HomeExtension) => expressMiddleware(asAdaptable(home));
/** `app.register(homePlugin, { extension: home, path: "/home" })`. */
export const homePlugin = cekPlugin as unknown as import("fastify").FastifyPluginAsync<
  Omit<CekPluginOptions, "extension"> & { extension: HomeExtension }
>;
