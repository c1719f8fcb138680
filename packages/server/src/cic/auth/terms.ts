// The terms-of-service page of the client auth API (cic.md §3.3). /authorize answers 451 with
// a redirect_uri to GET /terms?code=…&state=…; the page shows the terms with a box to tick and
// Accept/Decline buttons; POST /terms records the choice for the code's account and redirects
// (302) to clova://agreement-success, clova://agreement-failure?error=<reason>, or, when the
// caller added its own redirect_uri when opening the page, to
// https://<redirect_uri>?code=…&state=…[&error=<reason>].
//   GET /api/v1/terms → {version, text} (version null without a terms flow), for the console.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { DeviceAuthority } from "./authority.js";
import { authParameters } from "./routes.js";

type Request = IncomingMessage | Http2ServerRequest;
type Response = ServerResponse | Http2ServerResponse;

export const TERMS_PATH = "/terms";
export const TERMS_API_PATH = "/api/v1/terms";

/** Reasons of clova://agreement-failure (cic.md §3.3). */
type Failure = "server_error" | "terms_not_agreed" | "user-disagreement";

/** A caller's own redirect_uri: a host (and port) with an optional path, no scheme. */
const CALLER_REDIRECT =
  /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?(\/[A-Za-z0-9._~!$'()*+,;=:@%/-]{0,1024})?$/;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

function page(res: Response, status: number, title: string, body: string): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy":
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:2em auto;padding:0 1em}
.terms{white-space:pre-wrap;border:1px solid #ccc;padding:1em;max-height:50vh;overflow:auto}
button{font:inherit;padding:.4em 1.2em;margin-right:.5em}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`);
}

function redirect(res: Response, location: string): void {
  res.writeHead(302, { location, "cache-control": "no-store" }).end();
}

/** Where the outcome goes: the caller's page, or the clova:// scheme the spec names. */
function outcome(
  res: Response,
  params: { code: string; state: string; callerRedirect: string | undefined },
  failure?: Failure,
): void {
  if (params.callerRedirect) {
    const query = new URLSearchParams({ code: params.code, state: params.state });
    if (failure) query.set("error", failure);
    redirect(res, `https://${params.callerRedirect}?${query}`);
    return;
  }
  redirect(
    res,
    failure ? `clova://agreement-failure?error=${failure}` : "clova://agreement-success",
  );
}

/** Answers GET|POST /terms and GET /api/v1/terms; false when the path is neither. */
export async function handleTerms(
  authority: DeviceAuthority,
  req: Request,
  res: Response,
): Promise<boolean> {
  const path = (req.url ?? "/").split("?")[0];
  if (path === TERMS_API_PATH) {
    req.resume();
    const status = req.method === "GET" ? 200 : 405;
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(
      JSON.stringify(
        status === 405
          ? { error: { code: "method_not_allowed", message: `${TERMS_API_PATH} expects GET` } }
          : authority.termsVersion
            ? { version: authority.termsVersion, text: authority.termsText }
            : { version: null, text: null },
      ),
    );
    return true;
  }
  if (path !== TERMS_PATH) return false;
  if (req.method !== "GET" && req.method !== "POST") {
    req.resume();
    page(res, 405, "Method not allowed", "<p>The terms page answers GET and POST.</p>");
    return true;
  }
  let params: URLSearchParams;
  try {
    params = await authParameters(req);
  } catch {
    page(res, 400, "Request too large", "<p>The form sent was too large.</p>");
    return true;
  }
  const code = params.get("code") ?? "";
  const state = params.get("state") ?? "";
  const callerRedirect = params.get("redirect_uri") || undefined;
  if (callerRedirect !== undefined && !CALLER_REDIRECT.test(callerRedirect)) {
    page(
      res,
      400,
      "Invalid redirect_uri",
      "<p>redirect_uri must be a host name with an optional path, without a scheme (the result is sent to https://&lt;redirect_uri&gt;).</p>",
    );
    return true;
  }
  const owner = await authority.codeOwner(code);
  if (!owner) {
    page(
      res,
      400,
      "This link is no longer valid",
      "<p>The authorization code is unknown, expired or already used. Start linking the device again.</p>",
    );
    return true;
  }
  const target = { code, state, callerRedirect };
  try {
    if (owner.guest || !(await authority.needsTerms(owner.userId))) {
      outcome(res, target);
      return true;
    }
    if (req.method === "GET") {
      const hidden = Object.entries({ code, state, redirect_uri: callerRedirect ?? "" })
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
        .join("");
      page(
        res,
        200,
        "Terms of service",
        `<p>Version ${escapeHtml(authority.termsVersion ?? "")}. Read the terms, then accept them to link your device.</p>
<div class="terms">${escapeHtml(authority.termsText)}</div>
<form method="post" action="${TERMS_PATH}">${hidden}
<p><label><input type="checkbox" name="agree" value="yes"> I have read and accept the terms of service</label></p>
<p><button type="submit" name="decision" value="accept">Accept</button><button type="submit" name="decision" value="decline">Decline</button></p>
</form>`,
      );
      return true;
    }
    if (params.get("decision") !== "accept") outcome(res, target, "user-disagreement");
    else if (params.get("agree") !== "yes") outcome(res, target, "terms_not_agreed");
    else {
      await authority.acceptTerms(owner.userId);
      outcome(res, target);
    }
  } catch {
    if (!res.headersSent) outcome(res, target, "server_error");
  }
  return true;
}
