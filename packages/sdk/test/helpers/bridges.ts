// Serve the web-standard and Lambda adapters over a real node:http server for tests, the way
// an edge runtime or API Gateway would hand requests to them.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApiGatewayProxyEvent, ApiGatewayProxyResult } from "../../src/index.js";

async function bytesOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function fetchBridge(handler: (request: Request) => Promise<Response>) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const body = await bytesOf(req);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: req.method === "GET" || req.method === "HEAD" ? undefined : body,
    });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
}

export function lambdaBridge(
  handler: (event: ApiGatewayProxyEvent) => Promise<ApiGatewayProxyResult>,
) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const body = await bytesOf(req);
    const headers: Record<string, string> = {};
    // API Gateway keeps the client's header spelling; use mixed case on purpose.
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers[req.rawHeaders[i]!] = req.rawHeaders[i + 1]!;
    const result = await handler({
      httpMethod: req.method,
      headers,
      body: body.toString("base64"),
      isBase64Encoded: true,
    });
    res.writeHead(result.statusCode, result.headers);
    res.end(result.body);
  };
}
