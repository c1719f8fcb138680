// Sends home requests for a user (cek-home-extension.md §15.2 steps 5–9): a fresh access token
// (refreshed before expiry), the request with `additionalApplianceDetails` echoed, and the
// side effects of errors — ExpiredAccessTokenError refreshes and retries once,
// InvalidAccessTokenError drops the tokens, NoSuchTargetError rediscovers.
import type { HomeRequestName } from "@clover/protocol";
import type { Logger } from "pino";
import type { AccountLinking } from "../../cek/account-linking.js";
import type { HomeClient, HomeExchange, HomeOutcome } from "../../cek/home/client.js";
import type { ExtensionRegistry } from "../../cek/registry.js";

export interface SendResult {
  outcome: HomeOutcome | { kind: "unlinked" };
  exchanges: HomeExchange[];
}

/** Tokens looked up once for the requests of one command (a group sends many). */
export type TokenMemo = Map<string, Promise<string | undefined>>;

/** How many devices' answer times are remembered (the oldest are forgotten first). */
const REMEMBERED_DEVICES = 10_000;

export class HomeSender {
  /** Smoothed answer time per device (extensionId + applianceId), for ordering groups. */
  readonly #answerMs = new Map<string, number>();

  constructor(
    private readonly registry: ExtensionRegistry,
    private readonly linking: AccountLinking,
    private readonly client: HomeClient,
    private readonly log: Logger,
    private readonly onNoSuchTarget: (extensionId: string, userId: string) => Promise<void>,
  ) {}

  /** `payload` without accessToken; it is added here. */
  async send(
    extensionId: string,
    userId: string,
    name: HomeRequestName,
    payload: Record<string, unknown>,
    tokens?: TokenMemo,
  ): Promise<SendResult> {
    const extension = this.registry.get(extensionId);
    const settings = extension?.accountLinking;
    if (!extension || !settings) return { outcome: { kind: "unlinked" }, exchanges: [] };
    const key = `${extensionId}\u0000${userId}`;
    let lookup = tokens?.get(key);
    if (!lookup) {
      lookup = this.linking.accessToken(extensionId, settings, userId);
      tokens?.set(key, lookup);
    }
    let token = await lookup;
    if (!token) return { outcome: { kind: "unlinked" }, exchanges: [] };
    const exchanges: HomeExchange[] = [];
    let exchange = await this.client.send(extension, name, { accessToken: token, ...payload });
    exchanges.push(exchange);
    const applianceId = (payload.appliance as { applianceId?: string } | undefined)?.applianceId;
    if (applianceId !== undefined) this.#remember(extensionId, applianceId, exchange.durationMs);
    const errorName = () => (exchange.outcome.kind === "error" ? exchange.outcome.name : "");
    if (errorName() === "ExpiredAccessTokenError") {
      // §8.2 suggestion: refresh, then retry once (the extension did not act).
      token = await this.linking.refreshNow(extensionId, settings, userId);
      if (token) {
        exchange = await this.client.send(extension, name, { accessToken: token, ...payload });
        exchanges.push(exchange);
      }
    }
    if (errorName() === "InvalidAccessTokenError") {
      // Marked broken: no more requests until the user links again (§8.2).
      await this.linking.dropTokens(extensionId, userId);
      this.log.info({ extensionId, userId }, "home link revoked by the extension");
    }
    if (errorName() === "NoSuchTargetError") await this.onNoSuchTarget(extensionId, userId);
    return { outcome: exchange.outcome, exchanges };
  }

  /**
   * The device's usual answer time (0 when never asked). A group sends to the slowest
   * devices first: each request waits for its signature, so the wait then falls on the fast
   * ones, which still finish before the slowest (§9.4 fan-out).
   */
  expectedMs(extensionId: string, applianceId: string): number {
    return this.#answerMs.get(`${extensionId}\u0000${applianceId}`) ?? 0;
  }

  #remember(extensionId: string, applianceId: string, ms: number): void {
    const key = `${extensionId}\u0000${applianceId}`;
    const before = this.#answerMs.get(key);
    this.#answerMs.delete(key);
    this.#answerMs.set(key, before === undefined ? ms : before * 0.7 + ms * 0.3);
    if (this.#answerMs.size > REMEMBERED_DEVICES)
      this.#answerMs.delete(this.#answerMs.keys().next().value!);
  }
}
