// One HTTP server for the whole vendor side: the Clova Home endpoint (POST /clova) and the
// OAuth 2.0 authorization server (/oauth/authorize, /oauth/token).
import { createServer, type Server } from "node:http";
import { toHomeNodeListener } from "@clover/sdk";
import { createHomeExampleExtension, type HomeExample } from "./extension.js";
import { type OAuthOptions, OAuthServer } from "./oauth.js";

export interface HomeExampleServerOptions {
  port?: number;
  host?: string;
  /** The platform's public key: requests must carry its SignatureCEK. */
  publicKey?: string;
  oauth?: Partial<OAuthOptions>;
}

export interface HomeExampleServer extends HomeExample {
  server: Server;
  /** Base URL, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The extension endpoint to register (…/clova). */
  endpointUrl: string;
  oauth: OAuthServer;
  /** Account-linking settings to register with the platform (§10.1). */
  accountLinking: {
    authorizationUrl: string;
    accessTokenUri: string;
    clientId: string;
    clientSecret: string;
    clientAuthentication: "basic";
    scopes: string[];
  };
  close(): Promise<void>;
}

export const HOME_EXAMPLE_ID = "com.clover.example.home";

export async function startHomeExample(
  options: HomeExampleServerOptions = {},
): Promise<HomeExampleServer> {
  const oauth = new OAuthServer({
    clientId: "clover-platform",
    clientSecret: "clover-home-secret",
    username: "home",
    password: "home",
    accessTokenSeconds: 3600,
    redirectUris: [],
    ...options.oauth,
  });
  const example = createHomeExampleExtension({
    oauth,
    ...(options.publicKey ? { verification: { publicKey: options.publicKey } } : {}),
  });
  const clova = toHomeNodeListener(example.extension);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const fail = (error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "invalid_request", error_description: String(error) }));
    };
    if (url.pathname === "/oauth/authorize") return void oauth.authorize(req, res, url).catch(fail);
    if (url.pathname === "/oauth/token" && req.method === "POST")
      return void oauth.token(req, res).catch(fail);
    if (url.pathname === "/clova") return clova(req, res);
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "not_found" }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as { port: number };
  const host = options.host && options.host !== "0.0.0.0" ? options.host : "127.0.0.1";
  const url = `http://${host}:${address.port}`;
  return {
    ...example,
    server,
    url,
    endpointUrl: `${url}/clova`,
    oauth,
    accountLinking: {
      authorizationUrl: `${url}/oauth/authorize`,
      accessTokenUri: `${url}/oauth/token`,
      clientId: oauth.options.clientId,
      clientSecret: oauth.options.clientSecret,
      clientAuthentication: "basic",
      scopes: ["home"],
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
