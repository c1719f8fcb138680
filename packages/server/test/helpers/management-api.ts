// The management API from tests: a bearer token (the admin's by default), JSON in, JSON (or
// text) out. Every test that calls /api/v1/… over plain HTTP goes through here.
import type { Json } from "./extension-server.js";

export const ADMIN_TOKEN = "test-admin-token";

/** One call: a body object is sent as JSON, a string or bytes as they are; `headers` win. */
export type ApiCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: Json }>;

/** Like ApiCall, with the response as it came (for bodies that are not JSON, e.g. iCalendar). */
export type ApiFetch = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<Response>;

/** Requests to the management API at `baseUrl` with `token` (null: no Authorization header). */
export function managementFetch(baseUrl: string, token: string | null = ADMIN_TOKEN): ApiFetch {
  return (method, path, body, headers = {}) =>
    fetch(baseUrl + path, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined
        ? {}
        : {
            body:
              typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body),
          }),
    });
}

/** Calls the management API at `baseUrl` with `token`; the body parsed as JSON when it is. */
export function managementApi(baseUrl: string, token: string | null = ADMIN_TOKEN): ApiCall {
  const send = managementFetch(baseUrl, token);
  return async (method, path, body, headers) => {
    const response = await send(method, path, body, headers);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? null : JSON.parse(text);
    } catch {}
    return { status: response.status, body: parsed };
  };
}
