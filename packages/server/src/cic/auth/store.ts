// Where device credentials live. Only hashes of secrets and tokens are stored (cic.md §3.5).
export interface ClientRecord {
  clientId: string;
  secretHash: string;
  name: string;
}

export interface AccountRecord {
  userId: string;
  /** Hash of the account token a companion app presents to /authorize. */
  tokenHash: string;
}

export type TokenKind = "code" | "access" | "refresh";

export interface TokenRecord {
  hash: string;
  kind: TokenKind;
  userId: string;
  clientId: string;
  deviceId: string;
  modelId?: string;
  guest: boolean;
  /** Epoch milliseconds; `undefined` never expires. */
  expiresAt?: number;
}

/** A pending device authorization (RFC 8628 device code flow); both codes stored hashed. */
export interface DeviceCodeRecord {
  deviceCodeHash: string;
  /** Hash of the normalized user code (8 letters, no dash). */
  userCodeHash: string;
  clientId: string;
  deviceId: string;
  modelId?: string;
  status: "pending" | "approved" | "denied";
  /** Set when approved. */
  userId?: string;
  /** Seconds the device must wait between polls (grows with each slow_down). */
  interval: number;
  /** Epoch milliseconds of the latest poll. */
  lastPolledAt?: number;
  expiresAt: number;
}

export interface AuthStore {
  putClient(client: ClientRecord): Promise<void>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
  putAccount(account: AccountRecord): Promise<void>;
  getAccountByTokenHash(tokenHash: string): Promise<AccountRecord | undefined>;
  putToken(token: TokenRecord): Promise<void>;
  getToken(hash: string): Promise<TokenRecord | undefined>;
  /** Deletes a token; true only for the one caller that deleted it (single use). */
  deleteToken(hash: string): Promise<boolean>;
  /** Deletes every access and refresh token of one device's grant (client, device, user). */
  deleteGrant(grant: Pick<TokenRecord, "clientId" | "deviceId" | "userId">): Promise<void>;
  /** Inserts a device code, first dropping those that expired before `purgeBefore`. */
  putDeviceCode(record: DeviceCodeRecord, purgeBefore: number): Promise<void>;
  getDeviceCode(deviceCodeHash: string): Promise<DeviceCodeRecord | undefined>;
  getDeviceCodeByUserCode(userCodeHash: string): Promise<DeviceCodeRecord | undefined>;
  /** Records a poll: its time and the (possibly raised) interval. */
  touchDeviceCode(deviceCodeHash: string, lastPolledAt: number, interval: number): Promise<void>;
  /** Approves or denies a pending code; false when it was no longer pending. */
  settleDeviceCode(
    deviceCodeHash: string,
    status: "approved" | "denied",
    userId?: string,
  ): Promise<boolean>;
  /** Deletes a code; true only for the one caller that deleted it (single use). */
  takeDeviceCode(deviceCodeHash: string): Promise<boolean>;
  /** Records that a user accepted a version of the terms of service (idempotent). */
  acceptTerms(userId: string, version: string, at: number): Promise<void>;
  hasAcceptedTerms(userId: string, version: string): Promise<boolean>;
}

export class MemoryAuthStore implements AuthStore {
  private readonly clients = new Map<string, ClientRecord>();
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly deviceCodes = new Map<string, DeviceCodeRecord>();
  private readonly terms = new Set<string>();

  async putClient(client: ClientRecord) {
    this.clients.set(client.clientId, client);
  }
  async getClient(clientId: string) {
    return this.clients.get(clientId);
  }
  async putAccount(account: AccountRecord) {
    this.accounts.set(account.tokenHash, account);
  }
  async getAccountByTokenHash(tokenHash: string) {
    return this.accounts.get(tokenHash);
  }
  async putToken(token: TokenRecord) {
    this.tokens.set(token.hash, token);
  }
  async getToken(hash: string) {
    return this.tokens.get(hash);
  }
  async deleteToken(hash: string) {
    return this.tokens.delete(hash);
  }
  async deleteGrant(grant: Pick<TokenRecord, "clientId" | "deviceId" | "userId">) {
    for (const [hash, token] of this.tokens)
      if (
        token.kind !== "code" &&
        token.clientId === grant.clientId &&
        token.deviceId === grant.deviceId &&
        token.userId === grant.userId
      )
        this.tokens.delete(hash);
  }
  async putDeviceCode(record: DeviceCodeRecord, purgeBefore: number) {
    for (const [hash, old] of this.deviceCodes)
      if (old.expiresAt < purgeBefore) this.deviceCodes.delete(hash);
    this.deviceCodes.set(record.deviceCodeHash, { ...record });
  }
  async getDeviceCode(deviceCodeHash: string) {
    const record = this.deviceCodes.get(deviceCodeHash);
    return record && { ...record };
  }
  async getDeviceCodeByUserCode(userCodeHash: string) {
    for (const record of this.deviceCodes.values())
      if (record.userCodeHash === userCodeHash) return { ...record };
    return undefined;
  }
  async touchDeviceCode(deviceCodeHash: string, lastPolledAt: number, interval: number) {
    const record = this.deviceCodes.get(deviceCodeHash);
    if (record) Object.assign(record, { lastPolledAt, interval });
  }
  async settleDeviceCode(deviceCodeHash: string, status: "approved" | "denied", userId?: string) {
    const record = this.deviceCodes.get(deviceCodeHash);
    if (record?.status !== "pending") return false;
    record.status = status;
    if (userId !== undefined) record.userId = userId;
    return true;
  }
  async takeDeviceCode(deviceCodeHash: string) {
    return this.deviceCodes.delete(deviceCodeHash);
  }
  async acceptTerms(userId: string, version: string) {
    this.terms.add(`${userId}\u0000${version}`);
  }
  async hasAcceptedTerms(userId: string, version: string) {
    return this.terms.has(`${userId}\u0000${version}`);
  }
}
