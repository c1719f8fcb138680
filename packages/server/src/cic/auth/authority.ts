// The client authorization API of cic.md §3, self-hosted: clients (client_id/secret issued by
// the admin), accounts, authorization codes, access and refresh tokens. Tokens are opaque
// random strings; only their SHA-256 hashes are stored.
import { randomBytes } from "node:crypto";
import { DeviceCodeFlow } from "./device-code.js";
import { AuthError, checkId, hashSecret, newToken, sameSecret } from "./secrets.js";
import type { AuthStore, TokenRecord } from "./store.js";

export { AuthError, hashSecret } from "./secrets.js";

export interface AuthorityOptions {
  /** Access token lifetime in seconds (cic.md §3.5 recommends 7 days). */
  accessTokenTtlSeconds?: number;
  /** Authorization code lifetime in seconds. */
  codeTtlSeconds?: number;
  /** Grace period during which a rotated refresh token still works (cic.md §3.5). */
  refreshGraceSeconds?: number;
  /** Device code lifetime in seconds (RFC 8628 device flow; default 600). */
  deviceCodeTtlSeconds?: number;
  /** Seconds a device waits between polls of a device code (default 5). */
  deviceCodeIntervalSeconds?: number;
  /**
   * Version of the terms of service every account must have accepted before a device is
   * linked to it (cic.md §3.3, 451); unset: no terms flow. Guest devices have no account and
   * are never asked.
   */
  termsVersion?: string;
  /** The terms shown on the terms page (plain text); a short built-in text when unset. */
  termsText?: string;
  now?: () => number;
}

/** What /authorize issued: the code, and whether the user must accept the terms first. */
export interface Authorization {
  code: string;
  /** The account has not accepted the current terms: answer 451 with the terms page. */
  termsRequired: boolean;
}

export interface TokenResult {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  token_type: "Bearer";
}

/** Who a valid access token belongs to. */
export interface DeviceGrant {
  userId: string;
  clientId: string;
  deviceId: string;
  modelId?: string;
  guest: boolean;
}

export class DeviceAuthority {
  private readonly accessTtl: number;
  private readonly codeTtl: number;
  private readonly refreshGrace: number;
  private readonly now: () => number;
  /** The device authorization grant (see device-code.ts). */
  readonly deviceCodes: DeviceCodeFlow;
  /** The terms of service version accounts must accept; undefined: no terms flow. */
  readonly termsVersion: string | undefined;
  readonly termsText: string;

  constructor(
    private readonly store: AuthStore,
    options: AuthorityOptions = {},
  ) {
    this.accessTtl = options.accessTokenTtlSeconds ?? 7 * 24 * 3600;
    this.codeTtl = options.codeTtlSeconds ?? 600;
    this.refreshGrace = options.refreshGraceSeconds ?? 60;
    this.now = options.now ?? Date.now;
    this.termsVersion = options.termsVersion || undefined;
    this.termsText =
      options.termsText ??
      `These are the terms of service (version ${this.termsVersion ?? "none"}) of this Clover platform. Its operator keeps what your devices send to answer your requests.`;
    this.deviceCodes = new DeviceCodeFlow(store, {
      requireClient: (clientId, clientSecret) => this.requireClient(clientId, clientSecret),
      issue: (grant) => this.issue(grant),
      now: this.now,
      ttlSeconds: options.deviceCodeTtlSeconds ?? 600,
      intervalSeconds: options.deviceCodeIntervalSeconds ?? 5,
      needsTerms: (userId) => this.needsTerms(userId),
      acceptTerms: (userId) => this.acceptTerms(userId),
    });
  }

  /** Registers a device product; the secret is returned once and stored hashed. */
  async registerClient(name: string): Promise<{ clientId: string; clientSecret: string }> {
    const clientId = randomBytes(12).toString("base64url");
    const clientSecret = newToken("cs_");
    await this.store.putClient({ clientId, name, secretHash: hashSecret(clientSecret) });
    return { clientId, clientSecret };
  }

  /** Creates a user account; its token is what a companion app presents to /authorize. */
  async createAccount(
    userId: string = `U${randomBytes(16).toString("hex")}`,
  ): Promise<{ userId: string; accountToken: string }> {
    const accountToken = newToken("acc_");
    await this.store.putAccount({ userId, tokenHash: hashSecret(accountToken) });
    return { userId, accountToken };
  }

