// Which handler answers a request (cek-custom-extension.md §3.4, §11).
import type { HandlerContext } from "../context/context.js";
import type { CekRequest } from "../message/types.js";
import type { AnyModel, IntentName } from "./model.js";

export type Handler<C> = (ctx: C) => void | Promise<void>;
// biome-ignore lint/suspicious/noExplicitAny: handlers of differently-typed contexts share one table
export type StoredHandler = Handler<HandlerContext<any, any>>;

/** Built-in intents (interaction-model.md §3). */
export type BuiltinIntentName =
  | "Clova.GuideIntent"
  | "Clova.CancelIntent"
  | "Clova.YesIntent"
  | "Clova.NoIntent"
  | "Clova.NextIntent"
  | "Clova.PreviousIntent"
  | "Clova.PauseIntent"
  | "Clova.ResumeIntent"
  | "Clova.FallbackIntent";

/** Events an extension can receive (§3.8); others are accepted by name too. */
export type EventName =
  | "SkillEnabled"
  | "SkillDisabled"
  | "PlayStarted"
  | "PlayPaused"
  | "PlayResumed"
  | "PlayStopped"
  | "PlayFinished"
  | "ProgressReportDelayPassed"
  | "ProgressReportIntervalPassed"
  | "ProgressReportPositionPassed"
  | "StreamRequested"
  | (string & {});

/** Names `onIntent` accepts: the model's intents plus the built-ins. */
export type RoutableIntent<M extends AnyModel> = IntentName<M> | BuiltinIntentName;

export class RouteTable {
  launch: StoredHandler | undefined;
  sessionEnded: StoredHandler | undefined;
  fallbackIntent: StoredHandler | undefined;
  readonly intents = new Map<string, StoredHandler>();
  /** Keyed by "Namespace.Name" or by bare "Name". */
  readonly events = new Map<string, StoredHandler>();
  anyEvent: StoredHandler | undefined;

  /** The handler for a request, or undefined when nobody handles it. */
  find(request: CekRequest): StoredHandler | undefined {
    const body = request.request;
    switch (body.type) {
      case "LaunchRequest":
        return this.launch;
      case "IntentRequest":
        // Unknown intents get guidance (§11): fallback handler, then the Guide handler.
        return (
          this.intents.get(body.intent.name) ??
          this.fallbackIntent ??
          this.intents.get("Clova.GuideIntent")
        );
      case "SessionEndedRequest":
        return this.sessionEnded;
      case "EventRequest": {
        const { namespace, name } = body.event;
        return this.events.get(`${namespace}.${name}`) ?? this.events.get(name) ?? this.anyEvent;
      }
      default:
        return undefined;
    }
  }
}
