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

export interface AuthStore {
  putClient(client: ClientRecord): Promise<void>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
  putAccount(account: AccountRecord): Promise<void>;
  getAccountByTokenHash(tokenHash: string): Promise<AccountRecord | undefined>;
  putToken(token: TokenRecord): Promise<void>;
  getToken(hash: string): Promise<TokenRecord | undefined>;
  deleteToken(hash: string): Promise<void>;
}

export class MemoryAuthStore implements AuthStore {
  private readonly clients = new Map<string, ClientRecord>();
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly tokens = new Map<string, TokenRecord>();

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
    this.tokens.delete(hash);
  }
}
