// HTTP answers for requests the SDK refuses. Every one has a JSON body naming what was wrong.
export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

export interface ErrorDetail {
  path: string;
  message: string;
}

export function errorResult(
  status: number,
  code: string,
  message: string,
  details?: readonly ErrorDetail[],
): HttpResult {
  const error: Record<string, unknown> = { status, code, message };
  if (details && details.length > 0) error.details = details;
  return {
    status,
    headers: { "content-type": JSON_CONTENT_TYPE },
    body: JSON.stringify({ error }),
  };
}

export function bodyTooLarge(limit: number): HttpResult {
  return errorResult(413, "body_too_large", `request body exceeds ${limit} bytes`);
}
