// Builds the response message (cek-custom-extension.md §4). The result always carries every
// member both message versions expect: version, sessionAttributes, outputSpeech, card,
// directives, shouldEndSession (§4.2, §12.2).
import { randomUUID } from "node:crypto";
import type {
  CekResponse,
  Directive,
  DirectiveInput,
  OutputSpeech,
  SpeechInfoObject,
} from "../message/types.js";
import { directives as audio, type PlayOptions } from "./audio.js";
import {
  type Language,
  outputSpeechOf,
  type SpeechInput,
  speech,
  toSpeechInfo,
  verboseOf,
} from "./speech.js";

export class ResponseBuilder {
  #items: SpeechInfoObject[] = [];
  #outputSpeech: OutputSpeech | undefined;
  #reprompt: OutputSpeech | undefined;
  #card: Record<string, unknown> = {};
  #directives: Directive[] = [];
  #shouldEndSession: boolean;

  constructor(
    /** Language of plain-string speech. */
    public language: Language,
    shouldEndSession: boolean,
  ) {
    this.#shouldEndSession = shouldEndSession;
  }

  /** Adds speech: text in the response language, or a SpeechInfoObject. One item becomes
   * SimpleSpeech, several become a SpeechList in the order added. */
  speak(...items: SpeechInput[]): this {
    this.#outputSpeech = undefined;
    for (const item of items) this.#items.push(toSpeechInfo(item, this.language));
    return this;
  }
  /** Adds text in a given language. */
  speakIn(lang: Language, text: string): this {
    return this.speak(speech.text(text, lang));
  }
  /** Adds an MP3 to play as part of the speech (§4.4). */
  speakUrl(url: string): this {
    return this.speak(speech.url(url));
  }
  /** A SpeechSet: short form for screens, detailed form for speakers (§4.3). */
  speechSet(brief: SpeechInput, verbose: SpeechInput | readonly SpeechInput[]): this {
    const list = (Array.isArray(verbose) ? verbose : [verbose]) as SpeechInput[];
    this.#items = [];
    this.#outputSpeech = {
      type: "SpeechSet",
      brief: toSpeechInfo(brief, this.language),
      verbose: verboseOf(list.map((v) => toSpeechInfo(v, this.language))),
    };
    return this;
  }
  /** Replaces the output speech with a raw object. */
  outputSpeech(value: OutputSpeech): this {
    this.#items = [];
    this.#outputSpeech = value;
    return this;
  }
  /** Speech said once more if the user stays silent (§4.5); keeps the session open. */
  reprompt(...items: SpeechInput[]): this {
    this.#reprompt = outputSpeechOf(items.map((i) => toSpeechInfo(i, this.language)));
    this.#shouldEndSession = false;
    return this;
  }
  /** Content template data (not shown by custom extensions in the latest platform, §4.6). */
  card(card: Record<string, unknown>): this {
    this.#card = card;
    return this;
  }
  /** Adds a directive; a missing header.messageId gets a fresh UUID (§4.2). */
  directive(directive: DirectiveInput): this {
    const { header } = directive;
    this.#directives.push(
      header.messageId
        ? (directive as Directive)
        : { ...directive, header: { ...header, messageId: randomUUID() } },
    );
    return this;
  }
  /** AudioPlayer.Play with its stream (§5.2). */
  play(options: PlayOptions): this {
    return this.directive(audio.play(options));
  }
  endSession(end = true): this {
    this.#shouldEndSession = end;
    return this;
  }
  keepSession(): this {
    return this.endSession(false);
  }
  get shouldEndSession(): boolean {
    return this.#shouldEndSession;
  }
  get hasSpeech(): boolean {
    return this.#items.length > 0 || this.#outputSpeech !== undefined;
  }

  build(version: string, sessionAttributes: Record<string, unknown>): CekResponse {
    const response: CekResponse["response"] = {
      outputSpeech: this.#outputSpeech ?? outputSpeechOf(this.#items),
      card: this.#card,
      directives: this.#directives,
      shouldEndSession: this.#shouldEndSession,
    };
    if (this.#reprompt) response.reprompt = { outputSpeech: this.#reprompt };
    return { version, sessionAttributes, response };
  }
}