  private async requireClient(clientId: string | undefined, clientSecret?: string) {
    if (!clientId) throw new AuthError(400, "invalid_request", "client_id is required");
    const client = await this.store.getClient(clientId);
    if (!client) throw new AuthError(400, "invalid_client", "client_id is not registered");
    if (clientSecret !== undefined && !sameSecret(clientSecret, client.secretHash))
      throw new AuthError(400, "invalid_client", "client_secret does not match client_id");
    return client;
  }

  /** An authorization code (see `authorization`), whatever the terms. */
  async authorize(params: Parameters<DeviceAuthority["authorization"]>[0]): Promise<string> {
    return (await this.authorization(params)).code;
  }

  /**
   * GET /authorize (cic.md §3.3). `accountToken` undefined + guest → guest code (§3.8). The
   * code of an account that has not accepted the terms is issued too (451 carries it) but is
   * exchanged only once the terms are accepted.
   */
  async authorization(params: {
    clientId?: string;
    deviceId?: string;
    modelId?: string;
    accountToken?: string;
    guest: boolean;
  }): Promise<Authorization> {
    await this.requireClient(params.clientId);
    checkId("device_id", params.deviceId, true);
    checkId("model_id", params.modelId, false);
    let userId: string;
    if (params.accountToken) {
      const account = await this.store.getAccountByTokenHash(hashSecret(params.accountToken));
      if (!account)
        throw new AuthError(403, "invalid_token", "the account access token is not valid");
      userId = account.userId;
    } else if (params.guest) {
      userId = `G${hashSecret(`${params.clientId}:${params.deviceId}`).slice(0, 32)}`;
    } else {
      throw new AuthError(
        403,
        "invalid_token",
        "Authorization: Bearer <account token> is required (or request_vu=Y for guest mode)",
      );
    }
    const code = newToken("ac_");
    await this.store.putToken({
      hash: hashSecret(code),
      kind: "code",
      userId,
      clientId: params.clientId!,
      deviceId: params.deviceId!,
      ...(params.modelId ? { modelId: params.modelId } : {}),
      guest: !params.accountToken,
      expiresAt: this.now() + this.codeTtl * 1000,
    });
    return { code, termsRequired: !!params.accountToken && (await this.needsTerms(userId)) };
  }

  /** True when terms are configured and this account has not accepted their version. */
  async needsTerms(userId: string): Promise<boolean> {
    if (!this.termsVersion) return false;
    return !(await this.store.hasAcceptedTerms(userId, this.termsVersion));
  }

  /** Records that a user accepted the current terms (no-op without a terms version). */
  async acceptTerms(userId: string): Promise<void> {
    if (this.termsVersion) await this.store.acceptTerms(userId, this.termsVersion, this.now());
  }

  /**
   * The account behind an authorization code that is still waiting to be exchanged (the terms
   * page shows and records the choice for it); undefined when unknown, used or expired.
   */
  async codeOwner(
    code: string | undefined,
  ): Promise<{ userId: string; guest: boolean } | undefined> {
    const record = await this.live(code, "code");
    return record && { userId: record.userId, guest: record.guest };
  }

  private async issue(grant: DeviceGrant): Promise<TokenResult> {
    const accessToken = newToken("cv_at_");
    const refreshToken = newToken("cv_rt_");
    const base = { ...grant, ...(grant.modelId ? { modelId: grant.modelId } : {}) };
    await this.store.putToken({
      ...base,
      hash: hashSecret(accessToken),
      kind: "access",
      expiresAt: this.now() + this.accessTtl * 1000,
    });
    await this.store.putToken({ ...base, hash: hashSecret(refreshToken), kind: "refresh" });
    return {
      access_token: accessToken,
      expires_in: this.accessTtl,
      refresh_token: refreshToken,
      token_type: "Bearer",
    };
  }

  private async live(
    value: string | undefined,
    kind: TokenRecord["kind"],
  ): Promise<TokenRecord | undefined> {
    if (!value) return undefined;
    const record = await this.store.getToken(hashSecret(value));
    if (!record || record.kind !== kind) return undefined;
    if (record.expiresAt !== undefined && record.expiresAt <= this.now()) return undefined;
    return record;
  }

