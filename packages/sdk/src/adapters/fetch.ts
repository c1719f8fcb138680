// Web-standard adapter `(Request) => Promise<Response>` for edge and serverless runtimes.
import type { Extension } from "../app/extension.js";
import type { ModelTypes } from "../app/model.js";
import { bodyTooLarge } from "../core/errors.js";
import type { HttpHeaders } from "../core/http.js";

export function toFetchHandler<M extends ModelTypes>(
  extension: Extension<M>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const declared = Number(request.headers.get("content-length"));
    if (declared > extension.bodyLimit) return toResponse(bodyTooLarge(extension.bodyLimit));
    const body = new Uint8Array(await request.arrayBuffer());
    const headers: HttpHeaders = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return toResponse(await extension.handle({ body, headers, method: request.method }));
  };
}

function toResponse(result: { status: number; headers: Record<string, string>; body: string }) {
  return new Response(result.body, { status: result.status, headers: result.headers });
}
