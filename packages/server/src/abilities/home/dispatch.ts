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

export class HomeSender {
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
  ): Promise<SendResult> {
    const extension = this.registry.get(extensionId);
    const settings = extension?.accountLinking;
    if (!extension || !settings) return { outcome: { kind: "unlinked" }, exchanges: [] };
    let token = await this.linking.accessToken(extensionId, settings, userId);
    if (!token) return { outcome: { kind: "unlinked" }, exchanges: [] };
    const exchanges: HomeExchange[] = [];
    let exchange = await this.client.send(extension, name, { accessToken: token, ...payload });
    exchanges.push(exchange);
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
}
