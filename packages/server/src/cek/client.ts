// One call to an extension, start to finish: build the message for the extension's version,
// dispatch it, validate and normalize the answer with @clover/protocol, log what went wrong.
import {
  type CekProtocolVersion,
  type CekResponse,
  cekGuidelineWarnings,
  normalizeCekResponse,
  toCekRequestVersion,
} from "@clover/protocol";
import type { Logger } from "pino";
import type { ExtensionRecord } from "../store/extensions.js";
import type { CekDispatcher, DispatchFailure } from "./dispatcher.js";
import { buildCekRequest, type RequestParts } from "./request-builder.js";

export type ExchangeFailure = DispatchFailure | "invalid-message" | "session-attributes-too-large";

export interface CekExchange {
  /** The message as sent (version-adapted). */
  request: unknown;
  /** The validated, normalized answer. */
  response?: CekResponse;
  /** The answer as received, when it was JSON. */
  rawResponse?: unknown;
  durationMs: number;
  /** The SignatureCEK header sent with the request (absent when nothing was sent). */
  signature?: string;
  error?: { failure: ExchangeFailure; message: string; status?: number };
  /**
   * What a valid answer does against the content guidelines (§4.4, §4.5, §10: more than 10
   * speech items or about 500 characters, audio not on HTTPS, a reprompt that cannot be used):
   * the answer is still played; the developer sees these in the log, the turn log and the CLI.
   */
  warnings?: string[];
}

export interface CallOptions {
  dialogRequestId?: string;
  /** Fire-and-forget: the answer is ignored (SessionEndedRequest, §7.1 rule 6). */
  ignoreAnswer?: boolean;
}

export class CekClient {
  constructor(
    private readonly dispatcher: CekDispatcher,
    private readonly log: Logger,
    private readonly maxSessionAttributesBytes: number,
    /** Sees every exchange once it is complete (the console's extension test records them). */
    private readonly onExchange?: (exchange: CekExchange) => void,
  ) {}

  /** Undefined when the extension's version must not receive this request (§12.2). */
  async call(
    extension: ExtensionRecord,
    parts: Omit<RequestParts, "extensionId">,
    options: CallOptions = {},
  ): Promise<CekExchange | undefined> {
    const built = buildCekRequest({ ...parts, extensionId: extension.id });
    // 0.1.0 extensions get exactly the documented members.
    if (extension.messageVersion !== "1.0" && "locale" in built.request)
      built.request = stripLocale(built.request);
    const message = toCekRequestVersion(built, extension.messageVersion as CekProtocolVersion, {
      legacyEndRequestType: extension.legacyEndRequestType,
    });
    if (message === null) return undefined;
    const exchange = await this.send(extension, message, parts.device.language, options);
    this.onExchange?.(exchange);
    return exchange;
  }

  /**
   * Sends a message already built (or edited by a developer in the console's test screen):
   * signed, dispatched and its answer validated like every other call.
   */
  async send(
    extension: ExtensionRecord,
    message: { version: string; request: { type: string } },
    language: RequestParts["device"]["language"],
    options: CallOptions = {},
  ): Promise<CekExchange> {
    const requestType = message.request.type;
    const result = await this.dispatcher.send(
      { extensionId: extension.id, endpointUrl: extension.endpointUrl },
      message,
    );
    const exchange: CekExchange = { request: message, durationMs: result.durationMs };
    if (result.signature !== undefined) exchange.signature = result.signature;
    const context = {
      extensionId: extension.id,
      dialogRequestId: options.dialogRequestId,
      requestType,
      durationMs: Math.round(result.durationMs),
    };
    if (!result.ok) {
      exchange.error = {
        failure: result.failure,
        message: result.message,
        ...(result.status === undefined ? {} : { status: result.status }),
      };
      this.log.warn({ ...context, failure: result.failure, status: result.status }, result.message);
      return exchange;
    }
    exchange.rawResponse = result.body;
    const breaker = this.dispatcher.breaker(extension.id);
    if (options.ignoreAnswer) {
      breaker.success();
      return exchange;
    }
    const normalized = normalizeCekResponse(result.body, {
      language,
      version: message.version as CekProtocolVersion,
    });
    if (!normalized.ok) {
      const issues = normalized.issues.slice(0, 10).map((i) => i.message);
      const text = `invalid response message: ${issues.join("; ")}`;
      breaker.failure();
      exchange.error = { failure: "invalid-message", message: text };
      this.log.warn({ ...context, failure: "invalid-message", issues }, text);
      return exchange;
    }
    const attributesSize = Buffer.byteLength(JSON.stringify(normalized.value.sessionAttributes));
    if (attributesSize > this.maxSessionAttributesBytes) {
      const text = `sessionAttributes of ${attributesSize} bytes exceed the limit of ${this.maxSessionAttributesBytes}`;
      breaker.failure();
      exchange.error = { failure: "session-attributes-too-large", message: text };
      this.log.warn({ ...context, failure: "session-attributes-too-large" }, text);
      return exchange;
    }
    breaker.success();
    exchange.response = normalized.value;
    const warnings = guidelineWarnings(normalized.value);
    if (warnings) {
      exchange.warnings = warnings;
      this.log.warn(
        { ...context, warnings },
        `response outside the content guidelines: ${warnings.join("; ")}`,
      );
    } else this.log.debug(context, "extension answered");
    return exchange;
  }
}

/**
 * The guideline warnings that apply on this platform; a card is not among them: Clover shows
 * it as a RenderTemplate (docs/server.md "Cards").
 */
function guidelineWarnings(response: CekResponse): string[] | undefined {
  const warnings = cekGuidelineWarnings(response).filter((w) => w.code !== "card-ignored");
  return warnings.length === 0 ? undefined : warnings.map((w) => w.message);
}

function stripLocale<T extends object>(body: T): T {
  if (!("type" in body) || body.type === "EventRequest") return body;
  const { locale: _locale, ...rest } = body as T & { locale?: string };
  return rest as T;
}
