// What a handler sees: the request (newest shape), typed slots, user, device, session state,
// and a response builder. sessionAttributes are carried into the response automatically.
import type { AnyModel, IntentName, SlotName, SlotValue } from "../app/model.js";
import type {
  AudioPlayerContext,
  CekEvent,
  CekRequest,
  CekResponse,
  CekUser,
  Slot,
} from "../message/types.js";
import { ResponseBuilder } from "../response/builder.js";
import type { Language, SpeechInput } from "../response/speech.js";
import { languageOf, localeOf } from "./language.js";

/** A slot as handlers see it; `value` is typed from the interaction model when known. */
export interface TypedSlot<V extends string = string> extends Omit<Slot, "value"> {
  value: V;
}

const emptyToUndefined = (token: string | null | undefined) =>
  token === null || token === undefined || token === "" ? undefined : token;

export class HandlerContext<M extends AnyModel = AnyModel, I extends string = IntentName<M>> {
  readonly request: CekRequest;
  /** Session state: starts as the request's session.sessionAttributes; what it holds when the
   * handler finishes is sent back in the response (§4.2, §7.1). */
  sessionAttributes: Record<string, unknown>;
  /** Free space for interceptors and handlers to share data during one request. */
  readonly state: Record<string, unknown> = {};
  /** Set by a before-interceptor that answered on its own: the handler is skipped. */
  handled = false;
  readonly locale: string | undefined;
  readonly language: Language;
  response: ResponseBuilder;

  constructor(request: CekRequest, defaultLanguage: Language) {
    this.request = request;
    this.sessionAttributes = { ...request.session.sessionAttributes };
    this.locale = localeOf(request);
    this.language = languageOf(this.locale, defaultLanguage);
    this.response = this.freshResponse();
  }

  /** A new, empty builder with the default session behaviour of this request type. */
  freshResponse(): ResponseBuilder {
    const type = this.request.request.type;
    // Dialog requests keep the session open by default; events and ends close it (§6, §7.7).
    const end = type !== "LaunchRequest" && type !== "IntentRequest";
    return new ResponseBuilder(this.language, end);
  }

  get requestType(): string {
    return this.request.request.type;
  }
  get version(): string {
    return this.request.version;
  }
  get intentName(): I | undefined {
    const body = this.request.request;
    return body.type === "IntentRequest" ? (body.intent.name as I) : undefined;
  }
  /** All slots found in the utterance (only those actually recognized, §3.6). */
  get slots(): Record<string, Slot> {
    const body = this.request.request;
    return body.type === "IntentRequest" ? body.intent.slots : {};
  }
  /** A recognized slot with its value, unit and valueType, or undefined when absent. */
  slot<S extends SlotName<M, I>>(name: S): TypedSlot<SlotValue<M, I, S>> | undefined {
    const found = this.slots[name];
    if (!found || found.value === null || found.value === "") return undefined;
    return found as TypedSlot<SlotValue<M, I, S>>;
  }
  /** Shortcut for `slot(name)?.value`. */
  slotValue<S extends SlotName<M, I>>(name: S): SlotValue<M, I, S> | undefined {
    return this.slot(name)?.value;
  }
  get event(): CekEvent | undefined {
    const body = this.request.request;
    return body.type === "EventRequest" ? (body.event as CekEvent) : undefined;
  }
  get sessionId(): string {
    return this.request.session.sessionId;
  }
  get isNewSession(): boolean {
    return this.request.session.new;
  }
  /** The person speaking (session.user), or the device's default user when absent (§3.2). */
  get user(): CekUser {
    return this.request.session.user ?? this.request.context.System.user;
  }
  /** The device's registered (default) user. */
  get deviceUser(): CekUser {
    return this.request.context.System.user;
  }
  get device(): CekRequest["context"]["System"]["device"] {
    return this.request.context.System.device;
  }
  get applicationId(): string | undefined {
    return this.request.context.System.application?.applicationId;
  }
  /** The linked account's token, if any; absent, null and "" all mean "none" (§3.2, §8.7). */
  get accessToken(): string | undefined {
    return (
      emptyToUndefined(this.request.session.user?.accessToken) ??
      emptyToUndefined(this.request.context.System.user.accessToken)
    );
  }
  get audioPlayer(): AudioPlayerContext | undefined {
    return this.request.context.AudioPlayer;
  }

  /** Shortcut for `response.speak(...)`. */
  say(...items: SpeechInput[]): this {
    this.response.speak(...items);
    return this;
  }
  /** Ends the session after this response; session attributes are dropped. */
  endSession(): this {
    this.response.endSession(true);
    return this;
  }
  keepSession(): this {
    this.response.keepSession();
    return this;
  }

  /** The response message for this request. */
  toResponse(): CekResponse {
    const attributes = this.response.shouldEndSession ? {} : this.sessionAttributes;
    return this.response.build(this.request.version, attributes);
  }
}
