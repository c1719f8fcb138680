// AWS-Lambda-style adapter: API Gateway proxy event (REST v1 or HTTP API v2) → proxy result.
import type { Extension } from "../app/extension.js";
import type { ModelTypes } from "../app/model.js";

export interface ApiGatewayProxyEvent {
  body?: string | null;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined> | null;
  httpMethod?: string;
  requestContext?: { http?: { method?: string } };
}
export interface ApiGatewayProxyResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export function toLambdaHandler<M extends ModelTypes>(
  extension: Extension<M>,
): (event: ApiGatewayProxyEvent) => Promise<ApiGatewayProxyResult> {
  return async (event) => {
    const raw = event.body ?? "";
    // The gateway hands text bodies over as strings; their UTF-8 bytes are what was signed.
    const body = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
    const method = event.httpMethod ?? event.requestContext?.http?.method;
    const result = await extension.handle({ body, headers: event.headers ?? {}, method });
    return {
      statusCode: result.status,
      headers: result.headers,
      body: result.body,
      isBase64Encoded: false,
    };
  };
}
