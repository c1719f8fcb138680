// Express (4 and 5) middleware. Mount it on a path *before* any JSON body parser, or behind
// `express.raw({ type: "*/*" })`: the signature covers the raw bytes (§2.5).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Extension } from "../app/extension.js";
import type { ModelTypes } from "../app/model.js";
import { errorResult } from "../core/errors.js";
import { readFailure, writeResult } from "./node-http.js";
import { readBodyAsync } from "./read-body.js";

type ExpressRequest = IncomingMessage & { body?: unknown; rawBody?: unknown };

async function rawBodyOf(req: ExpressRequest, extension: Extension<ModelTypes>) {
  if (req.rawBody instanceof Uint8Array) return req.rawBody;
  if (req.body instanceof Uint8Array) return req.body;
  if (typeof req.body === "string") return Buffer.from(req.body);
  const parsed = req.body !== undefined && req.readableEnded;
  if (!parsed) return readBodyAsync(req, extension.bodyLimit);
  if (extension.verifier) return undefined; // parsed JSON cannot be verified
  return Buffer.from(JSON.stringify(req.body));
}

export function expressMiddleware<M extends ModelTypes>(
  extension: Extension<M>,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  const ext = extension as unknown as Extension<ModelTypes>;
  return (req, res, next) => {
    rawBodyOf(req as ExpressRequest, ext).then(
      (body) => {
        if (!body) {
          writeResult(
            res,
            errorResult(
              500,
              "raw_body_unavailable",
              "a JSON body parser ran before the CEK middleware; mount it first or use express.raw() so the signature can be checked",
            ),
          );
          return;
        }
        ext
          .handle({ body, headers: req.headers, method: req.method })
          .then((result) => writeResult(res, result))
          .catch(next);
      },
      (error) => writeResult(res, readFailure(error), true),
    );
  };
}
