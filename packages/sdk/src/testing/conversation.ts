// An in-process stand-in for the platform: sends requests the way CEK does and keeps the
// session between turns (cek-custom-extension.md §7.1): same sessionId and new=false while
// the extension keeps the session open, sessionAttributes handed back from the previous
// response, a fresh session after shouldEndSession=true. Events live outside sessions (§7.7).
import { randomUUID } from "node:crypto";
import type { Extension } from "../app/extension.js";
import type { AnyModel, ModelTypes, SlotName } from "../app/model.js";
import type { EventName, RoutableIntent } from "../app/routes.js";
import type { HttpResult } from "../core/errors.js";
import type { CekRequest, CekResponse, Directive } from "../message/types.js";
import { signCekBody } from "../verify/signature.js";
import { SimulatedPlayer } from "./audio-player.js";
import { buildRequest, type RequestOptions, requests, type SlotInput } from "./requests.js";
import { speechTextOf } from "./speech-text.js";

export interface ConversationOptions
  extends Omit<RequestOptions, "sessionId" | "new" | "sessionAttributes"> {
  /** Sign each request with this PEM private key (as the platform does). */
  privateKey?: string;
  /** Extra HTTP headers on every request. */
  headers?: Record<string, string>;
}

export interface Turn {
  /** The request object and the exact bytes sent. */
  request: CekRequest;
  requestBody: string;
  status: number;
  /** The raw response body and its parsed form (undefined when not JSON). */
  body: string;
  response: CekResponse;
  /** All PlainText speech in order (for SpeechSet: the verbose form). */
  speech: string;
  directives: Directive[];
  shouldEndSession: boolean;
}

type Transport = (body: string, headers: Record<string, string>) => Promise<HttpResult>;

export class Conversation<M extends ModelTypes = AnyModel> {
  readonly turns: Turn[] = [];
  /** The device's player: follows audio directives, sent as context.AudioPlayer. */
  readonly player = new SimulatedPlayer();
  #sessionId: string | undefined;
  #attributes: Record<string, unknown> = {};

  constructor(
    private readonly transport: Transport,
    private readonly options: ConversationOptions = {},
  ) {}

  /** The open session's id, undefined when no session is open. */
  get sessionId(): string | undefined {
    return this.#sessionId;
  }
  get sessionAttributes(): Record<string, unknown> {
    return this.#attributes;
  }
  get isSessionOpen(): boolean {
    return this.#sessionId !== undefined;
  }

  /** "open <extension>": always a new session. */
  launch(): Promise<Turn> {
    this.#close();
    return this.#dialog(requests.launch(this.#sessionOptions()));
  }
  /** An utterance mapped to an intent: continues the open session or starts a one-shot. */
  intent<N extends RoutableIntent<M>>(
    name: N,
    slots: Partial<Record<SlotName<M, N>, SlotInput>> = {},
  ): Promise<Turn> {
    return this.#dialog(
      requests.intent(name, slots as Record<string, SlotInput>, this.#sessionOptions()),
    );
  }
  /** The user quit or stayed silent: SessionEndedRequest; the session closes whatever the
   * extension answers (§3.7). */
  async end(): Promise<Turn> {
    const request = buildRequest({ type: "SessionEndedRequest" }, this.#sessionOptions());
    const turn = await this.#send(request);
    this.#close();
    return turn;
  }
  /** An EventRequest. ClovaSkill events are recognized by name; others are AudioPlayer
   * events unless a namespace is given. Without a payload, playback events describe the
   * simulated player's current stream. */
  event(
    name: EventName,
    payload?: Record<string, unknown> | null,
    namespace?: string,
  ): Promise<Turn> {
    const ns = namespace ?? (name.startsWith("Skill") ? "ClovaSkill" : "AudioPlayer");
    const audio = ns === "AudioPlayer";
    const body = payload !== undefined ? payload : audio ? this.player.eventPayload(name) : null;
    const options = { ...this.#deviceOptions(), sessionId: randomUUID() };
    if (audio) this.player.reported(name);
    return this.#send(requests.event(ns, name, body, options));
  }

  #deviceOptions(): RequestOptions {
    const audioPlayer = this.options.audioPlayer ?? this.player.state;
    return { ...this.options, ...(audioPlayer ? { audioPlayer } : {}) };
  }
  #sessionOptions(): RequestOptions {
    return {
      ...this.#deviceOptions(),
      sessionId: this.#sessionId ?? randomUUID(),
      new: this.#sessionId === undefined,
      sessionAttributes: this.#attributes,
    };
  }
  #close(): void {
    this.#sessionId = undefined;
    this.#attributes = {};
  }

  async #dialog(request: CekRequest): Promise<Turn> {
    const turn = await this.#send(request);
    if (turn.shouldEndSession) this.#close();
    else {
      this.#sessionId = request.session.sessionId;
      this.#attributes = turn.response.sessionAttributes ?? {};
    }
    return turn;
  }

  async #send(request: CekRequest): Promise<Turn> {
    const requestBody = JSON.stringify(request);
    const headers: Record<string, string> = {
      "content-type": "application/json;charset=UTF-8",
      ...this.options.headers,
    };
    if (this.options.privateKey)
      headers.signaturecek = signCekBody(requestBody, this.options.privateKey);
    const result = await this.transport(requestBody, headers);
    if (result.status !== 200) {
      throw new Error(`${request.request.type}: HTTP ${result.status} ${result.body}`);
    }
    const response = JSON.parse(result.body) as CekResponse;
    const turn: Turn = {
      request,
      requestBody,
      status: result.status,
      body: result.body,
      response,
      speech: speechTextOf(response.response.outputSpeech),
      directives: response.response.directives,
      shouldEndSession: response.response.shouldEndSession,
    };
    this.turns.push(turn);
    this.player.follow(turn.directives);
    return turn;
  }
}

/** Talks to an extension in-process, through the same HTTP core the adapters use. */
export function createConversation<M extends ModelTypes>(
  extension: Extension<M>,
  options?: ConversationOptions,
): Conversation<M> {
  return new Conversation<M>(
    (body, headers) => extension.handle({ body: Buffer.from(body), headers, method: "POST" }),
    options,
  );
}

/** Talks to a running extension server over HTTP. */
export function connectConversation<M extends ModelTypes = AnyModel>(
  url: string,
  options?: ConversationOptions,
): Conversation<M> {
  return new Conversation<M>(async (body, headers) => {
    const res = await fetch(url, {
      method: "POST",
      body,
      headers,
      signal: AbortSignal.timeout(10_000),
    });
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      out[k] = v;
    });
    return { status: res.status, headers: out, body: await res.text() };
  }, options);
}
