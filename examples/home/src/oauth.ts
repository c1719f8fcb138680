// A small OAuth 2.0 authorization server (RFC 6749 §4.1 code grant, §6 refresh): a login page
// for the home's owner, codes living 60 s, access tokens living `accessTokenSeconds`, refresh
// tokens rotating on use, and client authentication by HTTP Basic or form fields.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  /** The one account of this home (the login page checks it). */
  username: string;
  password: string;
  accessTokenSeconds: number;
  /** Redirect URIs the platform may use (RFC 6749 §10.6); empty = any http(s) URI. */
  redirectUris: string[];
}

interface Grant {
  username: string;
  expiresAt: number;
}

export type TokenCheck = "valid" | "expired" | "invalid";

export class OAuthServer {
  readonly #codes = new Map<string, Grant & { redirectUri: string }>();
  readonly #access = new Map<string, Grant>();
  readonly #refresh = new Map<string, string>();
  /** Token requests seen (grant types), for tests and the log. */
  readonly grants: string[] = [];

  constructor(readonly options: OAuthOptions) {}

  /** `payload.accessToken` of a Home request (§10.3 extension duties). */
  check(token: string | undefined, now = Date.now()): TokenCheck {
    const grant = token ? this.#access.get(token) : undefined;
    if (!grant) return "invalid";
    return grant.expiresAt > now ? "valid" : "expired";
  }

  /** Makes every access token expire now (tests: refresh on expiry). */
  expireAll(): void {
    for (const grant of this.#access.values()) grant.expiresAt = 0;
  }

  /** Forgets every token (the user revoked the link at the vendor). */
  revokeAll(): void {
    this.#access.clear();
    this.#refresh.clear();
  }

  /** Issues a code for the account directly (the login form's result; also for scripts). */
  issueCode(redirectUri: string): string {
    const code = `code-${randomBytes(12).toString("hex")}`;
    this.#codes.set(code, {
      username: this.options.username,
      expiresAt: Date.now() + 60_000,
      redirectUri,
    });
    return code;
  }

  /** GET /oauth/authorize: the login page; POST: credentials → redirect with code and state. */
  async authorize(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const params =
      req.method === "POST" ? new URLSearchParams(await readText(req)) : url.searchParams;
    const redirectUri = params.get("redirect_uri") ?? "";
    const state = params.get("state") ?? "";
    if (params.get("client_id") !== this.options.clientId)
      return json(res, 400, {
        error: "unauthorized_client",
        error_description: "unknown client_id",
      });
    if (params.get("response_type") !== "code")
      return json(res, 400, { error: "unsupported_response_type", error_description: "only code" });
    if (
      !/^https?:\/\//.test(redirectUri) ||
      (this.options.redirectUris.length > 0 && !this.options.redirectUris.includes(redirectUri))
    )
      return json(res, 400, {
        error: "invalid_request",
        error_description: "redirect_uri is not registered",
      });
    if (req.method !== "POST") return page(res, params, "");
    if (
      params.get("username") !== this.options.username ||
      params.get("password") !== this.options.password
    )
      return page(res, params, "Wrong user name or password.");
    const target = new URL(redirectUri);
    target.searchParams.set("code", this.issueCode(redirectUri));
    target.searchParams.set("state", state);
    res.writeHead(302, { location: target.toString() });
    res.end();
  }

  /** POST /oauth/token: authorization_code and refresh_token grants. */
  async token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readText(req));
    let clientId = form.get("client_id");
    let clientSecret = form.get("client_secret");
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? "");
    if (basic) {
      const [id, secret] = Buffer.from(basic[1]!, "base64").toString("utf8").split(":");
      clientId = decodeURIComponent(id ?? "");
      clientSecret = decodeURIComponent(secret ?? "");
    }
    if (clientId !== this.options.clientId || !same(clientSecret ?? "", this.options.clientSecret))
      return json(res, 401, { error: "invalid_client" });
    const grantType = form.get("grant_type") ?? "";
    this.grants.push(grantType);
    let username: string | undefined;
    if (grantType === "authorization_code") {
      const code = this.#codes.get(form.get("code") ?? "");
      this.#codes.delete(form.get("code") ?? "");
      if (!code || code.expiresAt < Date.now() || code.redirectUri !== form.get("redirect_uri"))
        return json(res, 400, { error: "invalid_grant" });
      username = code.username;
    } else if (grantType === "refresh_token") {
      const token = form.get("refresh_token") ?? "";
      username = this.#refresh.get(token);
      this.#refresh.delete(token);
      if (!username) return json(res, 400, { error: "invalid_grant" });
    } else return json(res, 400, { error: "unsupported_grant_type" });
    const access = `at-${randomBytes(16).toString("hex")}`;
    const refresh = `rt-${randomBytes(16).toString("hex")}`;
    this.#access.set(access, {
      username,
      expiresAt: Date.now() + this.options.accessTokenSeconds * 1000,
    });
    this.#refresh.set(refresh, username);
    json(res, 200, {
      access_token: access,
      token_type: "Bearer",
      expires_in: this.options.accessTokenSeconds,
      refresh_token: refresh,
    });
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readText(req: IncomingMessage, limit = 16 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

function page(res: ServerResponse, params: URLSearchParams, error: string): void {
  const hidden = ["client_id", "response_type", "redirect_uri", "state", "scope"]
    .map(
      (name) =>
        `<input type="hidden" name="${name}" value="${escapeHtml(params.get(name) ?? "")}">`,
    )
    .join("");
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Sign in to Clover Home</title><h1>Clover Home</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post">${hidden}<label>User <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<button type="submit">Sign in and allow</button></form>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
