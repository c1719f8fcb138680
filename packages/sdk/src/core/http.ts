// The one HTTP core every adapter shares: raw body bytes and headers in, status, headers and
// body out. Order: size → signature (over the raw bytes) → JSON → CEK shape → application
// id → handler (cek-custom-extension.md §2.5, §11).
import { isUtf8 } from "node:buffer";
import type { DispatchResult, Extension } from "../app/extension.js";
import type { ModelTypes } from "../app/model.js";
import { normalizeRequest } from "../message/normalize.js";
import { CERT_CHAIN_URL_HEADER } from "../verify/legacy.js";
import { SIGNATURE_HEADER } from "../verify/signature.js";
import { bodyTooLarge, errorResult, type HttpResult, JSON_CONTENT_TYPE } from "./errors.js";

export type { HttpResult } from "./errors.js";

export type HttpHeaders = Record<string, string | readonly string[] | undefined>;

export interface HttpRequest {
  /** The body exactly as received. */
  body: Uint8Array;
  headers: HttpHeaders;
  /** When given, anything but POST gets 405. */
  method?: string;
}

/** Case-insensitive header lookup; the first value of a repeated header. */
export function headerOf(headers: HttpHeaders, name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === name) {
        value = headers[key];
        break;
      }
    }
  }
  return typeof value === "string" ? value : value?.[0];
}

/** The core: synchronous all the way when no key must be fetched and the handler is
 * synchronous, so adapters can answer without extra promise turns. */
export function handleHttp<M extends ModelTypes>(
  extension: Extension<M>,
  http: HttpRequest,
): HttpResult | Promise<HttpResult> {
  const method = http.method;
  if (method !== undefined && method !== "POST" && method.toUpperCase() !== "POST") {
    return errorResult(405, "method_not_allowed", `use POST, not ${method}`);
  }
  if (http.body.byteLength > extension.bodyLimit) return bodyTooLarge(extension.bodyLimit);
  if (!extension.verifier) return afterVerification(extension, http);
  return extension.verifier
    .verify(
      http.body,
      headerOf(http.headers, SIGNATURE_HEADER),
      headerOf(http.headers, CERT_CHAIN_URL_HEADER),
    )
    .then((outcome) =>
      outcome.ok
        ? afterVerification(extension, http)
        : errorResult(outcome.status, outcome.code, outcome.message),
    );
}

function afterVerification<M extends ModelTypes>(
  extension: Extension<M>,
  http: HttpRequest,
): HttpResult | Promise<HttpResult> {
  if (http.body.byteLength === 0) {
    return errorResult(
      400,
      "empty_body",
      "the request body is empty; expected a CEK request message",
    );
  }
  let json: unknown;
  try {
    const bytes = Buffer.isBuffer(http.body)
      ? http.body
      : Buffer.from(http.body.buffer, http.body.byteOffset, http.body.byteLength);
    if (!isUtf8(bytes)) throw new Error("invalid UTF-8");
    json = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return errorResult(400, "malformed_json", `request body is not valid UTF-8 JSON: ${reason}`);
  }
  const parsed = normalizeRequest(json);
  if (!parsed.ok) {
    return errorResult(
      400,
      "not_a_cek_request",
      "request body is not a CEK request message",
      parsed.issues,
    );
  }
  const request = parsed.request;

  const expected = extension.options.applicationId;
  if (expected !== undefined) {
    const actual = request.context.System.application?.applicationId;
    if (actual === undefined && !extension.options.allowMissingApplicationId) {
      return errorResult(
        403,
        "application_id_missing",
        `context.System.application.applicationId is missing; expected "${expected}"`,
      );
    }
    if (actual !== undefined && actual !== expected) {
      return errorResult(
        403,
        "application_id_mismatch",
        `context.System.application.applicationId is "${actual}"; this extension is "${expected}"`,
      );
    }
  }

  const type = request.request.type;
  const result = extension.answer(request);
  return result instanceof Promise ? result.then((r) => toHttp(r, type)) : toHttp(result, type);
}

function toHttp(result: DispatchResult, type: string): HttpResult {
  if (result.ok) {
    return {
      status: 200,
      headers: { "content-type": JSON_CONTENT_TYPE },
      body: JSON.stringify(result.response),
    };
  }
  return result.status === 504
    ? errorResult(504, "handler_timeout", `the ${type} handler did not answer in time`)
    : errorResult(
        500,
        "handler_failed",
        `the ${type} handler failed and no error handler answered`,
      );
}
