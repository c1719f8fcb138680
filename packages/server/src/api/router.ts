// A small router: method + path pattern (`:name` segments) → handler.
import { type AnyRequest, type AnyResponse, ApiError } from "./http.js";
import { checkPathId, checkUserId } from "./ids.js";
import { decodeSegment } from "./url.js";

export interface RouteContext {
  req: AnyRequest;
  res: AnyResponse;
  params: Record<string, string>;
  query: URLSearchParams;
}

type Handler = (ctx: RouteContext) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
  /** Public routes skip the admin token. */
  public: boolean;
}

export class Router {
  readonly #routes: Route[] = [];

  add(method: string, path: string, handler: Handler, options: { public?: boolean } = {}): this {
    const names: string[] = [];
    const source = path
      .split("/")
      .map((part) => {
        if (!part.startsWith(":")) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        names.push(part.slice(1));
        return "([^/]+)";
      })
      .join("/");
    this.#routes.push({
      method,
      pattern: new RegExp(`^${source}$`),
      names,
      handler,
      public: options.public ?? false,
    });
    return this;
  }

  /** The route for a request, or an ApiError (404 / 405). */
  match(method: string, pathname: string) {
    let pathMatched = false;
    for (const route of this.#routes) {
      const m = route.pattern.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method && !(method === "HEAD" && route.method === "GET")) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        const value = decodeSegment(m[i + 1]!, name);
        params[name] = name === "userId" ? checkUserId(value) : checkPathId(value, name);
      });
      return { route, params };
    }
    if (pathMatched)
      throw new ApiError(405, "method_not_allowed", `${method} is not allowed on ${pathname}`);
    throw new ApiError(404, "not_found", `no such endpoint: ${method} ${pathname}`);
  }
}
