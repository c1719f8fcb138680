// Serves the built console (dist/) under /console: static files with their content types, the
// SPA's index.html for client routes, long caching for content-hashed assets, and a clear 503
// page when the console has not been built.
import { createReadStream, existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

type AnyRequest = IncomingMessage | Http2ServerRequest;
type AnyResponse = ServerResponse | Http2ServerResponse;

/** Answers requests under the base path; returns false for any other path (not answered). */
export type ConsoleHandler = (req: AnyRequest, res: AnyResponse) => boolean;

export interface ConsoleHandlerOptions {
  /** URL prefix the console lives under (default `/console`). */
  basePath?: string;
  /** The built assets (default: this package's dist/). */
  distDir?: string;
}

export const DEFAULT_DIST_DIR = fileURLToPath(new URL("../dist/", import.meta.url));

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

// Vite names bundled files `name-<hash>.ext` under assets/: they never change.
const IMMUTABLE = "public, max-age=31536000, immutable";

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8">
<title>Clover console not built</title>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;line-height:1.5">
<h1>The console has not been built</h1>
<p>This platform serves the developer console from its built files, and there are none yet.
Build them once, then reload this page:</p>
<pre style="background:#f3f3f3;padding:1rem">npm run build -w @clover/console</pre>
</body></html>`;

export function createConsoleHandler(options: ConsoleHandlerOptions = {}): ConsoleHandler {
  const base = (options.basePath ?? "/console").replace(/\/+$/, "");
  const root = normalize(options.distDir ?? DEFAULT_DIST_DIR);

  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://console.invalid");
    const path = url.pathname;
    if (path !== base && !path.startsWith(`${base}/`)) return false;
    req.resume();
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
      res.end(`${req.method} is not allowed on the console; use GET\n`);
      return true;
    }
    if (path === base) {
      res.writeHead(308, { location: `${base}/${url.search}` });
      res.end();
      return true;
    }
    void serve(path.slice(base.length + 1), req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("console file could not be read\n");
    });
    return true;
  };

  async function serve(relative: string, req: AnyRequest, res: AnyResponse): Promise<void> {
    const index = join(root, "index.html");
    if (!existsSync(index)) {
      send(res, req, 503, NOT_BUILT, "text/html; charset=utf-8", "no-store");
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(relative);
    } catch {
      send(res, req, 400, "malformed path\n", "text/plain; charset=utf-8", "no-store");
      return;
    }
    const file = normalize(join(root, decoded));
    if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) {
      send(res, req, 404, "not found\n", "text/plain; charset=utf-8", "no-store");
      return;
    }
    const info = await stat(file).catch(() => undefined);
    if (info?.isFile()) {
      const cache = decoded.startsWith("assets/") ? IMMUTABLE : "no-cache";
      return stream(res, req, file, info.size, cache);
    }
    // A missing file the app would load (a known asset type) is a plain 404; anything else is
    // a client route and gets the app, ids with dots included (/extensions/com.example.x).
    if (TYPES[extname(decoded).toLowerCase()] !== undefined) {
      send(res, req, 404, `no such console file: ${decoded}\n`, "text/plain; charset=utf-8");
      return;
    }
    const indexInfo = await stat(index);
    return stream(res, req, index, indexInfo.size, "no-cache");
  }
}

function send(
  res: AnyResponse,
  req: AnyRequest,
  status: number,
  body: string,
  type: string,
  cache = "no-cache",
): void {
  const data = Buffer.from(body, "utf8");
  res.writeHead(status, {
    "content-type": type,
    "content-length": String(data.length),
    "cache-control": cache,
  });
  if (req.method === "HEAD") res.end();
  else res.end(data);
}

function stream(res: AnyResponse, req: AnyRequest, file: string, size: number, cache: string) {
  res.writeHead(200, {
    "content-type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    "content-length": String(size),
    "cache-control": cache,
    "x-content-type-options": "nosniff",
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  createReadStream(file).pipe(res as NodeJS.WritableStream);
}
