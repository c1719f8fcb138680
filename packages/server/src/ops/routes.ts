// GET /healthz (the process answers), /readyz (it can serve: see readiness.ts) and /metrics
// (Prometheus text). Unauthenticated by design — they reveal no user data — and cheap: no
// request touches a dependency. Served on the main port and, when CLOVER_OPS_PORT is set,
// on a port of their own (docs/scale-out.md).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyRequest, AnyResponse } from "../api/http.js";
import type { PlatformMetrics } from "./metrics.js";
import type { ReadinessProbe } from "./readiness.js";

export const OPS_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

export interface OpsContext {
  nodeId: string;
  metrics: PlatformMetrics;
  readiness: ReadinessProbe;
}

function json(res: AnyResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** True when the request was an ops endpoint (and was answered). */
export function handleOps(
  ops: OpsContext,
  req: AnyRequest | IncomingMessage,
  res: AnyResponse | ServerResponse,
): boolean {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  if (!OPS_PATHS.has(path)) return false;
  req.resume();
  const response = res as AnyResponse;
  if (req.method !== "GET" && req.method !== "HEAD") {
    json(response, 405, {
      error: { code: "method_not_allowed", message: `${path} answers GET only` },
    });
    return true;
  }
  if (path === "/healthz") {
    json(response, 200, { status: "alive", node: ops.nodeId });
    return true;
  }
  if (path === "/readyz") {
    const readiness = ops.readiness.current();
    json(response, readiness.ready ? 200 : 503, {
      status: readiness.ready ? "ready" : readiness.draining ? "draining" : "unavailable",
      node: ops.nodeId,
      checks: readiness.checks,
    });
    return true;
  }
  ops.metrics.registry
    .metrics()
    .then((text) => {
      response.writeHead(200, { "content-type": ops.metrics.registry.contentType });
      response.end(text);
    })
    .catch((error: Error) =>
      json(response, 500, { error: { code: "metrics_failed", message: error.message } }),
    );
  return true;
}
