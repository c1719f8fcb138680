// A small real OAuth 2.0 authorization server (RFC 6749 §4.1): a login endpoint that redirects
// with a code, and a token endpoint for authorization_code and refresh_token grants.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";

export interface OAuthServer {
  url: string;
  /** Token requests as received (form fields + authorization header). */
  tokenRequests: { fields: Record<string, string>; authorization?: string }[];
  /** Seconds the next issued access tokens live. */
  expiresIn: number;
  /** Refresh tokens the server no longer accepts. */
  revoked: Set<string>;
  issued: string[];
  refreshIssued: string[];
  /** A body the token endpoint answers (200, JSON content type) instead of tokens; hostile tests. */
  tokenAnswer?: string;
  close(): Promise<void>;
}

export async function startOAuthServer(client: {
  id: string;
  secret: string;
}): Promise<OAuthServer> {
  const codes = new Map<string, string>();
  const refreshTokens = new Set<string>();
  const state: OAuthServer = {
    url: "",
    tokenRequests: [],
    expiresIn: 3600,
    revoked: new Set(),
    issued: [],
    refreshIssued: [],
    close: async () => {},
  };
  const issue = () => {
    const access = `at_${randomBytes(6).toString("hex")}`;
    const refresh = `rt_${randomBytes(6).toString("hex")}`;
    refreshTokens.add(refresh);
    state.issued.push(access);
    state.refreshIssued.push(refresh);
    return {
      access_token: access,
      token_type: "Bearer",
      expires_in: state.expiresIn,
      refresh_token: refresh,
    };
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === "/authorize") {
      // The user "signs in" at once: redirect back with a code and the state unchanged (§8.4).
      if (
        url.searchParams.get("client_id") !== client.id ||
        url.searchParams.get("response_type") !== "code"
      )
        return json(400, { error: "invalid_request" });
      const code = `code_${randomBytes(6).toString("hex")}`;
      codes.set(code, url.searchParams.get("redirect_uri") ?? "");
      const target = new URL(url.searchParams.get("redirect_uri")!);
      target.searchParams.set("state", url.searchParams.get("state") ?? "");
      target.searchParams.set("code", code);
      res.writeHead(302, { location: target.toString() });
      return res.end();
    }
    if (url.pathname === "/token" && req.method === "POST") {
      let body = "";
      for await (const chunk of req) body += chunk;
      const fields = Object.fromEntries(new URLSearchParams(body));
      state.tokenRequests.push({
        fields,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      const expected = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString("base64")}`;
      const bodyAuth = fields.client_id === client.id && fields.client_secret === client.secret;
      if (req.headers.authorization !== expected && !bodyAuth)
        return json(401, { error: "invalid_client" });
      if (state.tokenAnswer !== undefined) {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(state.tokenAnswer);
      }
      if (fields.grant_type === "authorization_code") {
        if (
          !fields.code ||
          !codes.has(fields.code) ||
          codes.get(fields.code) !== fields.redirect_uri
        )
          return json(400, { error: "invalid_grant" });
        codes.delete(fields.code);
        return json(200, issue());
      }
      if (fields.grant_type === "refresh_token") {
        const token = fields.refresh_token ?? "";
        if (!refreshTokens.has(token) || state.revoked.has(token))
          return json(400, { error: "invalid_grant" });
        return json(200, issue());
      }
      return json(400, { error: "unsupported_grant_type" });
    }
    json(404, { error: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  state.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return state;
}