  /** GET /token?grant_type=authorization_code (cic.md §3.4). Codes are single-use. */
  async exchangeCode(params: {
    clientId?: string;
    clientSecret?: string;
    code?: string;
    deviceId?: string;
  }): Promise<TokenResult> {
    await this.requireClient(params.clientId, params.clientSecret ?? "");
    const record = await this.live(params.code, "code");
    if (!record || record.clientId !== params.clientId)
      throw new AuthError(400, "invalid_grant", "code is unknown, expired or already used");
    if (params.deviceId && params.deviceId !== record.deviceId)
      throw new AuthError(
        400,
        "invalid_grant",
        "device_id does not match the one the code was issued for",
      );
    if (!record.guest && (await this.needsTerms(record.userId)))
      throw new AuthError(
        400,
        "terms_not_agreed",
        "the account has not accepted the terms of service: open the redirect_uri /authorize answered with (451) first",
      );
    // Consumed by exactly one of several exchanges racing with the same code.
    if (!(await this.store.deleteToken(record.hash)))
      throw new AuthError(400, "invalid_grant", "code is unknown, expired or already used");
    return this.issue(record);
  }

  /** GET /token?grant_type=refresh_token (cic.md §3.6): rotates the refresh token. */
  async refresh(params: {
    clientId?: string;
    clientSecret?: string;
    refreshToken?: string;
    deviceId?: string;
  }): Promise<TokenResult> {
    await this.requireClient(params.clientId, params.clientSecret ?? "");
    const record = await this.live(params.refreshToken, "refresh");
    if (!record || record.clientId !== params.clientId)
      throw new AuthError(400, "invalid_grant", "refresh_token is unknown or revoked");
    // Optional (§3.6), but when given it must be the device the token was issued to.
    if (params.deviceId && params.deviceId !== record.deviceId)
      throw new AuthError(
        400,
        "invalid_grant",
        "device_id does not match the one the refresh_token was issued for",
      );
    await this.store.putToken({ ...record, expiresAt: this.now() + this.refreshGrace * 1000 });
    return this.issue(record);
  }

  /** GET /token?grant_type=delete (cic.md §3.7). */
  async revoke(params: {
    clientId?: string;
    clientSecret?: string;
    accessToken?: string;
    deviceId?: string;
  }) {
    await this.requireClient(params.clientId, params.clientSecret ?? "");
    if (!params.deviceId) throw new AuthError(400, "invalid_request", "device_id is required");
    const record = await this.live(params.accessToken, "access");
    if (!record || record.clientId !== params.clientId)
      throw new AuthError(400, "invalid_grant", "access_token is unknown or already deleted");
    // Only the token's own device may delete it: 401 when device_id does not match (§3.7).
    if (record.deviceId !== params.deviceId)
      throw new AuthError(401, "invalid_grant", "device_id is not the device of access_token");
    // Deleting a device's token logs the device out: its refresh tokens go with it, so the
    // deleted grant cannot be renewed (cic.md §3.5 "valid until explicitly deleted").
    await this.store.deleteToken(record.hash);
    await this.store.deleteGrant(record);
    const expiresIn = Math.max(
      0,
      Math.round(((record.expiresAt ?? this.now()) - this.now()) / 1000),
    );
    return { access_token: params.accessToken!, client_id: record.clientId, expires_in: expiresIn };
  }

  /** The user an account token belongs to; undefined when unknown. */
  async verifyAccountToken(token: string | undefined): Promise<string | undefined> {
    if (!token) return undefined;
    return (await this.store.getAccountByTokenHash(hashSecret(token)))?.userId;
  }

  /** Checks a CIC bearer token; undefined when missing, unknown or expired. */
  async verifyAccessToken(token: string | undefined): Promise<DeviceGrant | undefined> {
    const record = await this.live(token, "access");
    if (!record) return undefined;
    return {
      userId: record.userId,
      clientId: record.clientId,
      deviceId: record.deviceId,
      guest: record.guest,
      ...(record.modelId ? { modelId: record.modelId } : {}),
    };
  }
}
