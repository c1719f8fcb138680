// One Clova Home exchange (cek-home-extension.md §2, §3): the envelope with a fresh UUID,
// serialised once and signed by the shared CEK dispatcher (same keys, pools, deadline and
// size limit as custom requests), the answer validated by @clover/protocol by `header.name`.
import {
  buildHomeMessage,
  type HomeEnvelope,
  type HomeErrorResponse,
  type HomeRequestName,
  validateHomeResponse,
} from "@clover/protocol";
import type { Logger } from "pino";
import type { CekDispatcher } from "../dispatcher.js";

export type HomeOutcome =
  /** The success message for the request (§3.3). */
  | { kind: "success"; name: string; payload: Record<string, unknown> }
  /** An error of §8.2, or an unknown `…Error` name (handled like DriverInternalError, §8.1). */
  | { kind: "error"; name: string; payload: Record<string, unknown> }
  /** No usable answer: transport failure, timeout, non-200, not JSON, wrong name (§2.3). */
  | { kind: "failure"; message: string };

export interface HomeExchange {
  request: unknown;
  response?: unknown;
  outcome: HomeOutcome;
  durationMs: number;
}

export class HomeClient {
  constructor(
    private readonly dispatcher: CekDispatcher,
    private readonly log: Logger,
  ) {}

  /** Sends `<name>` with the payload to the extension's URL. Never throws. */
  async send(
    extension: { id: string; endpointUrl: string },
    name: HomeRequestName,
    payload: Record<string, unknown>,
  ): Promise<HomeExchange> {
    const request = buildHomeMessage(name, payload as never);
    const result = await this.dispatcher.send(
      { extensionId: extension.id, endpointUrl: extension.endpointUrl },
      request,
    );
    const context = { extensionId: extension.id, request: name, durationMs: result.durationMs };
    if (!result.ok) {
      this.log.warn({ ...context, failure: result.failure }, result.message);
      return {
        request,
        outcome: { kind: "failure", message: result.message },
        durationMs: result.durationMs,
      };
    }
    const breaker = this.dispatcher.breaker(extension.id);
    const checked = validateHomeResponse(name, result.body);
    if (!checked.ok) {
      breaker.failure();
      const message = `invalid answer to ${name}: ${checked.issues
        .slice(0, 5)
        .map((i) => i.message)
        .join("; ")}`;
      this.log.warn({ ...context, response: result.body }, message);
      return {
        request,
        response: result.body,
        outcome: { kind: "failure", message },
        durationMs: result.durationMs,
      };
    }
    breaker.success();
    const value = checked.value as HomeEnvelope | HomeErrorResponse;
    const outcome: HomeOutcome = {
      kind: checked.kind === "success" ? "success" : "error",
      name: value.header.name,
      payload: value.payload as Record<string, unknown>,
    };
    if (outcome.kind === "error") this.log.info({ ...context, error: outcome.name }, "home error");
    return { request, response: result.body, outcome, durationMs: result.durationMs };
  }
}
