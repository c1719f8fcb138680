// A built-in ability (DESIGN.md, "Built-in abilities"): the platform's own alarms, schedule,
// home control, device control… built the way an extension is — interaction models per
// language compiled by @clover/nlu, a handler that takes a turn and answers with a turn result,
// sessions and reprompts through the same session store — but without an HTTP hop.
import type { Recognition } from "@clover/nlu";
import type { InteractionModel } from "@clover/protocol";
import type { AnyRequest, AnyResponse } from "../api/http.js";
import type { DeviceEventTurn, DeviceInfo, Language, TurnResult } from "../assistant/turn.js";

/** Ids of abilities are namespaced so logs and sessions tell them from extensions. */
export type AbilityId = `ability:${string}`;

export function isAbilityId(id: string): id is AbilityId {
  return id.startsWith("ability:");
}

export type AbilityModel = Omit<InteractionModel, "invocation">;

/** An utterance routed to an ability. */
export interface AbilityTurn {
  text: string;
  device: DeviceInfo;
  dialogRequestId?: string;
  /** What the ability's recognizer made of the text (intent null: not understood). */
  recognition: Recognition;
  /** The ability's open session when this turn continues a conversation it started. */
  session?: { sessionId: string; attributes: Record<string, unknown> };
}

/** An ability's answer: a turn result, plus whether (and with what) its session stays open. */
export interface AbilityAnswer {
  speech: TurnResult["speech"];
  reprompt?: TurnResult["speech"];
  card?: TurnResult["card"];
  directives?: TurnResult["directives"];
  /**
   * Keep listening for the user's answer in the ability's session, with these attributes
   * (handed back on the next turn). Absent: the session ends.
   */
  keepSession?: { attributes: Record<string, unknown> };
  /** Extension exchange(s) of this turn, for the conversation log and `--verbose`. */
  exchange?: TurnResult["exchange"];
}

export interface Ability {
  readonly id: AbilityId;
  /**
   * Interaction models per language (interaction-model.md §2, without invocation names: an
   * ability is never invoked by name), compiled once, on first use, by the router.
   */
  readonly models?: Partial<Record<Language, AbilityModel>>;
  /**
   * Asked only after every other ability that understood the utterance, however sure it is
   * (small talk: "good night" is a home scene's name first).
   */
  readonly lastResort?: boolean;
  /** How the models are compiled (a lower threshold where open slots lower confidence). */
  readonly modelOptions?: { threshold?: number };
  /**
   * Run-time recognition for abilities whose vocabulary is per user (home control: friendly
   * names, rooms, scenes). Used instead of the compiled model when given.
   */
  recognize?(text: string, device: DeviceInfo): Promise<Recognition | undefined>;
  /**
   * True when the turn needs a real account (the user's own data: alarms, calendar, memos,
   * notifications, home). A guest-mode device (cic.md §3.8) is then asked to log in with
   * `Clova.ExpectLogin` and the ability is not asked at all. Absent: open to guests.
   */
  needsAccount?(turn: AbilityTurn): boolean;
  /** Answers the turn; undefined means "not mine after all" and routing goes on. */
  handle(turn: AbilityTurn): Promise<AbilityAnswer | undefined>;
  /** CIC namespaces whose device events this ability answers (e.g. "Alerts"). */
  readonly namespaces?: readonly string[];
  /** A device event of one of `namespaces`; undefined: nothing to answer (204). */
  handleEvent?(turn: DeviceEventTurn): Promise<TurnResult | undefined>;
  /**
   * Management API requests under the ability's own path (e.g. /api/v1/alerts), checked with
   * the admin token (AbilityServices.admin); resolves false when the path is not its own.
   */
  handleHttp?(req: AnyRequest, res: AnyResponse, url: URL): Promise<boolean>;
  /** Starts timers or jobs; called once the platform is up. */
  start?(): void | Promise<void>;
  close?(): Promise<void>;
}
