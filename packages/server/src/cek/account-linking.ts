// Account linking with OAuth 2.0 authorization code grant (cek-custom-extension.md §8):
// authorization URL with a 5-minute `state`, the platform's redirect endpoint exchanging the
// code, encrypted token storage, and refresh shortly before expiry.
import { randomBytes } from "node:crypto";
import { Agent, request } from "undici";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../api/json-depth.js";
import type { AccountLinkStore, LinkedTokens } from "../store/account-links.js";
import type { AccountLinkingSettings } from "../store/extensions.js";
import { OutboundGuard } from "./outbound-policy.js";

/** §8.4: the state expires after 5 minutes. */
export const STATE_LIFETIME_MS = 5 * 60 * 1000;
/** Refresh this long before the stated expiry. */
const REFRESH_MARGIN_MS = 60 * 1000;
/** Largest token endpoint answer read (a token response is a few hundred bytes). */
export const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;
export const REDIRECT_PATH = "/v1/al/token/";

export class AccountLinkingError extends Error {
  constructor(
    message: string,
    readonly code: "invalid_state" | "token_request_failed" | "not_configured",
  ) {
    super(message);
    this.name = "AccountLinkingError";
  }
}

interface TokenResponse {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
}

export type LinkListener = (extensionId: string, userId: string) => Promise<void> | void;

export class AccountLinking {
  readonly #refreshing = new Map<string, Promise<string | undefined>>();
  /** Called once a user's account is linked (home discovery runs right after, §12.1). */
  readonly linked = new Set<LinkListener>();
  /** Called once a user's link is removed (a home extension's devices go with it). */
  readonly unlinked = new Set<LinkListener>();

  /** Connections to token endpoints resolve names through the outbound policy. */
  readonly #guarded: Agent;

  constructor(
    private readonly links: AccountLinkStore,
    /** The platform's public base URL, read when the redirect URL is needed. */
    private readonly publicUrl: string | (() => string),
    private readonly timeoutMs: number,
    private readonly guard: OutboundGuard = new OutboundGuard({ networks: "public" }),
  ) {
    this.#guarded = new Agent({ connect: { lookup: guard.lookup }, keepAliveTimeout: 1000 });
  }

  get redirectUri(): string {
    const base = typeof this.publicUrl === "string" ? this.publicUrl : this.publicUrl();
    return base + REDIRECT_PATH;
  }

  /** §8.3 step 3: the login URL the app opens for this user. */
  async authorizationUrl(extensionId: string, settings: AccountLinkingSettings, userId: string) {
    const state = randomBytes(18).toString("base64url");
    await this.links.addState(state, extensionId, userId);
    const url = new URL(settings.authorizationUrl);
    url.searchParams.set("state", state);
    url.searchParams.set("client_id", settings.clientId);
    url.searchParams.set("response_type", "code");
    if (settings.scopes.length > 0) url.searchParams.set("scope", settings.scopes.join(" "));
    url.searchParams.set("redirect_uri", this.redirectUri);
    return { url: url.toString().replaceAll("+", "%20"), state };
  }

  /** §8.5: the redirect carried `state` and `code`; resolves to who got linked. */
  async completeRedirect(
    state: string,
    code: string,
    settingsOf: (extensionId: string) => AccountLinkingSettings | undefined,
  ): Promise<{ extensionId: string; userId: string }> {
    const pending = await this.links.takeState(state, STATE_LIFETIME_MS);
    if (!pending)
      throw new AccountLinkingError(
        "unknown or expired state (it lives 5 minutes)",
        "invalid_state",
      );
    const settings = settingsOf(pending.extensionId);
    if (!settings)
      throw new AccountLinkingError(
        `extension ${pending.extensionId} has no account linking`,
        "not_configured",
      );
    const tokens = await this.#tokenRequest(settings, settings.accessTokenUri, {
      grant_type: "authorization_code",
      code,
      redirect_uri: this.redirectUri,
    });
    await this.links.put(pending.extensionId, pending.userId, tokens);
    for (const listener of this.linked) await listener(pending.extensionId, pending.userId);
    return pending;
  }

  /**
   * The access token to send (§8.7), refreshed first when it is about to expire (§8.6).
   * undefined: not linked, or the refresh was refused (the link is then removed).
   */
  async accessToken(
    extensionId: string,
    settings: AccountLinkingSettings,
    userId: string,
  ): Promise<string | undefined> {
    const tokens = await this.links.get(extensionId, userId);
    if (!tokens) return undefined;
    if (tokens.expiresAt === undefined || tokens.expiresAt - REFRESH_MARGIN_MS > Date.now())
      return tokens.accessToken;
    if (!tokens.refreshToken) {
      await this.links.delete(extensionId, userId);
      return undefined;
    }
    return this.#refreshOnce(extensionId, settings, userId, tokens.refreshToken);
  }

  async unlink(extensionId: string, userId: string): Promise<boolean> {
    const removed = await this.links.delete(extensionId, userId);
    for (const listener of this.unlinked) await listener(extensionId, userId);
    return removed;
  }

  /** Drops the tokens but keeps what was linked to them (a revoked link, §8.2 of the Home spec). */
  async dropTokens(extensionId: string, userId: string): Promise<boolean> {
    return this.links.delete(extensionId, userId);
  }

  /** Whether the user has tokens for the extension. */
  async isLinked(extensionId: string, userId: string): Promise<boolean> {
    return (await this.links.get(extensionId, userId)) !== undefined;
  }

  /**
   * Refreshes now, whatever the stated expiry (an extension answered ExpiredAccessTokenError,
   * cek-home-extension.md §8.2). undefined: no refresh token, or refused (link removed).
   */
  async refreshNow(
    extensionId: string,
    settings: AccountLinkingSettings,
    userId: string,
  ): Promise<string | undefined> {
    const tokens = await this.links.get(extensionId, userId);
    if (!tokens?.refreshToken) return undefined;
    return this.#refreshOnce(extensionId, settings, userId, tokens.refreshToken);
  }

  /** One refresh at a time per link, even with concurrent turns: later callers share it. */
  #refreshOnce(
    extensionId: string,
    settings: AccountLinkingSettings,
    userId: string,
    refreshToken: string,
  ): Promise<string | undefined> {
    const key = `${extensionId}\u0000${userId}`;
    let running = this.#refreshing.get(key);
    if (!running) {
      running = this.#refresh(extensionId, settings, userId, refreshToken).finally(() =>
        this.#refreshing.delete(key),
      );
      this.#refreshing.set(key, running);
    }
    return running;
  }

  async #refresh(
    extensionId: string,
    settings: AccountLinkingSettings,
    userId: string,
    refreshToken: string,
  ): Promise<string | undefined> {
    try {
      const tokens = await this.#tokenRequest(
        settings,
        settings.refreshTokenUri ?? settings.accessTokenUri,
        { grant_type: "refresh_token", refresh_token: refreshToken },
      );
      tokens.refreshToken ??= refreshToken;
      await this.links.put(extensionId, userId, tokens);
      return tokens.accessToken;
    } catch {
      await this.links.delete(extensionId, userId);
      return undefined;
    }
  }

  /** RFC 6749 §4.1.3 / §6: form POST, client credentials per the chosen scheme. */
  async #tokenRequest(
    settings: AccountLinkingSettings,
    uri: string,
    fields: Record<string, string>,
  ): Promise<LinkedTokens> {
    const form = new URLSearchParams(fields);
    const headers: Record<string, string> = {
      "content-type": "application/x-www-form-urlencoded",
      accept: "application/json",
    };
    if (settings.clientAuthentication === "basic") {
      const pair = `${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString("base64")}`;
    } else {
      form.set("client_id", settings.clientId);
      form.set("client_secret", settings.clientSecret);
    }
    const refused = this.guard.refused(uri);
    if (refused)
      throw new AccountLinkingError(
        `token endpoint ${uri} refused by the outbound policy: ${refused}`,
        "token_request_failed",
      );
    let status: number;
    let answer: TokenAnswer;
    try {
      const response = await request(uri, {
        method: "POST",
        headers,
        body: form.toString(),
        signal: AbortSignal.timeout(this.timeoutMs),
        ...(this.guard.trusted(uri) ? {} : { dispatcher: this.#guarded }),
      });
      status = response.statusCode;
      answer = await readTokenResponse(response.body);
    } catch (error) {
      throw new AccountLinkingError(
        `token endpoint ${uri} unreachable: ${(error as Error).message}`,
        "token_request_failed",
      );
    }
    if ("problem" in answer)
      throw new AccountLinkingError(
        `token endpoint ${uri} answered ${status} with ${answer.problem}`,
        "token_request_failed",
      );
    const body = answer.body;
    if (status !== 200 || typeof body.access_token !== "string" || body.access_token === "")
      throw new AccountLinkingError(
        `token endpoint ${uri} answered ${status} without an access_token`,
        "token_request_failed",
      );
    const tokens: LinkedTokens = { accessToken: body.access_token };
    if (typeof body.refresh_token === "string") tokens.refreshToken = body.refresh_token;
    const expiresIn = Number(body.expires_in);
    if (Number.isFinite(expiresIn) && expiresIn > 0)
      tokens.expiresAt = Date.now() + expiresIn * 1000;
    return tokens;
  }
}

type TokenAnswer = { body: TokenResponse } | { problem: string };

/**
 * The token endpoint's answer, read up to MAX_TOKEN_RESPONSE_BYTES: its JSON object, or what is
 * wrong with it (too large, nested past MAX_JSON_DEPTH, not JSON). An error answer that is not
 * JSON reads as an empty object (its status says what went wrong).
 */
async function readTokenResponse(body: AsyncIterable<Buffer>): Promise<TokenAnswer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    // Leaving the loop early destroys the body: the rest is never read.
    if (size > MAX_TOKEN_RESPONSE_BYTES)
      return { problem: `a body larger than ${MAX_TOKEN_RESPONSE_BYTES} bytes` };
    chunks.push(chunk);
  }
  const bytes = Buffer.concat(chunks);
  if (nestsDeeperThan(bytes))
    return { problem: `JSON nesting arrays and objects deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    const parsed: unknown = JSON.parse(bytes.toString("utf8"));
    return { body: typeof parsed === "object" && parsed !== null ? (parsed as TokenResponse) : {} };
  } catch {
    return { body: {} };
  }
}
